//! Who holds access: standing (permanent, assigned) access, and eligibility left unused.

use super::{name_of, GroupReads, Window};
use crate::domain::assignments::{parse, span};
use crate::graph::model::{
    AccessId, AssignmentType, ExpirationType, PrivilegedAccessGroupSchedule as Schedule,
    ScheduleRequestAction,
};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// A permanent active membership or ownership: the access to shrink.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub person: String,
    pub person_id: String,
    pub group: String,
    pub group_id: String,
    pub role: AccessId,
    pub since: Option<DateTime<Utc>>,
    /// Who made the assignment (the request behind the schedule), or why it is not known.
    pub assigned_by: String,
    pub schedule_id: String,
}

/// Whether an active schedule is one with no end that an administrator made.
fn permanent(s: &Schedule) -> bool {
    let endless = s.schedule_info.as_ref().is_none_or(|i| {
        i.expiration.as_ref().is_none_or(|e| {
            e.kind == Some(ExpirationType::NoExpiration)
                || (e.end_date_time.is_none() && e.duration.is_none())
        })
    });
    endless && s.assignment_type != Some(AssignmentType::Activated)
}

/// Who made each standing assignment, when Graph gave only their id (it usually does): the ids
/// to look up.
pub fn creators(groups: &[GroupReads]) -> Vec<String> {
    let mut out: Vec<String> = groups
        .iter()
        .flat_map(|g| {
            g.active
                .iter()
                .filter(|s| permanent(&s.item))
                .filter_map(|s| {
                    g.requests
                        .iter()
                        .find(|r| Some(&r.item.id) == s.item.created_using.as_ref())
                })
                .filter_map(|r| r.item.created_by.as_ref()?.user.as_ref())
                .filter(|u| u.display_name.is_none())
                .filter_map(|u| u.id.clone())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Active assignments with no end, made by an administrator (not activations), group by group;
/// `names` gives the people Graph named by id only.
pub fn standing(groups: &[GroupReads], names: &HashMap<String, String>) -> Vec<Standing> {
    let mut out = vec![];
    for g in groups {
        for s in &g.active {
            let item = &s.item;
            if !permanent(item) {
                continue;
            }
            let by = item.created_using.as_deref().and_then(|id| {
                g.requests.iter().find(|r| r.item.id == id).map(|r| {
                    r.item
                        .created_by
                        .as_ref()
                        .and_then(|c| c.user.as_ref())
                        .and_then(|u| {
                            u.display_name.clone().or_else(|| {
                                let id = u.id.clone()?;
                                Some(names.get(&id).cloned().unwrap_or(id))
                            })
                        })
                        .unwrap_or_default()
                })
            });
            let (start, _) = span(item.schedule_info.as_ref(), None);
            out.push(Standing {
                person: name_of(s.principal.as_ref(), &item.principal_id),
                person_id: item.principal_id.clone(),
                group: g.name.clone(),
                group_id: g.id.clone(),
                role: item.access_id,
                since: start.or(parse(item.created_date_time.as_deref())),
                assigned_by: by.unwrap_or_else(|| "Not through PIM (no request found)".into()),
                schedule_id: item.id.clone().unwrap_or_default(),
            });
        }
    }
    out.sort_by(|a, b| (&a.group, &a.person).cmp(&(&b.group, &b.person)));
    out
}

/// Someone eligible for at least the report's days who never activated in its window.
#[derive(Clone, Debug, PartialEq)]
pub struct Unused {
    pub person: String,
    pub person_id: String,
    pub group: String,
    pub group_id: String,
    pub role: AccessId,
    pub since: DateTime<Utc>,
    /// Their latest activation of this role that Graph still holds, before the window.
    pub last_activation: Option<DateTime<Utc>>,
}

/// People eligible since `days` before the window's end or earlier with no activation of that
/// role in the window (an activation asked counts, whatever became of it: they used it).
pub fn unused(groups: &[GroupReads], window: Window, days: i64) -> Vec<Unused> {
    let mut out = vec![];
    for g in groups {
        for s in &g.eligible {
            let item = &s.item;
            let (start, _) = span(
                item.schedule_info.as_ref(),
                parse(item.created_date_time.as_deref()),
            );
            let Some(since) = start.filter(|t| *t <= window.end() - Duration::days(days)) else {
                continue;
            };
            let activated: Vec<DateTime<Utc>> = g
                .requests
                .iter()
                .filter(|r| {
                    r.item.action == Some(ScheduleRequestAction::SelfActivate)
                        && r.item.principal_id == item.principal_id
                        && r.item.access_id == item.access_id
                })
                .filter_map(|r| parse(r.item.created_date_time.as_deref()))
                .collect();
            if activated.iter().any(|t| window.holds(*t)) {
                continue;
            }
            out.push(Unused {
                person: name_of(s.principal.as_ref(), &item.principal_id),
                person_id: item.principal_id.clone(),
                group: g.name.clone(),
                group_id: g.id.clone(),
                role: item.access_id,
                since,
                last_activation: activated.into_iter().filter(|t| *t < window.start()).max(),
            });
        }
    }
    out.sort_by(|a, b| (&a.group, &a.person).cmp(&(&b.group, &b.person)));
    out
}
