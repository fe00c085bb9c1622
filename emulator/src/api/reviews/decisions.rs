//! A review instance's decisions and contacted reviewers: lists (every decision for the review's
//! managers, the reviewer's own through `filterByCurrentUser(on='reviewer')`), one decision, and
//! recording one (PATCH, the last one wins).

use super::instances::{ctx, instance_of, mine, reviewer_only, running};
use super::{manageable, paged, readable, READ, WRITE};
use crate::api::directory::need;
use crate::api::list::Query;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::reviews::json;
use crate::state::World;
use crate::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// `GET .../instances/{i}/decisions`, `.../contactedReviewers`.
pub(super) async fn read(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i, action)): Path<(String, String, String)>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, READ)?;
    let w = s.world();
    let (_, r) = readable(&w, &caller, &d)?;
    let (_, x) = instance_of(r, &i)?;
    let insights = q.get("$expand").is_some_and(|e| e.contains("insights"));
    let items: Vec<Value> = match action.as_str() {
        "decisions" => {
            // Every decision: the review's managers and its creator; reviewers read their own.
            if manageable(&w, &caller, &d).is_err() && r.created_by != caller.user_id {
                return Err(ApiError::denied());
            }
            x.decisions
                .iter()
                .map(|dd| json::decision(&w, x, dd, insights))
                .collect()
        }
        // v1.0 lists the stages of a multi-stage review; a single-stage one has none.
        "stages" => stages(r, x),
        "contactedReviewers" => x
            .reviewers
            .iter()
            .map(|id| json::reviewer(&w, x, id))
            .collect(),
        _ => {
            return Err(ApiError::bad_request(format!(
                "Resource not found for the segment '{action}'."
            )))
        }
    };
    let items = filtered(items, &q)?;
    paged(
        &s,
        items,
        q,
        &ctx(&d, &format!("instances('{i}')/{action}")),
    )
}

/// A multi-stage review's stages, each over the instance's period (the emulator runs them at
/// once); a single-stage review's list is empty.
fn stages(r: &crate::reviews::Review, x: &crate::reviews::Instance) -> Vec<Value> {
    let inst = json::instance(r, x);
    r.definition["stageSettings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|st| {
            json!({
                "id": st["stageId"],
                "startDateTime": inst["startDateTime"],
                "endDateTime": inst["endDateTime"],
                "status": inst["status"],
                "reviewers": st.get("reviewers").cloned().unwrap_or(json!([])),
                "fallbackReviewers": st.get("fallbackReviewers").cloned().unwrap_or(json!([])),
            })
        })
        .collect()
}

/// `$filter=decision eq 'NotReviewed'` and the like: `eq` on one property, as the docs allow.
fn filtered(items: Vec<Value>, q: &Query) -> ApiResult<Vec<Value>> {
    match q.filter()? {
        Some(f) => Ok(items.into_iter().filter(|o| f.matches(o)).collect()),
        None => Ok(items),
    }
}

/// `GET .../decisions/{x}` and `GET .../decisions/filterByCurrentUser(on='reviewer')`.
pub(super) async fn decision(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i, x)): Path<(String, String, String)>,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, READ)?;
    let w = s.world();
    let (_, r) = readable(&w, &caller, &d)?;
    let (_, inst) = instance_of(r, &i)?;
    let insights = q.get("$expand").is_some_and(|e| e.contains("insights"));
    if x.starts_with("filterByCurrentUser(") {
        reviewer_only(&x)?;
        let items = mine(inst, &caller)
            .map(|n| json::decision(&w, inst, &inst.decisions[n], insights))
            .collect();
        let items = filtered(items, &q)?;
        return paged(&s, items, q, "Collection(accessReviewInstanceDecisionItem)");
    }
    let n = inst
        .decisions
        .iter()
        .position(|dd| dd.id == x)
        .ok_or_else(|| ApiError::not_found(format!("The decision with id '{x}' was not found.")))?;
    // As the list: a reviewer reads their own decisions, the review's managers every one.
    let manages = manageable(&w, &caller, &d).is_ok() || r.created_by == caller.user_id;
    if !manages && !mine(inst, &caller).any(|m| m == n) {
        return Err(ApiError::denied());
    }
    let item = &inst.decisions[n];
    let mut v = json::decision(&w, inst, item, insights);
    v["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#{}/$entity",
        s.base_url(),
        ctx(&d, &format!("instances('{i}')/decisions"))
    ));
    Ok(Json(v))
}

const DECISIONS: [&str; 4] = ["Approve", "Deny", "NotReviewed", "DontKnow"];

/// Records one decision by the caller (a reviewer of a running instance).
pub(super) fn decide(
    w: &mut World,
    ri: usize,
    ii: usize,
    n: usize,
    caller: &Caller,
    decision: &str,
    justification: &str,
) -> ApiResult<()> {
    let value = DECISIONS
        .iter()
        .find(|v| v.eq_ignore_ascii_case(decision))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "'{decision}' is not a valid decision: use Approve, Deny, NotReviewed or DontKnow."
            ))
        })?;
    let required = w.reviews[ri].definition["settings"]["justificationRequiredOnApproval"] == true;
    if required && *value != "NotReviewed" && justification.trim().is_empty() {
        return Err(ApiError::bad_request(
            "This review requires a justification for each decision.",
        ));
    }
    let now = w.now();
    let item = &mut w.reviews[ri].instances[ii].decisions[n];
    item.decision = (*value).to_owned();
    item.justification = justification.to_owned();
    item.reviewed_by = Some(caller.user_id.clone());
    item.reviewed = Some(now);
    Ok(())
}

/// `PATCH .../decisions/{x}`: `{decision, justification}`, 204; the last one wins.
pub(super) async fn record(
    State(s): State<Shared>,
    caller: Caller,
    Path((d, i, x)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    need(&caller, WRITE)?;
    let mut w = s.world();
    let (ri, r) = readable(&w, &caller, &d)?;
    let (ii, inst) = instance_of(r, &i)?;
    running(inst)?;
    let n = inst
        .decisions
        .iter()
        .position(|dd| dd.id == x)
        .ok_or_else(|| ApiError::not_found(format!("The decision with id '{x}' was not found.")))?;
    if !mine(inst, &caller).any(|m| m == n) {
        return Err(ApiError::denied());
    }
    let decision = body["decision"].as_str().unwrap_or("").to_owned();
    let justification = body["justification"].as_str().unwrap_or("").to_owned();
    decide(&mut w, ri, ii, n, &caller, &decision, &justification)?;
    Ok(StatusCode::NO_CONTENT)
}
