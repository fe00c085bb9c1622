//! The group's overview: what membership and ownership grant (Entra roles, Conditional Access,
//! licences, applications, Teams: `domain::grants`) and who is eligible and active now. One batch.

use crate::client::{use_graph, Graph};
use crate::components::data_table::DataTable;
use crate::components::link_sections::LinkSections;
use crate::components::loaded::Loaded;
use crate::domain::grants::{self, Section, AZURE_NOTE};
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::graph::model::PrivilegedAccessGroupScheduleInstance;
use crate::graph::pim::{list_for_group, Collection};
use leptos::prelude::*;

/// An instance with its principal expanded.
type WithPrincipal = crate::graph::model::Expanded<PrivilegedAccessGroupScheduleInstance>;

#[derive(Clone)]
struct Overview {
    grants: Vec<Section>,
    eligible: Vec<WithPrincipal>,
    active: Vec<WithPrincipal>,
}

type People = crate::graph::call::Handle<crate::graph::model::Page<WithPrincipal>>;

/// The overview's one batch, which the blade sends while this tab's code downloads.
pub fn reads(group: &str) -> (Batch, (People, People, grants::Reads)) {
    let mut batch = Batch::new();
    let people = |c| list_for_group::<WithPrincipal>(c, group, Some("principal"));
    let eligible = batch.add(people(Collection::EligibilityScheduleInstances));
    let active = batch.add(people(Collection::AssignmentScheduleInstances));
    let reads = grants::add_reads(&mut batch, group);
    (batch, (eligible, active, reads))
}

async fn load(graph: Graph, group: String) -> Result<Overview, GraphError> {
    let (batch, (eligible, active, reads)) = reads(&group);
    let mut a = crate::client::run_prefetched(&graph, &batch).await;
    Ok(Overview {
        eligible: a.take(eligible)?.value,
        active: a.take(active)?.value,
        grants: grants::read(&group, reads, &mut a),
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
            <h2>"What membership grants"</h2>
            <LinkSections sections=o.grants note=AZURE_NOTE />
            <h2>"Assignments now"</h2>
            {people(o.eligible, "Eligible")}
            {people(o.active, "Active")}
        </Loaded>
    }
}
