//! The last step of sign-in on the `oauth2` crate: the code redeemed with its PKCE verifier, then
//! the id token checked. It runs once per sign-in, in the `sign_in_redeem` chunk, so the crate
//! costs no page its first load.

use super::{TokenAnswer, TokenHttp};
use crate::auth::errors::AuthError;
use crate::auth::id_token::{account, Account, Expected};
use crate::auth::tokens::TokenSet;
use crate::config::AppConfig;
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::http::{header, Response, StatusCode};
use oauth2::{
    AuthType, AuthorizationCode, ClientId, ExtraTokenFields, HttpRequest, HttpResponse,
    PkceCodeVerifier, RedirectUrl, RequestTokenError, StandardRevocableToken,
    StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

/// Entra's id token beside the access token.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct IdToken {
    #[serde(default)]
    id_token: Option<String>,
}
impl ExtraTokenFields for IdToken {}

type Answer = StandardTokenResponse<IdToken, BasicTokenType>;
type EntraClient = oauth2::Client<
    BasicErrorResponse,
    Answer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
>;

/// Why the HTTP call gave no answer, for the crate's error type.
#[derive(Debug)]
struct NoAnswer(String);
impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for NoAnswer {}

/// Redeems the code of `attempt`; checks the id token's nonce, audience, tenant and time.
pub async fn redeem(
    cfg: &AppConfig,
    attempt: &super::Attempt,
    code: &str,
    now: i64,
    http: &impl TokenHttp,
) -> Result<(TokenSet, Account), AuthError> {
    let bad = |e: String| AuthError::Transport(format!("the sign-in settings are unusable ({e})"));
    let client = EntraClient::new(ClientId::new(cfg.client_id.clone()))
        // A single-page app has no secret: its id travels in the body.
        .set_auth_type(AuthType::RequestBody)
        .set_token_uri(TokenUrl::new(cfg.token_endpoint()).map_err(|e| bad(e.to_string()))?)
        .set_redirect_uri(
            RedirectUrl::new(cfg.redirect_uri.as_str().to_owned())
                .map_err(|e| bad(e.to_string()))?,
        );
    let send = |request: HttpRequest| async move {
        let url = request.uri().to_string();
        let form = String::from_utf8(request.into_body()).map_err(|e| NoAnswer(e.to_string()))?;
        let (status, body) = http.post(&url, form).await.map_err(NoAnswer)?;
        let status = StatusCode::from_u16(status).map_err(|e| NoAnswer(e.to_string()))?;
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into_bytes())
            .map_err(|e| NoAnswer(e.to_string())) as Result<HttpResponse, NoAnswer>
    };
    let answer = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier.clone()))
        .request_async(&send)
        .await
        .map_err(refused)?;
    let id = answer
        .extra_fields()
        .id_token
        .clone()
        .ok_or_else(|| AuthError::Transport("no id token in the answer".into()))?;
    let who = account(
        &id,
        &Expected {
            nonce: Some(&attempt.nonce),
            client_id: &cfg.client_id,
            tenant: &cfg.tenant_id,
            now,
        },
    )?;
    let tokens = TokenAnswer {
        access_token: answer.access_token().secret().clone(),
        refresh_token: answer.refresh_token().map(|r| r.secret().clone()),
        expires_in: answer.expires_in().map(|d| d.as_secs() as i64),
    };
    Ok((super::token_set(tokens, now, attempt.acrs.clone()), who))
}

/// The authority's refusal keeps its AADSTS code; anything else is named.
fn refused(e: RequestTokenError<NoAnswer, BasicErrorResponse>) -> AuthError {
    match e {
        RequestTokenError::ServerResponse(r) => AuthError::authority(
            r.error().as_ref(),
            r.error_description().map_or("", String::as_str),
        ),
        RequestTokenError::Request(why) => AuthError::Transport(why.to_string()),
        RequestTokenError::Parse(why, body) => AuthError::Transport(format!(
            "unreadable token response ({why}): {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(120)
                .collect::<String>()
        )),
        RequestTokenError::Other(why) => AuthError::Transport(why),
    }
}
