//! The Add assignments form's rules, checked before anything is sent: the policy's maximum, the
//! 5-minute floor, permanence only where allowed, a justification where required.

use crate::domain::assignments::Kind;
use crate::domain::settings::AssignmentSettings;
use crate::domain::wording::duration;
use crate::graph::model::{
    AccessId, Expiration, ExpirationType, NewScheduleRequest, RequestSchedule,
    ScheduleRequestAction,
};
use chrono::{DateTime, Duration, SecondsFormat, Utc};

/// What the Setting step holds.
#[derive(Clone, Debug, PartialEq)]
pub struct AssignForm {
    pub kind: Kind,
    pub permanent: bool,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub justification: String,
}

/// The longest assignment of `kind` the settings allow, in minutes; `None` when permanent is allowed.
pub fn max_minutes(s: &AssignmentSettings, kind: Kind) -> Option<u32> {
    match kind {
        Kind::Eligible => s.eligible_max_minutes,
        Kind::Active => s.active_max_minutes,
    }
}

/// The label of the permanence checkbox for `kind`.
pub fn permanent_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Eligible => "Permanently eligible",
        Kind::Active => "Permanently assigned",
    }
}

/// Durations offered as shortcuts, up to the policy's maximum.
pub fn presets(max: Option<u32>) -> Vec<(&'static str, u32)> {
    [
        ("1 day", 1_440),
        ("1 week", 10_080),
        ("1 month", 43_200),
        ("3 months", 129_600),
        ("6 months", 259_200),
        ("1 year", 525_600),
    ]
    .into_iter()
    .filter(|(_, m)| max.is_none_or(|x| *m <= x))
    .collect()
}

/// Every problem of the form, as `(field label, sentence)`; empty when it can be sent.
pub fn problems(
    f: &AssignForm,
    s: &AssignmentSettings,
    now: DateTime<Utc>,
) -> Vec<(&'static str, String)> {
    let mut out = vec![];
    let max = max_minutes(s, f.kind);
    if f.permanent {
        if let Some(m) = max {
            out.push((
                permanent_label(f.kind),
                format!(
                    "The role settings don't allow permanent assignments of this type; the longest allowed is {}.",
                    duration(m)
                ),
            ));
        }
    } else {
        match f.end {
            None => out.push(("Assignment ends", "Choose when the assignment ends.".into())),
            Some(end) if end <= f.start => out.push((
                "Assignment ends",
                "The assignment must end after it starts.".into(),
            )),
            Some(end) if end - f.start < Duration::minutes(5) => out.push((
                "Assignment ends",
                "An assignment can't be shorter than 5 minutes.".into(),
            )),
            Some(end) if end < now + Duration::minutes(5) => out.push((
                "Assignment ends",
                "The assignment must end at least 5 minutes from now.".into(),
            )),
            Some(end) => {
                if let Some(m) = max {
                    let latest = f.start + Duration::minutes(m.into());
                    if end > latest {
                        out.push((
                            "Assignment ends",
                            format!(
                                "The role settings allow at most {}: end by {} UTC.",
                                duration(m),
                                super::stamp::ymd_hm(&latest, ' ')
                            ),
                        ));
                    }
                }
            }
        }
    }
    if f.kind == Kind::Active && s.justification_on_active && f.justification.trim().is_empty() {
        out.push((
            "Justification",
            "The role settings require a justification for active assignments.".into(),
        ));
    }
    out
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The schedule request for one principal.
pub fn request(
    f: &AssignForm,
    group: &str,
    principal: &str,
    access: AccessId,
    action: ScheduleRequestAction,
) -> NewScheduleRequest {
    let expiration = match (f.permanent, f.end) {
        (false, Some(end)) => Expiration {
            kind: Some(ExpirationType::AfterDateTime),
            end_date_time: Some(ts(end)),
            duration: None,
        },
        _ => Expiration {
            kind: Some(ExpirationType::NoExpiration),
            end_date_time: None,
            duration: None,
        },
    };
    let justification = f.justification.trim();
    NewScheduleRequest {
        access_id: access,
        principal_id: principal.to_owned(),
        group_id: group.to_owned(),
        action,
        schedule_info: Some(RequestSchedule {
            start_date_time: Some(ts(f.start)),
            expiration: Some(expiration),
        }),
        justification: (!justification.is_empty()).then(|| justification.to_owned()),
        ticket_info: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }
    fn settings() -> AssignmentSettings {
        AssignmentSettings {
            eligible_max_minutes: Some(365 * 1440),
            active_max_minutes: Some(180 * 1440),
            mfa_on_active: false,
            justification_on_active: true,
        }
    }
    fn form(kind: Kind, days: i64) -> AssignForm {
        AssignForm {
            kind,
            permanent: false,
            start: now(),
            end: Some(now() + Duration::days(days)),
            justification: String::new(),
        }
    }

    #[test]
    fn within_the_maximum_is_fine_beyond_it_is_refused_with_the_limit() {
        assert!(problems(&form(Kind::Eligible, 180), &settings(), now()).is_empty());
        let p = problems(&form(Kind::Eligible, 400), &settings(), now());
        assert_eq!(p[0].0, "Assignment ends");
        assert!(p[0].1.contains("at most 365 days"), "{}", p[0].1);
        assert_eq!(max_minutes(&settings(), Kind::Active), Some(180 * 1440));
    }

    #[test]
    fn permanence_short_spans_and_missing_justification_are_refused() {
        let mut f = form(Kind::Eligible, 10);
        f.permanent = true;
        assert_eq!(
            problems(&f, &settings(), now())[0].0,
            "Permanently eligible"
        );
        let mut open = settings();
        open.eligible_max_minutes = None;
        assert!(problems(&f, &open, now()).is_empty());
        let mut short = form(Kind::Eligible, 0);
        short.end = Some(now() + Duration::minutes(3));
        assert!(problems(&short, &settings(), now())[0]
            .1
            .contains("5 minutes"));
        let active = form(Kind::Active, 10);
        assert_eq!(problems(&active, &settings(), now())[0].0, "Justification");
    }

    #[test]
    fn presets_stop_at_the_maximum() {
        let labels: Vec<&str> = presets(Some(180 * 1440)).into_iter().map(|p| p.0).collect();
        assert_eq!(
            labels,
            ["1 day", "1 week", "1 month", "3 months", "6 months"]
        );
        assert_eq!(presets(None).len(), 6);
    }

    #[test]
    fn the_request_carries_the_dates_and_only_a_given_justification() {
        let mut f = form(Kind::Active, 10);
        f.justification = "  travel ticket 42 ".into();
        let body = serde_json::to_value(request(
            &f,
            "g",
            "p",
            AccessId::Member,
            ScheduleRequestAction::AdminAssign,
        ))
        .unwrap();
        assert_eq!(body["action"], "adminAssign");
        assert_eq!(body["accessId"], "member");
        assert_eq!(body["scheduleInfo"]["expiration"]["type"], "afterDateTime");
        assert_eq!(
            body["scheduleInfo"]["expiration"]["endDateTime"],
            "2026-12-02T12:00:00Z"
        );
        assert_eq!(body["justification"], "travel ticket 42");
        f.permanent = true;
        let body = serde_json::to_value(request(
            &f,
            "g",
            "p",
            AccessId::Owner,
            ScheduleRequestAction::AdminAssign,
        ))
        .unwrap();
        assert_eq!(
            body["scheduleInfo"]["expiration"],
            serde_json::json!({"type": "noExpiration"})
        );
    }
}
