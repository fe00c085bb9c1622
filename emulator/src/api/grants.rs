//! What a group gives besides roles and Conditional Access: the tenant's licences
//! (`/subscribedSkus`, to name a group's `assignedLicenses`) and the enterprise applications whose
//! app roles are given to a group (`/groups/{id}/appRoleAssignments`), and the access packages
//! of entitlement management with the group's roles they hand out.

use super::directory::{missing_group, need};
use super::list::{collection, Query};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::Shared;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1.0/subscribedSkus", get(subscribed_skus))
        .route("/v1.0/me/licenseDetails", get(license_details))
        .route(
            "/v1.0/groups/{id}/appRoleAssignments",
            get(app_role_assignments),
        )
        .route(
            "/v1.0/identityGovernance/entitlementManagement/accessPackages",
            get(access_packages),
        )
        .route(
            "/v1.0/identityGovernance/entitlementManagement/assignments",
            get(package_assignments),
        )
}

/// `GET /subscribedSkus`: every licence of the organisation with its units.
async fn subscribed_skus(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "LicenseAssignment.Read.All",
            "Organization.Read.All",
            "Directory.Read.All",
        ],
    )?;
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

/// Entra ID P2's product and its plan, which PIM needs (`AAD_PREMIUM_P2`).
const P2_SKU: &str = "84a661c4-e949-4bd2-a560-ed7766fcaf2b";
const P2_PLAN: &str = "eec0eb4f-6444-4f95-aba0-50c24d67f998";

/// `GET /me/licenseDetails`: the signed-in user's licences (everyone in the demo tenant holds
/// Entra ID P2 unless a test took it away).
async fn license_details(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &["User.Read", "User.Read.All", "Directory.Read.All"],
    )?;
    let w = s.world();
    let items = if w.differ.unlicensed.contains(&caller.user_id) {
        vec![]
    } else {
        vec![
            json!({"id": format!("{}_{P2_SKU}", caller.user_id), "skuId": P2_SKU, "skuPartNumber": "AAD_PREMIUM_P2",
            "servicePlans": [{"servicePlanId": P2_PLAN, "servicePlanName": "AAD_PREMIUM_P2", "provisioningStatus": "Success", "appliesTo": "User"}]}),
        ]
    };
    collection(&s, items, &q, "users('me')/licenseDetails")
}

/// `GET /groups/{id}/appRoleAssignments`: the applications the group's members are given.
async fn app_role_assignments(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    q: Query,
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

const ENTITLEMENT_READ: &[&str] = &[
    "EntitlementManagement.Read.All",
    "EntitlementManagement.ReadWrite.All",
];

/// `GET /identityGovernance/entitlementManagement/accessPackages`, with the resource roles each
/// hands out when asked for `$expand=resourceRoleScopes($expand=role,scope)`.
async fn access_packages(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, ENTITLEMENT_READ)?;
    let expand = q.get("$expand").unwrap_or("");
    let w = s.world();
    let items = w
        .tenant
        .access_packages
        .iter()
        .map(|p| {
            let mut v = json!({"id": p.id, "displayName": p.display_name, "description": p.description,
                "isHidden": false, "createdDateTime": "2026-02-02T10:00:00Z", "modifiedDateTime": "2026-02-02T10:00:00Z"});
            if expand.contains("resourceRoleScopes") {
                let role = json!({"id": format!("{}_{}", p.role, p.group_id), "displayName": p.role,
                    "description": null, "originId": format!("{}_{}", p.role, p.group_id), "originSystem": "AadGroup"});
                let scope = json!({"id": format!("scope-{}", p.group_id), "displayName": "Root", "description": "Root Scope",
                    "originId": p.group_id, "originSystem": "AadGroup", "isRootScope": true});
                let mut rs = json!({"id": format!("{}_{}", p.id, p.group_id), "createdDateTime": "2026-02-02T10:00:00Z"});
                // Role and scope come only when the nested expand names them.
                if expand.contains("$expand=role,scope") || expand.contains("$expand=scope,role") {
                    rs["role"] = role;
                    rs["scope"] = scope;
                }
                v["resourceRoleScopes"] = json!([rs]);
            }
            v
        })
        .collect();
    collection(
        &s,
        items,
        &q,
        "identityGovernance/entitlementManagement/accessPackages",
    )
}

/// `GET /identityGovernance/entitlementManagement/assignments`: every user's delivered assignment
/// of each package, filtered (`accessPackage/id eq '…'`) and with `target` and `accessPackage`
/// only when `$expand` names them.
async fn package_assignments(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, ENTITLEMENT_READ)?;
    let w = s.world();
    let items = w
        .tenant
        .access_packages
        .iter()
        .flat_map(|p| p.assigned.iter().map(move |u| (p, u)))
        .map(|(p, u)| {
            let user = w.user(u);
            json!({"id": format!("{}_{u}", p.id), "state": "delivered", "status": "Delivered",
                "expiredDateTime": null,
                "schedule": {"startDateTime": "2026-02-02T10:00:00Z", "expiration": {"type": "noExpiration"}},
                "target": {"id": u, "objectId": u, "subjectType": "user",
                    "displayName": user.map(|x| x.display_name.clone()),
                    "principalName": user.map(|x| x.user_principal_name.clone()),
                    "email": user.map(|x| x.mail.clone())},
                "accessPackage": {"id": p.id, "displayName": p.display_name, "description": p.description}})
        })
        .collect();
    drop(w);
    let mut page = collection(
        &s,
        items,
        &q,
        "identityGovernance/entitlementManagement/assignments",
    )?;
    let expand = q.get("$expand").unwrap_or("").to_owned();
    for item in page.0["value"].as_array_mut().into_iter().flatten() {
        for nav in ["target", "accessPackage"] {
            if !expand.split(',').any(|e| e.trim() == nav) {
                item.as_object_mut().map(|o| o.remove(nav));
            }
        }
    }
    Ok(page)
}
