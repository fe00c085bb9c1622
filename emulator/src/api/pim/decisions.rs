//! Approver decisions, cancellation, and the passing of time for approvals.

use super::lifecycle;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::{Kind, World};
use serde_json::Value;

/// Applies the clock: schedules start and end, unanswered approvals time out after their stage's
/// timeout (24 hours by default).
pub fn tick(world: &mut World) {
    let now = world.now();
    if world.next_event.is_none_or(|t| now < t) {
        return;
    }
    let expired: Vec<String> = world
        .approvals
        .values()
        .filter(|a| a.status == "InProgress" && a.expires <= now)
        .map(|a| a.id.clone())
        .collect();
    for id in expired {
        if let Some(a) = world.approvals.get_mut(&id) {
            a.status = "Completed".into();
        }
        if let Some(r) = world.requests.iter_mut().find(|r| r.id == id) {
            // Graph's exact status string for a timed-out approval is not documented.
            r.status = "TimedOut".into();
            r.completed = Some(now);
        }
    }
    crate::reviews::lifecycle::advance(world);
    lifecycle::refresh(world);
}

/// `PATCH .../assignmentApprovals/{id}/stages/{stageId}`: approve or deny, once.
pub fn decide(
    world: &mut World,
    approval_id: &str,
    stage_id: &str,
    body: &Value,
    caller: &Caller,
) -> ApiResult<()> {
    let now = world.now();
    let approval = world.approvals.get(approval_id).ok_or_else(|| {
        ApiError::not_found(format!("The approval '{approval_id}' was not found."))
    })?;
    if !stage_id.eq_ignore_ascii_case(&approval.id) {
        return Err(ApiError::not_found(format!(
            "The approval stage '{stage_id}' was not found."
        )));
    }
    let request = world
        .requests
        .iter()
        .find(|r| r.id == approval.id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("The request was not found."))?;
    if request.principal_id == caller.user_id || request.created_by == caller.user_id {
        return Err(ApiError::new(
            403,
            "Authorization_RequestDenied",
            "You cannot approve or deny your own request.",
        ));
    }
    if !approval.approvers.iter().any(|a| a == &caller.user_id) {
        return Err(ApiError::new(
            403,
            "Authorization_RequestDenied",
            "You are not an approver of this request.",
        ));
    }
    if approval.status != "InProgress" {
        let why = if request.status == "TimedOut" {
            "it has expired"
        } else if request.status == "Canceled" {
            "it was canceled"
        } else {
            "a decision was already made"
        };
        return Err(ApiError::new(
            409,
            "Conflict",
            format!("The approval stage cannot be reviewed: {why}."),
        ));
    }
    let result = match body
        .get("reviewResult")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("approve") | Some("approved") => "Approved",
        Some("deny") | Some("denied") => "Denied",
        _ => {
            return Err(ApiError::bad_request(
                "reviewResult must be 'Approve' or 'Deny'.",
            ))
        }
    };
    let justification = body
        .get("justification")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    let rules = &world.policies[&(request.group_id.clone(), request.access_id.clone())].rules;
    let needs_reason = crate::policy::rule(rules, "Approval_EndUser_Assignment")["setting"]
        ["approvalStages"][0]["isApproverJustificationRequired"]
        == Value::Bool(true);
    if needs_reason && justification.is_empty() {
        return Err(ApiError::bad_request(
            "A justification is required to review this request.",
        ));
    }
    let a = world.approvals.get_mut(approval_id).expect("checked above");
    a.status = "Completed".into();
    a.review_result = result.into();
    a.reviewed_by = Some((caller.user_id.clone(), caller.display_name.clone()));
    a.reviewed = Some(now);
    a.justification = justification;
    let i = world
        .requests
        .iter()
        .position(|r| r.id == request.id)
        .expect("found above");
    let mut r = world.requests[i].clone();
    if result == "Approved" {
        // The activation runs from the decision for the duration asked for.
        let length = r.end.map(|e| e - r.start);
        r.start = r.start.max(now);
        r.end = length.map(|l| r.start + l);
        r.status = "Granted".into();
        let eligibility = lifecycle::find(
            world,
            Kind::Eligibility,
            &r.group_id,
            &r.principal_id,
            &r.access_id,
            None,
        )
        .map(|e| world.schedules[e].id.clone());
        lifecycle::create_schedule_pub(world, &mut r, eligibility);
    } else {
        r.status = "Denied".into();
        r.completed = Some(now);
    }
    world.requests[i] = r.clone();
    crate::notify::on_decision(world, &r, result);
    let activity = if result == "Approved" {
        "Approve activation request"
    } else {
        "Deny activation request"
    };
    crate::audit::record(world, activity, caller, &r.group_id, Some(&r), vec![]);
    Ok(())
}

/// `POST .../{requests}/{id}/cancel`: only a pending request, by its requester.
pub fn cancel(world: &mut World, kind: Kind, id: &str, caller: &Caller) -> ApiResult<()> {
    let now = world.now();
    let r = world
        .requests
        .iter_mut()
        .find(|r| r.kind == kind && r.id == id)
        .ok_or_else(|| ApiError::not_found(format!("The request '{id}' was not found.")))?;
    if r.created_by != caller.user_id {
        return Err(ApiError::denied());
    }
    if !matches!(
        r.status.as_str(),
        "PendingApproval" | "PendingAdminDecision" | "ScheduleCreated" | "PendingScheduleCreation"
    ) {
        return Err(ApiError::new(
            400,
            "InvalidRoleAssignmentRequest",
            format!("A request with status '{}' cannot be canceled.", r.status),
        ));
    }
    // A scheduled (future) assignment can be called off only before it starts; its schedule goes.
    let target = r.target_schedule_id.clone();
    if r.status == "ScheduleCreated" {
        let started = world
            .schedules
            .iter()
            .any(|s| Some(&s.id) == target.as_ref() && s.start <= now);
        if started {
            return Err(ApiError::new(
                400,
                "InvalidRoleAssignmentRequest",
                "The assignment has already started; remove it instead.",
            ));
        }
    }
    world
        .schedules
        .retain(|s| Some(&s.id) != target.as_ref() || s.start <= now);
    let r = world
        .requests
        .iter_mut()
        .find(|r| r.kind == kind && r.id == id)
        .expect("found above");
    r.status = "Canceled".into();
    r.completed = Some(now);
    if let Some(a) = world.approvals.get_mut(id) {
        a.status = "Completed".into();
    }
    Ok(())
}
