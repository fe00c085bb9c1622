//! `/identityGovernance/accessReviews/definitions`: create, list (with the `contains` filter on
//! the scope's query), get, replace (PUT), delete, stop, and the reviewer's own list.

mod accept;
mod decisions;
mod instances;

use super::directory::need;
use super::list::{page, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::reviews::{json, lifecycle, Resource, Review};
use crate::state::World;
use crate::tenant::roles::*;
use crate::Shared;
use accept::accept;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub const BASE: &str = "/v1.0/identityGovernance/accessReviews/definitions";
const READ: &[&str] = &["AccessReview.Read.All", "AccessReview.ReadWrite.All"];
const WRITE: &[&str] = &["AccessReview.ReadWrite.All"];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(BASE, get(list).post(create))
        .route(
            &format!("{BASE}/{{d}}"),
            get(one).put(replace).delete(remove),
        )
        .route(&format!("{BASE}/{{d}}/stop"), post(stop))
        .merge(instances::routes())
}

/// Who may create and manage reviews of a group: User and Identity Governance Administrators for
/// groups, and for a role-assignable (PIM) group Global and Privileged Role Administrators only.
fn may_manage(w: &World, caller: &Caller, on: &[Resource]) -> bool {
    let roles = w.roles_of(&caller.user_id);
    let assignable = on
        .iter()
        .any(|r| w.group(&r.id).is_some_and(|g| g.is_assignable_to_role));
    let allowed: &[&str] = if assignable {
        &[GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN]
    } else {
        &[
            GLOBAL_ADMIN,
            PRIVILEGED_ROLE_ADMIN,
            USER_ADMIN,
            IDENTITY_GOVERNANCE_ADMIN,
        ]
    };
    roles.iter().any(|r| allowed.contains(&r.as_str()))
}

/// Readers of every review: the managers above and the directory's readers.
fn may_read_all(w: &World, caller: &Caller) -> bool {
    let roles = w.roles_of(&caller.user_id);
    let readers = [
        GLOBAL_ADMIN,
        PRIVILEGED_ROLE_ADMIN,
        USER_ADMIN,
        IDENTITY_GOVERNANCE_ADMIN,
        GLOBAL_READER,
        SECURITY_READER,
        SECURITY_ADMIN,
    ];
    roles.iter().any(|r| readers.contains(&r.as_str()))
}

/// Whether the caller reviews any instance of the review.
fn reviews_it(r: &Review, caller: &Caller) -> bool {
    r.instances
        .iter()
        .any(|i| i.reviewers.contains(&caller.user_id))
}

pub(super) fn find<'a>(w: &'a World, id: &str) -> ApiResult<(usize, &'a Review)> {
    w.reviews
        .iter()
        .enumerate()
        .find(|(_, r)| r.id == id)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "The access review schedule definition with id '{id}' was not found."
            ))
        })
}

/// A review the caller may read: a manager, a reader, its creator or one of its reviewers.
pub(super) fn readable<'a>(
    w: &'a World,
    caller: &Caller,
    id: &str,
) -> ApiResult<(usize, &'a Review)> {
    let (i, r) = find(w, id)?;
    if may_read_all(w, caller) || r.created_by == caller.user_id || reviews_it(r, caller) {
        Ok((i, r))
    } else {
        Err(ApiError::denied())
    }
}

pub(super) fn manageable(w: &World, caller: &Caller, id: &str) -> ApiResult<usize> {
    let (i, r) = find(w, id)?;
    if may_manage(w, caller, &r.resources) {
        Ok(i)
    } else {
        Err(ApiError::denied())
    }
}

fn context(s: &Shared, what: &str) -> String {
    format!("{}/v1.0/$metadata#{what}", s.base_url())
}

/// `contains(scope/microsoft.graph.accessReviewQueryScope/query, '...')`: the only filter on the
/// scope that Graph documents for definitions.
fn scope_contains(filter: &str) -> ApiResult<String> {
    let f = filter.trim();
    let inner = f
        .strip_prefix("contains(")
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| r.split_once(','))
        .filter(|(prop, _)| prop.trim() == "scope/microsoft.graph.accessReviewQueryScope/query")
        .map(|(_, v)| v.trim())
        .and_then(|v| v.strip_prefix('\'')?.strip_suffix('\''));
    inner.map(|v| v.replace("''", "'")).ok_or_else(|| {
        ApiError::bad_request(format!(
            "Invalid filter clause: the filter '{f}' is not supported."
        ))
    })
}

/// `GET /definitions` (`$filter=contains(scope/...query, '/groups/{id}')`, `$top`, `$skip`).
async fn list(State(s): State<Shared>, caller: Caller, q: Query) -> ApiResult<Json<Value>> {
    need(&caller, READ)?;
    let w = s.world();
    let wanted = q.get("$filter").map(scope_contains).transpose()?;
    let all = may_read_all(&w, &caller);
    let items: Vec<Value> = w
        .reviews
        .iter()
        .filter(|r| all || r.created_by == caller.user_id || reviews_it(r, &caller))
        .filter(|r| {
            wanted.as_deref().is_none_or(|f| {
                r.definition["scope"]["query"]
                    .as_str()
                    .unwrap_or("")
                    .contains(f)
            })
        })
        .map(|r| json::definition(&w, r))
        .collect();
    paged(&s, items, q, "identityGovernance/accessReviews/definitions")
}

/// Pages of 100 by `$top` and `$skip`, as the access review lists do.
pub(super) fn paged(
    s: &Shared,
    items: Vec<Value>,
    mut q: Query,
    ctx: &str,
) -> ApiResult<Json<Value>> {
    q.params.retain(|k, _| !k.eq_ignore_ascii_case("$filter"));
    let skip = match q.get("$skip") {
        Some(n) => n
            .parse::<usize>()
            .map_err(|_| ApiError::bad_request(format!("Invalid value '{n}' for $skip.")))?,
        None => 0,
    };
    q.params.retain(|k, _| !k.eq_ignore_ascii_case("$skip"));
    // Access review lists answer `$count=true` with `@odata.count` (no ConsistencyLevel needed).
    let counted = q
        .get("$count")
        .is_some_and(|c| c.eq_ignore_ascii_case("true"));
    let total = items.len();
    let items: Vec<Value> = items.into_iter().skip(skip).collect();
    let mut out = page(items, &q, &s.base_url(), ctx, 100, 100, s.page_size())?;
    if counted && !q.params.contains_key("$skiptoken") {
        out["@odata.count"] = serde_json::json!(total);
    }
    Ok(Json(out))
}

/// `POST /definitions`: 201 with the definition; its first instance starts on its start date.
async fn create(
    State(s): State<Shared>,
    caller: Caller,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    need(&caller, WRITE)?;
    let mut w = s.world();
    let (definition, resources) = accept(&w, &body)?;
    if !may_manage(&w, &caller, &resources) {
        return Err(ApiError::denied());
    }
    let now = w.now();
    let review = Review {
        id: uuid::Uuid::new_v4().to_string(),
        definition,
        resources,
        occurrences: 0,
        created: now,
        modified: now,
        created_by: caller.user_id.clone(),
        instances: vec![],
        stopped: false,
    };
    w.reviews.push(review);
    lifecycle::advance(&mut w);
    crate::api::pim::timeline::refresh(&mut w);
    let mut v = json::definition(&w, w.reviews.last().expect("pushed"));
    v["@odata.context"] = json!(context(
        &s,
        "identityGovernance/accessReviews/definitions/$entity"
    ));
    Ok((StatusCode::CREATED, Json(v)))
}

/// `GET /definitions/{id}`, and `GET /definitions/filterByCurrentUser(on='reviewer')`.
async fn one(
    State(s): State<Shared>,
    caller: Caller,
    Path(d): Path<String>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, READ)?;
    let w = s.world();
    if d.starts_with("filterByCurrentUser(") {
        instances::reviewer_only(&d)?;
        let items = w
            .reviews
            .iter()
            .filter(|r| reviews_it(r, &caller))
            .map(|r| json::definition(&w, r))
            .collect();
        return paged(&s, items, q, "Collection(accessReviewScheduleDefinition)");
    }
    let (_, r) = readable(&w, &caller, &d)?;
    let mut v = super::list::shape(json::definition(&w, r), &q);
    v["@odata.context"] = json!(context(
        &s,
        "identityGovernance/accessReviews/definitions/$entity"
    ));
    Ok(Json(v))
}

/// `PUT /definitions/{id}`: the whole definition again; future instances follow it.
async fn replace(
    State(s): State<Shared>,
    caller: Caller,
    Path(d): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    need(&caller, WRITE)?;
    let mut w = s.world();
    let i = manageable(&w, &caller, &d)?;
    let (definition, resources) = accept(&w, &body)?;
    if resources != w.reviews[i].resources {
        return Err(ApiError::bad_request(
            "The scope of a review cannot be changed.",
        ));
    }
    let now = w.now();
    let r = &mut w.reviews[i];
    r.definition = definition;
    r.modified = now;
    crate::api::pim::timeline::refresh(&mut w);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /definitions/{id}`.
async fn remove(
    State(s): State<Shared>,
    caller: Caller,
    Path(d): Path<String>,
) -> ApiResult<StatusCode> {
    need(&caller, WRITE)?;
    let mut w = s.world();
    let i = manageable(&w, &caller, &d)?;
    w.reviews.remove(i);
    crate::api::pim::timeline::refresh(&mut w);
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /definitions/{id}/stop`: the running instance ends and no more start.
async fn stop(
    State(s): State<Shared>,
    caller: Caller,
    Path(d): Path<String>,
) -> ApiResult<StatusCode> {
    need(&caller, WRITE)?;
    let mut w = s.world();
    let i = manageable(&w, &caller, &d)?;
    w.reviews[i].stopped = true;
    if let Some(ii) = w.reviews[i]
        .instances
        .iter()
        .position(|x| x.status == "InProgress")
    {
        lifecycle::complete(&mut w, i, ii, Some(&caller.user_id));
    }
    crate::api::pim::timeline::refresh(&mut w);
    Ok(StatusCode::NO_CONTENT)
}
