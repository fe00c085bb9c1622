//! What happens to PIM state over time and on decisions: onboarding, schedules starting and
//! ending (and the group membership they carry), approvals, cancellation.

pub use super::timeline::{end_schedule, refresh};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::notify;
use crate::policy::{default_rules, rule};
use crate::state::{Approval, Kind, Policy, Request, Schedule, World};
use crate::tenant::Group;
use chrono::Duration;
use serde_json::Value;

/// Only security and Microsoft 365 groups that are neither dynamic nor synced can be managed.
pub fn check_manageable(group: &Group) -> ApiResult<()> {
    let dynamic = group
        .group_types
        .iter()
        .any(|t| t.eq_ignore_ascii_case("DynamicMembership"));
    let synced = group.on_premises_sync_enabled == Some(true);
    let kind_ok = group.security_enabled
        || group
            .group_types
            .iter()
            .any(|t| t.eq_ignore_ascii_case("Unified"));
    if dynamic || synced || !kind_ok {
        let why = if dynamic {
            "it has dynamic membership"
        } else if synced {
            "it is synchronized from on-premises"
        } else {
            "it is not a security or Microsoft 365 group"
        };
        return Err(ApiError::new(
            400,
            "InvalidGroup",
            format!(
                "The group '{}' cannot be managed by PIM: {why}.",
                group.display_name
            ),
        ));
    }
    Ok(())
}

/// Every group has two policies (member, owner) even before it is managed.
pub fn ensure_policies(world: &mut World, group_id: &str) {
    for access in ["member", "owner"] {
        world
            .policies
            .entry((group_id.to_owned(), access.to_owned()))
            .or_insert_with(|| Policy {
                guid: uuid::Uuid::new_v4().to_string(),
                rules: default_rules(),
                last_modified: None,
                last_modified_by: None,
            });
    }
}

/// Brings a group under PIM; its policy ids change at this moment, as Microsoft documents.
pub fn onboard(world: &mut World, group_id: &str, caller: &Caller) {
    ensure_policies(world, group_id);
    if !world.onboarded.insert(group_id.to_owned()) {
        return;
    }
    for access in ["member", "owner"] {
        if let Some(p) = world
            .policies
            .get_mut(&(group_id.to_owned(), access.to_owned()))
        {
            p.guid = uuid::Uuid::new_v4().to_string();
        }
    }
    crate::audit::record(
        world,
        "Onboard group to PIM",
        caller,
        group_id,
        None,
        vec![],
    );
}

fn schedule_id(r: &Request) -> String {
    format!("{}_{}_{}", r.group_id, r.access_id, r.id)
}

/// Index of the current schedule of a kind for a principal, group and role.
pub fn find(
    world: &World,
    kind: Kind,
    group: &str,
    principal: &str,
    access: &str,
    assignment_type: Option<&str>,
) -> Option<usize> {
    world.schedules.iter().position(|s| {
        s.kind == kind
            && s.group_id == group
            && s.principal_id == principal
            && s.access_id == access
            && assignment_type.is_none_or(|t| s.assignment_type.as_deref() == Some(t))
    })
}

fn pending(world: &World, r: &Request) -> bool {
    world.requests.iter().any(|p| {
        p.kind == r.kind
            && p.group_id == r.group_id
            && p.principal_id == r.principal_id
            && p.access_id == r.access_id
            && matches!(
                p.status.as_str(),
                "PendingApproval" | "PendingAdminDecision"
            )
    })
}

/// Carries out an accepted request.
pub fn process(world: &mut World, r: &mut Request, caller: &Caller) -> ApiResult<()> {
    let now = world.now();
    let existing =
        |w: &World, t: Option<&str>| find(w, r.kind, &r.group_id, &r.principal_id, &r.access_id, t);
    match r.action.as_str() {
        "adminAssign" | "selfActivate" => {
            let activated = (r.action == "selfActivate").then_some("activated");
            // An activation may follow one that ends before it starts (a continuation); one
            // that overlaps a current or scheduled activation is the same assignment again.
            // Times are compared in whole seconds, as Graph's answers give them.
            let taken = if r.action == "selfActivate" {
                world.schedules.iter().any(|s| {
                    s.kind == r.kind
                        && s.group_id == r.group_id
                        && s.principal_id == r.principal_id
                        && s.access_id == r.access_id
                        && s.assignment_type.as_deref() == Some("activated")
                        && s.end.is_none_or(|e| e.timestamp() > r.start.timestamp())
                        && r.end.is_none_or(|e| e.timestamp() > s.start.timestamp())
                })
            } else {
                existing(world, activated).is_some()
            };
            if taken {
                return Err(ApiError::new(
                    400,
                    "RoleAssignmentExists",
                    "The Role assignment already exists.",
                ));
            }
            if pending(world, r) {
                return Err(ApiError::new(
                    400,
                    "PendingRoleAssignmentRequest",
                    "There is already a pending request for this role assignment.",
                ));
            }
            let mut eligibility = None;
            if r.action == "selfActivate" {
                let e = find(
                    world,
                    Kind::Eligibility,
                    &r.group_id,
                    &r.principal_id,
                    &r.access_id,
                    None,
                )
                .filter(|&i| world.schedules[i].start <= now)
                .ok_or_else(|| ApiError::policy(&["EligibilityRule"]))?;
                eligibility = Some(world.schedules[e].id.clone());
                let rules = &world.policies[&(r.group_id.clone(), r.access_id.clone())].rules;
                if rule(rules, "Approval_EndUser_Assignment")["setting"]["isApprovalRequired"]
                    == Value::Bool(true)
                {
                    return request_approval(world, r, caller);
                }
            }
            create_schedule(world, r, eligibility);
            notify::on_assignment(world, r);
        }
        "adminUpdate" | "adminExtend" => {
            let i = existing(world, None).ok_or_else(does_not_exist)?;
            if r.action == "adminExtend" {
                let ends = world.schedules[i].end;
                if ends.is_none_or(|e| e - now > Duration::days(14)) {
                    return Err(ApiError::new(
                        400,
                        "InvalidRoleAssignmentRequest",
                        "Only an assignment that ends within 14 days can be extended.",
                    ));
                }
            }
            let s = &mut world.schedules[i];
            s.start = if r.action == "adminExtend" {
                s.start
            } else {
                r.start
            };
            s.end = r.end;
            s.modified = now;
            r.target_schedule_id = Some(s.id.clone());
            complete(r, now, "Provisioned");
            refresh(world);
            notify::on_assignment(world, r);
        }
        "adminRenew" => {
            if existing(world, None).is_some() {
                return Err(ApiError::new(
                    400,
                    "RoleAssignmentExists",
                    "The Role assignment already exists.",
                ));
            }
            let expired_recently = world.ended.iter().any(|s| {
                s.kind == r.kind
                    && s.group_id == r.group_id
                    && s.principal_id == r.principal_id
                    && s.access_id == r.access_id
                    && s.end.is_some_and(|e| now - e <= Duration::days(30))
            });
            if !expired_recently {
                return Err(ApiError::new(
                    400,
                    "InvalidRoleAssignmentRequest",
                    "Only an assignment that expired within the last 30 days can be renewed.",
                ));
            }
            create_schedule(world, r, None);
            notify::on_assignment(world, r);
        }
        "adminRemove" | "selfDeactivate" => {
            let t = (r.action == "selfDeactivate").then_some("activated");
            let i = existing(world, t).ok_or_else(does_not_exist)?;
            if now - world.schedules[i].created < Duration::minutes(5) {
                return Err(ApiError::too_short());
            }
            r.target_schedule_id = Some(world.schedules[i].id.clone());
            end_schedule(world, i);
            complete(r, now, "Revoked");
        }
        // End users ask; an administrator extends or renews.
        _ => r.status = "PendingAdminDecision".into(),
    }
    let activity = format!("{} {} ({})", verb(&r.action), r.access_id, r.action);
    crate::audit::record(world, &activity, caller, &r.group_id, Some(r), vec![]);
    Ok(())
}

fn verb(action: &str) -> &'static str {
    match action {
        "adminAssign" => "Add eligible or active",
        "selfActivate" => "Activate",
        "adminRemove" => "Remove",
        "selfDeactivate" => "Deactivate",
        "adminUpdate" => "Update",
        "adminExtend" | "selfExtend" => "Extend",
        _ => "Renew",
    }
}

fn does_not_exist() -> ApiError {
    ApiError::new(
        400,
        "RoleAssignmentDoesNotExist",
        "The Role assignment does not exist.",
    )
}

fn complete(r: &mut Request, now: chrono::DateTime<chrono::Utc>, status: &str) {
    r.status = status.into();
    r.completed = Some(now);
}

/// Creates the schedule a request asks for (used by approval decisions too).
pub fn create_schedule_pub(world: &mut World, r: &mut Request, activated_using: Option<String>) {
    create_schedule(world, r, activated_using);
    notify::on_assignment(world, r);
}

fn create_schedule(world: &mut World, r: &mut Request, activated_using: Option<String>) {
    let now = world.now();
    let id = schedule_id(r);
    world.schedules.push(Schedule {
        id: id.clone(),
        kind: r.kind,
        access_id: r.access_id.clone(),
        principal_id: r.principal_id.clone(),
        group_id: r.group_id.clone(),
        assignment_type: (r.kind == Kind::Assignment).then(|| {
            if r.action == "selfActivate" {
                "activated"
            } else {
                "assigned"
            }
            .to_owned()
        }),
        start: r.start,
        end: r.end,
        created_using: r.id.clone(),
        created: now,
        modified: now,
        activated_using,
        added_membership: false,
        reminded: 0,
    });
    r.target_schedule_id = Some(id);
    complete(
        r,
        now,
        if r.start > now {
            "ScheduleCreated"
        } else {
            "Provisioned"
        },
    );
    refresh(world);
}

/// The policy's enabled pre-approval custom extension, as (id, name), if it has one.
fn pre_approval_extension(rules: &[Value]) -> Option<(String, String)> {
    rules
        .iter()
        .find(|x| {
            x["@odata.type"]
                .as_str()
                .is_some_and(|t| t.ends_with("CustomExtensionRule"))
                && x["id"]
                    .as_str()
                    .is_some_and(|id| id.contains("PreApproval"))
                && x["isEnabled"] == Value::Bool(true)
        })
        .map(|x| {
            let id = x["customExtensionId"].as_str().unwrap_or_default();
            let name = x["displayName"].as_str().unwrap_or(id);
            (id.to_owned(), name.to_owned())
        })
}

fn request_approval(world: &mut World, r: &mut Request, caller: &Caller) -> ApiResult<()> {
    let rules = &world.policies[&(r.group_id.clone(), r.access_id.clone())].rules;
    let extension = pre_approval_extension(rules);
    let stage = &rule(rules, "Approval_EndUser_Assignment")["setting"]["approvalStages"][0];
    let days = stage["approvalStageTimeOutInDays"]
        .as_i64()
        .unwrap_or(1)
        .max(1);
    let mut approvers = vec![];
    for a in stage["primaryApprovers"].as_array().into_iter().flatten() {
        if let Some(u) = a.get("userId").and_then(Value::as_str) {
            approvers.push(u.to_owned());
        } else if let Some(g) = a.get("groupId").and_then(Value::as_str) {
            approvers.extend(
                world
                    .group(g)
                    .map(|g| g.members.clone())
                    .unwrap_or_default(),
            );
        }
    }
    r.approval_id = Some(r.id.clone());
    let mut approval = Approval {
        id: r.id.clone(),
        approvers,
        status: "InProgress".into(),
        review_result: "NotReviewed".into(),
        reviewed_by: None,
        reviewed: None,
        justification: String::new(),
        expires: world.now() + Duration::days(days),
    };
    // The extension runs before anyone is asked; its denial is the stage's decision.
    if let (Some(by), Some(reason)) = (extension, world.extension_denies.clone()) {
        let now = world.now();
        approval.status = "Completed".into();
        approval.review_result = "Denied".into();
        approval.reviewed_by = Some(by);
        approval.reviewed = Some(now);
        approval.justification = reason;
        world.approvals.insert(r.id.clone(), approval);
        r.status = "Denied".into();
        r.completed = Some(now);
        notify::on_decision(world, r, "Denied");
        return Ok(());
    }
    r.status = "PendingApproval".into();
    world.approvals.insert(r.id.clone(), approval);
    refresh(world);
    notify::on_approval_needed(world, r);
    crate::audit::record(
        world,
        "Request approval for activation",
        caller,
        &r.group_id,
        Some(r),
        vec![],
    );
    Ok(())
}
