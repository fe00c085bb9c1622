//! Puts a tenant's seeded PIM state in place: managed groups, their settings, assignments.

use crate::api::pim::lifecycle::{ensure_policies, refresh};
use crate::policy::RULES;
use crate::state::{Kind, Request, Schedule, World};
use chrono::Duration;

pub fn apply(world: &mut World) {
    let now = world.now();
    let seeds = std::mem::take(&mut world.tenant.policies);
    for seed in &seeds {
        ensure_policies(world, &seed.group_id);
        world.onboarded.insert(seed.group_id.clone());
        let policy = world
            .policies
            .get_mut(&(seed.group_id.clone(), seed.access_id.clone()))
            .expect("ensured");
        // Seeded settings were changed by someone a week ago, as a real managed group's were.
        policy.last_modified = Some(now - Duration::days(7));
        for fragment in &seed.rules {
            let id = fragment["id"].as_str().unwrap_or_default();
            let Some(rule) = policy.rules.iter_mut().find(|r| r["id"] == id) else {
                // A rule PIM doesn't add by default (a custom extension) comes whole.
                if fragment.get("@odata.type").is_some() {
                    policy.rules.push(fragment.clone());
                }
                continue;
            };
            for (k, v) in fragment.as_object().into_iter().flatten() {
                if k != "id" {
                    rule[k] = v.clone();
                }
            }
        }
        debug_assert!(RULES.len() <= policy.rules.len());
    }
    world.tenant.policies = seeds;

    let mut seen = std::collections::HashSet::new();
    let seeds = std::mem::take(&mut world.tenant.assignments);
    for (n, a) in seeds.iter().enumerate() {
        let kind = if a.kind == "active" {
            Kind::Assignment
        } else {
            Kind::Eligibility
        };
        if !seen.insert((
            kind,
            a.group_id.clone(),
            a.principal_id.clone(),
            a.access_id.clone(),
        )) {
            continue;
        }
        ensure_policies(world, &a.group_id);
        world.onboarded.insert(a.group_id.clone());
        // Seeded as made a week ago, so the 5-minute rules do not get in a demo's way.
        let created = now - Duration::days(7);
        let request_id = format!("00000000-5eed-4000-8000-{n:012x}");
        let end = a.days.map(|d| now + Duration::days(d));
        let schedule_id = format!("{}_{}_{}", a.group_id, a.access_id, request_id);
        world.requests.push(Request {
            id: request_id.clone(),
            kind,
            access_id: a.access_id.clone(),
            principal_id: a.principal_id.clone(),
            group_id: a.group_id.clone(),
            action: "adminAssign".into(),
            justification: Some("Seeded by the demo tenant".into()),
            ticket_number: None,
            ticket_system: None,
            custom_data: None,
            start: created,
            expiration_type: if end.is_some() {
                "afterDateTime".into()
            } else {
                "noExpiration".into()
            },
            end,
            duration: None,
            has_schedule: true,
            created_by: crate::tenant::demo::MEGAN.into(),
            created,
            completed: Some(created),
            status: "Provisioned".into(),
            approval_id: None,
            target_schedule_id: Some(schedule_id.clone()),
            is_validation_only: false,
        });
        world.schedules.push(Schedule {
            id: schedule_id,
            kind,
            access_id: a.access_id.clone(),
            principal_id: a.principal_id.clone(),
            group_id: a.group_id.clone(),
            assignment_type: (kind == Kind::Assignment).then(|| "assigned".to_owned()),
            start: created,
            end,
            created_using: request_id,
            created,
            modified: created,
            activated_using: None,
            added_membership: false,
            reminded: 0,
        });
    }
    world.tenant.assignments = seeds;
    refresh(world);
}
