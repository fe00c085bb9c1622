//! Authorization code with PKCE against the configured authority, through the oauth2 crate: the
//! authorize URL of one attempt, and redeeming codes and refresh tokens. The HTTP client is
//! passed in (gloo-net in the browser, a fake in native tests).

use super::claims;
use super::errors::AuthError;
use super::id_token::{account, Account, Expected};
use super::tokens::TokenSet;
use crate::config::AppConfig;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AsyncHttpClient, AuthType, AuthUrl, AuthorizationCode, Client, ClientId, CsrfToken,
    EndpointNotSet, EndpointSet, ExtraTokenFields, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RefreshToken, RequestTokenError, Scope, StandardRevocableToken,
    StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

/// Entra's token response also carries the id token.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct IdTokenField {
    #[serde(default)]
    pub id_token: Option<String>,
}
impl ExtraTokenFields for IdTokenField {}

type EntraResponse = StandardTokenResponse<IdTokenField, BasicTokenType>;
type EntraClient = Client<
    BasicErrorResponse,
    EntraResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// One sign-in attempt, kept in sessionStorage across the redirect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    /// Where the user was: path, query and fragment, restored after sign-in.
    pub return_to: String,
    /// The authentication context asked for, when this is a step-up.
    pub acrs: Option<String>,
}

fn client(cfg: &AppConfig) -> Result<EntraClient, AuthError> {
    let bad = |e: oauth2::url::ParseError| AuthError::Transport(format!("config.json: {e}"));
    Ok(Client::new(ClientId::new(cfg.client_id.clone()))
        .set_auth_uri(AuthUrl::new(cfg.authorize_endpoint()).map_err(bad)?)
        .set_token_uri(TokenUrl::new(cfg.token_endpoint()).map_err(bad)?)
        .set_redirect_uri(RedirectUrl::new(cfg.redirect_uri.to_string()).map_err(bad)?)
        // A SPA has no secret: the client id travels in the body.
        .set_auth_type(AuthType::RequestBody))
}

/// Options of an interactive sign-in.
#[derive(Clone, Debug, Default)]
pub struct Prompt<'a> {
    pub login_hint: Option<&'a str>,
    /// `select_account` to switch user, `login` to force credentials.
    pub prompt: Option<&'a str>,
    pub acrs: Option<&'a str>,
    /// A claims challenge from Graph (CAE) to satisfy.
    pub challenge: Option<&'a super::claims::ClaimsChallenge>,
}

/// The `/authorize` URL of a new attempt, and the attempt to remember.
pub fn begin(
    cfg: &AppConfig,
    return_to: &str,
    p: Prompt<'_>,
) -> Result<(String, Attempt), AuthError> {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let nonce = CsrfToken::new_random();
    let c = client(cfg)?;
    let mut req = c
        .authorize_url(CsrfToken::new_random)
        .set_pkce_challenge(challenge)
        .add_scopes(cfg.scopes.iter().cloned().map(Scope::new))
        .add_extra_param("nonce", nonce.secret().clone())
        .add_extra_param("response_mode", "query")
        .add_extra_param("claims", claims::request_with(p.acrs, p.challenge));
    if let Some(h) = p.login_hint {
        req = req.add_extra_param("login_hint", h.to_owned());
    }
    if let Some(pr) = p.prompt {
        req = req.add_extra_param("prompt", pr.to_owned());
    }
    let (url, state) = req.url();
    let attempt = Attempt {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        return_to: super::callback::safe_return(return_to),
        acrs: p.acrs.map(str::to_owned),
    };
    Ok((url.to_string(), attempt))
}

fn map_error<E: std::error::Error + 'static>(
    e: RequestTokenError<E, BasicErrorResponse>,
) -> AuthError {
    match e {
        RequestTokenError::ServerResponse(r) => AuthError::authority(
            r.error().as_ref(),
            r.error_description().map_or("", |d| d.as_str()),
        ),
        RequestTokenError::Request(e) => AuthError::Transport(e.to_string()),
        RequestTokenError::Parse(e, _) => {
            AuthError::Transport(format!("unreadable token response ({e})"))
        }
        RequestTokenError::Other(e) => AuthError::Transport(e),
    }
}

fn token_set(r: &EntraResponse, now: i64, acrs: Option<String>) -> TokenSet {
    let lifetime = r.expires_in().map_or(3600, |d| d.as_secs() as i64);
    TokenSet {
        access_token: r.access_token().secret().clone(),
        refresh_token: r.refresh_token().map(|t| t.secret().clone()),
        expires_at: now + lifetime,
        lifetime,
        acrs,
    }
}

/// Redeems the code of `attempt`; checks the id token's nonce.
pub async fn redeem<C: for<'c> AsyncHttpClient<'c>>(
    cfg: &AppConfig,
    attempt: &Attempt,
    code: &str,
    now: i64,
    http: &C,
) -> Result<(TokenSet, Account), AuthError> {
    let r = client(cfg)?
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier.clone()))
        .request_async(http)
        .await
        .map_err(map_error)?;
    let id = r
        .extra_fields()
        .id_token
        .as_deref()
        .ok_or_else(|| AuthError::Transport("no id token in the answer".into()))?;
    let who = account(
        id,
        &Expected {
            nonce: Some(&attempt.nonce),
            client_id: &cfg.client_id,
            tenant: &cfg.tenant_id,
            now,
        },
    )?;
    Ok((token_set(&r, now, attempt.acrs.clone()), who))
}

/// Uses a refresh token; the answer replaces it (Entra rotates them).
pub async fn refresh<C: for<'c> AsyncHttpClient<'c>>(
    cfg: &AppConfig,
    refresh_token: &str,
    acrs: Option<String>,
    now: i64,
    http: &C,
) -> Result<TokenSet, AuthError> {
    let rt = RefreshToken::new(refresh_token.to_owned());
    let r = client(cfg)?
        .exchange_refresh_token(&rt)
        .add_scopes(cfg.scopes.iter().cloned().map(Scope::new))
        .request_async(http)
        .await
        .map_err(map_error)?;
    Ok(token_set(&r, now, acrs))
}

/// Where to send the browser to end the session at the authority too.
pub fn logout_url(cfg: &AppConfig) -> String {
    let back: String =
        url::form_urlencoded::byte_serialize(cfg.redirect_uri.as_str().as_bytes()).collect();
    // `state` comes back on the redirect (OpenID RP-initiated logout), so the app can say "signed
    // out" instead of starting the next sign-in and writing its attempt; an authority that drops
    // it simply gets the next sign-in.
    format!(
        "{}/oauth2/v2.0/logout?post_logout_redirect_uri={back}&state={SIGNED_OUT}",
        cfg.authority
    )
}

/// The `state` a logout comes back with.
pub const SIGNED_OUT: &str = "signed-out";

/// Whether this query is the authority's return from a logout.
pub fn is_signed_out(query: &str) -> bool {
    url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .any(|(k, v)| k == "state" && v == SIGNED_OUT)
        && !query.contains("code=")
        && !query.contains("error=")
}

#[cfg(test)]
mod tests;
