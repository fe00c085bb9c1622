//! `/groups/ID/assignments`: eligible, active and recently expired assignments of the group, read
//! in one `$batch` (schedules and requests, principals expanded; assigners named in a second).

use super::assign_wizard::AddAssignments;
use super::assignment_row::RowActions;
use crate::client::{run_prefetched, use_graph, Graph};
use crate::components::command_bar::CommandBar;
use crate::components::data_table::DataTable;
use crate::components::datetime::local;
use crate::components::draft::use_draft;
use crate::components::loaded::Loaded;
use crate::components::tabs::{use_tab, Tab, Tabs};
use crate::domain::assignments::{current, expired, Kind, Row};
use crate::graph::call::{Batch, Handle};
use crate::graph::directory::{get_user, list_group_owners};
use crate::graph::error::GraphError;
use crate::graph::model::Page;
use crate::graph::model::{
    Expanded, PrivilegedAccessGroupSchedule, PrivilegedAccessGroupScheduleRequest,
};
use crate::graph::pim::{list_for_group, Collection};
use leptos::prelude::*;

pub use crate::domain::principals::Names;

/// The three tabs' rows and the names to show.
#[derive(Clone)]
pub struct Loaded {
    pub eligible: Vec<Row>,
    pub active: Vec<Row>,
    pub expired: Vec<Row>,
    pub names: Names,
    /// The group's owners now, to warn before its last one is removed.
    pub owners: Result<Vec<String>, GraphError>,
}

type S = Expanded<PrivilegedAccessGroupSchedule>;
type R = Expanded<PrivilegedAccessGroupScheduleRequest>;

/// The tab's reads: schedules and requests of both kinds with their principals, and the owners.
pub struct Reads {
    es: Handle<Page<S>>,
    asg: Handle<Page<S>>,
    er: Handle<Page<R>>,
    ar: Handle<Page<R>>,
    owners: Handle<Page<serde_json::Value>>,
}

/// One `$batch`: sent by the blade, or while the tab's code downloads (`client::prefetch`).
pub fn reads(group: &str) -> (Batch, Reads) {
    let schedules = |c| list_for_group::<S>(c, group, Some("principal"));
    let requests = |c| list_for_group::<R>(c, group, Some("principal"));
    let mut batch = Batch::new();
    let reads = Reads {
        es: batch.add(schedules(Collection::EligibilitySchedules)),
        asg: batch.add(schedules(Collection::AssignmentSchedules)),
        er: batch.add(requests(Collection::EligibilityScheduleRequests)),
        ar: batch.add(requests(Collection::AssignmentScheduleRequests)),
        owners: batch.add(list_group_owners(group)),
    };
    (batch, reads)
}

async fn load(graph: Graph, group: String) -> Result<Loaded, GraphError> {
    let (batch, r) = reads(&group);
    // Every page of each collection comes back in the batch answer.
    let mut a = run_prefetched(&graph, &batch).await;
    let (es, asg) = (a.take(r.es)?, a.take(r.asg)?);
    let (er, ar) = (a.take(r.er)?, a.take(r.ar)?);
    let owners = a.take(r.owners).map(crate::domain::owners::ids);
    let (es, asg, er, ar) = (es.value, asg.value, er.value, ar.value);
    let mut names = Names::default();
    for p in es.iter().chain(&asg).map(|x| &x.principal) {
        names.learn(p.as_ref());
    }
    for p in er.iter().chain(&ar).map(|x| &x.principal) {
        names.learn(p.as_ref());
    }
    let now = crate::clock::service_now();
    let unwrap = |v: Vec<S>| v.into_iter().map(|x| x.item).collect::<Vec<_>>();
    let unwrap_r = |v: Vec<R>| v.into_iter().map(|x| x.item).collect::<Vec<_>>();
    let (er, ar) = (unwrap_r(er), unwrap_r(ar));
    let eligible = current(Kind::Eligible, &unwrap(es), &er, now);
    let active = current(Kind::Active, &unwrap(asg), &ar, now);
    let mut gone = expired(Kind::Eligible, &er, &eligible, now);
    gone.extend(expired(Kind::Active, &ar, &active, now));
    // Assigners are users; name the ones not already known, in one batch.
    let mut who: Vec<String> = eligible
        .iter()
        .chain(&active)
        .chain(&gone)
        .filter_map(|r| r.assigned_by.clone())
        .filter(|id| !names.knows(id))
        .collect();
    who.sort();
    who.dedup();
    let lookups = who
        .iter()
        .map(|id| get_user(id, "id,displayName").as_json());
    for (id, answer) in who.iter().zip(graph.each(lookups).await) {
        names.learn_lookup(id, answer);
    }
    Ok(Loaded {
        eligible,
        active,
        expired: gone,
        names,
        owners,
    })
}

const TABS: &[Tab] = &[
    Tab {
        key: "eligible",
        label: "Eligible assignments",
    },
    Tab {
        key: "active",
        label: "Active assignments",
    },
    Tab {
        key: "expired",
        label: "Expired assignments",
    },
];

/// Rows shown per page of a tab.
const PAGE: usize = 50;

fn table(
    rows: Vec<Row>,
    names: Names,
    owners: Result<Vec<String>, GraphError>,
    caption: &'static str,
    group: String,
    done: Callback<()>,
) -> impl IntoView {
    let shown = RwSignal::new(PAGE);
    let total = rows.len();
    let visible =
        Signal::derive(move || rows.iter().take(shown.get()).cloned().collect::<Vec<_>>());
    let row = move |r: Row| {
        let name = names.of(&r.principal_id);
        let role = crate::domain::wording::role(r.access);
        let by = r
            .assigned_by
            .as_deref()
            .map(|b| names.of(b))
            .unwrap_or_else(|| "—".into());
        view! {
            <tr>
                <td>{name.clone()}</td><td>{role}</td><td>{r.state}</td>
                <td>{r.start.map(local).unwrap_or_else(|| "—".into())}</td>
                <td>{r.end.map(local).unwrap_or_else(|| "Permanent".into())}</td>
                <td>{by}</td>
                <td><RowActions row=r.clone() name group=group.clone() done owners=owners.clone() /></td>
            </tr>
        }
    };
    view! {
        <DataTable caption=caption headers=vec!["Name", "Role", "State", "Start time", "End time", "Assigned by", "Action"]
            rows=visible key=|r: &Row| (r.principal_id.clone(), r.access, r.state, r.start, r.end)
            row empty="No one here yet. Select Add assignments to make someone eligible or active." />
        {move || (total > shown.get()).then(|| view! {
            <button class="pim-button" type="button" on:click=move |_| shown.update(|s| *s += PAGE)>"Show more"</button>
        })}
    }
}

/// The group's assignments with their tabs and commands.
#[component]
pub fn Assignments(
    /// The group.
    #[prop(into)]
    group_id: Signal<String>,
) -> impl IntoView {
    let graph = use_graph();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        load(graph.clone(), group_id.get())
    });
    let tab = use_tab("tab", TABS);
    // Open across a sign-in redirect too: the wizard's own draft brings back what was typed.
    let adding = RwSignal::new(false);
    use_draft(format!("assign-open.{}", group_id.get_untracked()), adding);
    let announced = RwSignal::new(None::<String>);
    let done = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <h2>"Assignments"</h2>
        <CommandBar label="Assignment commands">
            <button class="pim-command" type="button" on:click=move |_| adding.set(true)>"Add assignments"</button>
            <button class="pim-command" type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
        </CommandBar>
        {move || adding.get().then(|| view! {
            <AddAssignments group_id=group_id.get() close=Callback::new(move |said: Option<String>| {
                adding.set(false);
                if said.is_some() { version.update(|v| *v += 1); }
                announced.set(said);
            }) />
        })}
        {move || announced.get().map(|s| view! { <p role="status">{s}</p> })}
        <Tabs param="tab" tabs=TABS label="Assignments" selected=tab>
            <Loaded resource=data loading="Loading assignments…" let:d>
                {
                    let group = group_id.get_untracked();
                    match tab.get() {
                        "active" => table(d.active, d.names, d.owners, "Active assignments", group, done).into_any(),
                        "expired" => table(d.expired, d.names, d.owners, "Expired assignments", group, done).into_any(),
                        _ => table(d.eligible, d.names, d.owners, "Eligible assignments", group, done).into_any(),
                    }
                }
            </Loaded>
        </Tabs>
    }
}
