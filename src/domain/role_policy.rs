//! Reading a group role's settings: the one read of its policy (by group and role, never by a kept id) and its rules as `RoleSettings`.

use super::settings::RoleSettings;
use crate::graph::call::{Answers, Batch, Handle};
use crate::graph::error::GraphError;
use crate::graph::model::{
    Page, UnifiedRoleManagementPolicy, UnifiedRoleManagementPolicyAssignment,
};
use crate::graph::policies::{role_policy, the_policy};
use crate::pages::GroupRole;

/// A role's policy read in a batch, to be taken from its answers.
#[derive(Clone, Copy)]
pub struct PolicyRead(Handle<Page<UnifiedRoleManagementPolicyAssignment>>);

/// Adds the read of `group`'s `role` policy, with its rules, to `batch`. Policy ids change when a
/// group is onboarded, so the policy is found by its assignment every time.
pub fn add(batch: &mut Batch, group: &str, role: GroupRole) -> PolicyRead {
    add_named(batch, group, role.slug())
}

/// `add` for a role named as Graph names it (`member`, `owner`, or one Graph adds later, which
/// then has no policy: an error when read, never default settings).
pub fn add_named(batch: &mut Batch, group: &str, role: &str) -> PolicyRead {
    PolicyRead(batch.add(role_policy(group, role)))
}

/// Adds both roles' reads: (Member, Owner).
pub fn add_both(batch: &mut Batch, group: &str) -> (PolicyRead, PolicyRead) {
    (
        add(batch, group, GroupRole::Member),
        add(batch, group, GroupRole::Owner),
    )
}

// GraphError keeps every detail support needs (as in graph/): errors are rare, so not boxed.
#[allow(clippy::result_large_err)]
impl PolicyRead {
    /// The policy, with its id and rules; a group without one is an error, never defaults.
    pub fn policy(self, answers: &mut Answers) -> Result<UnifiedRoleManagementPolicy, GraphError> {
        the_policy(answers.take(self.0)?)
    }

    /// The role's settings.
    pub fn settings(self, answers: &mut Answers) -> Result<RoleSettings, GraphError> {
        self.policy(answers)
            .map(|p| RoleSettings::from_rules(&p.rules))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_roles_are_read_by_group_and_role_and_a_missing_policy_is_an_error() {
        let mut batch = Batch::new();
        let (member, owner) = add_both(&mut batch, "g1");
        let urls: Vec<&str> = batch.requests().iter().map(|r| r.url.as_str()).collect();
        assert!(
            urls[0].contains("roleDefinitionId%20eq%20%27member%27"),
            "{}",
            urls[0]
        );
        assert!(
            urls[1].contains("roleDefinitionId%20eq%20%27owner%27"),
            "{}",
            urls[1]
        );
        let policy = json!({"value": [{"id": "a", "policyId": "p1", "roleDefinitionId": "member",
            "scopeId": "g1", "scopeType": "Group",
            "policy": {"id": "p1", "rules": []}}]});
        let mut answers = Answers::new(vec![Ok(policy), Ok(json!({"value": []}))]);
        assert_eq!(member.policy(&mut answers).unwrap().id, "p1");
        let missing = owner.settings(&mut answers).unwrap_err();
        assert_eq!(missing.code, "PolicyNotFound");
    }
}
