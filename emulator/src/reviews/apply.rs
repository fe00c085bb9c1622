//! The end of a review instance: the default decision for those nobody reviewed, and applying the
//! results (a Deny ends the principal's PIM eligibility and active assignment of the group:
//! Microsoft does not document this, see REFERENCE §6.3; `World::review_deny_removes_pim`
//! switches it off).

use crate::state::{Kind, Request, World};

const NOBODY: &str = "00000000-0000-0000-0000-000000000000";

/// Ends an instance (its time passed, or `stop`): the default decision for those nobody reviewed,
/// then auto-apply when the settings ask for it. `by` is who stopped it.
pub fn complete(world: &mut World, ri: usize, ii: usize, by: Option<&str>) {
    let r = &mut world.reviews[ri];
    let s = r.definition["settings"].clone();
    let i = &mut r.instances[ii];
    i.status = "Completed".into();
    if s["defaultDecisionEnabled"] == true {
        let default = s["defaultDecision"].as_str().unwrap_or("None");
        for d in i
            .decisions
            .iter_mut()
            .filter(|d| d.decision == "NotReviewed")
        {
            let taken = match default {
                "Recommendation" if d.recommendation != "NoInfoAvailable" => {
                    d.recommendation.clone()
                }
                "Approve" | "Deny" => default.to_owned(),
                _ => continue,
            };
            d.decision = taken;
            d.justification =
                "The reviewers did not respond; the review's default decision was taken.".into();
        }
    }
    if s["autoApplyDecisionsEnabled"] == true {
        apply(world, ri, ii, by);
    }
}

/// Applies an instance's decisions: a Deny takes the principal out of the group, ending every PIM
/// eligibility and active assignment for Member (recorded as an `adminRemove` request whose
/// justification names the review, so the group's history says why).
pub fn apply(world: &mut World, ri: usize, ii: usize, by: Option<&str>) {
    let now = world.now();
    let r = world.reviews[ri].clone();
    let i = &r.instances[ii];
    let name = r.definition["displayName"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    let mut results = vec![];
    for d in &i.decisions {
        if d.decision != "Deny" {
            results.push("AppliedSuccessfully");
            continue;
        }
        let mut removed = false;
        let reviewer = d
            .reviewed_by
            .as_deref()
            .and_then(|id| world.user(id))
            .map(|u| u.display_name.clone())
            .unwrap_or_else(|| "the review's default decision".into());
        let why = if d.justification.is_empty() {
            format!("Denied in the access review \"{name}\" by {reviewer}.")
        } else {
            format!(
                "Denied in the access review \"{name}\" by {reviewer}: {}",
                d.justification
            )
        };
        if world.review_deny_removes_pim {
            while let Some(si) = world.schedules.iter().position(|s| {
                s.group_id == i.resource.id
                    && s.principal_id == d.principal_id
                    && s.access_id == "member"
            }) {
                let s = world.schedules[si].clone();
                let request = Request {
                    id: uuid::Uuid::new_v4().to_string(),
                    kind: s.kind,
                    access_id: s.access_id.clone(),
                    principal_id: s.principal_id.clone(),
                    group_id: s.group_id.clone(),
                    action: "adminRemove".into(),
                    justification: Some(why.clone()),
                    ticket_number: None,
                    ticket_system: None,
                    custom_data: None,
                    start: now,
                    expiration_type: "noExpiration".into(),
                    end: None,
                    duration: None,
                    has_schedule: false,
                    created_by: by.or(d.reviewed_by.as_deref()).unwrap_or(NOBODY).to_owned(),
                    created: now,
                    completed: Some(now),
                    status: "Revoked".into(),
                    approval_id: None,
                    target_schedule_id: Some(s.id.clone()),
                    is_validation_only: false,
                };
                crate::api::pim::timeline::end_schedule(world, si);
                let activity = format!(
                    "Remove {} member (access review)",
                    if s.kind == Kind::Eligibility {
                        "eligible"
                    } else {
                        "active"
                    }
                );
                crate::audit::by_service(world, &activity, &i.resource.id, &request);
                world.requests.push(request);
                removed = true;
            }
        }
        if let Some(g) = world.group_mut(&i.resource.id) {
            let before = g.members.len();
            g.members.retain(|m| m != &d.principal_id);
            removed |= g.members.len() != before;
        }
        results.push(if removed {
            "AppliedSuccessfully"
        } else {
            "AppliedSuccessfullyButObjectNotFound"
        });
    }
    let i = &mut world.reviews[ri].instances[ii];
    for (d, result) in i.decisions.iter_mut().zip(results) {
        d.apply_result = result.into();
        d.applied = Some(now);
        d.applied_by = by.map(str::to_owned);
    }
    i.status = "Applied".into();
}
