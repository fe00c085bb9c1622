//! Time's effect on PIM state: schedules starting and ending carry group membership in and
//! out, ended schedules stay visible for 30 days, and the next event is remembered.

use crate::state::{Kind, Schedule, World};
use chrono::Duration;

/// Adds or removes PIM-carried memberships so the directory matches the current schedules.
pub fn refresh(world: &mut World) {
    let now = world.now();
    let mut i = 0;
    while i < world.schedules.len() {
        if world.schedules[i].end.is_some_and(|e| e <= now) {
            end_schedule(world, i);
            continue;
        }
        remind(world, i, now);
        let s = &world.schedules[i];
        if s.kind == Kind::Assignment && !s.added_membership && s.start <= now {
            let (g, p, a) = (
                s.group_id.clone(),
                s.principal_id.clone(),
                s.access_id.clone(),
            );
            world.schedules[i].added_membership = true;
            let visible = now + Duration::seconds(world.propagation_secs);
            world
                .visible_from
                .insert((g.clone(), p.clone(), a.clone()), visible);
            if let Some(group) = world.group_mut(&g) {
                let list = if a == "owner" {
                    &mut group.owners
                } else {
                    &mut group.members
                };
                if !list.contains(&p) {
                    list.push(p);
                }
            }
        }
        i += 1;
    }
    world
        .ended
        .retain(|s| s.end.is_none_or(|e| now - e <= Duration::days(30)));
    let starts = world
        .schedules
        .iter()
        .filter(|s| s.kind == Kind::Assignment && !s.added_membership)
        .map(|s| s.start);
    let ends = world.schedules.iter().filter_map(|s| s.end);
    let reminders: Vec<_> = world.schedules.iter().filter_map(next_reminder).collect();
    let expiries = world
        .approvals
        .values()
        .filter(|a| a.status == "InProgress")
        .map(|a| a.expires);
    let reviews: Vec<_> = world
        .reviews
        .iter()
        .filter_map(crate::reviews::lifecycle::next_event)
        .collect();
    world.next_event = starts
        .chain(ends)
        .chain(expiries)
        .chain(reminders)
        .chain(reviews)
        .min();
}

/// The reminders PIM sends before an assignment an administrator made ends: (bit, how long
/// before the end, the words).
const REMINDERS: [(u8, i64, &str); 2] = [(1, 14, "in 14 days"), (2, 1, "in 1 day")];

/// When the next reminder of `s` is due, if one is still to come. Activations end unannounced;
/// a reminder whose moment passed before the assignment existed is never sent.
fn next_reminder(s: &Schedule) -> Option<chrono::DateTime<chrono::Utc>> {
    let end = s.end?;
    if s.assignment_type.as_deref() == Some("activated") {
        return None;
    }
    REMINDERS
        .iter()
        .filter(|(bit, _, _)| s.reminded & bit == 0)
        .map(|(_, days, _)| end - Duration::days(*days))
        .filter(|at| *at >= s.start)
        .min()
}

/// Sends the reminders of schedule `i` that are due at `now`.
fn remind(world: &mut World, i: usize, now: chrono::DateTime<chrono::Utc>) {
    let s = world.schedules[i].clone();
    let Some(end) = s.end else { return };
    if s.assignment_type.as_deref() == Some("activated") {
        return;
    }
    for (bit, days, words) in REMINDERS {
        let at = end - Duration::days(days);
        if s.reminded & bit == 0 && at <= now {
            world.schedules[i].reminded |= bit;
            if at >= s.start {
                crate::notify::on_expiry(world, &s, words);
            }
        }
    }
}

/// Ends a schedule now (or at its end), taking away the membership it carried.
pub fn end_schedule(world: &mut World, i: usize) {
    let now = world.now();
    let mut s = world.schedules.remove(i);
    if s.added_membership {
        if let Some(group) = world.group_mut(&s.group_id) {
            let list = if s.access_id == "owner" {
                &mut group.owners
            } else {
                &mut group.members
            };
            list.retain(|m| m != &s.principal_id);
        }
    }
    let expired_naturally = s.end.is_some_and(|e| e <= now);
    if expired_naturally {
        crate::audit::expired(world, &s);
        if s.assignment_type.as_deref() != Some("activated") {
            crate::notify::on_expiry(world, &s, "expired");
        }
    } else {
        s.end = Some(now);
    }
    world.ended.push(s);
}
