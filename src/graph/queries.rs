//! Requests more than one blade makes, built in one place.

use super::request::{eq, GraphRequest};

/// A group role's policy with all its rules, found through its assignment: policy ids change when
/// a group is onboarded, so they are looked up every time, never kept.
pub fn role_policy(group_id: &str, role: &str) -> GraphRequest {
    let filter = format!(
        "{} and scopeType eq 'Group' and {}",
        eq("scopeId", group_id),
        eq("roleDefinitionId", role)
    );
    GraphRequest::get("/policies/roleManagementPolicyAssignments")
        .query("$filter", &filter)
        .query("$expand", "policy($expand=rules)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_policy_is_found_by_scope_and_role_with_its_rules() {
        let r = super::role_policy("g1", "member");
        assert_eq!(
            r.url,
            "/policies/roleManagementPolicyAssignments?$filter=scopeId%20eq%20%27g1%27%20and%20scopeType%20eq%20%27Group%27%20and%20roleDefinitionId%20eq%20%27member%27&$expand=policy($expand=rules)"
        );
    }
}
