//! Accepting or refusing a PIM schedule request, as Graph does: shape, rights, policy, timing.

use super::lifecycle;
use crate::caller::Caller;
use crate::clock::{parse_duration, parse_ts};
use crate::error::{ApiError, ApiResult};
use crate::policy::{enabled, rule};
use crate::state::{Kind, Request, World};
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

const ACTIONS: [&str; 9] = [
    "adminAssign",
    "adminUpdate",
    "adminRemove",
    "selfActivate",
    "selfDeactivate",
    "adminExtend",
    "adminRenew",
    "selfExtend",
    "selfRenew",
];

/// Reads an enum member in any case and returns Graph's spelling.
fn enum_member(
    value: &Value,
    members: &[&'static str],
    type_name: &str,
) -> ApiResult<&'static str> {
    let s = value.as_str().ok_or_else(|| {
        ApiError::bad_request(format!("A value of type '{type_name}' is required."))
    })?;
    members
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(s))
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Cannot convert the literal '{s}' to the expected type '{type_name}'."
            ))
        })
}

fn string(body: &Value, key: &str) -> Option<String> {
    body.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
}

fn required(body: &Value, key: &str) -> ApiResult<String> {
    string(body, key)
        .ok_or_else(|| ApiError::bad_request(format!("The request property '{key}' is required.")))
}

/// The timing a request asks for.
struct Timing {
    start: DateTime<Utc>,
    expiration_type: String,
    end: Option<DateTime<Utc>>,
    duration: Option<String>,
}

fn timing(body: &Value, now: DateTime<Utc>, needed: bool) -> ApiResult<Option<Timing>> {
    let info = match body.get("scheduleInfo") {
        Some(v) if !v.is_null() => v,
        _ if needed => {
            return Err(ApiError::new(
                400,
                "InvalidRoleAssignmentRequest",
                "The role assignment request is invalid. scheduleInfo is required.",
            ))
        }
        _ => return Ok(None),
    };
    if info.get("recurrence").is_some_and(|r| !r.is_null()) {
        return Err(ApiError::new(
            400,
            "InvalidRoleAssignmentRequest",
            "Recurring schedules are not supported.",
        ));
    }
    // A start in the past (or none) is taken as now, as Graph's responses show.
    let start = match info.get("startDateTime").and_then(Value::as_str) {
        Some(s) => parse_ts(s).ok_or_else(|| {
            ApiError::bad_request(format!("'{s}' is not a valid DateTimeOffset."))
        })?,
        None => now,
    }
    .max(now);
    let exp = info.get("expiration").cloned().unwrap_or(Value::Null);
    let types = [
        "notSpecified",
        "noExpiration",
        "afterDateTime",
        "afterDuration",
    ];
    let kind = match exp.get("type") {
        Some(t) if !t.is_null() => enum_member(t, &types, "microsoft.graph.expirationPatternType")?,
        _ if exp.get("endDateTime").is_some_and(|v| !v.is_null()) => "afterDateTime",
        _ if exp.get("duration").is_some_and(|v| !v.is_null()) => "afterDuration",
        _ => "noExpiration",
    };
    let invalid = || {
        ApiError::new(
            400,
            "InvalidRoleAssignmentRequest",
            "The role assignment request is invalid.",
        )
    };
    let (end, duration) = match kind {
        "afterDateTime" => {
            let s = exp
                .get("endDateTime")
                .and_then(Value::as_str)
                .ok_or_else(invalid)?;
            (Some(parse_ts(s).ok_or_else(invalid)?), None)
        }
        "afterDuration" => {
            let s = exp
                .get("duration")
                .and_then(Value::as_str)
                .ok_or_else(invalid)?;
            let d = parse_duration(s).ok_or_else(invalid)?;
            (Some(start + d), Some(s.to_owned()))
        }
        _ => (None, None),
    };
    let expiration_type = if kind == "notSpecified" {
        "noExpiration"
    } else {
        kind
    };
    Ok(Some(Timing {
        start,
        expiration_type: expiration_type.into(),
        end,
        duration,
    }))
}

/// Who may list a group's PIM schedules, instances and requests in a delegated call: its owners
/// and members, those who may administer it, and a Global Reader (Microsoft's "List" pages).
pub fn may_read(world: &World, caller: &Caller, group_id: &str) -> bool {
    let in_group = world.group(group_id).is_some_and(|g| {
        g.owners
            .iter()
            .chain(&g.members)
            .any(|o| o == &caller.user_id)
    });
    in_group
        || may_administer(world, caller, group_id)
        || world
            .roles_of(&caller.user_id)
            .iter()
            .any(|r| r == crate::tenant::roles::GLOBAL_READER)
}

/// Directory roles that may manage PIM for a group (owners may too), as Microsoft documents.
pub fn may_administer(world: &World, caller: &Caller, group_id: &str) -> bool {
    use crate::tenant::roles::*;
    let group = world.group(group_id);
    if group.is_some_and(|g| g.owners.iter().any(|o| o == &caller.user_id)) {
        return true;
    }
    let roles = world.roles_of(&caller.user_id);
    let allowed: &[&str] = if group.is_some_and(|g| g.is_assignable_to_role) {
        &[GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN]
    } else {
        &[
            GLOBAL_ADMIN,
            PRIVILEGED_ROLE_ADMIN,
            GROUPS_ADMIN,
            USER_ADMIN,
            IDENTITY_GOVERNANCE_ADMIN,
            DIRECTORY_WRITERS,
        ]
    };
    roles.iter().any(|r| allowed.contains(&r.as_str()))
}

/// Handles `POST .../eligibilityScheduleRequests` and `.../assignmentScheduleRequests`.
pub fn submit(world: &mut World, kind: Kind, body: &Value, caller: &Caller) -> ApiResult<Request> {
    let scope = match kind {
        Kind::Eligibility => "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
        Kind::Assignment => "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
    };
    // `...Remove.AzureADGroup` lets an app end assignments and nothing else.
    let removal_only = !caller.has_any_scope(&[scope]);
    if removal_only && !caller.has_any_scope(&["PrivilegedAssignmentSchedule.Remove.AzureADGroup"])
    {
        return Err(ApiError::new(
            403,
            "PermissionScopeNotGranted",
            format!("The access token lacks the scope {scope}."),
        ));
    }
    let access_id = enum_member(
        body.get("accessId").unwrap_or(&Value::Null),
        &["member", "owner"],
        "microsoft.graph.privilegedAccessGroupRelationships",
    )?;
    let action = enum_member(
        body.get("action").unwrap_or(&Value::Null),
        &ACTIONS,
        "microsoft.graph.scheduleRequestActions",
    )?;
    if removal_only && !matches!(action, "adminRemove" | "selfDeactivate") {
        return Err(ApiError::new(
            403,
            "PermissionScopeNotGranted",
            format!("The access token lacks the scope {scope}; it may only remove assignments."),
        ));
    }
    let principal_id = required(body, "principalId")?.to_ascii_lowercase();
    let group_id = required(body, "groupId")?.to_ascii_lowercase();
    let group = world.group(&group_id).ok_or_else(|| {
        ApiError::new(
            400,
            "InvalidRoleAssignmentRequest",
            format!("The group '{group_id}' does not exist."),
        )
    })?;
    lifecycle::check_manageable(group)?;
    let principal_exists =
        world.user(&principal_id).is_some() || world.group(&principal_id).is_some();
    if !principal_exists {
        return Err(ApiError::new(
            400,
            "InvalidRoleAssignmentRequest",
            format!("The principal '{principal_id}' does not exist."),
        ));
    }
    let is_self = action.starts_with("self");
    if is_self && principal_id != caller.user_id {
        return Err(ApiError::new(
            403,
            "Authorization_RequestDenied",
            "Self-service actions are only allowed for the signed-in user.",
        ));
    }
    if !is_self && !may_administer(world, caller, &group_id) {
        return Err(ApiError::denied());
    }
    if is_self && kind == Kind::Eligibility && matches!(action, "selfActivate" | "selfDeactivate") {
        return Err(ApiError::new(
            400,
            "InvalidRoleAssignmentRequest",
            "Activation is requested through assignmentScheduleRequests.",
        ));
    }
    let now = world.now();
    let needs_schedule = !matches!(action, "adminRemove" | "selfDeactivate");
    let timing = timing(body, now, needs_schedule)?;
    let is_validation_only = body
        .get("isValidationOnly")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut request = Request {
        id: uuid::Uuid::new_v4().to_string(),
        kind,
        access_id: access_id.into(),
        principal_id,
        group_id: group_id.clone(),
        action: action.into(),
        justification: string(body, "justification"),
        ticket_number: body
            .pointer("/ticketInfo/ticketNumber")
            .and_then(Value::as_str)
            .map(str::to_owned),
        ticket_system: body
            .pointer("/ticketInfo/ticketSystem")
            .and_then(Value::as_str)
            .map(str::to_owned),
        custom_data: string(body, "customData"),
        start: timing.as_ref().map_or(now, |t| t.start),
        expiration_type: timing
            .as_ref()
            .map_or("noExpiration".into(), |t| t.expiration_type.clone()),
        end: timing.as_ref().and_then(|t| t.end),
        duration: timing.as_ref().and_then(|t| t.duration.clone()),
        has_schedule: timing.is_some(),
        created_by: caller.user_id.clone(),
        created: now,
        completed: None,
        status: "Granted".into(),
        approval_id: None,
        target_schedule_id: None,
        is_validation_only,
    };
    // The first request for a group onboards it, whatever becomes of the request.
    lifecycle::onboard(world, &group_id, caller);
    check_policy(world, &request, caller)?;
    if is_validation_only {
        return Ok(request);
    }
    lifecycle::process(world, &mut request, caller)?;
    world.requests.push(request.clone());
    Ok(request)
}

/// The policy rules of the group's role that this request must satisfy.
fn check_policy(world: &World, r: &Request, caller: &Caller) -> ApiResult<()> {
    let rules = &world.policies[&(r.group_id.clone(), r.access_id.clone())].rules;
    // Activations answer to the end-user rules; a self-extension or renewal asks for an
    // assignment like an admin's, so it answers to the rules of its kind.
    let activation = matches!(r.action.as_str(), "selfActivate" | "selfDeactivate");
    let (expiration, enablement) = match (r.kind, activation) {
        (_, true) => (
            "Expiration_EndUser_Assignment",
            "Enablement_EndUser_Assignment",
        ),
        (Kind::Eligibility, false) => (
            "Expiration_Admin_Eligibility",
            "Enablement_Admin_Eligibility",
        ),
        (Kind::Assignment, false) => ("Expiration_Admin_Assignment", "Enablement_Admin_Assignment"),
    };
    let removing = matches!(r.action.as_str(), "adminRemove" | "selfDeactivate");
    if r.action == "selfActivate" {
        let ctx = rule(rules, "AuthenticationContext_EndUser_Assignment");
        if ctx["isEnabled"] == Value::Bool(true) {
            let claim = ctx["claimValue"].as_str().unwrap_or_default();
            if !caller.acrs.iter().any(|a| a == claim) {
                return Err(acrs_refusal(claim));
            }
        }
    }
    if removing {
        return Ok(());
    }
    let mut failed = vec![];
    if r.has_schedule {
        if let Some(end) = r.end {
            if end - r.start < Duration::minutes(5) {
                return Err(ApiError::too_short());
            }
        }
        let exp = rule(rules, expiration);
        if exp["isExpirationRequired"] == Value::Bool(true) {
            let max = exp["maximumDuration"].as_str().and_then(parse_duration);
            match (r.end, max) {
                (None, _) => failed.push("ExpirationRule"),
                // A minute's grace: clients compute "now + maximum" a moment before we see it.
                (Some(end), Some(max)) if end - r.start > max + Duration::minutes(1) => {
                    failed.push("ExpirationRule")
                }
                _ => {}
            }
        }
    }
    if enabled(rules, enablement, "Justification") && r.justification.is_none() {
        failed.push("JustificationRule");
    }
    if enabled(rules, enablement, "Ticketing")
        && r.ticket_number
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
    {
        failed.push("TicketingRule");
    }
    if enabled(rules, enablement, "MultiFactorAuthentication") && !caller.mfa {
        failed.push("MfaRule");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(ApiError::policy(&failed))
    }
}

/// The refusal Graph sends when the token lacks the authentication context the policy asks for:
/// HTTP 400 with the claims request URL-encoded in the message (see shared/graph/REFERENCE.md 4.2).
pub fn acrs_refusal(claim: &str) -> ApiError {
    let claims =
        format!("{{\"access_token\":{{\"acrs\":{{\"essential\":true, \"value\":\"{claim}\"}}}}}}");
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let encoded = percent_encoding::utf8_percent_encode(&claims, SET).to_string();
    ApiError::new(
        400,
        "RoleAssignmentRequestAcrsValidationFailed",
        format!("&claims={encoded}"),
    )
}
