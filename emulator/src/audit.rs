//! PIM audit entries in the shape of Graph's `directoryAudit`, newest last.

use crate::caller::Caller;
use crate::clock::ts;
use crate::state::{Request, Schedule, World};
use serde_json::{json, Value};

/// Every PIM for Groups entry is group management.
const CATEGORY: &str = "GroupManagement";

fn key_value(key: &str, value: &str) -> Value {
    json!({"key": key, "value": value})
}

fn entry(
    world: &World,
    activity: &str,
    initiator: Value,
    targets: Vec<Value>,
    details: Vec<Value>,
    operation: &str,
) -> Value {
    json!({
        "id": format!("PIM_{}", uuid::Uuid::new_v4()),
        "category": CATEGORY,
        "correlationId": uuid::Uuid::new_v4().to_string(),
        "result": "success",
        "resultReason": "",
        "activityDisplayName": activity,
        "activityDateTime": ts(world.now()),
        "loggedByService": "PIM",
        "operationType": operation,
        "initiatedBy": initiator,
        "targetResources": targets,
        "additionalDetails": details,
    })
}

fn principal_target(world: &World, id: &str) -> Value {
    match world.user(id) {
        Some(u) => {
            json!({"id": u.id, "displayName": u.display_name, "type": "User", "userPrincipalName": u.user_principal_name, "modifiedProperties": []})
        }
        None => {
            let name = world.group(id).map(|g| g.display_name.clone());
            json!({"id": id, "displayName": name, "type": "Group", "userPrincipalName": null, "modifiedProperties": []})
        }
    }
}

/// Records something a signed-in user did to a group (and, with a request, to its principal).
pub fn record(
    world: &mut World,
    activity: &str,
    caller: &Caller,
    group_id: &str,
    request: Option<&Request>,
    mut details: Vec<Value>,
) {
    let group_name = world.group(group_id).map(|g| g.display_name.clone());
    let initiator = json!({"user": {"id": caller.user_id, "displayName": caller.display_name, "userPrincipalName": caller.upn, "ipAddress": "127.0.0.1"}, "app": null});
    let mut targets = vec![
        json!({"id": group_id, "displayName": group_name, "type": "Group", "userPrincipalName": null, "modifiedProperties": []}),
    ];
    if let Some(r) = request {
        targets.push(principal_target(world, &r.principal_id));
        details.push(key_value("RequestId", &r.id));
        details.push(key_value("RoleName", &r.access_id));
        details.push(key_value("Status", &r.status));
        if let Some(j) = &r.justification {
            details.push(key_value("Justification", j));
        }
        if let Some(t) = &r.ticket_number {
            details.push(key_value("TicketNumber", t));
        }
        details.push(key_value("StartTime", &ts(r.start)));
        if let Some(e) = r.end {
            details.push(key_value("ExpirationTime", &ts(e)));
        }
    }
    let operation = request.map_or("Update", |r| {
        if r.action.contains("Remove") || r.action.contains("Deactivate") {
            "Delete"
        } else {
            "Add"
        }
    });
    let e = entry(world, activity, initiator, targets, details, operation);
    world.audit.push(e);
}

/// A user's activation written after the fact, with names already looked up (the large
/// tenant's 10,000: looking each up among 50,000 users would take the benchmark's set-up minutes).
pub fn activation_at(
    world: &mut World,
    user: (&str, &str, &str),
    group: (&str, &str),
    r: &Request,
    at: chrono::DateTime<chrono::Utc>,
) {
    let (id, name, upn) = user;
    let initiator = json!({"user": {"id": id, "displayName": name, "userPrincipalName": upn, "ipAddress": "127.0.0.1"}, "app": null});
    let targets = vec![
        json!({"id": group.0, "displayName": group.1, "type": "Group", "userPrincipalName": null, "modifiedProperties": []}),
        json!({"id": id, "displayName": name, "type": "User", "userPrincipalName": upn, "modifiedProperties": []}),
    ];
    let details = vec![
        key_value("RequestId", &r.id),
        key_value("RoleName", &r.access_id),
        key_value("Justification", r.justification.as_deref().unwrap_or("")),
    ];
    let activity = format!("Activate {} (selfActivate)", r.access_id);
    let mut e = entry(world, &activity, initiator, targets, details, "Add");
    e["activityDateTime"] = json!(ts(at));
    world.audit.push(e);
}

/// Dates the entry written last (history written after the fact).
pub fn date_last(world: &mut World, at: chrono::DateTime<chrono::Utc>) {
    if let Some(e) = world.audit.last_mut() {
        e["activityDateTime"] = json!(ts(at));
    }
}

/// Records a schedule ending by itself, initiated by PIM (the `MS-PIM` service).
pub fn expired(world: &mut World, s: &Schedule) {
    let initiator = json!({"app": {"appId": null, "displayName": "MS-PIM", "servicePrincipalId": null, "servicePrincipalName": "MS-PIM"}, "user": null});
    let group_name = world.group(&s.group_id).map(|g| g.display_name.clone());
    let targets = vec![
        json!({"id": s.group_id, "displayName": group_name, "type": "Group", "userPrincipalName": null, "modifiedProperties": []}),
        principal_target(world, &s.principal_id),
    ];
    let details = vec![
        key_value("RequestId", &s.created_using),
        key_value("RoleName", &s.access_id),
    ];
    let activity = format!(
        "Remove {} from group (PIM {} expired)",
        s.access_id,
        if s.assignment_type.as_deref() == Some("activated") {
            "activation"
        } else {
            "assignment"
        }
    );
    let e = entry(world, &activity, initiator, targets, details, "Delete");
    world.audit.push(e);
}

/// Records a removal the access reviews service made when it applied a review's decisions.
pub fn by_service(world: &mut World, activity: &str, group_id: &str, r: &Request) {
    let initiator = json!({"app": {"appId": null, "displayName": "Access Reviews", "servicePrincipalId": null, "servicePrincipalName": "Access Reviews"}, "user": null});
    let group_name = world.group(group_id).map(|g| g.display_name.clone());
    let targets = vec![
        json!({"id": group_id, "displayName": group_name, "type": "Group", "userPrincipalName": null, "modifiedProperties": []}),
        principal_target(world, &r.principal_id),
    ];
    let mut details = vec![
        key_value("RequestId", &r.id),
        key_value("RoleName", &r.access_id),
    ];
    if let Some(j) = &r.justification {
        details.push(key_value("Justification", j));
    }
    let e = entry(world, activity, initiator, targets, details, "Delete");
    world.audit.push(e);
}

/// `count` past activations by the tenant's users on its groups, spread over the last six days,
/// for scale tests of the audit blade: each entry as `record` writes a real one.
pub fn generate(world: &mut World, count: usize) {
    let t = &world.tenant;
    let users: Vec<_> = t
        .users
        .iter()
        .map(|u| {
            (
                u.id.clone(),
                u.display_name.clone(),
                u.user_principal_name.clone(),
            )
        })
        .collect();
    let groups: Vec<_> = t
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.display_name.clone()))
        .collect();
    if users.is_empty() || groups.is_empty() {
        return;
    }
    let now = world.now();
    for n in 0..count {
        let (uid, uname, upn) = &users[n % users.len()];
        let (gid, gname) = &groups[n % groups.len()];
        let initiator = json!({"user": {"id": uid, "displayName": uname, "userPrincipalName": upn, "ipAddress": "127.0.0.1"}, "app": null});
        let targets = vec![
            json!({"id": gid, "displayName": gname, "type": "Group", "userPrincipalName": null, "modifiedProperties": []}),
            json!({"id": uid, "displayName": uname, "type": "User", "userPrincipalName": upn, "modifiedProperties": []}),
        ];
        let details = vec![
            key_value("RoleName", "member"),
            key_value("Justification", &format!("Generated activation {n}")),
        ];
        let mut e = entry(
            world,
            "Add member to group (PIM activation)",
            initiator,
            targets,
            details,
            "Add",
        );
        // Oldest first, as the log is kept; six days back at most, inside the blade's week.
        let age = chrono::Duration::seconds(((count - n) as i64 * 518_400) / count as i64);
        e["activityDateTime"] = json!(ts(now - age));
        world.audit.push(e);
    }
}
