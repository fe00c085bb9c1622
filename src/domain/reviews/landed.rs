//! Whether an action on a review instance whose answer was lost (5xx, dropped connection) was
//! made, read from the instance and its decisions: done only when the read shows it.

use crate::domain::bulk::landed::Landed;
use crate::graph::access_reviews::InstanceAction;
use crate::graph::model::{AccessReviewDecision, AccessReviewInstance};

fn is(s: Option<&str>, word: &str) -> bool {
    s.is_some_and(|s| s.eq_ignore_ascii_case(word))
}

/// What the instance and its decisions, read again after `a`'s answer was lost, say of it.
pub fn instance_action(
    a: InstanceAction,
    instance: &AccessReviewInstance,
    decisions: &[AccessReviewDecision],
) -> Landed {
    let status = instance.status.as_deref();
    let decided = |d: &AccessReviewDecision| !is(d.decision.as_deref(), "NotReviewed");
    let yes = |b: bool| if b { Landed::Yes } else { Landed::No };
    match a {
        // A stopped instance is no longer in progress (Completed, then Applying/Applied when
        // results are applied automatically).
        InstanceAction::Stop => yes(!is(status, "InProgress")),
        InstanceAction::ResetDecisions => yes(!decisions.iter().any(decided)),
        // Applied results show on the instance and on each decision's applyResult.
        InstanceAction::ApplyDecisions => yes(
            is(status, "Applying")
                || is(status, "Applied")
                || decisions.iter().any(|d| {
                    d.apply_result
                        .as_deref()
                        .is_some_and(|r| !r.is_empty() && !r.eq_ignore_ascii_case("New"))
                }),
        ),
        // Only the caller's own items change, and each takes its recommendation.
        InstanceAction::AcceptRecommendations => yes(decisions
            .iter()
            .filter(|d| {
                is(d.recommendation.as_deref(), "Approve") || is(d.recommendation.as_deref(), "Deny")
            })
            .any(decided)),
        // A reminder leaves nothing behind in Graph to read.
        InstanceAction::SendReminder => Landed::Unknown(
            "a reminder leaves nothing to read back, so it may have gone: sending again may remind the reviewers twice".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn inst(status: &str) -> AccessReviewInstance {
        serde_json::from_value(json!({"id": "i", "status": status})).unwrap()
    }
    fn dec(decision: &str, recommendation: &str, apply: Option<&str>) -> AccessReviewDecision {
        serde_json::from_value(json!({"id": "d", "decision": decision,
            "recommendation": recommendation, "applyResult": apply}))
        .unwrap()
    }

    #[test]
    fn stop_is_done_once_the_instance_is_no_longer_in_progress() {
        assert_eq!(
            instance_action(InstanceAction::Stop, &inst("InProgress"), &[]),
            Landed::No
        );
        for s in ["Completed", "Applying", "Applied", "AutoReviewed"] {
            assert_eq!(
                instance_action(InstanceAction::Stop, &inst(s), &[]),
                Landed::Yes,
                "{s}"
            );
        }
    }

    #[test]
    fn reset_is_done_when_no_decision_is_left() {
        let reset = [
            dec("NotReviewed", "Approve", None),
            dec("NotReviewed", "Deny", None),
        ];
        let i = inst("InProgress");
        assert_eq!(
            instance_action(InstanceAction::ResetDecisions, &i, &reset),
            Landed::Yes
        );
        let kept = [
            dec("NotReviewed", "Approve", None),
            dec("Deny", "Deny", None),
        ];
        assert_eq!(
            instance_action(InstanceAction::ResetDecisions, &i, &kept),
            Landed::No
        );
    }

    #[test]
    fn apply_is_done_when_the_instance_or_a_decision_says_applied() {
        let new = [
            dec("Deny", "Deny", Some("New")),
            dec("Approve", "Approve", None),
        ];
        let a = InstanceAction::ApplyDecisions;
        assert_eq!(instance_action(a, &inst("Completed"), &new), Landed::No);
        assert_eq!(instance_action(a, &inst("Applied"), &new), Landed::Yes);
        let one = [dec("Deny", "Deny", Some("AppliedSuccessfully"))];
        assert_eq!(instance_action(a, &inst("Completed"), &one), Landed::Yes);
    }

    #[test]
    fn accepted_recommendations_show_as_decisions() {
        let a = InstanceAction::AcceptRecommendations;
        let i = inst("InProgress");
        let open = [
            dec("NotReviewed", "Approve", None),
            dec("NotReviewed", "NoInfoAvailable", None),
        ];
        assert_eq!(instance_action(a, &i, &open), Landed::No);
        assert_eq!(
            instance_action(a, &i, &[dec("Approve", "Approve", None)]),
            Landed::Yes
        );
    }

    #[test]
    fn a_reminder_cannot_be_read_back() {
        let got = instance_action(InstanceAction::SendReminder, &inst("InProgress"), &[]);
        assert!(matches!(got, Landed::Unknown(why) if why.contains("twice")));
    }
}
