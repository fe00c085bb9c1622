//! What a write whose answer was lost (5xx, dropped connection) did, read back from Graph: the
//! request it would have made, or the group it would have created. Never resent blindly.

use crate::domain::activation::Outcome;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessId, ApprovalStage, Group, PrivilegedAccessGroupScheduleRequest, ScheduleRequestAction,
};
use chrono::{DateTime, Duration, Utc};

/// Clocks differ a little between the browser and Graph: a request made this long before the
/// submission still counts as this submission's.
const SKEW_SECS: i64 = 120;

fn since(r: &PrivilegedAccessGroupScheduleRequest, sent: DateTime<Utc>) -> bool {
    r.created_date_time
        .as_deref()
        .and_then(super::stamp::parse_instant)
        .is_some_and(|t| t >= sent - Duration::seconds(SKEW_SECS))
}

/// The newest request by `action` for this group role made since `sent`, if Graph recorded one.
pub fn made_since<'a>(
    requests: &'a [PrivilegedAccessGroupScheduleRequest],
    group_id: &str,
    access: AccessId,
    action: ScheduleRequestAction,
    sent: DateTime<Utc>,
) -> Option<&'a PrivilegedAccessGroupScheduleRequest> {
    requests
        .iter()
        .filter(|r| r.group_id == group_id && r.access_id == access && r.action == Some(action))
        .filter(|r| since(r, sent))
        .max_by(|a, b| a.created_date_time.cmp(&b.created_date_time))
}

/// An activation whose answer was lost: what the read-back found, or the original error made
/// plain (nothing was recorded, so trying again is safe).
pub fn activation(
    requests: &[PrivilegedAccessGroupScheduleRequest],
    group_id: &str,
    access: AccessId,
    sent: DateTime<Utc>,
    lost: GraphError,
) -> Outcome {
    match made_since(
        requests,
        group_id,
        access,
        ScheduleRequestAction::SelfActivate,
        sent,
    ) {
        Some(r) => Outcome::of(Ok(serde_json::json!({"status": r.status}))),
        None => Outcome::Failed(not_recorded(lost)),
    }
}

/// A Deactivate, Extend or Renew whose answer was lost: the request Graph recorded (its status,
/// as the answer would have said), or the original error made plain.
// GraphError keeps every detail support needs (as in graph/): errors are rare, so not boxed.
#[allow(clippy::result_large_err)]
pub fn self_request(
    requests: &[PrivilegedAccessGroupScheduleRequest],
    group_id: &str,
    access: AccessId,
    action: ScheduleRequestAction,
    sent: DateTime<Utc>,
    lost: GraphError,
) -> Result<serde_json::Value, GraphError> {
    match made_since(requests, group_id, access, action, sent) {
        Some(r) => Ok(serde_json::json!({"status": r.status})),
        None => Err(not_recorded(lost)),
    }
}

/// Whether a decision whose answer was lost was recorded: the stage, read again, has a review
/// result other than `NotReviewed`.
pub fn decided(stage: Option<&ApprovalStage>) -> bool {
    stage
        .and_then(|s| s.review_result.as_deref())
        .is_some_and(|r| !r.eq_ignore_ascii_case("NotReviewed") && !r.is_empty())
}

/// The error of a write that no read can settle: the outcome stays unknown, and says why.
pub fn still_unknown(mut lost: GraphError, why: &str) -> GraphError {
    lost.message = format!("{} Outcome unknown: {why}.", lost.message);
    lost
}

/// The error of a write that the read-back shows was not applied.
pub fn not_recorded(mut lost: GraphError) -> GraphError {
    lost.outcome_unknown = false;
    lost.message = format!(
        "{} Nothing was recorded, so it is safe to try again.",
        lost.message
    );
    lost
}

/// A created group whose answer was lost: the one group of that exact name and nickname created
/// since `sent`, if exactly one exists (an older one, or two, are not ours to claim).
pub fn created_group(found: Vec<Group>, mail_nickname: &str, sent: DateTime<Utc>) -> Option<Group> {
    let mut same: Vec<Group> = found
        .into_iter()
        .filter(|g| g.mail_nickname.as_deref() == Some(mail_nickname))
        .filter(|g| {
            g.created_date_time
                .as_deref()
                .and_then(super::stamp::parse_instant)
                .is_some_and(|t| t >= sent - Duration::seconds(SKEW_SECS))
        })
        .collect();
    (same.len() == 1).then(|| same.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req(
        group: &str,
        action: &str,
        status: &str,
        created: &str,
    ) -> PrivilegedAccessGroupScheduleRequest {
        serde_json::from_value(
            json!({"id": "r", "status": status, "accessId": "member", "principalId": "me",
            "groupId": group, "action": action, "createdDateTime": created}),
        )
        .unwrap()
    }

    #[test]
    fn a_lost_activation_reads_as_what_graph_recorded() {
        let sent: DateTime<Utc> = "2026-12-02T10:00:00Z".parse().unwrap();
        let lost = GraphError::transport("dropped", "c").with_unknown_outcome();
        let reqs = vec![
            req("g1", "selfActivate", "Provisioned", "2026-12-01T10:00:00Z"),
            req(
                "g1",
                "selfActivate",
                "PendingApproval",
                "2026-12-02T10:00:01Z",
            ),
            req("g2", "selfDeactivate", "Revoked", "2026-12-02T10:00:01Z"),
        ];
        assert_eq!(
            activation(&reqs, "g1", AccessId::Member, sent, lost.clone()),
            Outcome::Pending
        );
        match activation(&reqs, "g2", AccessId::Member, sent, lost) {
            Outcome::Failed(e) => {
                assert!(!e.outcome_unknown);
                assert!(e.message.contains("safe to try again"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_lost_deactivation_is_found_or_safe_to_send_again() {
        let sent: DateTime<Utc> = "2026-12-02T10:00:00Z".parse().unwrap();
        let lost = GraphError::transport("dropped", "c").with_unknown_outcome();
        let deactivate = ScheduleRequestAction::SelfDeactivate;
        let made = vec![req(
            "g1",
            "selfDeactivate",
            "Revoked",
            "2026-12-02T10:00:01Z",
        )];
        let found = self_request(
            &made,
            "g1",
            AccessId::Member,
            deactivate,
            sent,
            lost.clone(),
        );
        assert_eq!(found.unwrap()["status"], "Revoked");
        let old = vec![req(
            "g1",
            "selfDeactivate",
            "Revoked",
            "2026-11-01T10:00:00Z",
        )];
        let e = self_request(&old, "g1", AccessId::Member, deactivate, sent, lost).unwrap_err();
        assert!(!e.outcome_unknown && e.message.contains("safe to try again"));
    }

    #[test]
    fn a_lost_decision_counts_once_the_stage_shows_a_result() {
        let stage = |r: &str| -> ApprovalStage {
            serde_json::from_value(json!({"id": "s", "reviewResult": r})).unwrap()
        };
        assert!(decided(Some(&stage("Approve"))));
        assert!(decided(Some(&stage("Deny"))));
        assert!(!decided(Some(&stage("NotReviewed"))));
        assert!(!decided(None));
    }

    #[test]
    fn a_lost_group_is_claimed_only_when_exactly_one_matches() {
        let sent: DateTime<Utc> = "2026-12-02T10:00:00Z".parse().unwrap();
        let at = |nick: &str, created: &str| -> Group {
            serde_json::from_value(
                json!({"id": format!("{nick}@{created}"), "displayName": "Ops",
                "mailNickname": nick, "createdDateTime": created}),
            )
            .unwrap()
        };
        let g = |nick: &str| at(nick, "2026-12-02T10:00:01Z");
        assert_eq!(
            created_group(vec![g("ops"), g("other")], "ops", sent).map(|g| g.id),
            Some("ops@2026-12-02T10:00:01Z".into())
        );
        assert_eq!(created_group(vec![g("ops"), g("ops")], "ops", sent), None);
        assert_eq!(created_group(vec![], "ops", sent), None);
        // An older group of the same name and nickname is never claimed as the one just made.
        let old = at("ops", "2025-01-01T00:00:00Z");
        assert_eq!(created_group(vec![old.clone()], "ops", sent), None);
        assert_eq!(
            created_group(vec![old, g("ops")], "ops", sent).map(|g| g.id),
            Some("ops@2026-12-02T10:00:01Z".into())
        );
    }
}
