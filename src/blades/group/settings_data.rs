//! What a role's settings page and its editor read: the policy's settings, the tenant's
//! authentication contexts and the approvers' names, in two batches.

use crate::client::run_prefetched;
use crate::client::Graph;
use crate::domain::principals::Names;
use crate::domain::role_policy;
use crate::domain::settings::RoleSettings;
use crate::domain::{approvers, recipients};
use crate::graph::call::Batch;
use crate::graph::call::Handle;
use crate::graph::conditional_access::list_authentication_context_class_references;
use crate::graph::model::AuthenticationContextClassReference;
use crate::graph::model::Page;
use crate::graph::model::UnifiedRoleAssignment;
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

/// A role's settings page's first reads: the policy, the authentication contexts, the
/// administrators who are told.
pub struct Reads {
    policy: role_policy::PolicyRead,
    contexts: Handle<Page<AuthenticationContextClassReference>>,
    admins: Vec<Handle<Page<UnifiedRoleAssignment>>>,
}

/// One `$batch`: sent by the page, or while its code downloads (`client::prefetch`).
pub fn reads(group: &str, role: GroupRole) -> (Batch, Reads) {
    let mut first = Batch::new();
    // Policy ids change at onboarding: always find the policy through its assignment.
    let reads = Reads {
        policy: role_policy::add(&mut first, group, role),
        contexts: first.add(list_authentication_context_class_references()),
        admins: first.add_all(recipients::admin_reads()),
    };
    (first, reads)
}

pub async fn load(
    graph: Graph,
    group: String,
    role: GroupRole,
) -> Result<Loaded, crate::graph::error::GraphError> {
    let (first, r) = reads(&group, role);
    let mut answers = run_prefetched(&graph, &first).await;
    let policy = r.policy.policy(&mut answers)?;
    let contexts = answers.take(r.contexts)?;
    let settings = RoleSettings::from_rules(&policy.rules);
    let admins = recipients::admins(answers.take_all(&r.admins));
    // Approvers are users or groups; both are named, in one batch.
    let approvers = &settings.activation.approvers;
    let answers = graph.each(approvers::lookups(approvers)).await;
    let approver_names = approvers::names(approvers, answers);
    Ok(Loaded {
        settings,
        contexts: contexts.value,
        approver_names,
        admins,
        other_rules: policy.other_rules,
    })
}
