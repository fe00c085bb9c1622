//! Activating membership or ownership: what a role's settings ask of the user, the pane's checks,
//! the `selfActivate` body, and how Graph's answer reads (active, pending, already so).

use crate::domain::settings::{ActivationSettings, OnActivation};
use crate::domain::wording::duration;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessId, Expiration, ExpirationType, NewScheduleRequest, RequestSchedule,
    ScheduleRequestAction, TicketInfo,
};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// What activation will ask, in short words for a row: "Approval", "Reason", "Ticket", "MFA",
/// "Phishing-resistant MFA (authentication context)", "Up to 4 hours".
pub fn requirements(a: &ActivationSettings, context_name: impl Fn(&str) -> String) -> Vec<String> {
    let mut out = vec![];
    if a.approval {
        out.push("Approval".to_owned());
    }
    if a.justification {
        out.push("Reason".to_owned());
    }
    if a.ticket {
        out.push("Ticket".to_owned());
    }
    match &a.require {
        OnActivation::Mfa => out.push("MFA".to_owned()),
        OnActivation::AuthContext(c) => {
            out.push(format!("{} (authentication context)", context_name(c)))
        }
        OnActivation::None => {}
    }
    out.push(format!("Up to {}", duration(a.max_minutes)));
    out
}

/// The authentication context a role needs, if any.
pub fn context(a: &ActivationSettings) -> Option<&str> {
    match &a.require {
        OnActivation::AuthContext(c) => Some(c),
        _ => None,
    }
}

/// The contexts several activations need together, as one `acrs` request ("c1,c2"), or `None`.
pub fn contexts_needed<'a>(
    all: impl IntoIterator<Item = &'a ActivationSettings>,
) -> Option<String> {
    let mut v: Vec<&str> = all.into_iter().filter_map(context).collect();
    v.sort();
    v.dedup();
    (!v.is_empty()).then(|| v.join(","))
}

/// `acrs` with one more context added (after a refusal asked for it), as one `acrs` request.
pub fn with_context(acrs: Option<&str>, extra: Option<&str>) -> Option<String> {
    let mut v: Vec<&str> = acrs.into_iter().flat_map(|a| a.split(',')).collect();
    v.extend(extra);
    v.sort();
    v.dedup();
    (!v.is_empty()).then(|| v.join(","))
}

/// The pane's fields as typed; kept across a step-up redirect, so it serialises.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivateForm {
    /// Empty for "now".
    pub start: String,
    /// As typed, in hours ("1.5").
    pub hours: String,
    pub reason: String,
    pub ticket_number: String,
    pub ticket_system: String,
}

/// Hours typed, read leniently ("1,5" too).
pub fn hours(text: &str) -> Option<f64> {
    crate::number::decimal(&text.trim().replace(',', "."))
}

/// The pane's problems for one role, as `(field label, sentence)`.
pub fn problems(
    f: &ActivateForm,
    a: &ActivationSettings,
    start: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<(&'static str, String)> {
    let mut out = vec![];
    match hours(&f.hours) {
        None => out.push(("Duration (hours)", "Enter a duration in hours.".to_owned())),
        Some(h) if h * 60.0 < 5.0 => out.push((
            "Duration (hours)",
            "An activation can't be shorter than 5 minutes.".to_owned(),
        )),
        Some(h) if (h * 60.0).round() as u32 > a.max_minutes => out.push((
            "Duration (hours)",
            format!(
                "The role settings allow at most {}.",
                duration(a.max_minutes)
            ),
        )),
        _ => {}
    }
    if !f.start.trim().is_empty() {
        match start {
            None => out.push((
                "Custom activation start time",
                "Enter a date and time.".to_owned(),
            )),
            Some(s) if s < now - Duration::minutes(5) => out.push((
                "Custom activation start time",
                "The start can't be in the past.".to_owned(),
            )),
            _ => {}
        }
    }
    if a.justification && f.reason.trim().is_empty() {
        out.push(("Reason", "The role settings require a reason.".to_owned()));
    }
    if f.reason.len() > 500 {
        out.push(("Reason", "Keep the reason under 500 characters.".to_owned()));
    }
    if a.ticket && f.ticket_number.trim().is_empty() {
        out.push((
            "Ticket number",
            "The role settings require a ticket number.".to_owned(),
        ));
    }
    out
}

/// The duration sent for one role: what was asked, capped at that role's maximum (several
/// activations share one form).
pub fn minutes_for(asked_hours: f64, a: &ActivationSettings) -> u32 {
    ((asked_hours * 60.0).round() as u32)
        .min(a.max_minutes)
        .max(5)
}

/// The `selfActivate` request.
pub fn request(
    f: &ActivateForm,
    group: &str,
    principal: &str,
    access: AccessId,
    start: DateTime<Utc>,
    minutes: u32,
) -> NewScheduleRequest {
    let ticket =
        (!f.ticket_number.trim().is_empty() || !f.ticket_system.trim().is_empty()).then(|| {
            TicketInfo {
                ticket_number: Some(f.ticket_number.trim().to_owned()).filter(|t| !t.is_empty()),
                ticket_system: Some(f.ticket_system.trim().to_owned()).filter(|t| !t.is_empty()),
            }
        });
    NewScheduleRequest {
        access_id: access,
        principal_id: principal.to_owned(),
        group_id: group.to_owned(),
        action: ScheduleRequestAction::SelfActivate,
        schedule_info: Some(RequestSchedule {
            start_date_time: Some(start.to_rfc3339_opts(SecondsFormat::Secs, true)),
            expiration: Some(Expiration {
                kind: Some(ExpirationType::AfterDuration),
                end_date_time: None,
                duration: Some(crate::domain::duration::iso(minutes)),
            }),
        }),
        justification: Some(f.reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ticket_info: ticket,
    }
}

/// What became of one activation, in the user's words.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Active,
    Pending,
    Scheduled,
    AlreadyActive,
    AlreadyPending,
    /// Recorded and refused at once (`Denied`: a pre-approval custom extension can do that;
    /// `Failed`): the status as Graph gave it.
    Refused(String),
    /// The token lacks this authentication context (reactive step-up).
    NeedsContext(String),
    /// The settings ask for MFA and the sign-in had none: sign in again with MFA.
    NeedsMfa,
    Failed(GraphError),
}

impl Outcome {
    /// Reads Graph's answer to a `selfActivate`.
    pub fn of(answer: Result<serde_json::Value, GraphError>) -> Outcome {
        match answer {
            Ok(v) => match v["status"].as_str().unwrap_or_default() {
                "PendingApproval" | "PendingAdminDecision" => Outcome::Pending,
                "ScheduleCreated" | "PendingScheduleCreation" => Outcome::Scheduled,
                s @ ("Denied" | "Failed" | "Canceled" | "Revoked") => Outcome::Refused(s.into()),
                _ => Outcome::Active,
            },
            Err(e) => match e.effective_code() {
                "RoleAssignmentExists" => Outcome::AlreadyActive,
                "PendingRoleAssignmentRequest" => Outcome::AlreadyPending,
                "RoleAssignmentRequestPolicyValidationFailed" if e.message.contains("MfaRule") => {
                    Outcome::NeedsMfa
                }
                _ => match e.claims.as_ref().and_then(|c| c.acrs()) {
                    Some(c) => Outcome::NeedsContext(c),
                    None => Outcome::Failed(e),
                },
            },
        }
    }

    /// The sentence shown for it.
    pub fn sentence(&self) -> String {
        match self {
            Outcome::Active => "Activated.".into(),
            Outcome::Pending => "Request sent: pending approval.".into(),
            Outcome::Scheduled => "Scheduled: it starts at the chosen time.".into(),
            Outcome::AlreadyActive => "Already active.".into(),
            Outcome::AlreadyPending => "Already requested: pending approval.".into(),
            Outcome::Refused(s) if s == "Denied" => {
                "Denied at once. My requests says by whom and why.".into()
            }
            Outcome::Refused(s) => {
                format!("Not activated (status: {s}). My requests has the request.")
            }
            Outcome::NeedsContext(c) => format!("Needs a sign-in with authentication context {c}."),
            Outcome::NeedsMfa => "Needs a sign-in with multi-factor authentication.".into(),
            Outcome::Failed(e) => format!("{} ({})", e.message, e.effective_code()),
        }
    }
}

/// A group role the user holds, as a self-service request needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub group_id: String,
    pub access: AccessId,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
}

/// The request for a self-service `action` (deactivate, extend, renew) on `held`; extensions and
/// renewals ask for the same length again, from `now`, capped at `max` minutes.
pub fn self_request(
    held: &Held,
    me: &str,
    action: ScheduleRequestAction,
    reason: &str,
    max: Option<u32>,
    now: DateTime<Utc>,
) -> NewScheduleRequest {
    let schedule = match action {
        ScheduleRequestAction::SelfDeactivate => None,
        _ => {
            let length = match (held.start, held.end) {
                (Some(s), Some(e)) if e > s => e - s,
                _ => Duration::days(30),
            };
            // From now, for the length the assignment had: the policy's maximum counts from the
            // start, so starting at the old start would ask for more than it allows.
            let length = match max {
                Some(m) => length.min(Duration::minutes(m.into())),
                None => length,
            };
            let (start, end) = (now, now + length);
            Some(RequestSchedule {
                start_date_time: Some(start.to_rfc3339_opts(SecondsFormat::Secs, true)),
                expiration: Some(Expiration {
                    kind: Some(ExpirationType::AfterDateTime),
                    end_date_time: Some(end.to_rfc3339_opts(SecondsFormat::Secs, true)),
                    duration: None,
                }),
            })
        }
    };
    NewScheduleRequest {
        access_id: held.access,
        principal_id: me.to_owned(),
        group_id: held.group_id.clone(),
        action,
        schedule_info: schedule,
        justification: Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ticket_info: None,
    }
}

/// The time left of an activation, as a countdown: "3 h 59 min 58 s".
pub fn time_left(end: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let s = (end - now).num_seconds().max(0);
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h} h {m} min {s} s")
    } else {
        format!("{m} min {s} s")
    }
}

/// What this browser remembers of the last activation of a role: no tokens, nothing secret.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    pub hours: String,
    pub reason: String,
}

/// Why an activation can't be ended yet (PIM refuses within 5 minutes of its start).
pub fn deactivation_blocked(start: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<String> {
    let allowed = start? + Duration::minutes(5);
    (now < allowed).then(|| {
        format!(
            "An activation can't be deactivated within 5 minutes of its start. Try again after {} UTC.",
            super::stamp::hms(&allowed)
        )
    })
}

#[cfg(test)]
mod tests;
