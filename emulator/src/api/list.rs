//! Collection answers: `$filter`, `$search`, `$count`, `$orderby`, `$top`, `$skiptoken`, `$select`,
//! `@odata.nextLink` paging, and the `ConsistencyLevel: eventual` rule for advanced queries.

use super::odata;
use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The query options of one call.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub params: BTreeMap<String, String>,
    pub eventual: bool,
    /// The request path, to build `@odata.nextLink`.
    pub path: String,
}

impl Query {
    pub fn from(raw: Option<&str>, headers: &HeaderMap, path: &str) -> ApiResult<Query> {
        let params: BTreeMap<String, String> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|_| ApiError::bad_request("The query string is malformed."))?;
        let eventual = headers
            .get("consistencylevel")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("eventual"));
        Ok(Query {
            params,
            eventual,
            path: path.to_owned(),
        })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    pub fn filter(&self) -> ApiResult<Option<odata::Expr>> {
        self.get("$filter").map(odata::parse).transpose()
    }

    /// Graph refuses `$search` without `ConsistencyLevel: eventual`.
    pub fn check_advanced(&self) -> ApiResult<()> {
        if self.get("$search").is_some() && !self.eventual {
            return Err(ApiError::new(400, "Request_UnsupportedQuery", "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"));
        }
        Ok(())
    }
}

/// `$search="displayName:ops" OR "mail:ops"`: word-prefix matching on the named properties.
fn search_matches(search: &str, obj: &Value) -> ApiResult<bool> {
    let mut any = false;
    let mut all = true;
    let and = search.contains(" AND ");
    for clause in search.split(" OR ").flat_map(|c| c.split(" AND ")) {
        let c = clause.trim().trim_matches('"');
        let (prop, term) = c.split_once(':').ok_or_else(|| {
            ApiError::new(
                400,
                "Request_UnsupportedQuery",
                "Syntax error: character ':' is not valid at this position for $search.",
            )
        })?;
        let value = obj
            .get(prop)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_lowercase();
        let term = term.to_lowercase();
        let hit = value.starts_with(&term)
            || value
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&term));
        any |= hit;
        all &= hit;
    }
    Ok(if and { all } else { any })
}

fn select(obj: &Value, fields: &str) -> Value {
    let mut out = Map::new();
    for f in fields.split(',').map(str::trim) {
        if let Some(v) = obj.get(f) {
            out.insert(f.to_owned(), v.clone());
        }
    }
    if let Some(t) = obj.get("@odata.type") {
        out.insert("@odata.type".into(), t.clone());
    }
    Value::Object(out)
}

/// Applies `$select` to one object.
pub fn shape(obj: Value, q: &Query) -> Value {
    match q.get("$select") {
        Some(s) => select(&obj, s),
        None => obj,
    }
}

/// Builds a page of a collection; `max_top` is the route's page-size ceiling.
pub fn page(
    items: Vec<Value>,
    q: &Query,
    base: &str,
    context: &str,
    default_top: usize,
    max_top: usize,
    server_size: Option<usize>,
) -> ApiResult<Value> {
    q.check_advanced()?;
    let filter = q.filter()?;
    let mut items: Vec<Value> = match &filter {
        Some(f) => items.into_iter().filter(|o| f.matches(o)).collect(),
        None => items,
    };
    if let Some(s) = q.get("$search") {
        let mut kept = vec![];
        for o in items {
            if search_matches(s, &o)? {
                kept.push(o);
            }
        }
        items = kept;
    }
    if let Some(order) = q.get("$orderby") {
        let mut parts = order.split_whitespace();
        let prop = parts.next().unwrap_or("").to_owned();
        let desc = parts.next().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
        items.sort_by(|a, b| {
            let (x, y) = (
                a.get(&prop).map(|v| v.to_string().to_lowercase()),
                b.get(&prop).map(|v| v.to_string().to_lowercase()),
            );
            if desc {
                y.cmp(&x)
            } else {
                x.cmp(&y)
            }
        });
    }
    let total = items.len();
    let top = match q.get("$top") {
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::bad_request(format!("Invalid page size specified: '{t}'.")))?,
        None => default_top,
    };
    if top == 0 || top > max_top {
        return Err(ApiError::bad_request(format!(
            "Invalid page size specified: '{top}'. Must be between 1 and {max_top} inclusive."
        )));
    }
    let top = server_size.map_or(top, |size| top.min(size.max(1)));
    let skip = match q.get("$skiptoken") {
        Some(t) => t
            .strip_prefix("X'")
            .and_then(|r| r.strip_suffix('\''))
            .and_then(|n| usize::from_str_radix(n, 16).ok())
            .ok_or_else(|| ApiError::bad_request("The $skiptoken is invalid."))?,
        None => 0,
    };
    let value: Vec<Value> = items
        .into_iter()
        .skip(skip)
        .take(top)
        .map(|o| shape(o, q))
        .collect();
    let mut out = json!({"@odata.context": format!("{base}/v1.0/$metadata#{context}")});
    let counted = q
        .get("$count")
        .is_some_and(|c| c.eq_ignore_ascii_case("true"))
        && q.eventual;
    if counted && skip == 0 {
        out["@odata.count"] = json!(total);
    }
    if skip + top < total {
        let mut params = q.params.clone();
        params.retain(|k, _| !k.eq_ignore_ascii_case("$skiptoken"));
        params.insert("$skiptoken".into(), format!("X'{:x}'", skip + top));
        let query = serde_urlencoded::to_string(&params).unwrap_or_default();
        out["@odata.nextLink"] = json!(format!("{base}{}?{query}", q.path));
    }
    out["value"] = Value::Array(value);
    Ok(out)
}

/// A collection answer with Graph's usual page of 100 and ceiling of 999.
pub fn collection(
    s: &Shared,
    items: Vec<Value>,
    q: &Query,
    context: &str,
) -> ApiResult<Json<Value>> {
    // Server-driven paging: Graph may send fewer items than `$top` asked for, with a nextLink.
    page(items, q, &s.base_url(), context, 100, 999, s.page_size()).map(Json)
}

/// Reads the OData query of the URL the client sent (before any nesting) with its headers; a
/// malformed one is Graph's 400.
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Query {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let uri = parts
            .extensions
            .get::<axum::extract::OriginalUri>()
            .map_or_else(|| parts.uri.clone(), |o| o.0.clone());
        Query::from(uri.query(), &parts.headers, uri.path())
    }
}
