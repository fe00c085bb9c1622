//! Past PIM activity for the demo tenant (S10's monthly report): `days` of activations with
//! reasons, tickets, approvals, denials, cancellations and deactivations, each as the requests
//! Graph lists and the audit entries PIM writes, and one standing assignment. Nestor stays
//! eligible and never activates.

use crate::caller::Caller;
use crate::state::{Kind, Request, Schedule, World};
use crate::tenant::demo::{
    ADELE, ALEX, DIEGO, EXT, EX_EXT, EX_INT, HELPDESK, LICENSE, LIDIA, MEGAN, PATTI,
};
use chrono::{DateTime, Duration, Utc};

/// Who activates what, how often (every `every` days), for how long, and who approves it.
struct Habit {
    who: &'static str,
    group: &'static str,
    access: &'static str,
    every: i64,
    hours: i64,
    approver: Option<&'static str>,
    ticket: bool,
    reason: &'static str,
}

const HABITS: [Habit; 4] = [
    Habit {
        who: LIDIA,
        group: HELPDESK,
        access: "member",
        every: 3,
        hours: 4,
        approver: None,
        ticket: false,
        reason: "Password resets for the service desk queue",
    },
    Habit {
        who: ALEX,
        group: EX_INT,
        access: "member",
        every: 5,
        hours: 8,
        approver: None,
        ticket: false,
        reason: "Mailbox migration batch",
    },
    Habit {
        who: ALEX,
        group: LICENSE,
        access: "member",
        every: 9,
        hours: 8,
        approver: Some(DIEGO),
        ticket: false,
        reason: "Assign Power Automate licences",
    },
    Habit {
        who: EXT,
        group: EX_EXT,
        access: "member",
        every: 4,
        hours: 2,
        approver: Some(ADELE),
        ticket: true,
        reason: "Transport rule change for the consultant's project",
    },
];

fn caller(world: &World, id: &str) -> Caller {
    let u = world.user(id);
    Caller {
        user_id: id.into(),
        display_name: u.map(|u| u.display_name.clone()).unwrap_or_default(),
        upn: u.map(|u| u.user_principal_name.clone()).unwrap_or_default(),
        scopes: vec![],
        acrs: vec![],
        mfa: true,
    }
}

/// An audit entry by `by` about `r`, dated `at`.
fn log(world: &mut World, activity: &str, by: &str, r: &Request, at: DateTime<Utc>) {
    let c = caller(world, by);
    crate::audit::record(world, activity, &c, &r.group_id.clone(), Some(r), vec![]);
    crate::audit::date_last(world, at);
}

fn request(id: String, h: &Habit, action: &str, start: DateTime<Utc>, status: &str) -> Request {
    Request {
        id,
        kind: Kind::Assignment,
        access_id: h.access.into(),
        principal_id: h.who.into(),
        group_id: h.group.into(),
        action: action.into(),
        justification: Some(h.reason.into()),
        ticket_number: h.ticket.then(|| format!("CHG-{}", start.format("%m%d"))),
        ticket_system: h.ticket.then(|| "ServiceNow".into()),
        custom_data: None,
        start,
        expiration_type: "afterDuration".into(),
        end: Some(start + Duration::hours(h.hours)),
        duration: Some(format!("PT{}H", h.hours)),
        has_schedule: true,
        created_by: h.who.into(),
        created: start,
        completed: Some(start),
        status: status.into(),
        approval_id: None,
        target_schedule_id: None,
        is_validation_only: false,
    }
}

/// Adds `days` of history before the emulator's now (once; a second call adds nothing), and
/// `generated` more activations spread over those days among every eligible schedule (the large
/// tenant's 10,000 for the Reports benchmark).
pub fn add(world: &mut World, days: i64, generated: usize) {
    if world
        .requests
        .iter()
        .any(|r| r.id.starts_with("00000000-4157-"))
    {
        return;
    }
    let now = world.now();
    let since = now - Duration::days(days);
    // Everyone eligible has been since the history began.
    let seeded: Vec<String> = world
        .schedules
        .iter()
        .filter(|s| s.kind == Kind::Eligibility)
        .map(|s| s.created_using.clone())
        .collect();
    for s in world
        .schedules
        .iter_mut()
        .filter(|s| s.kind == Kind::Eligibility)
    {
        (s.start, s.created, s.modified) = (since, since, since);
    }
    for r in world.requests.iter_mut().filter(|r| seeded.contains(&r.id)) {
        (r.start, r.created, r.completed) = (since, since, Some(since));
    }
    let mut n = 0u32;
    for (k, h) in HABITS.iter().enumerate() {
        let mut day = days - k as i64;
        while day >= 1 {
            let start = (now - Duration::days(day))
                .date_naive()
                .and_hms_opt(8 + (day % 5) as u32, 15, 0)
                .unwrap_or_default()
                .and_utc();
            day -= h.every;
            if start >= now - Duration::hours(h.hours) {
                continue;
            }
            n += 1;
            let id = format!("00000000-4157-4000-8000-{n:012x}");
            let decided = start + Duration::minutes(20);
            let (status, end) = match (h.approver, n % 6) {
                (Some(_), 2) => ("Denied", None),
                (_, 4) => ("Canceled", None),
                (_, 5) => ("Provisioned", Some((start + Duration::hours(1), true))),
                _ => (
                    "Provisioned",
                    Some((start + Duration::hours(h.hours), false)),
                ),
            };
            let r = request(id.clone(), h, "selfActivate", start, status);
            world.requests.push(r.clone());
            let activity = format!("Activate {} (selfActivate)", h.access);
            log(world, &activity, h.who, &r, start);
            if let Some(approver) = h.approver.filter(|_| status != "Canceled") {
                let verdict = if status == "Denied" {
                    "Deny activation request"
                } else {
                    "Approve activation request"
                };
                log(world, verdict, approver, &r, decided);
            }
            match end {
                None if status == "Canceled" => log(
                    world,
                    "Cancel request (selfActivate)",
                    h.who,
                    &r,
                    start + Duration::minutes(5),
                ),
                Some((at, true)) => {
                    let mut d = request(format!("{id}-d"), h, "selfDeactivate", at, "Revoked");
                    d.end = None;
                    d.expiration_type = "noExpiration".into();
                    world.requests.push(d.clone());
                    log(
                        world,
                        &format!("Deactivate {} (selfDeactivate)", h.access),
                        h.who,
                        &d,
                        at,
                    );
                }
                Some((at, false)) => {
                    let s = ended(&r, at);
                    crate::audit::expired(world, &s);
                    crate::audit::date_last(world, at);
                }
                None => {}
            }
        }
    }
    standing(world, now - Duration::days(60));
    generate(world, since, now, generated);
    // The log is kept oldest first.
    world.audit.sort_by(|a, b| {
        a["activityDateTime"]
            .as_str()
            .cmp(&b["activityDateTime"].as_str())
    });
    crate::api::pim::lifecycle::refresh(world);
}

/// `count` plain activations, one every so often from `since` to `now`, by whoever holds each
/// eligibility in turn, each with its request and its audit entry.
fn generate(world: &mut World, since: DateTime<Utc>, now: DateTime<Utc>, count: usize) {
    let eligible: Vec<(String, String, String)> = world
        .schedules
        .iter()
        .filter(|s| s.kind == Kind::Eligibility)
        .map(|s| {
            (
                s.principal_id.clone(),
                s.group_id.clone(),
                s.access_id.clone(),
            )
        })
        .collect();
    if eligible.is_empty() || count == 0 {
        return;
    }
    let users: std::collections::HashMap<String, (String, String)> = world
        .tenant
        .users
        .iter()
        .map(|u| {
            (
                u.id.clone(),
                (u.display_name.clone(), u.user_principal_name.clone()),
            )
        })
        .collect();
    let groups: std::collections::HashMap<String, String> = world
        .tenant
        .groups
        .iter()
        .map(|g| (g.id.clone(), g.display_name.clone()))
        .collect();
    let step = (now - since - Duration::hours(2)) / count.max(1) as i32;
    for n in 0..count {
        let (who, group, access) = &eligible[(n * 7919) % eligible.len()];
        let start = since + step * n as i32;
        let mut r = request(
            format!("00000000-4157-4000-a000-{n:012x}"),
            &HABITS[0],
            "selfActivate",
            start,
            "Provisioned",
        );
        (r.principal_id, r.group_id, r.access_id, r.created_by) =
            (who.clone(), group.clone(), access.clone(), who.clone());
        r.end = Some(start + Duration::hours(2));
        r.duration = Some("PT2H".into());
        r.justification = Some(format!("Generated activation {n}"));
        world.requests.push(r.clone());
        let (name, upn) = users.get(who).cloned().unwrap_or_default();
        let group_name = groups.get(group).cloned().unwrap_or_default();
        crate::audit::activation_at(world, (who, &name, &upn), (group, &group_name), &r, start);
    }
}

/// The activation's schedule as it was when it expired (only to write its audit entry).
fn ended(r: &Request, at: DateTime<Utc>) -> Schedule {
    Schedule {
        id: format!("{}_{}_{}", r.group_id, r.access_id, r.id),
        kind: Kind::Assignment,
        access_id: r.access_id.clone(),
        principal_id: r.principal_id.clone(),
        group_id: r.group_id.clone(),
        assignment_type: Some("activated".into()),
        start: r.start,
        end: Some(at),
        created_using: r.id.clone(),
        created: r.start,
        modified: r.start,
        activated_using: None,
        added_membership: false,
        reminded: 0,
    }
}

/// Patti has been a permanent active member of the Helpdesk group since Megan added her.
fn standing(world: &mut World, at: DateTime<Utc>) {
    let habit = Habit {
        who: PATTI,
        group: HELPDESK,
        access: "member",
        every: 0,
        hours: 0,
        approver: None,
        ticket: false,
        reason: "Standing member of the service desk",
    };
    let id = "00000000-4157-4000-9000-000000000001".to_owned();
    let mut r = request(id.clone(), &habit, "adminAssign", at, "Provisioned");
    (r.end, r.duration, r.expiration_type, r.created_by) =
        (None, None, "noExpiration".into(), MEGAN.into());
    r.has_schedule = true;
    let schedule_id = format!("{HELPDESK}_member_{id}");
    r.target_schedule_id = Some(schedule_id.clone());
    world.requests.push(r.clone());
    log(
        world,
        "Add eligible or active member (adminAssign)",
        MEGAN,
        &r,
        at,
    );
    world.schedules.push(Schedule {
        id: schedule_id,
        assignment_type: Some("assigned".into()),
        end: None,
        added_membership: true,
        ..ended(&r, at)
    });
}
