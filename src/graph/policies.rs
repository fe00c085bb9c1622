//! Role management policies of groups (`/policies/roleManagementPolicy...`): find a group role's
//! policy by its assignment and change its rules. Policy ids change when a group is onboarded,
//! so they are looked up every time, never kept.

use super::call::Call;
use super::error::GraphError;
use super::model::{Page, UnifiedRoleManagementPolicy, UnifiedRoleManagementPolicyAssignment};
use super::request::{eq, segment, GraphRequest};
use serde_json::Value;

/// A group's policy assignments (both roles, or one), the policy with its rules or without.
/// HTTP GET /policies/roleManagementPolicyAssignments?$filter=scopeId eq '{id}' and scopeType eq 'Group'
/// <https://learn.microsoft.com/graph/api/policyroot-list-rolemanagementpolicyassignments>
pub fn list_role_management_policy_assignments<T>(
    group_id: &str,
    role: Option<&str>,
    with_rules: bool,
) -> Call<Page<T>> {
    Call::new({
        let mut filter = format!("{} and scopeType eq 'Group'", eq("scopeId", group_id));
        if let Some(role) = role {
            filter = format!("{filter} and {}", eq("roleDefinitionId", role));
        }
        let expand = if with_rules {
            "policy($expand=rules)"
        } else {
            "policy"
        };
        GraphRequest::get("/policies/roleManagementPolicyAssignments")
            .query("$filter", &filter)
            .query("$expand", expand)
    })
}

/// A group role's policy with all its rules.
/// HTTP GET /policies/roleManagementPolicyAssignments?$filter=...&$expand=policy($expand=rules)
pub fn role_policy(
    group_id: &str,
    role: &str,
) -> Call<Page<UnifiedRoleManagementPolicyAssignment>> {
    list_role_management_policy_assignments(group_id, Some(role), true)
}

/// Change several rules of a policy at once.
/// HTTP PATCH /policies/roleManagementPolicies/{id}
/// <https://learn.microsoft.com/graph/api/unifiedrolemanagementpolicy-update>
pub fn update_role_management_policy(policy_id: &str, body: Value) -> GraphRequest {
    GraphRequest::patch(
        &format!("/policies/roleManagementPolicies/{}", segment(policy_id)),
        body,
    )
}

/// Change one rule of a policy.
/// HTTP PATCH /policies/roleManagementPolicies/{id}/rules/{ruleId}
/// <https://learn.microsoft.com/graph/api/unifiedrolemanagementpolicyrule-update>
pub fn update_role_management_policy_rule(
    policy_id: &str,
    rule_id: &str,
    body: Value,
) -> GraphRequest {
    let path = format!(
        "/policies/roleManagementPolicies/{}/rules/{}",
        segment(policy_id),
        segment(rule_id)
    );
    GraphRequest::patch(&path, body)
}

/// The one policy of a `role_policy` answer. A group always has both role policies, so an answer
/// without it is an error to show, never default settings.
pub fn the_policy(
    page: Page<UnifiedRoleManagementPolicyAssignment>,
) -> Result<UnifiedRoleManagementPolicy, GraphError> {
    page.value
        .into_iter()
        .next()
        .and_then(|a| a.policy)
        .ok_or_else(|| {
            GraphError::unexpected(
                "PolicyNotFound",
                "Graph returned no role management policy for this group and role.",
            )
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_answer_without_the_policy_is_an_error() {
        let page = serde_json::from_value(serde_json::json!({"value": []})).unwrap();
        let e = super::the_policy(page).unwrap_err();
        assert_eq!(e.code, "PolicyNotFound");
    }

    #[test]
    fn the_policy_is_found_by_scope_and_role_with_its_rules() {
        let r = super::role_policy("g1", "member");
        assert_eq!(
            r.url,
            "/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20%27g1%27%20and%20scopeType%20eq%20%27Group%27%20and%20roleDefinitionId%20eq%20%27member%27&$expand=policy($expand=rules)"
        );
        let both =
            super::list_role_management_policy_assignments::<serde_json::Value>("g1", None, false);
        assert!(both
            .url
            .ends_with("scopeType%20eq%20%27Group%27&$expand=policy"));
    }
}
