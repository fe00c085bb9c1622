//! An action on a review instance, sent once: when its answer is lost the instance and its
//! decisions are read again and the page says what happened, never "done" without that read.

use crate::client::Graph;
use crate::domain::bulk::landed::Landed;
use crate::domain::readback::{not_recorded, still_unknown};
use crate::domain::reviews::landed::instance_action as landed;
use crate::graph::access_reviews::{get_instance, instance_action, list_decisions, InstanceAction};
use crate::graph::error::GraphError;

/// The action, and whether it was found done by reading again (its answer was lost).
pub type Done = (InstanceAction, bool);

/// Sends `a` on the instance; a lost answer is settled by a read.
// GraphError keeps every detail support needs (as in graph/): errors are rare, so not boxed.
#[allow(clippy::result_large_err)]
pub async fn send(
    graph: Graph,
    def: String,
    inst: String,
    a: InstanceAction,
) -> Result<Done, GraphError> {
    let lost = match graph.send(&instance_action(&def, &inst, a), None).await {
        Ok(_) => return Ok((a, false)),
        Err(e) if e.outcome_unknown => e,
        Err(e) => return Err(e),
    };
    let (one, all) = (get_instance(&def, &inst), list_decisions(&def, &inst));
    let (instance, decisions) = futures::join!(graph.call(&one), graph.call_all(&all));
    let read = instance.and_then(|i| decisions.map(|d| (i, d)));
    match read {
        Ok((i, d)) => match landed(a, &i, &d) {
            Landed::Yes => Ok((a, true)),
            Landed::No => Err(not_recorded(lost)),
            Landed::Unknown(why) => Err(still_unknown(lost, &why)),
        },
        Err(e) => Err(still_unknown(
            lost,
            &format!(
                "the review could not be read again ({}: {})",
                e.effective_code(),
                e.message
            ),
        )),
    }
}

/// What the page says once `a` is done.
pub fn said((a, read_back): Done) -> String {
    let done = match a {
        InstanceAction::Stop => "The review was stopped.",
        InstanceAction::ResetDecisions => "Every decision was reset to Not reviewed.",
        InstanceAction::ApplyDecisions => "The results were applied.",
        InstanceAction::SendReminder => "A reminder was sent to the reviewers.",
        InstanceAction::AcceptRecommendations => "Recommendations accepted.",
    };
    if read_back {
        format!("{done} (Graph's answer was lost; the review, read again, shows it done.)")
    } else {
        done.into()
    }
}
