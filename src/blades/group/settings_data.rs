//! What a role's settings page and its editor read: the policy's settings, the tenant's
//! authentication contexts and the approvers' names, in two batches.

use crate::client::Graph;
use crate::domain::principals::Names;
use crate::domain::settings::RoleSettings;
use crate::domain::{approvers, recipients};
use crate::graph::conditional_access::list_authentication_context_class_references;
use crate::graph::model::{
    AuthenticationContextClassReference, Page, UnifiedRoleManagementPolicyAssignment,
};
use crate::graph::policies::role_policy;
use crate::pages::GroupRole;

/// What the view needs, fetched in one `$batch`.
#[derive(Clone)]
pub struct Loaded {
    pub settings: RoleSettings,
    pub contexts: Vec<AuthenticationContextClassReference>,
    pub approver_names: Names,
    /// The default administrator recipients of notifications, by name, or why not.
    pub admins: Result<Vec<String>, String>,
    /// Rules of types the app does not edit, shown read-only and never sent.
    pub other_rules: Vec<crate::graph::model::OtherRule>,
}

pub async fn load(
    graph: Graph,
    group: String,
    role: GroupRole,
) -> Result<Loaded, crate::graph::error::GraphError> {
    // Policy ids change at onboarding: always find the policy through its assignment.
    let policy = role_policy(&group, role.slug());
    let contexts = list_authentication_context_class_references();
    let first: Vec<_> = [policy, contexts]
        .into_iter()
        .chain(recipients::admin_reads())
        .collect();
    let mut answers = graph.batch(&first).await.into_iter();
    let policy: Page<UnifiedRoleManagementPolicyAssignment> =
        crate::graph::batch::decode(answers.next())?;
    let contexts: Page<AuthenticationContextClassReference> =
        crate::graph::batch::decode(answers.next())?;
    let policy = crate::graph::policies::the_policy(policy)?;
    let settings = RoleSettings::from_rules(&policy.rules);
    let admins = recipients::admins(answers.collect());
    // Approvers are users or groups; both are named, in one batch.
    let approvers = &settings.activation.approvers;
    let answers = graph.batch(&approvers::lookups(approvers)).await;
    let approver_names = approvers::names(approvers, answers);
    Ok(Loaded {
        settings,
        contexts: contexts.value,
        approver_names,
        admins,
        other_rules: policy.other_rules,
    })
}
