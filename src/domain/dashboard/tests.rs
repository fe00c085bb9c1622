//! Native tests for the admin's overview across groups.

use super::*;
use serde_json::json;

fn at(s: &str) -> DateTime<Utc> {
    parse(Some(s)).unwrap()
}

fn group() -> GroupState {
    let schedule = |principal: &str, end: &str| -> Expanded<PrivilegedAccessGroupSchedule> {
        serde_json::from_value(json!({"id": principal, "accessId": "member", "principalId": principal, "groupId": "g",
            "principal": {"id": principal, "displayName": principal.to_uppercase()},
            "scheduleInfo": {"startDateTime": "2026-01-01T00:00:00Z", "expiration": {"type": "afterDateTime", "endDateTime": end}}}))
        .unwrap()
    };
    let request = |id: &str,
                   status: &str,
                   created: &str|
     -> Expanded<PrivilegedAccessGroupScheduleRequest> {
        serde_json::from_value(json!({"id": id, "status": status, "accessId": "member", "principalId": "alex", "groupId": "g",
            "action": "selfActivate", "createdDateTime": created, "justification": format!("reason {id}"),
            "scheduleInfo": {"startDateTime": created, "expiration": {"type": "afterDuration", "duration": "PT1H"}}}))
        .unwrap()
    };
    GroupState {
        id: "g".into(),
        name: "Helpdesk".into(),
        eligible: vec![
            schedule("soon", "2026-12-10T00:00:00Z"),
            schedule("later", "2027-03-01T00:00:00Z"),
        ],
        active: vec![schedule("past", "2026-11-30T00:00:00Z")],
        requests: vec![
            request("r1", "Provisioned", "2026-11-30T10:00:00Z"),
            request("r2", "Provisioned", "2026-11-20T10:00:00Z"),
            request("r3", "PendingApproval", "2026-12-01T20:00:00Z"),
            request("r4", "PendingApproval", "2026-12-02T11:00:00Z"),
            request("r5", "Denied", "2026-12-01T10:00:00Z"),
        ],
        policies: vec![],
    }
}

const NOW: &str = "2026-12-02T12:00:00Z";

#[test]
fn what_ends_within_14_days_and_nothing_already_ended() {
    let lines = ending_within(&[group()], at(NOW), 14);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].who.as_str(), lines[0].what.as_str()),
        ("SOON", "Eligible")
    );
}

#[test]
fn activations_of_the_last_week_and_approvals_waiting_over_12_hours() {
    let recent = activations_within(&[group()], at(NOW), 7);
    assert_eq!(
        recent.iter().map(|l| l.key.as_str()).collect::<Vec<_>>(),
        ["r1"]
    );
    let waiting = waiting_longer_than(&[group()], at(NOW), 12);
    assert_eq!(
        waiting.iter().map(|l| l.key.as_str()).collect::<Vec<_>>(),
        ["r3"]
    );
    assert_eq!(waiting[0].what, "reason r3");
}

#[test]
fn approval_without_approvers_is_a_problem_of_that_role() {
    let mut g = group();
    g.policies = serde_json::from_value(json!([{
        "id": "a1", "policyId": "p1", "roleDefinitionId": "owner", "scopeId": "g", "scopeType": "Group",
        "policy": {"id": "p1", "lastModifiedDateTime": "2026-11-01T00:00:00Z", "rules": [
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment",
             "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment"},
             "setting": {"isApprovalRequired": true, "approvalMode": "SingleStage",
                "approvalStages": [{"approvalStageTimeOutInDays": 1, "primaryApprovers": [], "escalationApprovers": []}]}}]}
    }]))
    .unwrap();
    let problems = setting_problems(&[g], None, at(NOW));
    assert!(
        problems
            .iter()
            .any(|p| p.access == AccessId::Owner && p.what.contains("approver")),
        "{problems:?}"
    );
    assert_eq!(problems[0].when, at("2026-11-01T00:00:00Z"));
}

#[test]
fn directory_wide_admin_roles_open_the_overview() {
    let a = |role: &str, scope: &str| -> UnifiedRoleAssignment {
        serde_json::from_value(json!({"id": "x", "principalId": "me", "roleDefinitionId": role, "directoryScopeId": scope}))
            .unwrap()
    };
    assert!(opens_overview(&[a(
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
        "/"
    )]));
    assert!(opens_overview(&[a(
        "62E90394-69F5-4237-9190-012177145E10",
        "/"
    )]));
    assert!(!opens_overview(&[a(
        "e8611ab8-c189-46e8-94e1-60213ab1f814",
        "/administrativeUnits/au"
    )]));
    assert!(
        !opens_overview(&[a("729827e3-9c14-49f7-bb1b-9608f156bbb8", "/")]),
        "Helpdesk Administrator"
    );
    assert!(!opens_overview(&[]));
}
