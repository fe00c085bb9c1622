//! An approval as the approver sees it: whether they may decide, or why not, in plain words;
//! how long the request has left (PIM lets an activation request wait 24 hours).

use crate::graph::model::{ApprovalStage, ConditionalAccessPolicy};
use chrono::{DateTime, Duration, Utc};

/// How long an activation request waits for a decision.
pub const EXPIRES_AFTER_HOURS: i64 = 24;

/// What the signed-in user can do with a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Pending, and theirs to decide.
    CanDecide,
    /// They asked for it themselves.
    OwnRequest,
    /// Pending, but they are not one of its approvers.
    NotApprover,
    /// Decided: "Approved" or "Denied", by whom, when, why.
    Decided {
        result: String,
        by: String,
        when: Option<String>,
        justification: String,
    },
    /// Nobody decided within 24 hours.
    Expired,
    Canceled,
    /// Any other state of the request (provisioned without approval, failed...).
    Other(String),
}

/// Reads the request's status, its stage (when the user may see it) and who the user is.
pub fn verdict(status: &str, requester: &str, me: &str, stage: Option<&ApprovalStage>) -> Verdict {
    if let Some(s) = stage {
        let result = s.review_result.clone().unwrap_or_default();
        if matches!(result.as_str(), "Approve" | "Approved" | "Deny" | "Denied") {
            return Verdict::Decided {
                result: if result.starts_with("Approve") {
                    "Approved".into()
                } else {
                    "Denied".into()
                },
                by: s
                    .reviewed_by
                    .as_ref()
                    .and_then(|r| r.display_name.clone().or(r.id.clone()))
                    .unwrap_or_else(|| "an approver".into()),
                when: s.reviewed_date_time.clone(),
                justification: s.justification.clone().unwrap_or_default(),
            };
        }
    }
    match status {
        "TimedOut" | "Expired" => Verdict::Expired,
        "Canceled" => Verdict::Canceled,
        "PendingApproval" if requester == me => Verdict::OwnRequest,
        "PendingApproval" if stage.is_some_and(|s| s.assigned_to_me == Some(true)) => {
            Verdict::CanDecide
        }
        "PendingApproval" => Verdict::NotApprover,
        other => Verdict::Other(other.to_owned()),
    }
}

impl Verdict {
    /// The sentence shown for every state but `CanDecide`.
    pub fn sentence(&self) -> String {
        match self {
            Verdict::CanDecide => "This request is waiting for your decision.".into(),
            Verdict::OwnRequest => "You made this request, so you can't approve or deny it: another approver must decide.".into(),
            Verdict::NotApprover => "You are not an approver of this request, so you can't decide it.".into(),
            Verdict::Decided { result, by, when, justification } => {
                let when = when.as_deref().map(crate::domain::wording::when).map(|w| format!(" on {w}")).unwrap_or_default();
                let why = if justification.is_empty() { String::new() } else { format!(": \u{201c}{justification}\u{201d}") };
                format!("{result} by {by}{when}{why}")
            }
            Verdict::Expired => format!("This request expired: nobody decided it within {EXPIRES_AFTER_HOURS} hours."),
            Verdict::Canceled => "The requester canceled this request.".into(),
            Verdict::Other(s) => format!("This request is no longer waiting for approval (status: {s})."),
        }
    }
}

/// Time left before a request made at `created` expires: "23 h 10 min", or "expired".
pub fn time_left(created: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let left = created + Duration::hours(EXPIRES_AFTER_HOURS) - now;
    if left <= Duration::zero() {
        return "expired".into();
    }
    format!("{} h {} min", left.num_hours(), left.num_minutes() % 60)
}

/// How old a request is: "5 min", "3 h 2 min".
pub fn age(created: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let a = (now - created).max(Duration::zero());
    if a.num_hours() > 0 {
        format!("{} h {} min", a.num_hours(), a.num_minutes() % 60)
    } else {
        format!("{} min", a.num_minutes())
    }
}

/// The Conditional Access policies that name `group`, with how: what membership changes.
pub fn policies_naming(
    group: &str,
    policies: Vec<ConditionalAccessPolicy>,
) -> Vec<(ConditionalAccessPolicy, &'static str)> {
    policies
        .into_iter()
        .filter_map(|p| {
            let users = p
                .conditions
                .as_ref()
                .and_then(|c| c.users.clone())
                .unwrap_or_default();
            let how = if users.exclude_groups.iter().any(|g| g == group) {
                "Excludes this group"
            } else if users.include_groups.iter().any(|g| g == group) {
                "Includes this group"
            } else {
                return None;
            };
            Some((p, how))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stage(v: serde_json::Value) -> ApprovalStage {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn who_may_decide_and_why_not() {
        let pending = stage(
            json!({"id": "a", "status": "InProgress", "assignedToMe": true, "reviewResult": "NotReviewed"}),
        );
        assert_eq!(
            verdict("PendingApproval", "alex", "diego", Some(&pending)),
            Verdict::CanDecide
        );
        assert_eq!(
            verdict("PendingApproval", "alex", "alex", Some(&pending)),
            Verdict::OwnRequest
        );
        let other = stage(
            json!({"id": "a", "status": "InProgress", "assignedToMe": false, "reviewResult": "NotReviewed"}),
        );
        assert_eq!(
            verdict("PendingApproval", "alex", "lidia", Some(&other)),
            Verdict::NotApprover
        );
        assert_eq!(
            verdict("PendingApproval", "alex", "lidia", None),
            Verdict::NotApprover
        );
        assert_eq!(
            verdict("TimedOut", "alex", "diego", Some(&other)),
            Verdict::Expired
        );
        assert!(Verdict::Expired.sentence().contains("24 hours"));
        assert_eq!(
            verdict("Canceled", "alex", "diego", None),
            Verdict::Canceled
        );
    }

    #[test]
    fn a_decision_says_who_when_and_why() {
        let done = stage(
            json!({"id": "a", "status": "Completed", "reviewResult": "Denied", "justification": "Use the jump host",
            "reviewedBy": {"id": "d", "displayName": "Diego Siciliani"}, "reviewedDateTime": "2026-11-22T12:00:00Z"}),
        );
        let v = verdict("Denied", "alex", "alex", Some(&done));
        assert_eq!(
            v.sentence(),
            "Denied by Diego Siciliani on 2026-11-22 12:00 UTC: \u{201c}Use the jump host\u{201d}"
        );
    }

    #[test]
    fn requests_expire_after_a_day() {
        let created = DateTime::parse_from_rfc3339("2026-11-22T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            time_left(created, created + Duration::minutes(50)),
            "23 h 10 min"
        );
        assert_eq!(time_left(created, created + Duration::hours(25)), "expired");
        assert_eq!(age(created, created + Duration::minutes(62)), "1 h 2 min");
    }

    #[test]
    fn policies_naming_a_group_say_how() {
        let p: Vec<ConditionalAccessPolicy> = serde_json::from_value(json!([
            {"id": "1", "displayName": "MFA", "state": "enabled", "conditions": {"users": {"excludeGroups": ["g"], "includeGroups": []}}},
            {"id": "2", "displayName": "Travel", "state": "enabled", "conditions": {"users": {"includeGroups": ["g"], "excludeGroups": []}}},
            {"id": "3", "displayName": "Other", "state": "enabled", "conditions": {"users": {"includeGroups": ["x"], "excludeGroups": []}}}
        ])).unwrap();
        let named: Vec<(String, &str)> = policies_naming("g", p)
            .into_iter()
            .map(|(p, h)| (p.id, h))
            .collect();
        assert_eq!(
            named,
            [
                ("1".to_owned(), "Excludes this group"),
                ("2".to_owned(), "Includes this group")
            ]
        );
    }
}
