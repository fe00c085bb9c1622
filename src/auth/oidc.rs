//! Authorization code with PKCE against the configured authority (RFC 6749, RFC 7636): the
//! authorize URL of one attempt, and redeeming codes and refresh tokens at the token endpoint.
//! The HTTP call is passed in (fetch in the browser, a fake in native tests).

use super::claims;
use super::errors::AuthError;
use super::pkce;
use super::tokens::TokenSet;
use crate::config::AppConfig;
use form_urlencoded::Serializer;
use serde::{Deserialize, Serialize};
use std::future::Future;

/// The token endpoint's answer to a refresh (RFC 6749 §5.1).
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
}

/// The token endpoint's refusal (RFC 6749 §5.2); Entra puts its AADSTS code in the description.
#[derive(Deserialize)]
struct Refusal {
    error: String,
    #[serde(default)]
    error_description: String,
}

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
    /// The scopes asked for, when more than sign-in's (a page's tier): its tokens are kept
    /// under them.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The tiers those scopes are for: a refusal is said on the page that asked, not as a
    /// failed sign-in.
    #[serde(default)]
    pub tiers: Vec<crate::config::Tier>,
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
    /// The scopes of a page's tiers, when more than sign-in's, and those tiers.
    pub scopes: Option<&'a [String]>,
    pub tiers: &'a [crate::config::Tier],
}

/// The `/authorize` URL of a new attempt, and the attempt to remember.
pub fn begin(
    cfg: &AppConfig,
    return_to: &str,
    p: Prompt<'_>,
) -> Result<(String, Attempt), AuthError> {
    let random = |_| AuthError::Transport("the browser gave no random values".into());
    let (verifier, state, nonce) = (
        pkce::random().map_err(random)?,
        pkce::random().map_err(random)?,
        pkce::random().map_err(random)?,
    );
    let mut q = Serializer::new(String::new());
    q.append_pair("client_id", &cfg.client_id)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", cfg.redirect_uri.as_str())
        .append_pair("scope", &p.scopes.unwrap_or(&cfg.scopes).join(" "))
        .append_pair("state", &state)
        .append_pair("code_challenge", &pkce::challenge(&verifier))
        .append_pair("code_challenge_method", "S256")
        .append_pair("nonce", &nonce)
        .append_pair("response_mode", "query")
        .append_pair("claims", &claims::request_with(p.acrs, p.challenge));
    if let Some(h) = p.login_hint {
        q.append_pair("login_hint", h);
    }
    if let Some(pr) = p.prompt {
        q.append_pair("prompt", pr);
    }
    let url = format!("{}?{}", cfg.authorize_endpoint(), q.finish());
    let attempt = Attempt {
        state,
        nonce,
        verifier,
        return_to: super::callback::safe_return(return_to),
        acrs: p.acrs.map(str::to_owned),
        scopes: p.scopes.map(<[String]>::to_vec).unwrap_or_default(),
        tiers: p.tiers.to_vec(),
    };
    Ok((url, attempt))
}

/// POSTs a form to the token endpoint: the HTTP status and body, or why nothing came back.
pub trait TokenHttp {
    fn post(&self, url: &str, form: String) -> impl Future<Output = Result<(u16, String), String>>;
}

impl<F, Fut> TokenHttp for F
where
    F: Fn(String, String) -> Fut,
    Fut: Future<Output = Result<(u16, String), String>>,
{
    fn post(&self, url: &str, form: String) -> impl Future<Output = Result<(u16, String), String>> {
        self(url.to_owned(), form)
    }
}

/// Sends one grant to the token endpoint and reads the answer or the refusal.
async fn grant(
    cfg: &AppConfig,
    http: &impl TokenHttp,
    pairs: &[(&str, &str)],
) -> Result<TokenAnswer, AuthError> {
    let mut form = Serializer::new(String::new());
    // A SPA has no secret: the client id travels in the body.
    form.append_pair("client_id", &cfg.client_id);
    for (k, v) in pairs {
        form.append_pair(k, v);
    }
    let (status, body) = http
        .post(&cfg.token_endpoint(), form.finish())
        .await
        .map_err(AuthError::Transport)?;
    if (200..300).contains(&status) {
        return crate::json::from_text(&body)
            .map_err(|e| AuthError::Transport(format!("unreadable token response ({e})")));
    }
    match crate::json::from_text::<Refusal>(&body) {
        Ok(r) => Err(AuthError::authority(&r.error, &r.error_description)),
        Err(_) => Err(AuthError::Transport(format!(
            "unreadable token response (HTTP {status})"
        ))),
    }
}

fn token_set(r: TokenAnswer, now: i64, acrs: Option<String>) -> TokenSet {
    let lifetime = r.expires_in.unwrap_or(3600);
    TokenSet {
        access_token: r.access_token,
        refresh_token: r.refresh_token,
        expires_at: now + lifetime,
        lifetime,
        acrs,
    }
}

/// Uses a refresh token for `scopes` (any the user and the tenant consented to: Entra's refresh
/// tokens reach every consented permission of the resource); the answer replaces it (Entra
/// rotates them).
pub async fn refresh(
    cfg: &AppConfig,
    scopes: &[String],
    refresh_token: &str,
    acrs: Option<String>,
    now: i64,
    http: &impl TokenHttp,
) -> Result<TokenSet, AuthError> {
    let scope = scopes.join(" ");
    let pairs = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("scope", scope.as_str()),
    ];
    Ok(token_set(grant(cfg, http, &pairs).await?, now, acrs))
}

/// Where to send the browser to end the session at the authority too.
pub fn logout_url(cfg: &AppConfig) -> String {
    let back: String =
        form_urlencoded::byte_serialize(cfg.redirect_uri.as_str().as_bytes()).collect();
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
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .any(|(k, v)| k == "state" && v == SIGNED_OUT)
        && !query.contains("code=")
        && !query.contains("error=")
}

mod code;
pub use code::redeem;

#[cfg(test)]
mod tests;
