//! A review's instances: list and get, the reviewer's own (`filterByCurrentUser(on='reviewer')`),
//! the reviewer's `batchRecordDecisions` and `acceptRecommendations`, and the administrator's
//! `stop`, `resetDecisions`, `applyDecisions`, `sendReminder` and PUT (fallback reviewers may only
//! be added). Decisions themselves are in decisions.rs.

use super::decisions;
use super::{manageable, paged, readable, BASE, READ, WRITE};
use crate::api::directory::need;
use crate::api::list::Query;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::reviews::{json, lifecycle, Instance, Review};
use crate::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(&format!("{BASE}/{{d}}/instances"), get(list))
        .route(
            &format!("{BASE}/{{d}}/instances/{{i}}"),
            get(one).put(replace).patch(update),
        )
        .route(
            &format!("{BASE}/{{d}}/instances/{{i}}/{{action}}"),
            get(decisions::read).post(act),
        )
        .route(
            &format!("{BASE}/{{d}}/instances/{{i}}/decisions/{{x}}"),
            get(decisions::decision).patch(decisions::record),
        )
}

/// `filterByCurrentUser(on='reviewer')` is the only value v1.0 offers.
pub(super) fn reviewer_only(segment: &str) -> ApiResult<()> {
    let on = segment
        .trim_start_matches("filterByCurrentUser(")
        .trim_end_matches(')')
        .replace(' ', "");
    if on == "on='reviewer'" {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "The parameter 'on' has an unsupported value in '{segment}'."
        )))
    }
}

pub(super) fn instance_of<'a>(r: &'a Review, id: &str) -> ApiResult<(usize, &'a Instance)> {
    r.instances
        .iter()
        .enumerate()
        .find(|(_, i)| i.id == id)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "The access review instance with id '{id}' was not found."
            ))
        })
}

pub(super) fn ctx(d: &str, rest: &str) -> String {
    format!("identityGovernance/accessReviews/definitions('{d}')/{rest}")
}

/// `GET /definitions/{d}/instances`.
async fn list(
    State(s): State<Shared>,
    caller: Caller,
    Path(d): Path<String>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, READ)?;
    let w = s.world();
    let (_, r) = readable(&w, &caller, &d)?;
    let items = r.instances.iter().map(|i| json::instance(r, i)).collect();
    paged(&s, items, q, &ctx(&d, "instances"))
}

/// `GET .../instances/{i}` and `GET .../instances/filterByCurrentUser(on='reviewer')`.
async fn one(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i)): Path<(String, String)>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, READ)?;
    let w = s.world();
    let (_, r) = readable(&w, &caller, &d)?;
    if i.starts_with("filterByCurrentUser(") {
        reviewer_only(&i)?;
        let items = r
            .instances
            .iter()
            .filter(|x| x.reviewers.contains(&caller.user_id))
            .map(|x| json::instance(r, x))
            .collect();
        return paged(&s, items, q, "Collection(accessReviewInstance)");
    }
    let (_, x) = instance_of(r, &i)?;
    let mut v = crate::api::list::shape(json::instance(r, x), &q);
    v["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#{}/$entity",
        s.base_url(),
        ctx(&d, "instances")
    ));
    Ok(Json(v))
}

/// The decisions a caller may record: all of an instance they review, or only their own in a
/// self-review.
pub(super) fn mine<'a>(x: &'a Instance, caller: &'a Caller) -> impl Iterator<Item = usize> + 'a {
    x.decisions
        .iter()
        .enumerate()
        .filter(move |(_, d)| {
            x.reviewers.contains(&caller.user_id)
                && (!x.self_review || d.principal_id == caller.user_id)
        })
        .map(|(n, _)| n)
}

pub(super) fn running(x: &Instance) -> ApiResult<()> {
    if x.status == "InProgress" {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "The access review instance is {} and no longer takes decisions.",
            x.status
        )))
    }
}

/// `POST .../instances/{i}/{action}`: the instance's actions, each 204.
async fn act(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i, action)): Path<(String, String, String)>,
    body: Option<Json<Value>>,
) -> ApiResult<StatusCode> {
    need(&caller, WRITE)?;
    let mut w = s.world();
    let (ri, r) = readable(&w, &caller, &d)?;
    let (ii, inst) = instance_of(r, &i)?;
    let inst = inst.clone();
    let auto_apply = r.definition["settings"]["autoApplyDecisionsEnabled"] == true;
    let review = r.clone();
    match action.as_str() {
        "batchRecordDecisions" | "acceptRecommendations" => {
            running(&inst)?;
            let body = body.map(|b| b.0).unwrap_or(Value::Null);
            let items: Vec<usize> = mine(&inst, &caller).collect();
            if items.is_empty() {
                return Err(ApiError::denied());
            }
            for n in items {
                let item = &inst.decisions[n];
                if action == "acceptRecommendations" {
                    // Only what the caller has not decided, and only where there is a recommendation.
                    if item.decision == "NotReviewed" && item.recommendation != "NoInfoAvailable" {
                        let rec = item.recommendation.clone();
                        let why = "Accepted the recommendation.";
                        let now = w.now();
                        let it = &mut w.reviews[ri].instances[ii].decisions[n];
                        it.decision = rec;
                        it.justification = why.into();
                        it.reviewed_by = Some(caller.user_id.clone());
                        it.reviewed = Some(now);
                    }
                    continue;
                }
                let keep = body["principalId"]
                    .as_str()
                    .is_none_or(|p| p == item.principal_id)
                    && body["resourceId"]
                        .as_str()
                        .is_none_or(|g| g == inst.resource.id);
                if keep {
                    let decision = body["decision"].as_str().unwrap_or("");
                    decisions::decide(
                        &mut w,
                        ri,
                        ii,
                        n,
                        &caller,
                        decision,
                        body["justification"].as_str().unwrap_or(""),
                    )?;
                }
            }
        }
        _ => {
            manageable(&w, &caller, &d)?;
            match action.as_str() {
                "stop" => {
                    running(&inst)?;
                    lifecycle::complete(&mut w, ri, ii, Some(&caller.user_id));
                }
                "resetDecisions" => {
                    running(&inst)?;
                    for it in &mut w.reviews[ri].instances[ii].decisions {
                        it.decision = "NotReviewed".into();
                        it.justification.clear();
                        it.reviewed_by = None;
                        it.reviewed = None;
                    }
                }
                "applyDecisions" => {
                    if auto_apply {
                        return Err(ApiError::bad_request(
                            "This review applies its results automatically.",
                        ));
                    }
                    if inst.status != "Completed" {
                        return Err(ApiError::bad_request(format!(
                            "Only a completed instance can be applied; this one is {}.",
                            inst.status
                        )));
                    }
                    lifecycle::apply(&mut w, ri, ii, Some(&caller.user_id));
                }
                "sendReminder" => {
                    running(&inst)?;
                    lifecycle::mail_reviewers(&mut w, &review, &inst, "Reminder: ");
                }
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "Resource not found for the segment '{action}'."
                    )))
                }
            }
        }
    }
    crate::api::pim::timeline::refresh(&mut w);
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT .../instances/{i}`: `{scope, reviewers, fallbackReviewers}` while running; removing a
/// fallback reviewer is a 409.
async fn replace(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    write(&s, &caller, &d, &i, body, false)
}

/// `PATCH .../instances/{i}`: as PUT (Microsoft's SDKs send only PATCH), what is left out kept.
async fn update(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    write(&s, &caller, &d, &i, body, true)
}

fn write(
    s: &Shared,
    caller: &Caller,
    d: &str,
    i: &str,
    mut body: Value,
    patch: bool,
) -> ApiResult<Json<Value>> {
    need(caller, WRITE)?;
    let mut w = s.world();
    let ri = manageable(&w, caller, d)?;
    let (ii, inst) = instance_of(&w.reviews[ri], i)?;
    running(inst)?;
    if patch {
        let now = json::instance(&w.reviews[ri], inst);
        for key in ["scope", "reviewers", "fallbackReviewers"] {
            if body.get(key).is_none() {
                body[key] = now[key].clone();
            }
        }
    }
    if body.get("scope").is_none_or(Value::is_null) {
        return Err(ApiError::bad_request("The property 'scope' is required."));
    }
    let before: Vec<String> = queries(&inst.fallback_scopes);
    let after: Vec<String> = queries(&body["fallbackReviewers"]);
    if before.iter().any(|q| !after.contains(q)) {
        return Err(ApiError::new(
            409,
            "Conflict",
            "Fallback reviewers can be added but not removed.",
        ));
    }
    let x = &mut w.reviews[ri].instances[ii];
    x.fallback_scopes = body["fallbackReviewers"].clone();
    if let Some(r) = body.get("reviewers").filter(|r| r.is_array()) {
        x.reviewer_scopes = r.clone();
    }
    let r = &w.reviews[ri];
    Ok(Json(json::instance(r, &r.instances[ii])))
}

fn queries(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["query"].as_str().map(str::to_owned))
        .collect()
}
