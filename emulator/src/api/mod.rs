//! Microsoft Graph v1.0 as the app uses it: bearer-token checks, CORS, faults, the request log,
//! and the routes of each area.

mod access;
mod apps;
pub mod batch;
mod consents;
mod directory;
mod faults;
mod grants;
mod inventory;
mod list;
mod membership;
mod odata;
pub mod pim;
mod policies;
mod reports;
mod reviews;

use crate::caller::Caller;
use crate::clock::ts;
use crate::error::ApiError;
use crate::state::LoggedRequest;
use crate::Shared;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use faults::{dropped, server_error, take_fault, token_faults};

pub use directory::{group_json as directory_group_json, user_json as directory_user_json};
pub use list::Query;

pub fn routes() -> Router<Shared> {
    Router::new()
        .merge(directory::routes())
        .merge(apps::routes())
        .merge(consents::routes())
        .merge(access::routes())
        .merge(inventory::routes())
        .merge(grants::routes())
        .merge(membership::routes())
        .merge(policies::routes())
        .merge(pim::routes::routes())
        .merge(reports::routes())
        .merge(reviews::routes())
        .route("/v1.0/$batch", axum::routing::post(batch::batch))
}

/// Takes the verified caller from the request (set by the middleware); 401 when there is none.
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| {
            let e = parts.extensions.get::<ApiError>().cloned();
            e.unwrap_or_else(|| unauthorized("Access token is empty."))
        })
    }
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::new(401, "InvalidAuthenticationToken", message).with_header(
        "WWW-Authenticate",
        "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"".into(),
    )
}

/// Graph's answer to a token that predates a revocation event, for a client that declared `cp1`:
/// 401 with `insufficient_claims` and the claims to ask for (a token issued after the event),
/// base64 in `WWW-Authenticate`, as Microsoft documents for CAE.
fn cae_challenge(not_before: i64) -> ApiError {
    use base64::Engine;
    let claims = serde_json::json!({"access_token": {"nbf": {"essential": true, "value": not_before.to_string()}}});
    let encoded = base64::engine::general_purpose::STANDARD.encode(claims.to_string());
    ApiError::new(401, "InvalidAuthenticationToken", "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp")
        .with_header("WWW-Authenticate", format!("Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\"{encoded}\""))
}

/// Reads and checks the bearer token: signature, lifetime, audience, tenant.
fn authenticate(s: &Shared, value: Option<&HeaderValue>) -> Result<Caller, ApiError> {
    let raw = value.and_then(|v| v.to_str().ok()).unwrap_or("");
    let token = raw
        .strip_prefix("Bearer ")
        .or_else(|| raw.strip_prefix("bearer "))
        .unwrap_or("")
        .trim();
    if token.is_empty() {
        return Err(unauthorized("Access token is empty."));
    }
    let claims = s.keys.verify(token).map_err(|_| {
        unauthorized("Access token validation failure. Invalid audience or signature.")
    })?;
    let w = s.world();
    let now = w.now().timestamp();
    if claims["exp"].as_i64().is_none_or(|e| e <= now)
        || claims["nbf"].as_i64().is_some_and(|n| n > now + 300)
    {
        return Err(unauthorized(
            "Lifetime validation failed, the token is expired.",
        ));
    }
    if claims["aud"] != "https://graph.microsoft.com"
        && claims["aud"] != "00000003-0000-0000-c000-000000000000"
    {
        return Err(unauthorized(
            "Access token validation failure. Invalid audience.",
        ));
    }
    if claims["tid"] != w.tenant.id.as_str() {
        return Err(unauthorized(
            "Access token validation failure. Invalid issuer.",
        ));
    }
    if let Some(not_before) = w.cae_not_before {
        if claims["iat"]
            .as_i64()
            .is_none_or(|iat| iat < not_before.timestamp())
        {
            return Err(cae_challenge(not_before.timestamp()));
        }
    }
    let user_id = claims["oid"].as_str().unwrap_or("").to_owned();
    let user = w
        .user(&user_id)
        .ok_or_else(|| unauthorized("The user in the access token no longer exists."))?;
    let strings = |k: &str| {
        claims[k]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    Ok(Caller {
        display_name: user.display_name.clone(),
        upn: user.user_principal_name.clone(),
        user_id,
        scopes: claims["scp"]
            .as_str()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        acrs: strings("acrs"),
        mfa: strings("amr").iter().any(|a| a == "mfa"),
    })
}

/// Middleware for every Graph route.
pub async fn layer(State(s): State<Shared>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if path.ends_with("/oauth2/v2.0/token") {
        return token_faults(&s, req, next).await;
    }
    if !(path.starts_with("/v1.0") || path.starts_with("/beta")) {
        return next.run(req).await;
    }
    let origin = req.headers().get(header::ORIGIN).cloned();
    if req.method() == Method::OPTIONS {
        return cors(StatusCode::NO_CONTENT.into_response(), origin.as_ref());
    }
    let in_batch = req.headers().contains_key("x-emulator-batch");
    let method = req.method().to_string();
    let url = req.uri().to_string();
    let client_request_id = req
        .headers()
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let fault = take_fault(&s, &path, &method, in_batch);
    let differs = s.world().differ.refusal(&path);
    let mut response = match fault.as_ref().map(|f| f.kind.as_str()) {
        // A call this tenant lacks or refuses, as the test set it up to differ.
        _ if differs.is_some() => differs.expect("checked").into_response(),
        Some("throttle") => {
            let after = fault.as_ref().and_then(|f| f.retry_after).unwrap_or(2.128);
            ApiError::new(429, "TooManyRequests", "Please retry again later.")
                .with_header("Retry-After", after.to_string())
                .into_response()
        }
        Some("error") => server_error(fault.as_ref().and_then(|f| f.status).unwrap_or(503)),
        Some("drop") => dropped(),
        other => {
            if other == Some("latency") {
                let ms = fault.as_ref().and_then(|f| f.latency_ms).unwrap_or(100);
                tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            }
            match authenticate(&s, req.headers().get(header::AUTHORIZATION)) {
                Ok(c) => {
                    req.extensions_mut().insert(c);
                }
                Err(e) => {
                    req.extensions_mut().insert(e);
                }
            }
            let applied = next.run(req).await;
            // The work is done and kept; only the answer is lost on the way back.
            match other {
                Some("applyThenError") => {
                    server_error(fault.as_ref().and_then(|f| f.status).unwrap_or(504))
                }
                Some("applyThenDrop") => dropped(),
                _ => applied,
            }
        }
    };
    let request_id = uuid::Uuid::new_v4().to_string();
    stamp(&mut response, &request_id, client_request_id.as_deref(), &s).await;
    let status = response.status().as_u16();
    {
        let mut w = s.world();
        let date_time = ts(w.now());
        w.log.push(LoggedRequest {
            method,
            url,
            status,
            client_request_id,
            in_batch,
            date_time,
        });
    }
    cors(response, origin.as_ref())
}

/// Puts this call's ids in the headers and, for errors, in `innerError`.
async fn stamp(
    response: &mut Response,
    request_id: &str,
    client_request_id: Option<&str>,
    s: &Shared,
) {
    let h = response.headers_mut();
    h.insert(
        "request-id",
        HeaderValue::from_str(request_id).expect("uuid"),
    );
    if let Some(c) = client_request_id.and_then(|c| HeaderValue::from_str(c).ok()) {
        h.insert("client-request-id", c);
    }
    if response.status().as_u16() < 400 {
        return;
    }
    let body = std::mem::replace(response.body_mut(), Body::empty());
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let mut json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    if let Some(inner) = json.pointer_mut("/error/innerError") {
        inner["request-id"] = request_id.into();
        inner["client-request-id"] = client_request_id.unwrap_or(request_id).into();
        inner["date"] = s
            .world()
            .now()
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
            .into();
        *response.body_mut() = Body::from(json.to_string());
        response.headers_mut().remove(header::CONTENT_LENGTH);
    } else {
        *response.body_mut() = Body::from(bytes);
    }
}

/// CORS as graph.microsoft.com answers a browser: any origin, our headers; `Retry-After` is not
/// exposed (reportedly true of Graph), so clients must fall back to their own back-off.
fn cors(mut r: Response, origin: Option<&HeaderValue>) -> Response {
    let h = r.headers_mut();
    h.insert(
        "access-control-allow-origin",
        origin.cloned().unwrap_or(HeaderValue::from_static("*")),
    );
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, PATCH, PUT, DELETE, OPTIONS"),
    );
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static(
            "authorization, content-type, consistencylevel, client-request-id, prefer",
        ),
    );
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("request-id, client-request-id, www-authenticate"),
    );
    h.insert("access-control-max-age", HeaderValue::from_static("3600"));
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    r
}
