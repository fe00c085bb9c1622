//! Directory roles (assignments, definitions) and Conditional Access reads (authentication
//! contexts, policies): what a group grants and which policies include or exclude it.

use super::directory::need;
use super::list::{collection, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/v1.0/roleManagement/directory/roleAssignments",
            get(role_assignments),
        )
        .route(
            "/v1.0/roleManagement/directory/roleEligibilitySchedules",
            get(role_eligibility_schedules),
        )
        .route(
            "/v1.0/roleManagement/directory/roleDefinitions",
            get(role_definitions),
        )
        .route(
            "/v1.0/identity/conditionalAccess/authenticationContextClassReferences",
            get(auth_contexts),
        )
        .route(
            "/v1.0/identity/conditionalAccess/policies",
            get(ca_policies),
        )
}

const ROLE_READ: &[&str] = &[
    "RoleManagement.Read.Directory",
    "RoleManagement.ReadWrite.Directory",
    "Directory.Read.All",
];

/// `GET /roleManagement/directory/roleAssignments`: the active directory roles.
async fn role_assignments(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, ROLE_READ)?;
    roles(&s, &q, false, "roleAssignments")
}

/// `GET /roleManagement/directory/roleEligibilitySchedules`: the roles held as eligible.
async fn role_eligibility_schedules(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[ROLE_READ, &["RoleEligibilitySchedule.Read.Directory"]].concat(),
    )?;
    roles(&s, &q, true, "roleEligibilitySchedules")
}

fn roles(s: &Shared, q: &Query, eligible: bool, set: &str) -> ApiResult<Json<Value>> {
    let w = s.world();
    let expand = q.get("$expand").unwrap_or("");
    let items = w.tenant.role_assignments.iter().filter(|a| a.eligible == eligible).map(|a| {
        let mut v = json!({"id": a.id, "principalId": a.principal_id, "roleDefinitionId": a.role_definition_id, "directoryScopeId": "/"});
        if eligible {
            v.as_object_mut().unwrap().extend(json!({"appScopeId": null, "memberType": "Direct", "status": "Provisioned",
                "createdUsing": a.id, "createdDateTime": "2026-01-15T09:00:00Z", "modifiedDateTime": null,
                "scheduleInfo": {"startDateTime": "2026-01-15T09:00:00Z", "recurrence": null,
                    "expiration": {"type": "noExpiration", "endDateTime": null, "duration": null}}}).as_object().unwrap().clone());
        }
        if expand.contains("principal") {
            v["principal"] = w.user(&a.principal_id).map(super::directory::user_json)
                .or_else(|| w.group(&a.principal_id).map(super::directory::group_json))
                .unwrap_or(Value::Null);
        }
        if expand.contains("roleDefinition") {
            v["roleDefinition"] = w.tenant.role_definitions.iter().find(|d| d.id == a.role_definition_id)
                .map_or(Value::Null, |d| json!({"id": d.id, "displayName": d.display_name, "description": d.description, "isBuiltIn": true, "isEnabled": true, "templateId": d.id}));
        }
        v
    }).collect();
    collection(s, items, q, &format!("roleManagement/directory/{set}"))
}

async fn role_definitions(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, ROLE_READ)?;
    let items = s.world().tenant.role_definitions.iter()
        .map(|d| json!({"id": d.id, "displayName": d.display_name, "description": d.description, "isBuiltIn": true, "isEnabled": true, "templateId": d.id}))
        .collect();
    collection(&s, items, &q, "roleManagement/directory/roleDefinitions")
}

async fn auth_contexts(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "Policy.Read.ConditionalAccess",
            "Policy.Read.All",
            "Policy.ReadWrite.ConditionalAccess",
        ],
    )?;
    if q.get("$count").is_some() || q.get("$select").is_some() {
        return Err(ApiError::bad_request(
            "The query option is not supported for authenticationContextClassReferences.",
        ));
    }
    let items = s.world().tenant.auth_contexts.iter()
        .map(|c| json!({"id": c.id, "displayName": c.display_name, "description": c.description, "isAvailable": c.is_available}))
        .collect();
    collection(
        &s,
        items,
        &q,
        "identity/conditionalAccess/authenticationContextClassReferences",
    )
}

async fn ca_policies(State(s): State<Shared>, caller: Caller, q: Query) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "Policy.Read.All",
            "Policy.Read.ConditionalAccess",
            "Policy.ReadWrite.ConditionalAccess",
        ],
    )?;
    let items = s.world().tenant.ca_policies.iter().map(|p| json!({
        "id": p.id, "displayName": p.display_name, "state": p.state, "createdDateTime": "2026-01-10T08:00:00Z",
        "modifiedDateTime": null, "sessionControls": null,
        "conditions": {
            "clientAppTypes": ["all"], "signInRiskLevels": [], "userRiskLevels": [], "platforms": null, "locations": null,
            "applications": {"includeApplications": p.include_applications, "excludeApplications": [], "includeUserActions": [],
                             "includeAuthenticationContextClassReferences": p.include_authentication_context_class_references},
            "users": {"includeUsers": p.include_users, "excludeUsers": p.exclude_users, "includeGroups": p.include_groups,
                      "excludeGroups": p.exclude_groups, "includeRoles": p.include_roles, "excludeRoles": []},
        },
        "grantControls": {"operator": "OR", "builtInControls": p.built_in_controls, "customAuthenticationFactors": [], "termsOfUse": []},
    })).collect();
    collection(&s, items, &q, "identity/conditionalAccess/policies")
}
