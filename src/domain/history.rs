//! Who held a group's Member or Owner role and when: periods built from the schedule requests
//! (Graph keeps them after the schedules are gone) and the approvers named by the audit log;
//! "who could have held it on a date"; the CSV. Pure.

use super::assignments::{parse, span};
use super::audit::cell;
use crate::graph::model::{
    AccessId, DirectoryAudit, PrivilegedAccessGroupScheduleRequest, ScheduleRequestAction,
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// One stretch of time during which a person held (or could activate) a role of the group.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    /// The granting request's id: a period's identity.
    pub id: String,
    pub principal_id: String,
    pub principal: String,
    pub access: AccessId,
    /// Eligible (could activate) or active (held).
    pub eligible: bool,
    /// How it began: activated, assigned, extended, renewed.
    pub how: &'static str,
    pub start: DateTime<Utc>,
    /// `None`: permanent.
    pub end: Option<DateTime<Utc>>,
    pub reason: String,
    pub ticket: String,
    pub approver: Option<String>,
    /// Why it ended early: the removal's or deactivation's justification (an access review's
    /// removal names the review, the reviewer and the reason).
    pub ended_because: String,
}

impl Period {
    /// Ended, current or scheduled, at `now`.
    pub fn state(&self, now: DateTime<Utc>) -> &'static str {
        if self.start > now {
            "Scheduled"
        } else if self.end.is_some_and(|e| e <= now) {
            "Ended"
        } else {
            "Current"
        }
    }

    /// Whether the period covers the instant `at`.
    pub fn covers(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && self.end.is_none_or(|e| e > at)
    }
}

/// Approvers by request id, from "Approve activation request" entries of the audit log (their
/// `RequestId` detail names the request, the initiator the approver).
pub fn approvers(entries: &[DirectoryAudit]) -> HashMap<String, String> {
    entries
        .iter()
        .filter(|a| a.activity_display_name.as_deref() == Some("Approve activation request"))
        .filter_map(|a| {
            let request = a
                .additional_details
                .iter()
                .find(|d| d["key"] == "RequestId")?["value"]
                .as_str()?
                .to_owned();
            let who = a.initiated_by.as_ref()?["user"]["displayName"]
                .as_str()?
                .to_owned();
            Some((request, who))
        })
        .collect()
}

/// What a request does to a period.
enum Step {
    Grant(&'static str),
    End,
    /// An action this app does not know (Graph may add some): it changes nothing shown.
    Skip,
}

fn step(action: ScheduleRequestAction) -> Step {
    use ScheduleRequestAction as A;
    match action {
        A::SelfActivate => Step::Grant("Activated"),
        A::AdminAssign | A::AdminUpdate => Step::Grant("Assigned"),
        A::AdminExtend | A::SelfExtend => Step::Grant("Extended"),
        A::AdminRenew | A::SelfRenew => Step::Grant("Renewed"),
        A::AdminRemove | A::SelfDeactivate => Step::End,
        A::Unknown => Step::Skip,
    }
}

/// Every period of the group, oldest first. `requests` pairs each request with whether it is an
/// eligibility request; `names` labels principals. A grant that followed another of the same
/// person, role and type (an update, extension or renewal) ends the earlier one where it starts;
/// a removal or deactivation ends the open one when it was made. Refused, failed, canceled and
/// pending requests grant nothing.
pub fn periods(
    requests: &[(bool, PrivilegedAccessGroupScheduleRequest)],
    approved_by: &HashMap<String, String>,
    names: &HashMap<String, String>,
) -> Vec<Period> {
    let mut sorted: Vec<&(bool, PrivilegedAccessGroupScheduleRequest)> = requests.iter().collect();
    sorted.sort_by_key(|(_, r)| parse(r.created_date_time.as_deref()));
    let mut out: Vec<Period> = vec![];
    // The index in `out` of the open period per (eligible, principal, role).
    let mut open: HashMap<(bool, String, AccessId), usize> = HashMap::new();
    for (eligible, r) in sorted {
        let Some(action) = r.action else { continue };
        if matches!(
            r.status.as_str(),
            "Denied" | "Failed" | "Canceled" | "PendingApproval" | "PendingProvisioning"
        ) {
            continue;
        }
        let created = parse(r.created_date_time.as_deref());
        let key = (*eligible, r.principal_id.clone(), r.access_id);
        let close = |out: &mut Vec<Period>, at: DateTime<Utc>, i: usize| {
            let p: &mut Period = &mut out[i];
            if p.end.is_none_or(|e| e > at) {
                p.end = Some(at.max(p.start));
            }
        };
        match step(action) {
            Step::Skip => {}
            Step::End => {
                if let (Some(i), Some(at)) = (open.remove(&key), created) {
                    close(&mut out, at, i);
                    out[i].ended_because = r.justification.clone().unwrap_or_default();
                }
            }
            Step::Grant(how) => {
                let (start, end) = span(r.schedule_info.as_ref(), created);
                let Some(start) = start else { continue };
                if let Some(i) = open.remove(&key) {
                    close(&mut out, start, i);
                }
                open.insert(key, out.len());
                out.push(Period {
                    id: r.id.clone(),
                    principal: names
                        .get(&r.principal_id)
                        .cloned()
                        .unwrap_or_else(|| r.principal_id.clone()),
                    principal_id: r.principal_id.clone(),
                    access: r.access_id,
                    eligible: *eligible,
                    how,
                    start,
                    end,
                    reason: r.justification.clone().unwrap_or_default(),
                    ticket: r
                        .ticket_info
                        .as_ref()
                        .and_then(|t| t.ticket_number.clone())
                        .unwrap_or_default(),
                    approver: approved_by.get(&r.id).cloned(),
                    ended_because: String::new(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.principal, a.start).cmp(&(&b.principal, b.start)));
    out
}

/// The people who held or could activate a role of the group at `at`: who could have been a
/// member (or owner) then. Each person once, by name.
pub fn held_at(periods: &[Period], at: DateTime<Utc>) -> Vec<String> {
    let mut who: Vec<String> = periods
        .iter()
        .filter(|p| p.covers(at))
        .map(|p| p.principal.clone())
        .collect();
    who.sort();
    who.dedup();
    who
}

fn stamp(t: DateTime<Utc>) -> String {
    super::stamp::utc(t)
}

/// One line per period, in the table's order.
pub fn csv(periods: &[Period], now: DateTime<Utc>) -> String {
    let mut out = String::from(
        "Principal,Role,Type,How,Start,End,State,Reason,Ticket,Approved by,Ended because\r\n",
    );
    for p in periods {
        let fields = [
            p.principal.clone(),
            super::wording::role(p.access).to_owned(),
            if p.eligible { "Eligible" } else { "Active" }.to_owned(),
            p.how.to_owned(),
            stamp(p.start),
            p.end.map_or_else(|| "Permanent".to_owned(), stamp),
            p.state(now).to_owned(),
            p.reason.clone(),
            p.ticket.clone(),
            p.approver.clone().unwrap_or_default(),
            p.ended_because.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests;
