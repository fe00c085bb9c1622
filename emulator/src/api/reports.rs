//! `/auditLogs/directoryAudits`: the PIM entries, newest first, filterable and paged.

use super::list::{collection, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::extract::{OriginalUri, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

pub fn routes() -> Router<Shared> {
    Router::new().route("/v1.0/auditLogs/directoryAudits", get(directory_audits))
}

async fn directory_audits(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(&["AuditLog.Read.All"]) {
        return Err(ApiError::denied());
    }
    // The scope is not enough in a delegated call: the user needs a role that reads audit logs.
    let roles = s.world().roles_of(&caller.user_id);
    if !roles
        .iter()
        .any(|r| crate::tenant::roles::AUDIT_READERS.contains(&r.as_str()))
    {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    if let Some(f) = q.filter()? {
        let supported = [
            "activityDateTime",
            "loggedByService",
            "category",
            "activityDisplayName",
            "initiatedBy/user/id",
            "initiatedBy/user/displayName",
            "initiatedBy/user/userPrincipalName",
            "targetResources/any",
            "correlationId",
            "result",
            "id",
        ];
        if let Some(p) = f
            .properties()
            .into_iter()
            .find(|p| !supported.iter().any(|s| s.eq_ignore_ascii_case(p)))
        {
            return Err(ApiError::bad_request(format!(
                "Invalid filter clause: the property '{p}' is not supported."
            )));
        }
    }
    // Entra keeps directory audit entries for 30 days: older ones are gone from the API.
    let world = s.world();
    let kept = crate::clock::ts(world.now() - chrono::Duration::days(30));
    let items: Vec<Value> = world
        .audit
        .iter()
        .rev()
        .filter(|e| e["activityDateTime"].as_str().is_none_or(|t| *t >= *kept))
        .cloned()
        .collect();
    drop(world);
    collection(&s, items, &q, "auditLogs/directoryAudits")
}
