//! Access reviews (`/identityGovernance/accessReviews/definitions`): schedule definitions, their
//! instances, decisions and contacted reviewers, and the reviewer's own lists. A review of a PIM
//! group is a group-membership review (`/groups/{id}/transitiveMembers`): Graph has no PIM scope.

use super::call::Call;
use super::model::{
    AccessReviewDecision, AccessReviewInstance, AccessReviewReviewer,
    AccessReviewScheduleDefinition, Page,
};
use super::request::{segment, GraphRequest};
use serde_json::{json, Value};

const DEFINITIONS: &str = "/identityGovernance/accessReviews/definitions";

fn definition(id: &str) -> String {
    format!("{DEFINITIONS}/{}", segment(id))
}

fn instance(definition_id: &str, instance_id: &str) -> String {
    format!(
        "{}/instances/{}",
        definition(definition_id),
        segment(instance_id)
    )
}

/// The scope query of a review of one group's members (eligible and active, for a PIM group).
pub fn group_scope_query(group_id: &str) -> String {
    format!("/groups/{}/transitiveMembers", segment(group_id))
}

/// HTTP POST /identityGovernance/accessReviews/definitions
/// <https://learn.microsoft.com/graph/api/accessreviewset-post-definitions>
pub fn create_definition(body: Value) -> GraphRequest {
    GraphRequest::post(DEFINITIONS, body)
}

/// Every review, or with `group` those of one group (the only filter Graph documents on the scope).
/// HTTP GET /identityGovernance/accessReviews/definitions?$filter=contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/{id}')
/// <https://learn.microsoft.com/graph/api/accessreviewset-list-definitions>
pub fn list_definitions(group: Option<&str>) -> Call<Page<AccessReviewScheduleDefinition>> {
    Call::new({
        let req = GraphRequest::get(DEFINITIONS).query("$top", "100");
        match group {
            Some(g) => req.query(
                "$filter",
                &format!(
                    "contains(scope/microsoft.graph.accessReviewQueryScope/query, {})",
                    super::request::literal(&format!("/groups/{g}"))
                ),
            ),
            None => req,
        }
    })
}

/// HTTP GET /identityGovernance/accessReviews/definitions/{id}
/// <https://learn.microsoft.com/graph/api/accessreviewscheduledefinition-get>
pub fn get_definition<T>(id: &str) -> Call<T> {
    Call::new(GraphRequest::get(&definition(id)))
}

/// The whole definition again; changes apply to future instances.
/// HTTP PUT /identityGovernance/accessReviews/definitions/{id}
/// <https://learn.microsoft.com/graph/api/accessreviewscheduledefinition-update>
pub fn update_definition(id: &str, body: Value) -> GraphRequest {
    GraphRequest::new("PUT", &definition(id)).json(body)
}

/// HTTP DELETE /identityGovernance/accessReviews/definitions/{id}
/// <https://learn.microsoft.com/graph/api/accessreviewscheduledefinition-delete>
pub fn delete_definition(id: &str) -> GraphRequest {
    GraphRequest::new("DELETE", &definition(id))
}

/// The reviews in which the signed-in user reviews at least one instance.
/// HTTP GET /identityGovernance/accessReviews/definitions/filterByCurrentUser(on='reviewer')
/// <https://learn.microsoft.com/graph/api/accessreviewscheduledefinition-filterbycurrentuser>
pub fn definitions_for_reviewer() -> Call<Page<AccessReviewScheduleDefinition>> {
    Call::new(GraphRequest::get(&format!(
        "{DEFINITIONS}/filterByCurrentUser(on='reviewer')"
    )))
}

/// HTTP GET /identityGovernance/accessReviews/definitions/{id}/instances
/// <https://learn.microsoft.com/graph/api/accessreviewscheduledefinition-list-instances>
pub fn list_instances(definition_id: &str) -> Call<Page<AccessReviewInstance>> {
    Call::new(
        GraphRequest::get(&format!("{}/instances", definition(definition_id))).query("$top", "100"),
    )
}

/// The instances of a review the signed-in user reviews.
/// HTTP GET /identityGovernance/accessReviews/definitions/{id}/instances/filterByCurrentUser(on='reviewer')
/// <https://learn.microsoft.com/graph/api/accessreviewinstance-filterbycurrentuser>
pub fn instances_for_reviewer(definition_id: &str) -> Call<Page<AccessReviewInstance>> {
    Call::new(GraphRequest::get(&format!(
        "{}/instances/filterByCurrentUser(on='reviewer')",
        definition(definition_id)
    )))
}

/// HTTP GET /identityGovernance/accessReviews/definitions/{id}/instances/{id}
/// <https://learn.microsoft.com/graph/api/accessreviewinstance-get>
pub fn get_instance(definition_id: &str, instance_id: &str) -> Call<AccessReviewInstance> {
    Call::new(GraphRequest::get(&instance(definition_id, instance_id)))
}

/// What an administrator does to a running or finished instance, each a POST without a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceAction {
    /// <https://learn.microsoft.com/graph/api/accessreviewinstance-stop>
    Stop,
    /// <https://learn.microsoft.com/graph/api/accessreviewinstance-resetdecisions>
    ResetDecisions,
    /// <https://learn.microsoft.com/graph/api/accessreviewinstance-applydecisions>
    ApplyDecisions,
    /// <https://learn.microsoft.com/graph/api/accessreviewinstance-sendreminder>
    SendReminder,
    /// The caller's own unreviewed items take the recommendation.
    /// <https://learn.microsoft.com/graph/api/accessreviewinstance-acceptrecommendations>
    AcceptRecommendations,
}

/// HTTP POST /identityGovernance/accessReviews/definitions/{id}/instances/{id}/{stop|resetDecisions|applyDecisions|sendReminder|acceptRecommendations}
pub fn instance_action(definition_id: &str, instance_id: &str, a: InstanceAction) -> GraphRequest {
    let name = match a {
        InstanceAction::Stop => "stop",
        InstanceAction::ResetDecisions => "resetDecisions",
        InstanceAction::ApplyDecisions => "applyDecisions",
        InstanceAction::SendReminder => "sendReminder",
        InstanceAction::AcceptRecommendations => "acceptRecommendations",
    };
    GraphRequest::new(
        "POST",
        &format!("{}/{name}", instance(definition_id, instance_id)),
    )
}

/// Every decision of an instance, with each person's last sign-in.
/// HTTP GET /identityGovernance/accessReviews/definitions/{id}/instances/{id}/decisions?$expand=insights
/// <https://learn.microsoft.com/graph/api/accessreviewinstance-list-decisions>
pub fn list_decisions(definition_id: &str, instance_id: &str) -> Call<Page<AccessReviewDecision>> {
    Call::new(
        GraphRequest::get(&format!(
            "{}/decisions",
            instance(definition_id, instance_id)
        ))
        .query("$expand", "insights")
        .query("$top", "100"),
    )
}

/// The decisions the signed-in user makes in an instance, with each person's last sign-in.
/// HTTP GET /identityGovernance/accessReviews/definitions/{id}/instances/{id}/decisions/filterByCurrentUser(on='reviewer')?$expand=insights
/// <https://learn.microsoft.com/graph/api/accessreviewinstancedecisionitem-filterbycurrentuser>
pub fn decisions_for_reviewer(
    definition_id: &str,
    instance_id: &str,
) -> Call<Page<AccessReviewDecision>> {
    Call::new(
        GraphRequest::get(&format!(
            "{}/decisions/filterByCurrentUser(on='reviewer')",
            instance(definition_id, instance_id)
        ))
        .query("$expand", "insights")
        .query("$top", "100"),
    )
}

/// One decision: `Approve`, `Deny`, `DontKnow` or `NotReviewed`, with the reason.
/// HTTP PATCH /identityGovernance/accessReviews/definitions/{id}/instances/{id}/decisions/{id}
/// <https://learn.microsoft.com/graph/api/accessreviewinstancedecisionitem-update>
pub fn update_decision(
    definition_id: &str,
    instance_id: &str,
    decision_id: &str,
    decision: &str,
    justification: &str,
) -> GraphRequest {
    GraphRequest::patch(
        &format!(
            "{}/decisions/{}",
            instance(definition_id, instance_id),
            segment(decision_id)
        ),
        json!({"decision": decision, "justification": justification}),
    )
}

/// The people asked to review an instance, owners and fallbacks resolved.
/// HTTP GET /identityGovernance/accessReviews/definitions/{id}/instances/{id}/contactedReviewers
/// <https://learn.microsoft.com/graph/api/accessreviewinstance-list-contactedreviewers>
pub fn list_contacted_reviewers(
    definition_id: &str,
    instance_id: &str,
) -> Call<Page<AccessReviewReviewer>> {
    Call::new(GraphRequest::get(&format!(
        "{}/contactedReviewers",
        instance(definition_id, instance_id)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_reviews_are_found_by_its_scope_query() {
        let r = list_definitions(Some("g-1"));
        assert!(r.url.contains("$filter=contains(scope/microsoft.graph.accessReviewQueryScope/query,%20%27/groups/g-1%27)"), "{}", r.url);
        assert_eq!(group_scope_query("g/1"), "/groups/g%2F1/transitiveMembers");
    }

    #[test]
    fn updates_are_a_put_of_the_whole_definition_and_actions_are_posts() {
        assert_eq!(update_definition("d", json!({})).method, "PUT");
        let stop = instance_action("d", "i", InstanceAction::Stop);
        assert_eq!(
            (stop.method, stop.url.as_str()),
            (
                "POST",
                "/identityGovernance/accessReviews/definitions/d/instances/i/stop"
            )
        );
        assert!(
            !stop.is_idempotent(),
            "an action whose outcome is unknown is re-read, not resent"
        );
        assert!(decisions_for_reviewer("d", "i")
            .url
            .contains("filterByCurrentUser(on='reviewer')?$expand=insights"));
    }
}
