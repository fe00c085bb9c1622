//! `/groups`: the groups PIM manages, searchable, with eligible and active counts, shown a hundred
//! at a time so thousands of groups stay quick to render.

use super::scan::{scan, Row};
use crate::client::use_graph;
use crate::components::data_table::DataTable;
use crate::components::error_bar::ErrorBar;
use crate::domain::managed::{kind, matches};
use crate::domain::wording::yes_no;
use leptos::prelude::*;

/// Rows rendered per "Show more".
pub const PAGE: usize = 100;

/// "Checking 12 of 40 groups…" while a scan runs.
pub fn progress_text((done, total): (usize, usize)) -> String {
    format!("Checking which groups PIM manages: {done} of {total} groups checked…")
}

/// The managed groups table.
#[component]
pub fn ManagedGroups(refresh: ReadSignal<u32>) -> impl IntoView {
    let graph = use_graph();
    let (progress, set_progress) = signal((0usize, 0usize));
    let data = LocalResource::new(move || {
        refresh.track();
        scan(graph.clone(), set_progress)
    });
    let search = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    view! {
        <div class="pim-field pim-field--search">
            <label for="groups-search">"Search by group name or ID"</label>
            <input id="groups-search" type="search" prop:value=search on:input=move |e| { search.set(event_target_value(&e)); shown.set(PAGE); } />
        </div>
        <Transition fallback=move || view! { <p role="status" class="pim-loading">{move || progress_text(progress.get())}</p> }>
            {move || data.get().map(|r| match r {
                Err(error) => view! { <ErrorBar error /> }.into_any(),
                Ok(rows) => {
                    let managed: Vec<Row> = rows.into_iter().filter(|r| r.not_eligible.is_none() && r.signals.managed()).collect();
                    let total = managed.len();
                    let hits = Memo::new(move |_| search.with(|s| managed.iter().filter(|r| matches(&r.group, s)).cloned().collect::<Vec<_>>()));
                    let visible = Signal::derive(move || hits.with(|h| h.iter().take(shown.get()).cloned().collect::<Vec<_>>()));
                    view! {
                        <p role="status">{move || format!("{} of {total} managed groups shown.", hits.with(Vec::len))}</p>
                        <DataTable caption="Groups managed by PIM"
                            headers=vec!["Group", "Type", "Role-assignable", "Eligible assignments", "Active assignments"]
                            rows=visible key=|r: &Row| r.group.id.clone() row=row
                            empty=if total == 0 { "No group is managed by PIM yet. Use Discover groups to bring one under management." } else { "No managed group matches the search." } />
                        {move || (hits.with(Vec::len) > shown.get()).then(|| view! {
                            <button class="pim-button" type="button" on:click=move |_| shown.update(|s| *s += PAGE)>"Show more"</button>
                        })}
                    }.into_any()
                }
            })}
        </Transition>
    }
}

fn row(r: Row) -> impl IntoView {
    let name = r
        .group
        .display_name
        .clone()
        .unwrap_or_else(|| r.group.id.clone());
    view! {
        <tr>
            <td><a href=format!("/groups/{}", r.group.id)>{name}</a></td>
            <td>{kind(&r.group)}</td>
            <td>{yes_no(r.group.is_assignable_to_role == Some(true))}</td>
            <td>{r.signals.count(r.signals.eligible)}</td>
            <td>{r.signals.count(r.signals.active)}</td>
        </tr>
    }
}
