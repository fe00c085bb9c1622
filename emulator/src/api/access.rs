//! Directory roles (assignments, definitions) and Conditional Access reads (authentication
//! contexts, policies): what a group grants and which policies include or exclude it.

use super::directory::{need, query};
use super::list::collection;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::Shared;
use axum::extract::{OriginalUri, State};
use axum::http::HeaderMap;
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

async fn role_assignments(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "RoleManagement.Read.Directory",
            "RoleManagement.ReadWrite.Directory",
            "Directory.Read.All",
        ],
    )?;
    let q = query(&uri, &headers)?;
    let w = s.world();
    let expand = q.get("$expand").unwrap_or("");
    let items = w.tenant.role_assignments.iter().map(|a| {
        let mut v = json!({"id": a.id, "principalId": a.principal_id, "roleDefinitionId": a.role_definition_id, "directoryScopeId": "/"});
        if expand.contains("roleDefinition") {
            v["roleDefinition"] = w.tenant.role_definitions.iter().find(|d| d.id == a.role_definition_id)
                .map_or(Value::Null, |d| json!({"id": d.id, "displayName": d.display_name, "description": d.description, "isBuiltIn": true, "isEnabled": true, "templateId": d.id}));
        }
        v
    }).collect();
    collection(&s, items, &q, "roleManagement/directory/roleAssignments")
}

async fn role_definitions(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "RoleManagement.Read.Directory",
            "RoleManagement.ReadWrite.Directory",
            "Directory.Read.All",
        ],
    )?;
    let q = query(&uri, &headers)?;
    let items = s.world().tenant.role_definitions.iter()
        .map(|d| json!({"id": d.id, "displayName": d.display_name, "description": d.description, "isBuiltIn": true, "isEnabled": true, "templateId": d.id}))
        .collect();
    collection(&s, items, &q, "roleManagement/directory/roleDefinitions")
}

async fn auth_contexts(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "Policy.Read.ConditionalAccess",
            "Policy.Read.All",
            "Policy.ReadWrite.ConditionalAccess",
        ],
    )?;
    let q = query(&uri, &headers)?;
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

async fn ca_policies(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "Policy.Read.All",
            "Policy.Read.ConditionalAccess",
            "Policy.ReadWrite.ConditionalAccess",
        ],
    )?;
    let q = query(&uri, &headers)?;
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
