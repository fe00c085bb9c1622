//! `$batch`: requests grouped by at most 20, each sub-answer read on its own (its status honoured,
//! its error kept), the throttled and the refused picked out to be sent again, and the further
//! pages of every collection in it read too.

use super::error::{ErrorHeaders, GraphError};
use super::request::GraphRequest;
use serde_json::{json, Map, Value};

/// Graph's limit of requests in one batch.
pub const MAX_REQUESTS: usize = 20;

/// The `$batch` bodies for `requests`, in order; sub-request ids are the indexes into `requests`.
pub fn bodies(requests: &[GraphRequest]) -> Vec<Value> {
    let indexed: Vec<(usize, &GraphRequest)> = requests.iter().enumerate().collect();
    indexed.chunks(MAX_REQUESTS).map(body).collect()
}

/// One `$batch` body (at most `MAX_REQUESTS` parts); each part's id is the given index.
pub fn body(parts: &[(usize, &GraphRequest)]) -> Value {
    let items: Vec<Value> = parts
        .iter()
        .map(|(i, r)| {
            let mut item = json!({"id": i.to_string(), "method": r.method, "url": r.url});
            if !r.headers.is_empty() {
                let h: Map<String, Value> = r
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect();
                item["headers"] = Value::Object(h);
            }
            if let Some(b) = &r.body {
                item["body"] = b.clone();
            }
            item
        })
        .collect();
    json!({"requests": items})
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
                www_authenticate: header("WWW-Authenticate"),
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

/// The answers for exactly `ids`: an id Graph did not ask about is dropped (it cannot be matched
/// to a request, and must not index past the list), a missing one is left out.
pub fn only(parts: Vec<(usize, SubResult)>, ids: &[usize]) -> Vec<(usize, SubResult)> {
    let mut seen = std::collections::HashSet::new();
    parts
        .into_iter()
        .filter(|(i, _)| ids.contains(i) && seen.insert(*i))
        .collect()
}

/// The parts refused for their token (401): sent again once with a new one.
pub fn refused(results: &[(usize, SubResult)]) -> Vec<usize> {
    results
        .iter()
        .filter_map(|(i, r)| {
            matches!(r, Err(e) if e.status == 401 && e.claims.is_none()).then_some(*i)
        })
        .collect()
}

/// The `@odata.nextLink` of a collection answer, if there are more pages.
pub fn next_link(answer: &Value) -> Option<&str> {
    answer["@odata.nextLink"].as_str()
}

/// Appends a further page's items to the answer read so far and carries its next link over.
pub fn append_page(answer: &mut Value, page: Value) {
    let more = match page.get("value") {
        Some(Value::Array(items)) => items.clone(),
        _ => vec![],
    };
    if let Some(Value::Array(items)) = answer.get_mut("value") {
        items.extend(more);
    }
    if let Some(obj) = answer.as_object_mut() {
        match page.get("@odata.nextLink") {
            Some(link) => obj.insert("@odata.nextLink".into(), link.clone()),
            None => obj.remove("@odata.nextLink"),
        };
    }
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
    fn ids_outside_the_request_are_dropped_and_refusals_found() {
        let answer = json!({"responses": [
            {"id": "7", "status": 200, "body": {}},
            {"id": "99", "status": 200, "body": {}},
            {"id": "18446744073709551615", "status": 200, "body": {}},
            {"id": "8", "status": 401, "body": {"error": {"code": "InvalidAuthenticationToken", "message": "expired"}}},
            {"id": "8", "status": 200, "body": {}},
        ]});
        let parts = only(read(&answer).unwrap(), &[7, 8]);
        assert_eq!(parts.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [7, 8]);
        assert_eq!(refused(&parts), [8]);
    }

    #[test]
    fn further_pages_are_appended() {
        let mut first =
            json!({"value": [1, 2], "@odata.nextLink": "https://g/v1.0/x?$skiptoken=a"});
        assert_eq!(next_link(&first), Some("https://g/v1.0/x?$skiptoken=a"));
        append_page(
            &mut first,
            json!({"value": [3], "@odata.nextLink": "https://g/v1.0/x?$skiptoken=b"}),
        );
        assert_eq!(first["value"], json!([1, 2, 3]));
        append_page(&mut first, json!({"value": [4]}));
        assert_eq!(first["value"], json!([1, 2, 3, 4]));
        assert_eq!(next_link(&first), None);
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
