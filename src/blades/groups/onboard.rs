//! Bringing a group under PIM. Graph has no onboarding call: a group is onboarded by its first
//! assignment or its first policy change, so this re-submits one rule of its Member policy
//! unchanged. Policy ids change at that moment, so nothing here keeps them.

use crate::client::Graph;
use crate::graph::error::GraphError;
use crate::graph::model::{Page, PolicyRule, UnifiedRoleManagementPolicyAssignment};
use crate::graph::policies::{
    list_role_management_policy_assignments, role_policy, update_role_management_policy_rule,
};

/// Onboards `group_id` (idempotent: an already managed group just gets the same rule again).
pub async fn onboard(graph: &Graph, group_id: &str) -> Result<(), GraphError> {
    let req = role_policy(group_id, "member");
    let page: Page<UnifiedRoleManagementPolicyAssignment> = graph.call(&req).await?;
    let policy = crate::graph::policies::the_policy(page)?;
    let rule: PolicyRule = policy
        .rules
        .into_iter()
        .find(|r| r.id() == "Expiration_Admin_Eligibility")
        .ok_or_else(|| {
            GraphError::unexpected(
                "PolicyRuleNotFound",
                "The policy has no Expiration_Admin_Eligibility rule.",
            )
        })?;
    let body =
        serde_json::to_value(&rule).map_err(|e| GraphError::transport(&e.to_string(), "-"))?;
    let req = update_role_management_policy_rule(&policy.id, rule.id(), body);
    match graph.send(&req, None).await {
        Ok(_) => Ok(()),
        // The answer was lost: a changed policy (its lastModifiedDateTime) means it took.
        Err(e) if e.outcome_unknown => {
            let now: Page<UnifiedRoleManagementPolicyAssignment> = graph
                .call(&list_role_management_policy_assignments(
                    group_id, None, false,
                ))
                .await?;
            let changed = now.value.iter().any(|a| {
                a.policy
                    .as_ref()
                    .is_some_and(|p| p.last_modified_date_time.is_some())
            });
            if changed {
                Ok(())
            } else {
                Err(crate::domain::readback::not_recorded(e))
            }
        }
        Err(e) => Err(e),
    }
}
