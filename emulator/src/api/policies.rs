//! Role management policies of groups and their assignments: list by scope, read, PATCH rules.
//! Policy ids are `Group_{groupId}_{guid}` and change when a group is onboarded.

use super::list::{collection, shape, Query};
use super::pim::{engine, lifecycle};
use crate::caller::Caller;
use crate::clock::ts;
use crate::error::{ApiError, ApiResult};
use crate::policy::apply_rule;
use crate::state::World;
use crate::Shared;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/v1.0/policies/roleManagementPolicyAssignments",
            get(list_assignments),
        )
        .route(
            "/v1.0/policies/roleManagementPolicyAssignments/{id}",
            get(get_assignment),
        )
        .route("/v1.0/policies/roleManagementPolicies", get(list_policies))
        .route(
            "/v1.0/policies/roleManagementPolicies/{id}",
            get(get_policy).patch(patch_policy),
        )
        .route(
            "/v1.0/policies/roleManagementPolicies/{id}/rules",
            get(list_rules),
        )
        .route(
            "/v1.0/policies/roleManagementPolicies/{id}/rules/{rule}",
            get(get_rule).patch(patch_rule),
        )
}

const READ: &[&str] = &[
    "RoleManagementPolicy.Read.AzureADGroup",
    "RoleManagementPolicy.ReadWrite.AzureADGroup",
];

fn policy_json(w: &World, group: &str, access: &str, with_rules: bool) -> Value {
    let p = &w.policies[&(group.to_owned(), access.to_owned())];
    let mut v = json!({
        "id": format!("Group_{group}_{}", p.guid), "displayName": "Group", "description": "Group",
        "isOrganizationDefault": false, "scopeId": group, "scopeType": "Group",
        "lastModifiedDateTime": p.last_modified.map(ts),
        "lastModifiedBy": {"displayName": p.last_modified_by.as_ref().and_then(|id| w.user(id)).map(|u| u.display_name.clone()), "id": null},
    });
    if with_rules {
        v["rules"] = Value::Array(p.rules.clone());
    }
    v
}

/// `expand`: `None` without the policy, `Some(rules)` with it (and its rules when asked for).
fn assignment_json(w: &World, group: &str, access: &str, expand: Option<bool>) -> Value {
    let guid = &w.policies[&(group.to_owned(), access.to_owned())].guid;
    let mut v = json!({"id": format!("Group_{group}_{guid}_{access}"), "policyId": format!("Group_{group}_{guid}"),
        "scopeId": group, "scopeType": "Group", "roleDefinitionId": access});
    if let Some(rules) = expand {
        v["policy"] = policy_json(w, group, access, rules);
    }
    v
}

/// `$expand=policy` brings the policy; only `policy($expand=rules)` brings its rules too.
fn policy_expand(q: &Query) -> Option<bool> {
    q.get("$expand")
        .filter(|e| e.starts_with("policy"))
        .map(|e| e.contains("rules"))
}

/// The group both lists require, from `scopeId eq '...' and scopeType eq 'Group'`.
fn scoped_group(s: &Shared, q: &Query) -> ApiResult<Option<String>> {
    let f = q
        .filter()?
        .ok_or_else(|| ApiError::bad_request("The filter on scopeId and scopeType is required."))?;
    let (Some(scope), Some(kind)) = (f.required_eq("scopeId"), f.required_eq("scopeType")) else {
        return Err(ApiError::bad_request(
            "The filter on scopeId and scopeType is required.",
        ));
    };
    if !kind.eq_ignore_ascii_case("Group") {
        return Err(ApiError::bad_request(format!(
            "scopeType '{kind}' is not supported here."
        )));
    }
    let mut w = s.world();
    let Some(g) = w.group(&scope).map(|g| g.id.clone()) else {
        return Ok(None);
    };
    lifecycle::ensure_policies(&mut w, &g);
    Ok(Some(g))
}

/// Finds `(group, access)` for a policy id; ids from before onboarding no longer resolve.
fn resolve(w: &World, policy_id: &str) -> ApiResult<(String, String)> {
    let found = w
        .policies
        .iter()
        .find(|((g, _), p)| format!("Group_{g}_{}", p.guid).eq_ignore_ascii_case(policy_id));
    found
        .map(|((g, a), _)| (g.clone(), a.clone()))
        .ok_or_else(|| ApiError::not_found(format!("The policy '{policy_id}' was not found.")))
}

async fn list_assignments(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(READ) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    let group = scoped_group(&s, &q)?;
    let expand = policy_expand(&q);
    let w = s.world();
    let items = group
        .map(|g| {
            ["member", "owner"]
                .iter()
                .map(|a| assignment_json(&w, &g, a, expand))
                .collect()
        })
        .unwrap_or_default();
    drop(w);
    collection(&s, items, &q, "policies/roleManagementPolicyAssignments")
}

async fn get_assignment(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(READ) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    let (policy_id, access) = id
        .rsplit_once('_')
        .ok_or_else(|| ApiError::not_found("The policy assignment was not found."))?;
    let w = s.world();
    let (g, a) = resolve(&w, policy_id)?;
    if a != access {
        return Err(ApiError::not_found("The policy assignment was not found."));
    }
    Ok(Json(shape(
        assignment_json(&w, &g, &a, policy_expand(&q)),
        &q,
    )))
}

async fn list_policies(
    State(s): State<Shared>,
    caller: Caller,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(READ) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    let group = scoped_group(&s, &q)?;
    let rules = q.get("$expand").is_some_and(|e| e.contains("rules"));
    let w = s.world();
    let items = group
        .map(|g| {
            ["member", "owner"]
                .iter()
                .map(|a| policy_json(&w, &g, a, rules))
                .collect()
        })
        .unwrap_or_default();
    drop(w);
    collection(&s, items, &q, "policies/roleManagementPolicies")
}

async fn get_policy(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(READ) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    let w = s.world();
    let (g, a) = resolve(&w, &id)?;
    Ok(Json(shape(
        policy_json(
            &w,
            &g,
            &a,
            q.get("$expand").is_some_and(|e| e.contains("rules")),
        ),
        &q,
    )))
}

async fn list_rules(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(READ) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    let w = s.world();
    let key = resolve(&w, &id)?;
    let rules = w.policies[&key].rules.clone();
    drop(w);
    collection(&s, rules, &q, "policies/roleManagementPolicies/rules")
}

async fn get_rule(
    State(s): State<Shared>,
    caller: Caller,
    Path((id, rule)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(READ) {
        return Err(ApiError::denied());
    }
    let w = s.world();
    let key = resolve(&w, &id)?;
    let r = w.policies[&key].rules.iter().find(|r| {
        r["id"]
            .as_str()
            .is_some_and(|x| x.eq_ignore_ascii_case(&rule))
    });
    r.cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("The rule '{rule}' was not found.")))
}

/// Checks rights, applies the rules all-or-nothing, onboards the group, stamps the change.
fn update(
    s: &Shared,
    caller: &Caller,
    policy_id: &str,
    rules: &[Value],
    rule_id: Option<&str>,
) -> ApiResult<(String, String)> {
    if !caller.has_any_scope(&["RoleManagementPolicy.ReadWrite.AzureADGroup"]) {
        return Err(ApiError::denied());
    }
    let mut w = s.world();
    let (g, a) = resolve(&w, policy_id)?;
    if !engine::may_administer(&w, caller, &g) {
        return Err(ApiError::denied());
    }
    if let Some(group) = w.group(&g) {
        lifecycle::check_manageable(group)?;
    }
    let now = w.now();
    let mut draft = w.policies[&(g.clone(), a.clone())].rules.clone();
    for r in rules {
        apply_rule(&mut draft, r, rule_id).map_err(|(code, msg)| ApiError::new(400, code, msg))?;
    }
    let p = w
        .policies
        .get_mut(&(g.clone(), a.clone()))
        .expect("resolved");
    p.rules = draft;
    p.last_modified = Some(now);
    p.last_modified_by = Some(caller.user_id.clone());
    lifecycle::onboard(&mut w, &g, caller);
    let changed: Vec<Value> = rules
        .iter()
        .filter_map(|r| r["id"].as_str().or(rule_id))
        .map(|id| json!({"key": "RuleId", "value": id}))
        .collect();
    crate::audit::record(
        &mut w,
        &format!("Update role setting in PIM ({a})"),
        caller,
        &g,
        None,
        changed,
    );
    Ok((g, a))
}

async fn patch_policy(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let rules = body["rules"]
        .as_array()
        .cloned()
        .ok_or_else(|| ApiError::bad_request("The request body must contain 'rules'."))?;
    let (g, a) = update(&s, &caller, &id, &rules, None)?;
    let w = s.world();
    let mut v = policy_json(&w, &g, &a, false);
    v["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#policies/roleManagementPolicies/$entity",
        s.base_url()
    ));
    Ok(Json(v))
}

async fn patch_rule(
    State(s): State<Shared>,
    caller: Caller,
    Path((id, rule)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    update(&s, &caller, &id, &[body], Some(&rule))?;
    Ok(StatusCode::NO_CONTENT)
}
