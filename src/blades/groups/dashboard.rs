//! `/overview`: the admin's overview across every group PIM manages: assignments ending in the next
//! 14 days, activations of the last 7, settings with problems, approvals waiting over 12 hours,
//! and the role-assignable groups PIM does not manage yet.

use super::inventory::read_managed;
use super::scan::Row;
use crate::client::{use_graph, Graph};
use crate::components::data_table::DataTable;
use crate::components::error_bar::ErrorBar;
use crate::domain::dashboard::{
    activations_within, ending_within, setting_problems, waiting_longer_than, GroupState, Line,
};
use crate::domain::managed::{kind, not_eligible_reason};
use crate::domain::wording::{at as stamp, role};
use crate::graph::call::Batch;
use crate::graph::conditional_access::list_policies;
use crate::graph::directory::{list_role_assignable_groups, GROUP_FIELDS};
use crate::graph::error::GraphError;
use crate::graph::model::{ConditionalAccessPolicy, Group};
use crate::graph::pim::{list_for_group, Collection};
use crate::graph::policies::list_role_management_policy_assignments;
use crate::pages::{GroupRole, Route};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone)]
struct Overview {
    groups: Vec<GroupState>,
    /// `None` when the Conditional Access policies could not be read (then contexts go unchecked).
    policies: Option<Vec<ConditionalAccessPolicy>>,
    policies_error: Option<GraphError>,
    /// Role-assignable groups outside PIM: standing access to Entra roles with no activation.
    unmanaged: Vec<Group>,
}

/// Four reads per group, five groups to a `$batch`; the Conditional Access policies and the
/// role-assignable groups once.
async fn load(graph: Graph, progress: WriteSignal<(usize, usize)>) -> Result<Overview, GraphError> {
    let found: Rc<RefCell<Vec<Row>>> = Rc::default();
    let sink = found.clone();
    let (managed, assignable) = futures::future::join(
        read_managed(
            graph.clone(),
            move |rows| sink.borrow_mut().extend(rows),
            progress,
            super::scan::in_place,
        ),
        graph.call_all::<Group>(&list_role_assignable_groups(GROUP_FIELDS)),
    )
    .await;
    managed?;
    let rows = found.take();
    let unmanaged: Vec<Group> = assignable?
        .into_iter()
        .filter(|g| !rows.iter().any(|r| r.group.id == g.id))
        .collect();
    let mut batch = Batch::new();
    let ca = batch.add(list_policies());
    let reads: Vec<_> = rows
        .iter()
        .map(|r| {
            let id = &r.group.id;
            let schedules = |c| list_for_group(c, id, Some("principal"));
            (
                batch.add(schedules(Collection::EligibilitySchedules)),
                batch.add(schedules(Collection::AssignmentSchedules)),
                batch.add(list_for_group(
                    Collection::AssignmentScheduleRequests,
                    id,
                    Some("principal"),
                )),
                batch.add(list_role_management_policy_assignments(id, None, true)),
            )
        })
        .collect();
    let mut a = graph.run(&batch).await;
    let (policies, policies_error) = match a.take(ca) {
        Ok(p) => (Some(p.value), None),
        Err(e) => (None, Some(e)),
    };
    let mut groups = vec![];
    for (r, (eligible, active, requests, policies)) in rows.into_iter().zip(reads) {
        groups.push(GroupState {
            name: r
                .group
                .display_name
                .clone()
                .unwrap_or_else(|| r.group.id.clone()),
            id: r.group.id,
            eligible: a.take(eligible)?.value,
            active: a.take(active)?.value,
            requests: a.take(requests)?.value,
            policies: a.take(policies)?.value,
        });
    }
    Ok(Overview {
        groups,
        policies,
        policies_error,
        unmanaged,
    })
}

/// One of the four tables; `link` picks the page each group name opens.
fn table(
    caption: &'static str,
    headers: Vec<&'static str>,
    lines: Vec<Line>,
    empty: &'static str,
    link: fn(&Line) -> Route,
) -> impl IntoView {
    let row = move |l: Line| {
        view! {
            <tr>
                <td><a href=link(&l).path()>{l.group.clone()}</a></td>
                <td>{if l.who.is_empty() { role(l.access).to_owned() } else { format!("{} ({})", l.who, role(l.access)) }}</td>
                <td>{stamp(l.when)}</td>
                <td>{l.what.clone()}</td>
            </tr>
        }
    };
    view! {
        <DataTable caption=caption headers rows=Signal::stored(lines) key=|l: &Line| l.key.clone() row empty />
    }
}

/// Role-assignable groups PIM does not manage, each with whether it can be (and why not).
fn unmanaged(groups: Vec<Group>) -> impl IntoView {
    let row = |g: Group| {
        let name = g.display_name.clone().unwrap_or_else(|| g.id.clone());
        view! {
            <tr>
                <td><a href=Route::GroupOverview(g.id.clone()).path()>{name}</a></td>
                <td>{kind(&g)}</td>
                <td>{not_eligible_reason(&g).unwrap_or("Can be managed: use Discover groups")}</td>
            </tr>
        }
    };
    view! {
        <DataTable caption="Unmanaged role-assignable groups" headers=vec!["Group", "Type", "PIM"]
            rows=Signal::stored(groups) key=|g: &Group| g.id.clone() row
            empty="Every role-assignable group is managed by PIM." />
    }
}

/// Overview.
#[component]
pub fn Dashboard() -> impl IntoView {
    let graph = use_graph();
    let (progress, set_progress) = signal((0usize, 0usize));
    let data = LocalResource::new(move || load(graph.clone(), set_progress));
    view! {
        <Transition fallback=move || view! { <p role="status" class="pim-loading">{move || match progress.get() {
            (_, 0) => "Reading every group PIM manages…".to_owned(),
            p => super::list::progress_text(p),
        }}</p> }>
            {move || data.get().map(|r| match r {
                Err(error) => view! { <ErrorBar error /> }.into_any(),
                Ok(o) => {
                    let now = crate::clock::service_now();
                    let settings = |l: &Line| Route::GroupRoleSettings(
                        l.group_id.clone(),
                        GroupRole::try_from(l.access).unwrap_or(GroupRole::Member),
                    );
                    view! {
                        <p role="status">{format!("{} groups managed by PIM.", o.groups.len())}</p>
                        {o.policies_error.map(|error| view! { <p>{crate::domain::wording::unreadable("the Conditional Access policies (authentication contexts are not checked)", &error)}</p> })}
                        {table("Ending in the next 14 days", vec!["Group", "Name", "Ends", "Type"], ending_within(&o.groups, now, 14),
                            "Nothing ends in the next 14 days.", |l| Route::GroupAssignments(l.group_id.clone()))}
                        {table("Activations in the last 7 days", vec!["Group", "Name", "Started", "Reason"], activations_within(&o.groups, now, 7),
                            "No one activated in the last 7 days.", |l| Route::GroupHistory(l.group_id.clone()))}
                        {table("Settings with problems", vec!["Group", "Role", "Last changed", "Problem"], setting_problems(&o.groups, o.policies.as_deref(), now),
                            "No role setting has a problem.", settings)}
                        {unmanaged(o.unmanaged)}
                        {table("Approvals waiting over 12 hours", vec!["Group", "Requester", "Asked", "Reason"], waiting_longer_than(&o.groups, now, 12),
                            "No request has waited over 12 hours.", |l| Route::Approval(l.key.clone()))}
                    }.into_any()
                }
            })}
        </Transition>
    }
}
