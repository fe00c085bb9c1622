//! PIM objects as Graph writes them: enums lowerCamel, statuses PascalCase, `recurrence: null`.

use crate::clock::ts;
use crate::state::{Approval, Kind, Request, Schedule, World};
use serde_json::{json, Value};

fn schedule_info(
    start: chrono::DateTime<chrono::Utc>,
    kind: &str,
    end: Option<chrono::DateTime<chrono::Utc>>,
    duration: Option<&str>,
) -> Value {
    json!({"startDateTime": ts(start), "recurrence": null,
           "expiration": {"type": kind, "endDateTime": end.map(ts), "duration": duration}})
}

pub fn request(r: &Request) -> Value {
    let mut v = json!({
        "id": r.id, "status": r.status, "completedDateTime": r.completed.map(ts), "createdDateTime": ts(r.created),
        "approvalId": r.approval_id, "customData": r.custom_data,
        "createdBy": {"user": {"displayName": null, "id": r.created_by}, "application": null, "device": null},
        "action": r.action, "isValidationOnly": r.is_validation_only, "justification": r.justification,
        "scheduleInfo": if r.has_schedule { schedule_info(r.start, &r.expiration_type, r.end, r.duration.as_deref()) } else { Value::Null },
        "ticketInfo": {"ticketNumber": r.ticket_number, "ticketSystem": r.ticket_system},
        "accessId": r.access_id, "principalId": r.principal_id, "groupId": r.group_id,
        "targetScheduleId": r.target_schedule_id,
    });
    if r.expiration_type == "afterDuration" {
        v["scheduleInfo"]["expiration"]["endDateTime"] = Value::Null;
    }
    v
}

pub fn schedule(s: &Schedule) -> Value {
    let kind = if s.end.is_some() {
        "afterDateTime"
    } else {
        "noExpiration"
    };
    let mut v = json!({
        "id": s.id, "createdDateTime": ts(s.created), "createdUsing": s.created_using,
        "modifiedDateTime": ts(s.modified), "status": "Provisioned",
        "scheduleInfo": schedule_info(s.start, kind, s.end, None),
        "accessId": s.access_id, "groupId": s.group_id, "memberType": "direct", "principalId": s.principal_id,
    });
    if s.kind == Kind::Assignment {
        v["assignmentType"] = json!(s.assignment_type);
    }
    v
}

pub fn instance(s: &Schedule) -> Value {
    let mut v = json!({
        "id": s.id, "startDateTime": ts(s.start), "endDateTime": s.end.map(ts),
        "accessId": s.access_id, "groupId": s.group_id, "memberType": "direct", "principalId": s.principal_id,
    });
    match s.kind {
        Kind::Assignment => {
            v["assignmentType"] = json!(s.assignment_type);
            v["assignmentScheduleId"] = json!(s.id);
        }
        Kind::Eligibility => v["eligibilityScheduleId"] = json!(s.id),
    }
    v
}

pub fn approval(a: &Approval, me: &str) -> Value {
    json!({"id": a.id, "stages": [stage(a, me)]})
}

pub fn stage(a: &Approval, me: &str) -> Value {
    json!({
        "id": a.id, "displayName": null, "reviewedDateTime": a.reviewed.map(ts), "reviewResult": a.review_result,
        "status": a.status, "assignedToMe": a.status == "InProgress" && a.approvers.iter().any(|x| x == me),
        "justification": a.justification,
        "reviewedBy": a.reviewed_by.as_ref().map(|(id, name)| json!({"id": id, "displayName": name})),
    })
}

/// `$expand=principal` and `$expand=group`.
pub fn expand(w: &World, mut v: Value, expand: &str) -> Value {
    let names: Vec<String> = expand
        .split(',')
        .map(|e| {
            e.split('(')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    if names.iter().any(|n| n == "principal") {
        let id = v["principalId"].as_str().unwrap_or("").to_owned();
        v["principal"] = w
            .user(&id)
            .map(crate::api::directory_user_json)
            .or_else(|| w.group(&id).map(crate::api::directory_group_json))
            .unwrap_or(Value::Null);
    }
    if names.iter().any(|n| n == "group") {
        let id = v["groupId"].as_str().unwrap_or("").to_owned();
        v["group"] = w
            .group(&id)
            .map(crate::api::directory_group_json)
            .unwrap_or(Value::Null);
    }
    v
}
