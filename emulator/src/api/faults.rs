//! The faults a test asks for: which call a fault hits, and how it fails (a Graph error, a
//! dropped connection, latency, or the work done and the answer lost; on the token endpoint too).

use crate::error::ApiError;
use crate::state::Fault;
use crate::Shared;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn fault_matches(pattern: &str, path: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == path;
    }
    let mut rest = path;
    for (i, part) in parts.iter().enumerate() {
        match rest.find(part) {
            Some(at) if i > 0 || at == 0 => rest = &rest[at + part.len()..],
            _ => return false,
        }
    }
    parts
        .last()
        .is_none_or(|l| l.is_empty() || path.ends_with(l))
}

/// The first live fault for this call, its count taken down by one.
pub(super) fn take_fault(s: &Shared, path: &str, method: &str, in_batch: bool) -> Option<Fault> {
    let mut w = s.world();
    let hit = w.faults.iter_mut().find(|f| {
        fault_matches(&f.path, path)
            && !(f.top_level_only && in_batch)
            && f.method
                .as_ref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && f.count != Some(0)
    });
    hit.map(|f| {
        if let Some(c) = f.count.as_mut() {
            *c -= 1;
        }
        f.clone()
    })
}

pub(super) fn server_error(status: u16) -> Response {
    if status == 403 {
        // A refusal fault reads as Graph's own refusal, not as an outage.
        return ApiError::denied().into_response();
    }
    let code = match status {
        504 => "GatewayTimeout",
        503 => "ServiceUnavailable",
        _ => "generalException",
    };
    ApiError::new(status, code, "The service is temporarily unavailable.").into_response()
}

/// A body that fails mid-stream: the client sees the connection break.
pub(super) fn dropped() -> Response {
    Response::builder()
        .status(200)
        .body(Body::from_stream(futures_stream_error()))
        .expect("valid response")
}

/// Faults on Entra's token endpoint: a 5xx with an OAuth error body, or a dropped connection;
/// the `apply` kinds redeem the code or refresh token first, so it cannot be used again.
pub(super) async fn token_faults(s: &Shared, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let method = req.method().to_string();
    let origin = req.headers().get(header::ORIGIN).cloned();
    let Some(fault) = take_fault(s, &path, &method, false) else {
        return next.run(req).await;
    };
    let oauth_error = |status: u16| {
        let body = serde_json::json!({
            "error": "temporarily_unavailable",
            "error_description": "AADSTS90033: A transient error has occurred. Please try again.",
            "error_codes": [90033],
        });
        let mut r = (
            StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
            axum::Json(body),
        )
            .into_response();
        r.headers_mut().insert(
            "access-control-allow-origin",
            origin.clone().unwrap_or(HeaderValue::from_static("*")),
        );
        r
    };
    match fault.kind.as_str() {
        "error" => oauth_error(fault.status.unwrap_or(503)),
        "drop" => dropped(),
        "latency" => {
            let ms = fault.latency_ms.unwrap_or(100);
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            next.run(req).await
        }
        "applyThenError" => {
            let _ = next.run(req).await;
            oauth_error(fault.status.unwrap_or(504))
        }
        "applyThenDrop" => {
            let _ = next.run(req).await;
            dropped()
        }
        _ => next.run(req).await,
    }
}

fn futures_stream_error(
) -> impl futures_core::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    struct Broken;
    impl futures_core::Stream for Broken {
        type Item = Result<axum::body::Bytes, std::io::Error>;
        fn poll_next(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "fault: dropped",
            ))))
        }
    }
    Broken
}
