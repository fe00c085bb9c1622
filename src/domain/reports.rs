//! Reports (S10): each activation once by its request, standing access, unused eligibility.

pub mod export;
mod holders;
pub mod query;
#[cfg(test)]
mod tests;

pub use holders::{creators, standing, unused, Standing, Unused};

use crate::domain::assignments::{parse, span};
use crate::graph::model::{
    AccessId, DirectoryAudit, Expanded, PrivilegedAccessGroupSchedule as Schedule,
    PrivilegedAccessGroupScheduleRequest as Request, ScheduleRequestAction,
};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap};

/// What a report reads of one group.
#[derive(Clone, Debug, Default)]
pub struct GroupReads {
    pub id: String,
    pub name: String,
    pub eligible: Vec<Expanded<Schedule>>,
    pub active: Vec<Expanded<Schedule>>,
    pub requests: Vec<Expanded<Request>>,
}

/// The days a report covers, both included (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    pub fn start(self) -> DateTime<Utc> {
        self.from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
    }
    /// The first instant after the window.
    pub fn end(self) -> DateTime<Utc> {
        self.start() + Duration::days((self.to - self.from).num_days() + 1)
    }
    pub fn holds(self, t: DateTime<Utc>) -> bool {
        t >= self.start() && t < self.end()
    }
}

/// How an activation ended, in the portal's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    StillActive,
    Expired,
    Deactivated,
    Canceled,
    Denied,
    PendingApproval,
    /// Any other status Graph gives (`Failed`, `Revoked` by an administrator…): shown as it came.
    Other,
}

impl Ended {
    pub fn label(self) -> &'static str {
        match self {
            Ended::StillActive => "Still active",
            Ended::Expired => "Expired",
            Ended::Deactivated => "Deactivated",
            Ended::Canceled => "Canceled",
            Ended::Denied => "Denied",
            Ended::PendingApproval => "Pending approval",
            Ended::Other => "Other",
        }
    }
}

/// One activation: one `selfActivate` request and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Activation {
    pub request_id: String,
    pub person: String,
    pub person_id: String,
    pub group: String,
    pub group_id: String,
    pub role: AccessId,
    pub requested: DateTime<Utc>,
    pub start: DateTime<Utc>,
    /// When it ended or will end; `None` while it never started (denied, canceled, pending).
    pub end: Option<DateTime<Utc>>,
    pub reason: String,
    pub ticket: String,
    /// Who approved or denied it, and when (from the audit log).
    pub approver: String,
    pub decided: Option<DateTime<Utc>>,
    pub ended: Ended,
    /// Graph's status of the request, for the JSON.
    pub status: String,
}

impl Activation {
    /// Minutes it was in effect (to `now` while it still is).
    pub fn minutes(&self, now: DateTime<Utc>) -> Option<i64> {
        let end = self.end?;
        Some((end.min(now) - self.start).num_minutes().max(0))
    }
}

/// A person's name from an expanded `principal`, else its id.
pub fn name_of(principal: Option<&serde_json::Value>, id: &str) -> String {
    principal
        .and_then(|p| p["displayName"].as_str())
        .unwrap_or(id)
        .to_owned()
}

/// The `RequestId` an audit entry is about (PIM writes it in `additionalDetails`; some entries
/// spell it `roleAssignmentRequestId`). Microsoft documents that the correlation id differs
/// across the steps of one request, so it is this id that ties them together.
pub fn request_of(a: &DirectoryAudit) -> Option<&str> {
    a.additional_details
        .iter()
        .find(|d| {
            d["key"].as_str().is_some_and(|k| {
                k.eq_ignore_ascii_case("RequestId")
                    || k.eq_ignore_ascii_case("roleAssignmentRequestId")
            })
        })
        .and_then(|d| d["value"].as_str())
}

/// Approvals and denials in the audit log, by request: who and when (the latest decision).
fn decisions(audit: &[DirectoryAudit]) -> HashMap<&str, (String, Option<DateTime<Utc>>)> {
    let mut out = HashMap::new();
    for a in audit {
        let activity = a.activity_display_name.as_deref().unwrap_or("");
        let decided = activity.starts_with("Approve") || activity.starts_with("Deny");
        let Some(id) = request_of(a).filter(|_| decided) else {
            continue;
        };
        let who = a.initiated_by.as_ref().and_then(|i| {
            i["user"]["displayName"]
                .as_str()
                .or(i["app"]["displayName"].as_str())
        });
        let when = parse(a.activity_date_time.as_deref());
        let newer = out
            .get(id)
            .is_none_or(|(_, t): &(String, Option<DateTime<Utc>>)| *t <= when);
        if newer {
            out.insert(id, (who.unwrap_or("").to_owned(), when));
        }
    }
    out
}

/// Each activation asked in `window`, once per request, newest first.
pub fn activations(
    groups: &[GroupReads],
    audit: &[DirectoryAudit],
    window: Window,
    now: DateTime<Utc>,
) -> Vec<Activation> {
    let decided = decisions(audit);
    let mut seen = std::collections::HashSet::new();
    let mut out = vec![];
    for g in groups {
        for r in &g.requests {
            let q = &r.item;
            let Some(requested) = parse(q.created_date_time.as_deref()) else {
                continue;
            };
            if q.action != Some(ScheduleRequestAction::SelfActivate)
                || !window.holds(requested)
                || !seen.insert(q.id.clone())
            {
                continue;
            }
            let (start, planned) = span(q.schedule_info.as_ref(), Some(requested));
            let start = start.unwrap_or(requested);
            // A deactivation of the same role by the same person while this one ran ended it.
            let stopped = g
                .requests
                .iter()
                .filter(|d| {
                    d.item.action == Some(ScheduleRequestAction::SelfDeactivate)
                        && d.item.principal_id == q.principal_id
                        && d.item.access_id == q.access_id
                        && !matches!(d.item.status.as_str(), "Denied" | "Canceled" | "Failed")
                })
                .filter_map(|d| parse(d.item.created_date_time.as_deref()))
                .filter(|t| *t >= start && planned.is_none_or(|p| *t < p))
                .min();
            let (ended, end) = match q.status.as_str() {
                "Denied" => (Ended::Denied, None),
                "Canceled" => (Ended::Canceled, None),
                "PendingApproval" | "PendingProvisioning" | "PendingScheduleCreation" => {
                    (Ended::PendingApproval, None)
                }
                "Provisioned" | "Granted" | "ScheduleCreated" | "Revoked" => {
                    match (stopped, planned) {
                        (Some(t), _) => (Ended::Deactivated, Some(t)),
                        (None, Some(p)) if p <= now => (Ended::Expired, Some(p)),
                        (None, p) => (Ended::StillActive, p),
                    }
                }
                _ => (Ended::Other, None),
            };
            let (approver, when) = decided.get(q.id.as_str()).cloned().unwrap_or_default();
            out.push(Activation {
                request_id: q.id.clone(),
                person: name_of(r.principal.as_ref(), &q.principal_id),
                person_id: q.principal_id.clone(),
                group: g.name.clone(),
                group_id: g.id.clone(),
                role: q.access_id,
                requested,
                start,
                end,
                reason: q.justification.clone().unwrap_or_default(),
                ticket: q
                    .ticket_info
                    .as_ref()
                    .and_then(|t| t.ticket_number.clone())
                    .unwrap_or_default(),
                approver,
                decided: when,
                ended,
                status: q.status.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        b.requested
            .cmp(&a.requested)
            .then(a.request_id.cmp(&b.request_id))
    });
    out
}

/// Activations per day of the window, every day present (a day with none is a zero).
pub fn per_day(list: &[Activation], window: Window) -> Vec<(NaiveDate, usize)> {
    let mut days: BTreeMap<NaiveDate, usize> = window
        .from
        .iter_days()
        .take_while(|d| *d <= window.to)
        .map(|d| (d, 0))
        .collect();
    for a in list {
        if let Some(n) = days.get_mut(&a.requested.date_naive()) {
            *n += 1;
        }
    }
    days.into_iter().collect()
}

/// The `n` groups most activated: (group, activations), most first, then by name.
pub fn top_groups(list: &[Activation], n: usize) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in list {
        *counts.entry(a.group.as_str()).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> =
        counts.into_iter().map(|(g, c)| (g.to_owned(), c)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(n);
    out
}
