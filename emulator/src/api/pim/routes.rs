//! Routes under `/identityGovernance/privilegedAccess/group`: the seven collections, the bound
//! `filterByCurrentUser` functions, `cancel`, and approval stages.

use super::{decisions, engine, json};
use crate::api::list::{collection, shape, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::{Kind, World};
use crate::Shared;
use axum::extract::{OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

const ROOT: &str = "/v1.0/identityGovernance/privilegedAccess/group";

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(&format!("{ROOT}/{{collection}}"), get(list).post(create))
        .route(&format!("{ROOT}/{{collection}}/{{id}}"), get(one))
        .route(
            &format!("{ROOT}/{{collection}}/{{id}}/cancel"),
            post(cancel),
        )
        .route(
            &format!("{ROOT}/assignmentApprovals/{{id}}/stages"),
            get(stages),
        )
        .route(
            &format!("{ROOT}/assignmentApprovals/{{id}}/stages/{{stage}}"),
            get(one_stage).patch(decide),
        )
}

#[derive(Clone, Copy, PartialEq)]
enum Coll {
    Requests(Kind),
    Schedules(Kind),
    Instances(Kind),
    Approvals,
}

fn coll_of(name: &str) -> ApiResult<Coll> {
    Ok(match name {
        "eligibilityScheduleRequests" => Coll::Requests(Kind::Eligibility),
        "assignmentScheduleRequests" => Coll::Requests(Kind::Assignment),
        "eligibilitySchedules" => Coll::Schedules(Kind::Eligibility),
        "assignmentSchedules" => Coll::Schedules(Kind::Assignment),
        "eligibilityScheduleInstances" => Coll::Instances(Kind::Eligibility),
        "assignmentScheduleInstances" => Coll::Instances(Kind::Assignment),
        "assignmentApprovals" => Coll::Approvals,
        other => {
            return Err(ApiError::new(
                400,
                "BadRequest",
                format!("Resource not found for the segment '{other}'."),
            ))
        }
    })
}

fn read_scopes(kind: Kind) -> [&'static str; 3] {
    match kind {
        Kind::Eligibility => [
            "PrivilegedEligibilitySchedule.Read.AzureADGroup",
            "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
            "PrivilegedAccess.Read.AzureADGroup",
        ],
        Kind::Assignment => [
            "PrivilegedAssignmentSchedule.Read.AzureADGroup",
            "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
            "PrivilegedAccess.Read.AzureADGroup",
        ],
    }
}

fn kind_of(c: Coll) -> Kind {
    match c {
        Coll::Requests(k) | Coll::Schedules(k) | Coll::Instances(k) => k,
        Coll::Approvals => Kind::Assignment,
    }
}

/// Every object of a collection that passes a cheap pre-filter, as JSON.
fn objects(w: &World, c: Coll, keep: &dyn Fn(&str, &str, &str) -> bool) -> Vec<Value> {
    let now = w.now();
    match c {
        Coll::Requests(k) => w
            .requests
            .iter()
            .filter(|r| r.kind == k && keep(&r.group_id, &r.principal_id, &r.created_by))
            .map(json::request)
            .collect(),
        Coll::Schedules(k) => w
            .schedules
            .iter()
            .filter(|s| s.kind == k && keep(&s.group_id, &s.principal_id, ""))
            .map(json::schedule)
            .collect(),
        Coll::Instances(k) => w
            .schedules
            .iter()
            .filter(|s| s.kind == k && s.start <= now && keep(&s.group_id, &s.principal_id, ""))
            .map(json::instance)
            .collect(),
        Coll::Approvals => vec![],
    }
}

fn context(c: &str) -> String {
    format!("identityGovernance/privilegedAccess/group/{c}")
}

async fn list(
    State(s): State<Shared>,
    caller: Caller,
    Path(name): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let c = coll_of(&name)?;
    if !caller.has_any_scope(&read_scopes(kind_of(c))) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    let f = q.filter()?;
    let group = f
        .as_ref()
        .and_then(|f| f.required_eq("groupId"))
        .map(|g| g.to_ascii_lowercase());
    let principal = f
        .as_ref()
        .and_then(|f| f.required_eq("principalId"))
        .map(|p| p.to_ascii_lowercase());
    if c == Coll::Approvals || (group.is_none() && principal.is_none()) {
        return Err(ApiError::new(400, "BadRequest", "This method requires the $filter (eq) query parameter to scope the request to a principalId or a groupId."));
    }
    let w = s.world();
    // Another group's PIM data needs rights on that group; one's own (principalId = me) does not.
    let own = principal.as_deref() == Some(caller.user_id.to_ascii_lowercase().as_str());
    if let Some(g) = &group {
        if !own && !engine::may_read(&w, &caller, g) {
            return Err(ApiError::denied());
        }
    }
    // Filtering on another person's id alone shows only the groups the caller may read.
    let items = objects(&w, c, &|g, p, _| {
        group.as_ref().is_none_or(|x| x == g)
            && principal.as_ref().is_none_or(|x| x == p)
            && (own || group.is_some() || engine::may_read(&w, &caller, g))
    });
    let items = expanded(&w, items, &q);
    drop(w);
    collection(&s, items, &q, &context(&name))
}

fn expanded(w: &World, items: Vec<Value>, q: &Query) -> Vec<Value> {
    match q.get("$expand") {
        Some(e) => items.into_iter().map(|v| json::expand(w, v, e)).collect(),
        None => items,
    }
}

/// `GET {collection}/{id}`, where `id` may be the bound function `filterByCurrentUser(on='...')`.
async fn one(
    State(s): State<Shared>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let c = coll_of(&name)?;
    if !caller.has_any_scope(&read_scopes(kind_of(c))) {
        return Err(ApiError::denied());
    }
    let q = Query::from(uri.query(), &headers, uri.path())?;
    if let Some(on) = id
        .strip_prefix("filterByCurrentUser(on=")
        .and_then(|r| r.strip_suffix(')'))
    {
        return by_current_user(&s, &caller, c, &name, on.trim_matches('\''), &q);
    }
    let w = s.world();
    let found = match c {
        Coll::Approvals => {
            let a = w.approvals.get(&id).ok_or_else(|| {
                ApiError::not_found(format!("The approval '{id}' was not found."))
            })?;
            if !sees_approval(&w, a, &caller) {
                return Err(ApiError::denied());
            }
            Some(json::approval(a, &caller.user_id))
        }
        _ => {
            let with_id = |v: &Value| {
                v["id"]
                    .as_str()
                    .is_some_and(|x| x.eq_ignore_ascii_case(&id))
            };
            if !objects(&w, c, &|_, _, _| true).iter().any(with_id) {
                return Err(ApiError::not_found(format!(
                    "The object '{id}' was not found in {name}."
                )));
            }
            // Known ids are not a key: the object must be the caller's, or in a group they may
            // read, or a request they are asked to approve (the emulator's reading, README).
            let me = caller.user_id.as_str();
            let approver = w
                .approvals
                .get(&id)
                .is_some_and(|a| a.approvers.iter().any(|x| x == me));
            let seen = objects(&w, c, &|g, p, by| {
                p == me || by == me || approver || engine::may_read(&w, &caller, g)
            });
            Some(
                seen.into_iter()
                    .find(with_id)
                    .ok_or_else(ApiError::denied)?,
            )
        }
    };
    let v = found.ok_or_else(|| {
        ApiError::not_found(format!("The object '{id}' was not found in {name}."))
    })?;
    let v = expanded(&w, vec![v], &q).remove(0);
    Ok(Json(shape(v, &q)))
}

/// An approval is read by its approvers and by whoever made the request.
fn sees_approval(w: &World, a: &crate::state::Approval, caller: &Caller) -> bool {
    a.approvers.contains(&caller.user_id)
        || w.requests
            .iter()
            .any(|r| r.id == a.id && r.created_by == caller.user_id)
}

fn by_current_user(
    s: &Shared,
    caller: &Caller,
    c: Coll,
    name: &str,
    on: &str,
    q: &Query,
) -> ApiResult<Json<Value>> {
    let me = caller.user_id.as_str();
    let allowed: &[&str] = if matches!(c, Coll::Requests(_)) {
        &["principal", "createdBy", "approver"]
    } else {
        &["principal"]
    };
    let on = allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(on))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "'{on}' is not a valid value for the parameter 'on'."
            ))
        })?;
    let w = s.world();
    let items = match *on {
        "principal" => objects(&w, c, &|_, p, _| p == me),
        "createdBy" => objects(&w, c, &|_, _, by| by == me),
        _ => {
            let waiting: Vec<&str> = w
                .approvals
                .values()
                .filter(|a| a.status == "InProgress" && a.approvers.iter().any(|x| x == me))
                .map(|a| a.id.as_str())
                .collect();
            objects(&w, c, &|_, _, _| true)
                .into_iter()
                .filter(|v| v["id"].as_str().is_some_and(|id| waiting.contains(&id)))
                .collect()
        }
    };
    let items = expanded(&w, items, q);
    drop(w);
    collection(s, items, q, &context(name))
}

async fn create(
    State(s): State<Shared>,
    caller: Caller,
    Path(name): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let kind = match coll_of(&name)? {
        Coll::Requests(k) => k,
        _ => {
            return Err(ApiError::new(
                405,
                "Request_BadRequest",
                "The collection does not accept POST.",
            ))
        }
    };
    let mut w = s.world();
    let r = engine::submit(&mut w, kind, &body, &caller)?;
    let mut v = json::request(&r);
    v["@odata.context"] = Value::String(format!(
        "{}/v1.0/$metadata#{}/$entity",
        s.base_url(),
        context(&name)
    ));
    Ok((StatusCode::CREATED, Json(v)))
}

async fn cancel(
    State(s): State<Shared>,
    caller: Caller,
    Path((name, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let Coll::Requests(kind) = coll_of(&name)? else {
        return Err(ApiError::bad_request("Only requests can be canceled."));
    };
    let write = match kind {
        Kind::Eligibility => "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
        Kind::Assignment => "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
    };
    if !caller.has_any_scope(&[write]) {
        return Err(ApiError::denied());
    }
    decisions::cancel(&mut s.world(), kind, &id, &caller)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn stages(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(&read_scopes(Kind::Assignment)) {
        return Err(ApiError::denied());
    }
    let w = s.world();
    let a = w
        .approvals
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("The approval '{id}' was not found.")))?;
    if !sees_approval(&w, a, &caller) {
        return Err(ApiError::denied());
    }
    Ok(Json(
        serde_json::json!({"value": [json::stage(a, &caller.user_id)]}),
    ))
}

async fn one_stage(
    State(s): State<Shared>,
    caller: Caller,
    Path((id, stage)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    if !caller.has_any_scope(&read_scopes(Kind::Assignment)) {
        return Err(ApiError::denied());
    }
    let w = s.world();
    let a = w
        .approvals
        .get(&id)
        .filter(|a| a.id.eq_ignore_ascii_case(&stage))
        .ok_or_else(|| ApiError::not_found("The approval stage was not found."))?;
    if !sees_approval(&w, a, &caller) {
        return Err(ApiError::denied());
    }
    Ok(Json(json::stage(a, &caller.user_id)))
}

async fn decide(
    State(s): State<Shared>,
    caller: Caller,
    Path((id, stage)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    if !caller.has_any_scope(&["PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup"]) {
        return Err(ApiError::denied());
    }
    decisions::decide(&mut s.world(), &id, &stage, &body, &caller)?;
    Ok(StatusCode::NO_CONTENT)
}
