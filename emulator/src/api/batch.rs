//! `POST /$batch`: up to 20 requests, `dependsOn` order, each sub-request run through the same
//! routes (and so the same checks, faults and log) as a direct call.

use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Request};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use tower::ServiceExt;

pub async fn batch(
    State(s): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let requests = body["requests"]
        .as_array()
        .cloned()
        .ok_or_else(|| ApiError::bad_request("Invalid batch payload format."))?;
    if requests.is_empty() || requests.len() > 20 {
        return Err(ApiError::bad_request(
            "The number of batch requests must be between 1 and 20.",
        ));
    }
    let mut ids = std::collections::HashSet::new();
    for r in &requests {
        let id = r["id"]
            .as_str()
            .ok_or_else(|| ApiError::bad_request("Each batch request needs an id."))?;
        if !ids.insert(id.to_owned()) {
            return Err(ApiError::bad_request(format!(
                "Batch request id '{id}' is not unique."
            )));
        }
        if r["body"].is_object()
            && !r["headers"]
                .as_object()
                .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("content-type")))
        {
            return Err(ApiError::bad_request(
                "Write request id : ".to_owned()
                    + id
                    + " does not contain Content-Type header or body.",
            ));
        }
    }
    let router = s.router();
    let mut statuses: HashMap<String, u16> = HashMap::new();
    let mut responses = vec![];
    for r in &requests {
        let id = r["id"].as_str().unwrap_or_default().to_owned();
        let failed_dependency = r["dependsOn"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|d| statuses.get(d).is_none_or(|st| *st >= 400));
        if failed_dependency {
            statuses.insert(id.clone(), 424);
            responses.push(json!({"id": id, "status": 424, "headers": {}, "body": {"error": {"code": "FailedDependency", "message": "The dependent request failed."}}}));
            continue;
        }
        // Clients do not always percent-encode the spaces and quotes of a `$filter` in a batch.
        let url = r["url"]
            .as_str()
            .unwrap_or("/")
            .replace(' ', "%20")
            .replace('\'', "%27");
        let path = if url.starts_with("/v1.0") {
            url.to_owned()
        } else {
            format!(
                "/v1.0{}",
                if url.starts_with('/') {
                    url.to_owned()
                } else {
                    format!("/{url}")
                }
            )
        };
        let mut builder = Request::builder()
            .method(r["method"].as_str().unwrap_or("GET"))
            .uri(path)
            .header("x-emulator-batch", "1");
        if let Some(auth) = headers.get("authorization") {
            builder = builder.header("authorization", auth);
        }
        for (k, v) in r["headers"].as_object().into_iter().flatten() {
            if let Some(v) = v.as_str() {
                builder = builder.header(k.as_str(), v);
            }
        }
        let sub_body = if r["body"].is_null() {
            Body::empty()
        } else {
            Body::from(r["body"].to_string())
        };
        let req = builder
            .body(sub_body)
            .map_err(|_| ApiError::bad_request(format!("Request {id} is malformed.")))?;
        let res = router.clone().oneshot(req).await.expect("infallible");
        let status = res.status().as_u16();
        let mut out_headers = serde_json::Map::new();
        for (name, key) in [
            ("content-type", "Content-Type"),
            ("retry-after", "Retry-After"),
            ("location", "Location"),
            ("www-authenticate", "WWW-Authenticate"),
        ] {
            if let Some(v) = res.headers().get(name).and_then(|v| v.to_str().ok()) {
                out_headers.insert(key.to_owned(), json!(v));
            }
        }
        let bytes = axum::body::to_bytes(res.into_body(), 16 << 20)
            .await
            .unwrap_or_default();
        let body: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        statuses.insert(id.clone(), status);
        let mut one = json!({"id": id, "status": status, "headers": out_headers});
        if !body.is_null() {
            one["body"] = body;
        }
        responses.push(one);
    }
    Ok(Json(json!({"responses": responses})))
}
