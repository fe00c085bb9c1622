//! Finding the groups PIM manages: the list of PIM group resources (ids only; v1.0 and beta) and v1.0's
//! `directoryObjects/getByIds`, which turns up to 1,000 ids into objects in one call.

use super::directory::{group_json, need, query, user_json};
use super::list::{page, shape, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::extract::{OriginalUri, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/beta/identityGovernance/privilegedAccess/group/resources",
            get(resources),
        )
        // Documented in v1.0 too; a tenant or cloud without it is `/_emulator/differ`'s `missing`.
        .route(
            "/v1.0/identityGovernance/privilegedAccess/group/resources",
            get(resources),
        )
        .route("/v1.0/directoryObjects/getByIds", post(get_by_ids))
}

/// `GET /beta/identityGovernance/privilegedAccess/group/resources`: every group PIM manages,
/// however it was onboarded (a policy change, a request, or the portal's onboarding with neither),
/// as `groupResource` objects that carry only their id. Paged like any collection.
async fn resources(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
    OriginalUri(uri): OriginalUri,
) -> ApiResult<Json<Value>> {
    let root = if uri.path().starts_with("/beta/") {
        "beta"
    } else {
        "v1.0"
    };
    need(
        &caller,
        &[
            "PrivilegedAccess.Read.AzureADGroup",
            "PrivilegedAccess.ReadWrite.AzureADGroup",
        ],
    )?;
    let mut ids: Vec<String> = s.world().onboarded.iter().cloned().collect();
    ids.sort();
    let items = ids
        .into_iter()
        .map(|id| json!({"id": id, "deletedDateTime": null}))
        .collect();
    let mut out = page(
        items,
        &q,
        &s.base_url(),
        "identityGovernance/privilegedAccess/group/resources",
        100,
        999,
        s.page_size(),
    )?;
    // `page` writes v1.0's metadata address and next link; beta's are beta's.
    out["@odata.context"] = json!(format!(
        "{}/{root}/$metadata#identityGovernance/privilegedAccess/group/resources",
        s.base_url()
    ));
    Ok(Json(out))
}

/// `POST /directoryObjects/getByIds`: the objects among `ids` of the asked `types`, in no
/// promised order, unknown ids left out. Directory.Read.All is the documented permission.
async fn get_by_ids(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Option<Json<Value>>,
) -> ApiResult<Json<Value>> {
    need(&caller, &["Directory.Read.All", "Directory.ReadWrite.All"])?;
    let q: Query = query(&uri, &headers)?;
    let body = body.map(|Json(b)| b).unwrap_or(Value::Null);
    let ids: Vec<&str> = body["ids"]
        .as_array()
        .ok_or_else(|| {
            ApiError::bad_request("The request body must name the ids to look up ('ids').")
        })?
        .iter()
        .map(|v| v.as_str().unwrap_or_default())
        .collect();
    if ids.len() > 1000 {
        return Err(ApiError::new(
            400,
            "Request_BadRequest",
            format!(
                "Too many ids: {} were given and at most 1000 are allowed.",
                ids.len()
            ),
        ));
    }
    let types: Vec<String> = body["types"]
        .as_array()
        .map(|t| {
            t.iter()
                .filter_map(|v| v.as_str().map(str::to_ascii_lowercase))
                .collect()
        })
        .unwrap_or_else(|| vec!["user".into(), "group".into()]);
    let w = s.world();
    let mut value = vec![];
    for id in ids {
        if types.iter().any(|t| t == "group") {
            if let Some(g) = w.tenant.groups.iter().find(|g| g.id == id) {
                value.push(shape(group_json(g), &q));
                continue;
            }
        }
        if types.iter().any(|t| t == "user") {
            if let Some(u) = w.user(id) {
                value.push(shape(user_json(u), &q));
            }
        }
    }
    Ok(Json(json!({
        "@odata.context": format!("{}/v1.0/$metadata#directoryObjects", s.base_url()),
        "value": value,
    })))
}
