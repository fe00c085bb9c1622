//! The group's overview: what membership and ownership grant (Entra roles, Conditional Access
//! policies that include or exclude the group) and who is eligible and active now. One batch.

use crate::client::{use_graph, Graph};
use crate::components::data_table::DataTable;
use crate::components::loaded::Loaded;
use crate::components::text_list::TextList;
use crate::graph::batch::decode;
use crate::graph::conditional_access::list_policies;
use crate::graph::error::GraphError;
use crate::graph::model::{
    ConditionalAccessPolicy, Page, PrivilegedAccessGroupScheduleInstance, UnifiedRoleAssignment,
};
use crate::graph::pim::{list_for_group, Collection};
use crate::graph::role_management::list_role_assignments_of;
use leptos::prelude::*;

/// An instance with its principal expanded.
type WithPrincipal = crate::graph::model::Expanded<PrivilegedAccessGroupScheduleInstance>;

#[derive(Clone)]
struct Overview {
    roles: Vec<UnifiedRoleAssignment>,
    policies: Vec<(ConditionalAccessPolicy, &'static str)>,
    eligible: Vec<WithPrincipal>,
    active: Vec<WithPrincipal>,
}

async fn load(graph: Graph, group: String) -> Result<Overview, GraphError> {
    let requests = [
        list_role_assignments_of(&group),
        list_policies(),
        list_for_group(
            Collection::EligibilityScheduleInstances,
            &group,
            Some("principal"),
        ),
        list_for_group(
            Collection::AssignmentScheduleInstances,
            &group,
            Some("principal"),
        ),
    ];
    let mut a = graph.batch(&requests).await.into_iter();
    let roles: Page<UnifiedRoleAssignment> = decode(a.next())?;
    let ca: Page<ConditionalAccessPolicy> = decode(a.next())?;
    let eligible: Page<WithPrincipal> = decode(a.next())?;
    let active: Page<WithPrincipal> = decode(a.next())?;
    let policies = crate::domain::approval::policies_naming(&group, ca.value);
    Ok(Overview {
        roles: roles.value,
        policies,
        eligible: eligible.value,
        active: active.value,
    })
}

fn who(p: &WithPrincipal) -> String {
    p.principal
        .as_ref()
        .and_then(crate::domain::principals::label)
        .unwrap_or_else(|| p.item.principal_id.clone())
}

fn people(list: Vec<WithPrincipal>, caption: &'static str) -> impl IntoView {
    let row = |p: WithPrincipal| {
        let role = crate::domain::wording::role(p.item.access_id);
        let ends = p
            .item
            .end_date_time
            .as_deref()
            .map_or_else(|| "Permanent".into(), crate::domain::wording::when);
        view! { <tr><td>{who(&p)}</td><td>{role}</td><td>{ends}</td></tr> }
    };
    view! {
        <DataTable caption=caption headers=vec!["Name", "Role", "End time"] rows=Signal::stored(list)
            key=|p: &WithPrincipal| (p.item.principal_id.clone(), p.item.access_id, p.item.end_date_time.clone())
            row empty="No one." />
    }
}

/// What the group grants and who holds it.
#[component]
pub fn GroupOverview(
    /// The group.
    #[prop(into)]
    group_id: Signal<String>,
) -> impl IntoView {
    let graph = use_graph();
    let data = LocalResource::new(move || load(graph.clone(), group_id.get()));
    view! {
        <Loaded resource=data loading="Loading the overview…" let:o>
            {
                {
                    let roles = o.roles.iter().map(|r| r.role_definition.as_ref().and_then(|d| d.display_name.clone()).unwrap_or_else(|| r.role_definition_id.clone())).collect::<Vec<_>>();
                    view! {
                        <h2>"Microsoft Entra roles"</h2>
                        <TextList label="Microsoft Entra roles" items=roles empty="Membership grants no Microsoft Entra role." />
                        <h2>"Conditional Access policies"</h2>
                        <TextList label="Conditional Access policies" empty="No Conditional Access policy includes or excludes this group."
                            items=o.policies.into_iter().map(|(p, how)| format!("{} — {how} ({})", p.display_name.unwrap_or(p.id), p.state.unwrap_or_default())).collect() />
                        <h2>"Assignments now"</h2>
                        {people(o.eligible, "Eligible")}
                        {people(o.active, "Active")}
                    }
                }
            }
        </Loaded>
    }
}
