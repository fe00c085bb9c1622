//! What a group gives besides roles and Conditional Access: the tenant's licences
//! (`/subscribedSkus`, to name a group's `assignedLicenses`) and the enterprise applications whose
//! app roles are given to a group (`/groups/{id}/appRoleAssignments`).

use super::directory::{missing_group, need, query};
use super::list::collection;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::Shared;
use axum::extract::{OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1.0/subscribedSkus", get(subscribed_skus))
        .route(
            "/v1.0/groups/{id}/appRoleAssignments",
            get(app_role_assignments),
        )
}

/// `GET /subscribedSkus`: every licence of the organisation with its units.
async fn subscribed_skus(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "LicenseAssignment.Read.All",
            "Organization.Read.All",
            "Directory.Read.All",
        ],
    )?;
    let q = query(&uri, &headers)?;
    let w = s.world();
    let tenant = &w.tenant.id;
    let items = w
        .tenant
        .skus
        .iter()
        .map(|k| {
            json!({"id": format!("{tenant}_{}", k.sku_id), "accountId": tenant, "accountName": "Contoso",
                "appliesTo": "User", "capabilityStatus": "Enabled", "consumedUnits": k.consumed_units,
                "prepaidUnits": {"enabled": k.enabled_units, "lockedOut": 0, "suspended": 0, "warning": 0},
                "servicePlans": [], "skuId": k.sku_id, "skuPartNumber": k.sku_part_number,
                "subscriptionIds": []})
        })
        .collect();
    collection(&s, items, &q, "subscribedSkus")
}

/// `GET /groups/{id}/appRoleAssignments`: the applications the group's members are given.
async fn app_role_assignments(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "Directory.Read.All",
            "Group.Read.All",
            "Group.ReadWrite.All",
            "AppRoleAssignment.ReadWrite.All",
        ],
    )?;
    let q = query(&uri, &headers)?;
    let w = s.world();
    let group = w
        .tenant
        .groups
        .iter()
        .find(|g| g.id == id)
        .ok_or_else(|| missing_group(&id))?;
    let items = w
        .tenant
        .app_role_grants
        .iter()
        .filter(|a| a.group_id == id)
        .map(|a| {
            json!({"id": a.id, "deletedDateTime": null, "appRoleId": a.app_role_id,
                "createdDateTime": "2026-01-15T09:00:00Z", "principalDisplayName": group.display_name,
                "principalId": group.id, "principalType": "Group",
                "resourceDisplayName": a.resource_display_name, "resourceId": a.resource_id})
        })
        .collect();
    collection(&s, items, &q, &format!("groups('{id}')/appRoleAssignments"))
}
