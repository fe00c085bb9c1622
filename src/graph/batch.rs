//! `$batch`: requests grouped by at most 20, each sub-answer read on its own (its status honoured,
//! its error kept), and the throttled ones picked out to be retried alone.

use super::error::{ErrorHeaders, GraphError};
use super::request::GraphRequest;
use serde_json::{json, Map, Value};

/// Graph's limit of requests in one batch.
pub const MAX_REQUESTS: usize = 20;

/// The `$batch` bodies for `requests`, in order; sub-request ids are the indexes into `requests`.
pub fn bodies(requests: &[GraphRequest]) -> Vec<Value> {
    requests
        .chunks(MAX_REQUESTS)
        .enumerate()
        .map(|(chunk, part)| {
            let items: Vec<Value> = part
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut item = json!({"id": (chunk * MAX_REQUESTS + i).to_string(), "method": r.method, "url": r.url});
                    if !r.headers.is_empty() {
                        let h: Map<String, Value> = r.headers.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
                        item["headers"] = Value::Object(h);
                    }
                    if let Some(b) = &r.body {
                        item["body"] = b.clone();
                    }
                    item
                })
                .collect();
            json!({"requests": items})
        })
        .collect()
}

/// One sub-answer: the body on success, a `GraphError` otherwise.
pub type SubResult = Result<Value, GraphError>;

/// Reads a `$batch` answer into `(index, result)` pairs; answers may come in any order.
pub fn read(answer: &Value) -> Result<Vec<(usize, SubResult)>, GraphError> {
    let responses = answer["responses"].as_array().ok_or_else(|| {
        GraphError::from_response(
            502,
            ErrorHeaders::default(),
            "The $batch answer has no responses.",
        )
    })?;
    let mut out = vec![];
    for r in responses {
        let Some(index) = r["id"].as_str().and_then(|id| id.parse::<usize>().ok()) else {
            continue;
        };
        let status = r["status"].as_u64().unwrap_or(0) as u16;
        let header = |name: &str| {
            r["headers"]
                .as_object()
                .and_then(|h| h.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
                .and_then(|(_, v)| v.as_str())
        };
        let result = if (200..300).contains(&status) {
            Ok(r.get("body").cloned().unwrap_or(Value::Null))
        } else {
            let headers = ErrorHeaders {
                retry_after: header("Retry-After"),
                request_id: header("request-id"),
                ..Default::default()
            };
            Err(GraphError::from_response(
                status,
                headers,
                &r.get("body").map(Value::to_string).unwrap_or_default(),
            ))
        };
        out.push((index, result));
    }
    out.sort_by_key(|(i, _)| *i);
    Ok(out)
}

/// One sub-answer read as `T`: a missing or malformed answer is an error, never an empty value.
pub fn decode<T: serde::de::DeserializeOwned>(answer: Option<SubResult>) -> Result<T, GraphError> {
    let value = answer.unwrap_or(Err(GraphError::transport(
        "the batch had no answer for this request",
        "-",
    )))?;
    serde_json::from_value(value)
        .map_err(|e| GraphError::transport(&format!("unexpected answer: {e}"), "-"))
}

/// The sub-requests Graph throttled, to send again on their own after their own `Retry-After`.
pub fn throttled(results: &[(usize, SubResult)]) -> Vec<(usize, Option<String>)> {
    results
        .iter()
        .filter_map(|(i, r)| match r {
            Err(e) if e.status == 429 => Some((*i, e.retry_after.clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_twenties_with_global_ids_and_headers() {
        let reqs: Vec<GraphRequest> = (0..45)
            .map(|i| GraphRequest::get(&format!("/groups/{i}")))
            .collect();
        let b = bodies(&reqs);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0]["requests"].as_array().unwrap().len(), 20);
        assert_eq!(b[2]["requests"].as_array().unwrap().len(), 5);
        assert_eq!(b[1]["requests"][0]["id"], "20");
        let post = bodies(&[GraphRequest::post("/x", json!({"a": 1})).query("$count", "true")]);
        assert_eq!(
            post[0]["requests"][0]["headers"]["Content-Type"],
            "application/json"
        );
        assert_eq!(
            post[0]["requests"][0]["headers"]["ConsistencyLevel"],
            "eventual"
        );
    }

    #[test]
    fn reads_each_status_and_finds_the_throttled() {
        let answer = json!({"responses": [
            {"id": "2", "status": 429, "headers": {"Retry-After": "3"}, "body": {"error": {"code": "TooManyRequests", "message": "later"}}},
            {"id": "0", "status": 200, "headers": {}, "body": {"value": []}},
            {"id": "1", "status": 404, "body": {"error": {"code": "Request_ResourceNotFound", "message": "gone", "innerError": {"request-id": "r1"}}}},
        ]});
        let r = read(&answer).unwrap();
        assert_eq!(r.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(r[0].1.is_ok());
        let e = r[1].1.as_ref().unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str(), e.request_id.as_deref()),
            (404, "Request_ResourceNotFound", Some("r1"))
        );
        assert_eq!(throttled(&r), vec![(2, Some("3".to_owned()))]);
        assert!(read(&json!({"nope": 1})).is_err());
    }

    #[test]
    fn reads_microsofts_documented_batch_answer() {
        let path = format!(
            "{}/../shared/graph/examples/batch.response.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let r = read(&v).unwrap();
        assert_eq!(r.len(), v["responses"].as_array().unwrap().len());
    }
}
