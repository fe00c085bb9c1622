//! Native tests for a group's history: periods from requests, approvers from the audit log.

use super::*;
use serde_json::json;

fn req(v: serde_json::Value) -> PrivilegedAccessGroupScheduleRequest {
    let mut base = json!({"groupId": "g", "accessId": "member", "status": "Provisioned"});
    for (k, x) in v.as_object().unwrap() {
        base[k] = x.clone();
    }
    serde_json::from_value(base).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    parse(Some(s)).unwrap()
}

fn names() -> HashMap<String, String> {
    [("alex", "Alex Wilber"), ("lidia", "Lidia Holloway")]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .into()
}

#[test]
fn an_approved_hour_that_ended_is_a_period_with_its_reason_ticket_and_approver() {
    let requests = vec![
        (
            true,
            req(
                json!({"id": "e1", "principalId": "alex", "action": "adminAssign", "createdDateTime": "2026-11-01T09:00:00Z",
            "scheduleInfo": {"startDateTime": "2026-11-01T09:00:00Z", "expiration": {"type": "afterDateTime", "endDateTime": "2027-05-01T09:00:00Z"}}}),
            ),
        ),
        (
            false,
            req(
                json!({"id": "a1", "principalId": "alex", "action": "selfActivate", "createdDateTime": "2026-12-01T10:00:00Z",
            "justification": "Legacy payroll export", "ticketInfo": {"ticketNumber": "CHG-42", "ticketSystem": "SNOW"},
            "scheduleInfo": {"startDateTime": "2026-12-01T10:05:00Z", "expiration": {"type": "afterDuration", "duration": "PT1H"}}}),
            ),
        ),
        // Denied and canceled requests grant nothing.
        (
            false,
            req(
                json!({"id": "a2", "principalId": "alex", "action": "selfActivate", "status": "Denied", "createdDateTime": "2026-12-01T12:00:00Z"}),
            ),
        ),
        (
            false,
            req(
                json!({"id": "a3", "principalId": "lidia", "action": "selfActivate", "status": "Canceled", "createdDateTime": "2026-12-01T12:00:00Z"}),
            ),
        ),
    ];
    let approvers = HashMap::from([("a1".to_owned(), "Diego Siciliani".to_owned())]);
    let p = periods(&requests, &approvers, &names());
    assert_eq!(p.len(), 2);
    let active = p.iter().find(|p| !p.eligible).unwrap();
    assert_eq!(active.principal, "Alex Wilber");
    assert_eq!(active.how, "Activated");
    assert_eq!(active.start, at("2026-12-01T10:05:00Z"));
    assert_eq!(active.end, Some(at("2026-12-01T11:05:00Z")));
    assert_eq!(active.approver.as_deref(), Some("Diego Siciliani"));
    assert_eq!(
        (active.reason.as_str(), active.ticket.as_str()),
        ("Legacy payroll export", "CHG-42")
    );
    assert_eq!(active.state(at("2026-12-02T00:00:00Z")), "Ended");
    assert_eq!(held_at(&p, at("2026-12-01T10:30:00Z")), ["Alex Wilber"]);
    assert_eq!(
        held_at(&p, at("2026-10-01T00:00:00Z")),
        Vec::<String>::new()
    );
}

#[test]
fn deactivation_ends_early_and_an_extension_ends_the_period_it_replaces() {
    let requests = vec![
        (
            false,
            req(
                json!({"id": "1", "principalId": "lidia", "action": "selfActivate", "createdDateTime": "2026-12-01T08:00:00Z",
            "scheduleInfo": {"startDateTime": "2026-12-01T08:00:00Z", "expiration": {"type": "afterDuration", "duration": "PT8H"}}}),
            ),
        ),
        (
            false,
            req(
                json!({"id": "2", "principalId": "lidia", "action": "selfDeactivate", "createdDateTime": "2026-12-01T09:30:00Z"}),
            ),
        ),
        (
            true,
            req(
                json!({"id": "3", "principalId": "lidia", "action": "adminAssign", "createdDateTime": "2026-11-01T00:00:00Z",
            "scheduleInfo": {"startDateTime": "2026-11-01T00:00:00Z", "expiration": {"type": "afterDateTime", "endDateTime": "2026-12-15T00:00:00Z"}}}),
            ),
        ),
        (
            true,
            req(
                json!({"id": "4", "principalId": "lidia", "action": "adminExtend", "createdDateTime": "2026-12-10T00:00:00Z",
            "scheduleInfo": {"startDateTime": "2026-12-10T00:00:00Z", "expiration": {"type": "noExpiration"}}}),
            ),
        ),
    ];
    let p = periods(&requests, &HashMap::new(), &names());
    let active: Vec<&Period> = p.iter().filter(|p| !p.eligible).collect();
    assert_eq!(active[0].end, Some(at("2026-12-01T09:30:00Z")));
    let eligible: Vec<&Period> = p.iter().filter(|p| p.eligible).collect();
    assert_eq!(eligible.len(), 2);
    assert_eq!(
        eligible[0].end,
        Some(at("2026-12-10T00:00:00Z")),
        "the extension took over"
    );
    assert_eq!((eligible[1].how, eligible[1].end), ("Extended", None));
    let text = csv(&p, at("2026-12-20T00:00:00Z"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + p.len(), "one line per period");
    assert!(lines
        .iter()
        .any(|l| l.contains("Eligible,Extended,2026-12-10T00:00:00Z,Permanent,Current")));
}

#[test]
fn approvers_come_from_approval_entries_of_the_audit_log() {
    let entries: Vec<DirectoryAudit> = serde_json::from_value(json!([
        {"id": "1", "activityDisplayName": "Approve activation request",
         "initiatedBy": {"user": {"displayName": "Diego Siciliani"}},
         "additionalDetails": [{"key": "RequestId", "value": "a1"}]},
        {"id": "2", "activityDisplayName": "Deny activation request",
         "initiatedBy": {"user": {"displayName": "Adele Vance"}},
         "additionalDetails": [{"key": "RequestId", "value": "a2"}]},
        {"id": "3", "activityDisplayName": "Approve activation request", "additionalDetails": []}
    ]))
    .unwrap();
    assert_eq!(
        approvers(&entries),
        HashMap::from([("a1".to_owned(), "Diego Siciliani".to_owned())])
    );
}

#[test]
fn a_removal_says_why_the_period_ended() {
    let requests = vec![
        (
            true,
            req(
                json!({"id": "e1", "principalId": "lidia", "action": "adminAssign", "createdDateTime": "2026-11-01T09:00:00Z",
            "scheduleInfo": {"startDateTime": "2026-11-01T09:00:00Z", "expiration": {"type": "noExpiration"}}}),
            ),
        ),
        (
            true,
            req(
                json!({"id": "r1", "principalId": "lidia", "action": "adminRemove", "status": "Revoked", "createdDateTime": "2026-12-03T09:00:00Z",
            "justification": "Denied in the access review \"Helpdesk quarterly review\" by Diego Siciliani: left the helpdesk"}),
            ),
        ),
    ];
    let p = periods(&requests, &HashMap::new(), &names());
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].end, Some(at("2026-12-03T09:00:00Z")));
    assert!(p[0]
        .ended_because
        .contains("access review \"Helpdesk quarterly review\""));
    assert!(csv(&p, at("2026-12-04T00:00:00Z")).contains("left the helpdesk"));
}
