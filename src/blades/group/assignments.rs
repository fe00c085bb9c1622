//! `/groups/ID/assignments`: eligible, active and recently expired assignments of the group, read
//! in one `$batch` (schedules and requests, principals expanded; assigners named in a second).

use super::assign_wizard::AddAssignments;
use super::assignment_row::RowActions;
use crate::auth::session::Graph;
use crate::components::datetime::local;
use crate::components::error_bar::ErrorBar;
use crate::domain::assignments::{current, expired, Kind, Row};
use crate::graph::batch::decode;
use crate::graph::directory::get_user;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessId, Expanded, Page, PrivilegedAccessGroupSchedule, PrivilegedAccessGroupScheduleRequest,
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
}

async fn load(graph: Graph, group: String) -> Result<Loaded, GraphError> {
    let list = |c| list_for_group(c, &group, Some("principal"));
    let requests = [
        list(Collection::EligibilitySchedules),
        list(Collection::AssignmentSchedules),
        list(Collection::EligibilityScheduleRequests),
        list(Collection::AssignmentScheduleRequests),
    ];
    // Every page of each collection comes back in the batch answer.
    let mut a = graph.batch(&requests).await.into_iter();
    type S = Expanded<PrivilegedAccessGroupSchedule>;
    type R = Expanded<PrivilegedAccessGroupScheduleRequest>;
    let es: Page<S> = decode(a.next())?;
    let asg: Page<S> = decode(a.next())?;
    let er: Page<R> = decode(a.next())?;
    let ar: Page<R> = decode(a.next())?;
    let (es, asg, er, ar) = (es.value, asg.value, er.value, ar.value);
    let mut names = Names::default();
    for p in es.iter().chain(&asg).map(|x| &x.principal) {
        names.learn(p.as_ref());
    }
    for p in er.iter().chain(&ar).map(|x| &x.principal) {
        names.learn(p.as_ref());
    }
    let now = chrono::Utc::now();
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
    let lookups: Vec<_> = who
        .iter()
        .map(|id| get_user(id, "id,displayName"))
        .collect();
    for (id, answer) in who.iter().zip(graph.batch(&lookups).await) {
        names.learn_lookup(id, answer);
    }
    Ok(Loaded {
        eligible,
        active,
        expired: gone,
        names,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Eligible,
    Active,
    Expired,
}

/// Rows shown per page of a tab.
const PAGE: usize = 50;

fn table(
    rows: Vec<Row>,
    names: Names,
    caption: &'static str,
    group: String,
    done: Callback<()>,
) -> impl IntoView {
    let shown = RwSignal::new(PAGE);
    let total = rows.len();
    let empty = rows
        .is_empty()
        .then(|| view! { <tr><td colspan="7">"No assignments."</td></tr> });
    view! {
        <table class="pim-table">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"State"</th>
                <th scope="col">"Start time"</th><th scope="col">"End time"</th><th scope="col">"Assigned by"</th><th scope="col">"Action"</th>
            </tr></thead>
            <tbody>
                {move || rows.iter().take(shown.get()).map(|r| {
                    let name = names.of(&r.principal_id);
                    let role = if r.access == AccessId::Owner { "Owner" } else { "Member" };
                    let by = r.assigned_by.as_deref().map(|b| names.of(b)).unwrap_or_else(|| "—".into());
                    view! {
                        <tr>
                            <td>{name.clone()}</td><td>{role}</td><td>{r.state}</td>
                            <td>{r.start.map(local).unwrap_or_else(|| "—".into())}</td>
                            <td>{r.end.map(local).unwrap_or_else(|| "Permanent".into())}</td>
                            <td>{by}</td>
                            <td><RowActions row=r.clone() name group=group.clone() done /></td>
                        </tr>
                    }
                }).collect_view()}
                {empty}
            </tbody>
        </table>
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
    let graph = expect_context::<Graph>();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        load(graph.clone(), group_id.get())
    });
    let tab = RwSignal::new(Tab::Eligible);
    let adding = RwSignal::new(false);
    let announced = RwSignal::new(None::<String>);
    let done = Callback::new(move |_| version.update(|v| *v += 1));
    let tab_button = move |t: Tab, label: &'static str| {
        view! { <button type="button" role="tab" class="pim-tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| tab.set(t)>{label}</button> }
    };
    view! {
        <h2>"Assignments"</h2>
        <div class="pim-commandbar" role="toolbar" aria-label="Assignment commands">
            <button class="pim-command" type="button" on:click=move |_| adding.set(true)>"Add assignments"</button>
            <button class="pim-command" type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
        </div>
        {move || adding.get().then(|| view! {
            <AddAssignments group_id=group_id.get() close=Callback::new(move |said: Option<String>| {
                adding.set(false);
                if said.is_some() { version.update(|v| *v += 1); }
                announced.set(said);
            }) />
        })}
        {move || announced.get().map(|s| view! { <p role="status">{s}</p> })}
        <div role="tablist" aria-label="Assignments" class="pim-tabs">
            {tab_button(Tab::Eligible, "Eligible assignments")}
            {tab_button(Tab::Active, "Active assignments")}
            {tab_button(Tab::Expired, "Expired assignments")}
        </div>
        <div role="tabpanel" class="pim-tabpanel">
            <Transition fallback=|| view! { <p role="status">"Loading assignments…"</p> }>
                {move || data.get().map(|r| match r {
                    Err(error) => view! { <ErrorBar error /> }.into_any(),
                    Ok(d) => {
                        let group = group_id.get_untracked();
                        match tab.get() {
                            Tab::Eligible => table(d.eligible, d.names, "Eligible assignments", group, done).into_any(),
                            Tab::Active => table(d.active, d.names, "Active assignments", group, done).into_any(),
                            Tab::Expired => table(d.expired, d.names, "Expired assignments", group, done).into_any(),
                        }
                    }
                })}
            </Transition>
        </div>
    }
}
