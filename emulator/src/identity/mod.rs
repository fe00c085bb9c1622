//! Entra ID's v2.0 endpoints for a SPA: discovery, keys, authorize (account picker and step-up),
//! token (code with PKCE, refresh with rotation) and logout. Errors in the AADSTS shape.

mod authorize;
mod device;
pub mod keys;
pub mod pages;
mod token;

use crate::Shared;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(jwks))
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::show).post(authorize::submit),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(token::token).options(token::preflight),
        )
        .route("/{tenant}/oauth2/v2.0/logout", get(authorize::logout))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(device::start))
        .route("/devicelogin", get(device::page).post(device::submit))
}

/// The error an endpoint reports, in Entra's words: `AADSTSnnnnn: text`.
pub fn aadsts(code: u32, text: &str) -> String {
    format!(
        "AADSTS{code}: {text} Trace ID: {} Correlation ID: {} Timestamp: {}",
        uuid::Uuid::new_v4(),
        uuid::Uuid::new_v4(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ")
    )
}

/// Entra answers its discovery document and keys to any origin (MSAL.js reads them from pages).
fn open_to_all(body: Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    ([("access-control-allow-origin", "*")], Json(body)).into_response()
}

async fn discovery(
    State(s): State<Shared>,
    Path(tenant): Path<String>,
) -> axum::response::Response {
    let base = s.base_url();
    let tid = s.world().tenant.id.clone();
    let _ = tenant;
    open_to_all(json!({
        "token_endpoint": format!("{base}/{tid}/oauth2/v2.0/token"),
        "device_authorization_endpoint": format!("{base}/{tid}/oauth2/v2.0/devicecode"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{base}/{tid}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": format!("{base}/{tid}/v2.0"),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{base}/oidc/userinfo"),
        "authorization_endpoint": format!("{base}/{tid}/oauth2/v2.0/authorize"),
        "end_session_endpoint": format!("{base}/{tid}/oauth2/v2.0/logout"),
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email", "oid"],
        "code_challenge_methods_supported": ["S256"],
        "tenant_region_scope": "EU",
        "cloud_instance_name": "microsoftonline.com",
    }))
}

async fn jwks(State(s): State<Shared>) -> axum::response::Response {
    open_to_all(s.keys.jwks())
}
