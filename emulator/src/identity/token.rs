//! `/token`: redeems codes with PKCE and refresh tokens with rotation; answers CORS for the SPA.

use super::aadsts;
use super::authorize::Params;
use crate::apps::Consent;
use crate::state::{Grant, World};
use crate::Shared;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{extract::State, Form, Json};
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use chrono::Duration;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn cors(mut r: Response, w: &World, headers: &HeaderMap) -> Response {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .unwrap_or("");
    if spa_origin(w, origin) {
        let h = r.headers_mut();
        h.insert(
            "access-control-allow-origin",
            HeaderValue::from_str(origin).expect("checked"),
        );
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static("POST, OPTIONS"),
        );
        h.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("content-type, client-request-id, x-client-sku, x-client-ver"),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("86400"));
    }
    r
}

/// Whether `origin` is the origin of a single-page app's registered redirect URI: Entra answers
/// CORS on the token endpoint for those alone.
fn spa_origin(w: &World, origin: &str) -> bool {
    !origin.is_empty()
        && w.apps.applications.iter().any(|a| {
            a["spa"]["redirectUris"].as_array().is_some_and(|l| {
                l.iter().filter_map(|u| u.as_str()).any(|u| {
                    u.strip_prefix(origin)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
            })
        })
}

pub async fn preflight(State(s): State<Shared>, headers: HeaderMap) -> Response {
    cors(StatusCode::NO_CONTENT.into_response(), &s.world(), &headers)
}

pub(super) fn oauth_error(error: &str, code: u32, text: &str) -> Response {
    let body = json!({
        "error": error, "error_description": aadsts(code, text), "error_codes": [code],
        "timestamp": chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string(),
        "trace_id": uuid::Uuid::new_v4().to_string(), "correlation_id": uuid::Uuid::new_v4().to_string(),
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

pub async fn token(State(s): State<Shared>, headers: HeaderMap, Form(p): Form<Params>) -> Response {
    let response = redeem(&s, &headers, &p);
    cors(response, &s.world(), &headers)
}

fn redeem(s: &Shared, headers: &HeaderMap, p: &Params) -> Response {
    let mut w = s.world();
    let client = p.get("client_id").cloned().unwrap_or_default();
    if w.apps.display_name(&client).is_none() {
        return oauth_error(
            "unauthorized_client",
            700016,
            &format!(
                "Application with identifier '{client}' was not found in the directory '{}'.",
                w.tenant.display_name
            ),
        );
    }
    if p.get("grant_type").map(String::as_str) == Some(DEVICE_GRANT) {
        drop(w);
        let grant = match super::device::poll(s, p) {
            Ok(g) => g,
            Err(r) => return r,
        };
        let mut w = s.world();
        return answer(tokens(s, &mut w, grant, None));
    }
    // A SPA's codes and refresh tokens may only be redeemed cross-origin, from its own origin.
    if headers.get(header::ORIGIN).is_none() && !w.apps.public_client(&client) {
        return oauth_error("invalid_request", 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
    }
    let now = w.now();
    let grant = match p.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let code = p.get("code").cloned().unwrap_or_default();
            let Some(c) = w.codes.remove(&code) else {
                return oauth_error("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
            };
            if c.expires < now {
                return oauth_error("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.");
            }
            if p.get("redirect_uri") != Some(&c.redirect_uri)
                || p.get("client_id") != Some(&c.client_id)
            {
                return oauth_error("invalid_grant", 50148, "The code_verifier does not match the code_challenge supplied in the authorization request.");
            }
            let verifier = p.get("code_verifier").cloned().unwrap_or_default();
            if B64.encode(Sha256::digest(verifier.as_bytes())) != c.challenge {
                return oauth_error("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
            }
            (
                Grant {
                    user_id: c.user_id,
                    client_id: c.client_id,
                    scopes: c.scopes,
                    acrs: c.acrs,
                    mfa: c.mfa,
                    deadline: now + Duration::hours(24),
                },
                c.nonce,
            )
        }
        Some("refresh_token") => {
            let rt = p.get("refresh_token").cloned().unwrap_or_default();
            // A refresh may ask for any scope consented for this user and client (incremental
            // consent): more than that needs an interactive sign-in.
            if let (Some(asked), Some(held)) = (p.get("scope"), w.refresh_tokens.get(&rt)) {
                let scopes: Vec<String> = asked.split_whitespace().map(String::from).collect();
                let roles = w.roles_of(&held.user_id);
                let consent = w
                    .apps
                    .consent_for(&held.client_id, &held.user_id, &scopes, &roles);
                if consent != Consent::Granted {
                    let name = w.apps.display_name(&held.client_id).unwrap_or_default();
                    return oauth_error("invalid_grant", 65001, &format!("The user or administrator has not consented to use the application with ID '{}' named '{name}'. Send an interactive authorization request for this user and resource.", held.client_id));
                }
            }
            // Entra rotates refresh tokens but does not revoke the one used: a tab that navigated
            // away before storing the new one may still use the old, until the fixed SPA lifetime.
            let Some(g) = w.refresh_tokens.get(&rt).cloned() else {
                return oauth_error("invalid_grant", 700084, "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the login page.");
            };
            if g.deadline < now {
                return oauth_error("invalid_grant", 700084, "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the login page.");
            }
            let mut g = g;
            if let Some(scope) = p.get("scope") {
                g.scopes = scope.split_whitespace().map(str::to_owned).collect();
            }
            (g, None)
        }
        _ => {
            return oauth_error(
                "unsupported_grant_type",
                70003,
                "The app requested an unsupported grant type.",
            )
        }
    };
    let (grant, nonce) = grant;
    answer(tokens(s, &mut w, grant, nonce))
}

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

fn answer(body: Value) -> Response {
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
}

fn tokens(s: &Shared, w: &mut World, g: Grant, nonce: Option<String>) -> Value {
    let now = w.now();
    let user = w.user(&g.user_id).cloned().expect("codes name real users");
    let tid = w.tenant.id.clone();
    let graph: Vec<String> = g
        .scopes
        .iter()
        .filter(|s| !["openid", "profile", "email", "offline_access"].contains(&s.as_str()))
        .map(|s| {
            s.strip_prefix("https://graph.microsoft.com/")
                .unwrap_or(s)
                .to_owned()
        })
        .collect();
    let exp = now + Duration::seconds(w.token_lifetime_secs);
    let mut access = json!({
        "aud": "https://graph.microsoft.com", "iss": format!("https://sts.windows.net/{tid}/"),
        "iat": now.timestamp(), "nbf": now.timestamp(), "exp": exp.timestamp(),
        "appid": g.client_id, "oid": user.id, "tid": tid, "sub": user.id, "name": user.display_name,
        "upn": user.user_principal_name, "unique_name": user.user_principal_name,
        "scp": graph.join(" "), "amr": if g.mfa { json!(["pwd", "mfa"]) } else { json!(["pwd"]) },
        "wids": w.roles_of(&user.id), "ver": "1.0", "uti": uuid::Uuid::new_v4().simple().to_string(),
    });
    if !g.acrs.is_empty() {
        access["acrs"] = json!(g.acrs);
    }
    let mut id = json!({
        "aud": g.client_id, "iss": format!("{}/{tid}/v2.0", s.base_url()), "iat": now.timestamp(),
        "nbf": now.timestamp(), "exp": (now + Duration::hours(1)).timestamp(), "oid": user.id, "tid": tid,
        "sub": user.id, "name": user.display_name, "preferred_username": user.user_principal_name, "ver": "2.0",
    });
    if let Some(n) = nonce {
        id["nonce"] = json!(n);
    }
    let rt = format!(
        "1.{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let scope = graph
        .iter()
        .map(|s| format!("https://graph.microsoft.com/{s}"))
        .collect::<Vec<_>>()
        .join(" ");
    let lifetime = w.token_lifetime_secs;
    w.refresh_tokens.insert(rt.clone(), g);
    json!({
        "token_type": "Bearer", "scope": scope, "expires_in": lifetime, "ext_expires_in": lifetime,
        "access_token": s.keys.sign(&access), "refresh_token": rt, "id_token": s.keys.sign(&id),
    })
}
