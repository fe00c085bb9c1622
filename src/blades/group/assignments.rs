//! `/groups/ID/assignments`: eligible, active and recently expired assignments of the group, read
//! in one `$batch` (schedules and requests, principals expanded; assigners named in a second).

use super::assign_wizard::AddAssignments;
use super::assignment_row::RowActions;
use crate::auth::session::Graph;
use crate::components::datetime::local;
use crate::components::error_bar::ErrorBar;
use crate::domain::assignments::{current, expired, Kind, Row};
use crate::graph::batch::decode;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessId, Expanded, Page, PrivilegedAccessGroupSchedule, PrivilegedAccessGroupScheduleRequest,
    User,
};
use crate::graph::request::{eq, GraphRequest};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// Who a principal is: name and, for users, UPN.
#[derive(Clone, Debug, Default)]
pub struct Names(pub HashMap<String, String>);

impl Names {
    pub fn of(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
    fn learn(&mut self, v: &Option<serde_json::Value>) {
        let Some(v) = v else { return };
        let (Some(id), Some(name)) = (v["id"].as_str(), v["displayName"].as_str()) else {
            return;
        };
        let label = match v["userPrincipalName"].as_str() {
            Some(upn) => format!("{name} ({upn})"),
            None if v["@odata.type"] == "#microsoft.graph.group" => format!("{name} (group)"),
            None => name.to_owned(),
        };
        self.0.insert(id.to_owned(), label);
    }
}

/// The three tabs' rows and the names to show.
#[derive(Clone)]
pub struct Loaded {
    pub eligible: Vec<Row>,
    pub active: Vec<Row>,
    pub expired: Vec<Row>,
    pub names: Names,
}

const ROOT: &str = "/identityGovernance/privilegedAccess/group";

/// A batch answer's page, with any further pages fetched.
async fn whole<T: DeserializeOwned>(
    graph: &Graph,
    req: &GraphRequest,
    answer: Option<Result<serde_json::Value, GraphError>>,
) -> Result<Vec<T>, GraphError> {
    let page: Page<T> = decode(answer)?;
    let mut out = page.value;
    if let Some(link) = page.next_link {
        out.extend(graph.get_all::<T>(&req.next_page(&link)).await?);
    }
    Ok(out)
}

async fn load(graph: Graph, group: String) -> Result<Loaded, GraphError> {
    let list = |c: &str| {
        GraphRequest::get(&format!("{ROOT}/{c}"))
            .query("$filter", &eq("groupId", &group))
            .query("$expand", "principal")
    };
    let requests = [
        list("eligibilitySchedules"),
        list("assignmentSchedules"),
        list("eligibilityScheduleRequests"),
        list("assignmentScheduleRequests"),
    ];
    let mut a = graph.batch(&requests).await.into_iter();
    type S = Expanded<PrivilegedAccessGroupSchedule>;
    type R = Expanded<PrivilegedAccessGroupScheduleRequest>;
    let es: Vec<S> = whole(&graph, &requests[0], a.next()).await?;
    let asg: Vec<S> = whole(&graph, &requests[1], a.next()).await?;
    let er: Vec<R> = whole(&graph, &requests[2], a.next()).await?;
    let ar: Vec<R> = whole(&graph, &requests[3], a.next()).await?;
    let mut names = Names::default();
    for p in es.iter().chain(&asg).map(|x| &x.principal) {
        names.learn(p);
    }
    for p in er.iter().chain(&ar).map(|x| &x.principal) {
        names.learn(p);
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
        .filter(|id| !names.0.contains_key(id))
        .collect();
    who.sort();
    who.dedup();
    let lookups: Vec<GraphRequest> = who
        .iter()
        .map(|id| GraphRequest::get(&format!("/users/{id}")).query("$select", "id,displayName"))
        .collect();
    for u in graph
        .batch(&lookups)
        .await
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|v| serde_json::from_value::<User>(v).ok())
    {
        names.0.insert(u.id.clone(), u.display_name.unwrap_or(u.id));
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
