//! Users, groups (list, search, create), members and owners, directory roles and Conditional
//! Access reads.

use super::list::{collection, shape, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::tenant::{Group, User};
use crate::Shared;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1.0/me", get(me))
        .route("/v1.0/users", get(users))
        .route("/v1.0/users/$count", get(count_users))
        .route("/v1.0/groups/$count", get(count_groups))
        .route("/v1.0/users/{id}", get(user))
        .route("/v1.0/groups", get(groups).post(create_group))
        .route("/v1.0/groups/{id}", get(group))
        .route("/v1.0/groups/{id}/members", get(members))
        .route("/v1.0/groups/{id}/owners", get(owners))
}

pub fn user_json(u: &User) -> Value {
    json!({"@odata.type": "#microsoft.graph.user", "id": u.id, "displayName": u.display_name,
        "userPrincipalName": u.user_principal_name, "mail": u.mail, "userType": u.user_type,
        "jobTitle": u.job_title, "accountEnabled": true})
}

pub fn group_json(g: &Group) -> Value {
    json!({"@odata.type": "#microsoft.graph.group", "id": g.id, "displayName": g.display_name,
        "description": g.description, "mailNickname": g.mail_nickname, "mailEnabled": g.mail_enabled,
        "mail": if g.mail_enabled { Some(format!("{}@contoso.onmicrosoft.com", g.mail_nickname)) } else { None },
        "securityEnabled": g.security_enabled, "groupTypes": g.group_types,
        "isAssignableToRole": g.is_assignable_to_role, "membershipRule": g.membership_rule,
        "membershipRuleProcessingState": g.membership_rule.as_ref().map(|_| "On"),
        "onPremisesSyncEnabled": g.on_premises_sync_enabled, "createdDateTime": g.created_date_time,
        "assignedLicenses": g.assigned_licenses.iter().map(|sku| json!({"skuId": sku, "disabledPlans": []})).collect::<Vec<_>>(),
        "resourceProvisioningOptions": g.resource_provisioning_options,
        "isManagementRestricted": g.is_management_restricted,
        "visibility": if g.group_types.iter().any(|t| t == "Unified") { Some("Private") } else { None }})
}

pub(super) fn query(uri: &OriginalUri, headers: &HeaderMap) -> ApiResult<Query> {
    Query::from(uri.query(), headers, uri.path())
}

pub(super) fn need(caller: &Caller, scopes: &[&str]) -> ApiResult<()> {
    if caller.has_any_scope(scopes) {
        Ok(())
    } else {
        Err(ApiError::denied())
    }
}

const USER_READ: &[&str] = &[
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
];
const GROUP_READ: &[&str] = &[
    "Group.Read.All",
    "Group.ReadWrite.All",
    "GroupMember.Read.All",
    "Directory.Read.All",
];

async fn me(State(s): State<Shared>, caller: Caller, q: Query) -> ApiResult<Json<Value>> {
    need(
        &caller,
        &[
            "User.Read",
            "User.ReadWrite",
            "User.ReadBasic.All",
            "User.Read.All",
            "Directory.Read.All",
        ],
    )?;
    let w = s.world();
    let u = w
        .user(&caller.user_id)
        .ok_or_else(|| ApiError::not_found("The user was not found."))?;
    let mut v = shape(user_json(u), &q);
    v["@odata.context"] = json!(format!("{}/v1.0/$metadata#users/$entity", s.base_url()));
    Ok(Json(v))
}

async fn users(State(s): State<Shared>, caller: Caller, q: Query) -> ApiResult<Json<Value>> {
    need(&caller, USER_READ)?;
    let items = s.world().tenant.users.iter().map(user_json).collect();
    collection(&s, items, &q, "users")
}

async fn user(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, USER_READ)?;
    let w = s.world();
    let u = w.tenant.users.iter().find(|u| {
        u.id.eq_ignore_ascii_case(&id) || u.user_principal_name.eq_ignore_ascii_case(&id)
    });
    let u = u.ok_or_else(|| ApiError::new(404, "Request_ResourceNotFound", format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present.")))?;
    Ok(Json(shape(user_json(u), &q)))
}

async fn groups(State(s): State<Shared>, caller: Caller, q: Query) -> ApiResult<Json<Value>> {
    need(&caller, GROUP_READ)?;
    let items = s.world().tenant.groups.iter().map(group_json).collect();
    collection(&s, items, &q, "groups")
}

pub(super) fn missing_group(id: &str) -> ApiError {
    ApiError::new(404, "Request_ResourceNotFound", format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."))
}

async fn group(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, GROUP_READ)?;
    let w = s.world();
    let g = w.group(&id).ok_or_else(|| missing_group(&id))?;
    Ok(Json(shape(group_json(g), &q)))
}

fn principals(s: &Shared, ids: &[String]) -> Vec<Value> {
    let w = s.world();
    ids.iter()
        .filter_map(|id| {
            w.user(id)
                .map(user_json)
                .or_else(|| w.group(id).map(group_json))
        })
        .collect()
}

async fn members(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, GROUP_READ)?;
    let ids = s
        .world()
        .group(&id)
        .map(|g| g.members.clone())
        .ok_or_else(|| missing_group(&id))?;
    collection(&s, principals(&s, &ids), &q, "directoryObjects")
}

async fn owners(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, GROUP_READ)?;
    let ids = s
        .world()
        .group(&id)
        .map(|g| g.owners.clone())
        .ok_or_else(|| missing_group(&id))?;
    collection(&s, principals(&s, &ids), &q, "directoryObjects")
}

async fn create_group(
    State(s): State<Shared>,
    caller: Caller,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    need(
        &caller,
        &[
            "Group.ReadWrite.All",
            "Group.Create",
            "Directory.ReadWrite.All",
        ],
    )?;
    let required = |k: &str| {
        ApiError::new(
            400,
            "Request_BadRequest",
            format!("A value is required for property '{k}' of resource 'Group'."),
        )
    };
    let name = body["displayName"]
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| required("displayName"))?;
    let nickname = body["mailNickname"]
        .as_str()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| required("mailNickname"))?;
    let mail_enabled = body["mailEnabled"]
        .as_bool()
        .ok_or_else(|| required("mailEnabled"))?;
    let security_enabled = body["securityEnabled"]
        .as_bool()
        .ok_or_else(|| required("securityEnabled"))?;
    if nickname.len() > 64
        || nickname
            .chars()
            .any(|c| !c.is_ascii() || "@()\\[]\";:.<>, ".contains(c))
    {
        return Err(ApiError::new(
            400,
            "Request_BadRequest",
            "Invalid value specified for property 'mailNickname' of resource 'Group'.",
        ));
    }
    let group_types: Vec<String> = body["groupTypes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    let role_assignable = body["isAssignableToRole"].as_bool().unwrap_or(false);
    let mut w = s.world();
    if role_assignable {
        let roles = w.roles_of(&caller.user_id);
        let allowed = roles.iter().any(|r| {
            r == crate::tenant::roles::PRIVILEGED_ROLE_ADMIN
                || r == crate::tenant::roles::GLOBAL_ADMIN
        });
        if !caller.has_any_scope(&["RoleManagement.ReadWrite.Directory"]) || !allowed {
            return Err(ApiError::denied());
        }
        if !security_enabled || group_types.iter().any(|t| t == "DynamicMembership") {
            return Err(ApiError::new(400, "Request_BadRequest", "A role-assignable group must be a security-enabled group with assigned membership."));
        }
    }
    let bound = |key: &str| -> Vec<String> {
        body[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .filter_map(|u| u.rsplit('/').next().map(str::to_owned))
            .collect()
    };
    let group = Group {
        id: uuid::Uuid::new_v4().to_string(),
        display_name: name.into(),
        description: body["description"].as_str().map(str::to_owned),
        mail_nickname: nickname.into(),
        mail_enabled,
        security_enabled,
        group_types,
        is_assignable_to_role: role_assignable,
        membership_rule: None,
        on_premises_sync_enabled: None,
        created_date_time: Some(crate::clock::ts(w.now())),
        members: bound("members@odata.bind"),
        owners: bound("owners@odata.bind"),
        assigned_licenses: vec![],
        resource_provisioning_options: vec![],
        is_management_restricted: false,
    };
    // Stands in for the administrator who adds the new group to a policy's exclusions (story S1).
    for p in w.tenant.ca_policies.iter_mut() {
        if p.exclude_groups_named
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name))
        {
            p.exclude_groups.push(group.id.clone());
        }
    }
    let mut v = group_json(&group);
    v["@odata.context"] = json!(format!("{}/v1.0/$metadata#groups/$entity", s.base_url()));
    w.tenant.groups.push(group);
    Ok((StatusCode::CREATED, Json(v)))
}

/// `/$count` answers plain text, and only as an advanced query.
fn count(q: &Query, n: usize) -> ApiResult<String> {
    if !q.eventual {
        return Err(ApiError::new(
            400,
            "Request_BadRequest",
            "$count is not currently supported.",
        ));
    }
    Ok(n.to_string())
}

async fn count_users(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<String> {
    need(&caller, USER_READ)?;
    let n = s.world().tenant.users.len();
    count(&query(&uri, &headers)?, n)
}

async fn count_groups(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<String> {
    need(&caller, GROUP_READ)?;
    let n = s.world().tenant.groups.len();
    count(&query(&uri, &headers)?, n)
}
