//! Reviews as Graph writes them: statuses PascalCase, unset identities all zeros, recurrence
//! expanded with its defaults, timestamps with seven digits.

use super::{Decision, Instance, Review};
use crate::clock::ts;
use crate::state::World;
use serde_json::{json, Value};

fn identity(world: &World, id: Option<&str>) -> Value {
    match id.and_then(|id| world.user(id)) {
        Some(u) => {
            json!({"id": u.id, "displayName": u.display_name, "userPrincipalName": u.user_principal_name})
        }
        None => {
            json!({"id": "00000000-0000-0000-0000-000000000000", "displayName": "", "userPrincipalName": ""})
        }
    }
}

/// The definition's status follows its instances: `InProgress` while one runs.
fn status(r: &Review) -> &str {
    match r.instances.last() {
        Some(i) if i.status == "InProgress" => "InProgress",
        Some(i) if r.stopped || super::lifecycle::occurrence_start(r, r.occurrences).is_none() => {
            &i.status
        }
        Some(_) => "InProgress",
        None => "NotStarted",
    }
}

pub fn definition(world: &World, r: &Review) -> Value {
    let mut v = r.definition.clone();
    v["id"] = json!(r.id);
    v["createdDateTime"] = json!(ts(r.created));
    v["lastModifiedDateTime"] = json!(ts(r.modified));
    v["createdBy"] = identity(world, Some(&r.created_by));
    v["status"] = json!(status(r));
    v
}

pub fn instance(r: &Review, i: &Instance) -> Value {
    json!({
        "id": i.id, "startDateTime": ts(i.start), "endDateTime": ts(i.end), "status": i.status,
        "scope": r.definition["scope"], "reviewers": i.reviewer_scopes, "fallbackReviewers": i.fallback_scopes,
    })
}

pub fn decision(world: &World, i: &Instance, d: &Decision, insights: bool) -> Value {
    let (name, upn) = world
        .user(&d.principal_id)
        .map(|u| (u.display_name.clone(), u.user_principal_name.clone()))
        .unwrap_or_default();
    let on = &i.resource;
    let name_of = world
        .group(&on.id)
        .map(|g| g.display_name.clone())
        .or_else(|| {
            world
                .tenant
                .app_role_grants
                .iter()
                .find(|a| a.resource_id == on.id)
                .map(|a| a.resource_display_name.clone())
        });
    let collection = if on.kind == "group" {
        "groups"
    } else {
        "servicePrincipals"
    };
    let mut v = json!({
        "id": d.id, "accessReviewId": i.id, "decision": d.decision, "justification": d.justification,
        "recommendation": d.recommendation, "applyResult": d.apply_result,
        "appliedDateTime": d.applied.map(ts), "reviewedDateTime": d.reviewed.map(ts),
        "reviewedBy": identity(world, d.reviewed_by.as_deref()),
        "appliedBy": if d.applied.is_some() && d.applied_by.is_none() {
            json!({"id": "00000000-0000-0000-0000-000000000000", "displayName": "Access Reviews", "userPrincipalName": ""})
        } else { identity(world, d.applied_by.as_deref()) },
        "principalLink": format!("https://graph.microsoft.com/v1.0/users/{}", d.principal_id),
        "resourceLink": format!("https://graph.microsoft.com/v1.0/{collection}/{}", on.id),
        "resource": {"id": on.id, "displayName": name_of, "type": on.kind},
        "principal": {"@odata.type": "#microsoft.graph.userIdentity", "id": d.principal_id, "displayName": name, "userPrincipalName": upn},
    });
    if insights {
        v["insights"] = json!([{"@odata.type": "#microsoft.graph.userSignInInsight",
            "id": "00000000-0000-0000-0000-000000000000", "insightCreatedDateTime": ts(i.start),
            "lastSignInDateTime": d.last_sign_in.map(ts)}]);
    }
    v
}

pub fn reviewer(world: &World, i: &Instance, id: &str) -> Value {
    let u = world.user(id);
    json!({"id": id, "displayName": u.map(|u| u.display_name.clone()),
        "userPrincipalName": u.map(|u| u.user_principal_name.clone()), "createdDateTime": ts(i.start)})
}
