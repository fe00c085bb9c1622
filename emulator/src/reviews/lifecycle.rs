//! The clock's effect on reviews: an instance starts on its recurrence with a snapshot of the
//! people in scope and of the reviewers (active owners only, else the fallback reviewers), and
//! ends after its duration (apply.rs: the default decision, then the results applied).

pub use super::apply::{apply, complete};
use super::{guests_only, Decision, Instance, Resource, Review};
use crate::clock::parse_duration;
use crate::state::{Email, World};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde_json::Value;

fn settings(r: &Review) -> &Value {
    &r.definition["settings"]
}

/// The start of occurrence `n` (0-based) of a review, or `None` past its range.
pub fn occurrence_start(r: &Review, n: usize) -> Option<DateTime<Utc>> {
    let recurrence = &settings(r)["recurrence"];
    let range = &recurrence["range"];
    let first_day = range["startDate"]
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
        .unwrap_or_else(|| r.created.date_naive());
    // A review whose start date is today starts now; one in the future at midnight UTC.
    let first = first_day
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())?
        .max(r.created);
    let pattern = &recurrence["pattern"];
    let interval = pattern["interval"].as_i64().unwrap_or(1).max(1);
    let start = match (n, pattern["type"].as_str()) {
        (0, _) => first,
        (_, Some("weekly")) => first + Duration::weeks(interval * n as i64),
        (_, Some("absoluteMonthly")) => {
            let months = (interval * n as i64) as u32;
            let d = first.date_naive();
            let total = d.month0() + months;
            let (y, m) = (d.year() + (total / 12) as i32, total % 12 + 1);
            let day = (1..=d.day())
                .rev()
                .find_map(|day| NaiveDate::from_ymd_opt(y, m, day))?;
            day.and_time(first.time()).and_utc()
        }
        // One time: a single instance.
        _ => return None,
    };
    let ok = match range["type"].as_str() {
        Some("numbered") if !pattern.is_object() => n == 0,
        Some("numbered") => {
            let count = range["numberOfOccurrences"].as_u64().unwrap_or(0) as usize;
            let until = range["endDate"]
                .as_str()
                .and_then(|d| d.get(..10))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            (count == 0 || n < count) && until.is_none_or(|u| start.date_naive() <= u)
        }
        Some("endDate") => range["endDate"]
            .as_str()
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok())
            .is_none_or(|u| start.date_naive() <= u),
        _ => true,
    };
    ok.then_some(start)
}

/// When this review next changes on its own: the current instance's end or the next start.
pub fn next_event(r: &Review) -> Option<DateTime<Utc>> {
    if let Some(end) = r
        .instances
        .iter()
        .filter(|i| i.status == "InProgress")
        .map(|i| i.end)
        .min()
    {
        return Some(end);
    }
    if r.stopped {
        return None;
    }
    occurrence_start(r, r.occurrences)
}

/// Ends the instances whose time is up and starts the recurrences that are due, in order.
pub fn advance(world: &mut World) {
    let now = world.now();
    for ri in 0..world.reviews.len() {
        loop {
            let r = &world.reviews[ri];
            let running: Vec<usize> = (0..r.instances.len())
                .filter(|&i| r.instances[i].status == "InProgress")
                .collect();
            if !running.is_empty() {
                let due: Vec<usize> = running
                    .into_iter()
                    .filter(|&i| r.instances[i].end <= now)
                    .collect();
                if due.is_empty() {
                    break;
                }
                for ii in due {
                    complete(world, ri, ii, None);
                }
                continue;
            }
            match occurrence_start(r, r.occurrences) {
                Some(t) if t <= now && !r.stopped => {
                    world.reviews[ri].occurrences += 1;
                    for resource in world.reviews[ri].resources.clone() {
                        start(world, ri, &resource, t);
                    }
                }
                _ => break,
            }
        }
    }
}

/// The users a reviewer scope names, resolved now (`./owners` are the reviewed group's).
fn resolve(world: &World, scopes: &Value, group_id: &str) -> Vec<String> {
    let mut out = vec![];
    for s in scopes.as_array().into_iter().flatten() {
        let q = s["query"].as_str().unwrap_or("");
        let q = q.trim_start_matches("/v1.0");
        if q == "./owners" {
            out.extend(
                world
                    .group(group_id)
                    .map(|g| g.owners.clone())
                    .unwrap_or_default(),
            );
        } else if let Some(rest) = q.strip_prefix("/groups/") {
            let (id, tail) = rest.split_once('/').unwrap_or((rest, ""));
            let g = world.group(id);
            match tail {
                "owners" => out.extend(g.map(|g| g.owners.clone()).unwrap_or_default()),
                _ => out.extend(g.map(|g| g.members.clone()).unwrap_or_default()),
            }
        } else if let Some(id) = q.strip_prefix("/users/") {
            out.push(id.to_owned());
        }
    }
    out.retain(|id| world.user(id).is_some());
    out.sort();
    out.dedup();
    out
}

/// The people in scope at `t`: of a group, its members now (active assignments and activations
/// included) and every eligible member; of an application, the members of the groups it is given
/// to. Nested groups flattened, filtered as the scope says.
fn people_in_scope(world: &World, r: &Review, on: &Resource, t: DateTime<Utc>) -> Vec<String> {
    let scope = &r.definition["scope"];
    let query = scope["query"].as_str().unwrap_or("");
    let mut ids: Vec<String> = if on.kind == "group" {
        world
            .group(&on.id)
            .map(|g| g.members.clone())
            .unwrap_or_default()
    } else {
        world
            .tenant
            .app_role_grants
            .iter()
            .filter(|a| a.resource_id == on.id)
            .map(|a| a.group_id.clone())
            .collect()
    };
    ids.extend(
        world
            .schedules
            .iter()
            .filter(|s| s.group_id == on.id && s.access_id == "member" && s.start <= t)
            .map(|s| s.principal_id.clone()),
    );
    let mut users = vec![];
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = ids.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if world.user(&id).is_some() {
            users.push(id);
        } else if let Some(g) = world.group(&id) {
            ids.extend(g.members.clone());
        }
    }
    let inactive = scope["inactiveDuration"].as_str().and_then(parse_duration);
    users.retain(|id| {
        let u = world.user(id).expect("kept users only");
        (!guests_only(query) || u.user_type == "Guest")
            && inactive.is_none_or(|d| last_sign_in(world, id).is_none_or(|s| s < t - d))
    });
    users.sort();
    users
}

fn last_sign_in(world: &World, id: &str) -> Option<DateTime<Utc>> {
    let days = world.user(id)?.last_sign_in_days_ago?;
    // Sign-ins are in the past of the wall clock: moving the emulator's clock ages them.
    Some(Utc::now() - Duration::days(days))
}

fn start(world: &mut World, ri: usize, on: &Resource, t: DateTime<Utc>) {
    let r = world.reviews[ri].clone();
    let group_id = on.id.clone();
    let people = people_in_scope(world, &r, on, t);
    // With stages, the first stage's reviewers review (the definition's are then ignored).
    let first_stage = r.definition["stageSettings"].get(0).cloned();
    let from = first_stage.as_ref().unwrap_or(&r.definition);
    let reviewer_scopes = from
        .get("reviewers")
        .cloned()
        .unwrap_or(Value::Array(vec![]));
    let fallback_scopes = from
        .get("fallbackReviewers")
        .cloned()
        .unwrap_or(Value::Array(vec![]));
    let self_review = reviewer_scopes.as_array().is_none_or(|a| a.is_empty());
    let mut reviewers = if self_review {
        people.clone()
    } else {
        resolve(world, &reviewer_scopes, &group_id)
    };
    if reviewers.is_empty() && !self_review {
        reviewers = resolve(world, &fallback_scopes, &group_id);
    }
    let s = settings(&r);
    let days = s["instanceDurationInDays"].as_i64().unwrap_or(1).max(1);
    let lookback = s["recommendationLookBackDuration"]
        .as_str()
        .and_then(parse_duration)
        .unwrap_or(Duration::days(30));
    let recommend = s["recommendationsEnabled"] != false;
    let decisions = people
        .iter()
        .map(|p| {
            let seen = last_sign_in(world, p);
            let recommendation = match seen {
                Some(at) if recommend && at >= t - lookback => "Approve",
                Some(_) if recommend => "Deny",
                _ => "NoInfoAvailable",
            };
            Decision {
                id: uuid::Uuid::new_v4().to_string(),
                principal_id: p.clone(),
                decision: "NotReviewed".into(),
                justification: String::new(),
                recommendation: recommendation.into(),
                last_sign_in: seen,
                reviewed_by: None,
                reviewed: None,
                apply_result: "New".into(),
                applied: None,
                applied_by: None,
            }
        })
        .collect();
    let instance = Instance {
        id: uuid::Uuid::new_v4().to_string(),
        resource: on.clone(),
        start: t,
        end: t + Duration::days(days),
        status: "InProgress".into(),
        reviewers,
        self_review,
        decisions,
        reviewer_scopes,
        fallback_scopes,
    };
    if s["mailNotificationsEnabled"] != false {
        mail_reviewers(world, &r, &instance, "");
    }
    world.reviews[ri].instances.push(instance);
}

/// Emails each reviewer of an instance a link to the page that reviews it.
pub fn mail_reviewers(world: &mut World, r: &Review, i: &Instance, prefix: &str) {
    let group = world
        .group(&i.resource.id)
        .map(|g| g.display_name.clone())
        .unwrap_or_else(|| "an application".into());
    let to: Vec<String> = i
        .reviewers
        .iter()
        .filter_map(|id| world.user(id).and_then(|u| u.mail.clone()))
        .collect();
    if to.is_empty() {
        return;
    }
    let link = format!("{}/my/reviews/{}/{}", world.app_url, r.id, i.id);
    let name = r.definition["displayName"].as_str().unwrap_or("");
    let body = format!(
        "Please review the access of members of {group} by {}. {}",
        crate::clock::ts(i.end),
        r.definition["descriptionForReviewers"]
            .as_str()
            .unwrap_or("")
    );
    let email = Email {
        id: uuid::Uuid::new_v4().to_string(),
        to,
        subject: format!("{prefix}Review access to {group}: {name}"),
        body,
        link: Some(link),
        rule: "AccessReview".into(),
        request_id: None,
        sent_date_time: crate::clock::ts(world.now()),
    };
    world.outbox.push(email);
}
