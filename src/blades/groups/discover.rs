//! `/groups/discover`: groups PIM does not manage yet, those it never can (with the reason), and
//! **Manage groups** to onboard the selected ones after a confirmation. Failed ones stay selected.

use super::inventory::{read_all, Source};
use super::list::{progress_text, BetaNotice, ScanNotice, PAGE};
use super::onboard::onboard;
use super::scan::{invalidate, Row};
use crate::client::use_graph;
use crate::components::command_bar::CommandBar;
use crate::components::context_pane::ContextPane;
use crate::components::data_table::DataTable;
use crate::components::error_bar::ErrorBar;
use crate::domain::managed::{kind, matches};
use crate::domain::wording::yes_no;
use crate::graph::error::GraphError;
use leptos::prelude::*;

type Outcome = Vec<(String, String, Result<(), GraphError>)>;

/// The discovery table and its command.
#[component]
pub fn Discover() -> impl IntoView {
    let graph = use_graph();
    let (progress, set_progress) = signal((0usize, 0usize));
    let (refresh, set_refresh) = signal(0u32);
    let g = graph.clone();
    let data = LocalResource::new(move || {
        refresh.track();
        read_all(g.clone(), set_progress, super::scan::in_place)
    });
    let search = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let selected = RwSignal::new(Vec::<(String, String)>::new());
    let confirming = RwSignal::new(false);
    let manage = Action::new_local(move |picked: &Vec<(String, String)>| {
        let (graph, picked) = (graph.clone(), picked.clone());
        async move {
            let work = picked.iter().map(|(id, _)| onboard(&graph, id));
            let results = futures::future::join_all(work).await;
            picked
                .into_iter()
                .zip(results)
                .map(|((id, name), r)| (id, name, r))
                .collect::<Outcome>()
        }
    });
    // After onboarding: forget the scan, keep only the failures selected, look again.
    Effect::new(move |_| {
        if let Some(outcome) = manage.value().get() {
            invalidate();
            selected.set(
                outcome
                    .iter()
                    .filter(|(_, _, r)| r.is_err())
                    .map(|(id, name, _)| (id.clone(), name.clone()))
                    .collect(),
            );
            set_refresh.update(|n| *n += 1);
        }
    });
    let toggle = move |id: String, name: String, on: bool| {
        selected.update(|s| {
            s.retain(|(i, _)| *i != id);
            if on {
                s.push((id, name));
            }
        })
    };
    let confirm = move |_| {
        if manage.pending().get_untracked() {
            return;
        }
        confirming.set(false);
        manage.dispatch(selected.get_untracked());
    };
    view! {
        <CommandBar label="Discover commands">
            <button class="pim-button pim-button--primary" type="button"
                disabled=move || selected.with(Vec::is_empty) || manage.pending().get()
                on:click=move |_| confirming.set(true)>"Manage groups"</button>
            <span>{move || format!("{} selected", selected.with(Vec::len))}</span>
        </CommandBar>
        {move || confirming.get().then(|| view! {
            <ContextPane title="Manage groups" on_close=Callback::new(move |_| confirming.set(false))>
                <p><strong>"Onboarding cannot be undone."</strong>
                    {move || format!(" Once PIM manages these {} groups, they cannot be taken out of PIM management. Their policies get new ids.", selected.with(Vec::len))}</p>
                <ul class="pim-list"><For each=move || selected.get() key=|(id, _)| id.clone() let:((_id, n))><li>{n}</li></For></ul>
                <button class="pim-button pim-button--primary" type="button" on:click=confirm>"Confirm"</button>
                " "
                <button class="pim-button" type="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
            </ContextPane>
        })}
        {move || manage.pending().get().then(|| view! { <p role="status">"Bringing the selected groups under PIM…"</p> })}
        {move || manage.value().get().map(|outcome| {
            let ok: Vec<String> = outcome.iter().filter(|o| o.2.is_ok()).map(|o| o.1.clone()).collect();
            let failed = outcome.into_iter().filter_map(|(_, name, r)| r.err().map(|e| (name, e))).collect::<Vec<_>>();
            view! {
                {(!ok.is_empty()).then(|| view! { <p role="status">{format!("Now managed by PIM: {}.", ok.join(", "))}</p> })}
                <For each=move || failed.clone() key=|(name, e)| (name.clone(), e.request_id.clone()) let:((name, error))>
                    <p>{format!("{name} could not be onboarded:")}</p><ErrorBar error />
                </For>
            }
        })}
        <div class="pim-field pim-field--search">
            <label for="discover-search">"Search by group name or ID"</label>
            <input id="discover-search" type="search" prop:value=search on:input=move |e| { search.set(event_target_value(&e)); shown.set(PAGE); } />
        </div>
        <Transition fallback=move || view! { <p role="status" class="pim-loading">{move || progress_text(progress.get())}</p> }>
            {move || data.get().map(|r| match r {
                Err(error) => view! { <ErrorBar error /> }.into_any(),
                Ok((rows, source)) => {
                    let notice = match source {
                        Source::Scanned(error) => Some(view! { <ScanNotice error /> }.into_any()),
                        Source::ListedBeta(error) => Some(view! { <BetaNotice error /> }.into_any()),
                        Source::Listed => None,
                    };
                    let open: Vec<Row> = rows.into_iter().filter(|(r, managed)| !(r.not_eligible.is_none() && *managed)).map(|(r, _)| r).collect();
                    let hits = Memo::new(move |_| search.with(|s| open.iter().filter(|r| matches(&r.group, s)).cloned().collect::<Vec<_>>()));
                    let visible = Signal::derive(move || hits.with(|h| h.iter().take(shown.get()).cloned().collect::<Vec<_>>()));
                    let row = move |r: Row| {
                        let id = r.group.id.clone();
                        let name = r.group.display_name.clone().unwrap_or_else(|| id.clone());
                        let (i2, n2) = (id.clone(), name.clone());
                        let checked = move || selected.with(|s| s.iter().any(|(i, _)| *i == i2));
                        let reason = r.not_eligible;
                        view! {
                            <tr>
                                <td><input type="checkbox" aria-label=format!("Select {name}") disabled=reason.is_some()
                                    prop:checked=checked on:change=move |e| toggle(id.clone(), n2.clone(), event_target_checked(&e)) /></td>
                                <td>{name.clone()}</td>
                                <td>{kind(&r.group)}</td>
                                <td>{yes_no(r.group.is_assignable_to_role == Some(true))}</td>
                                <td>{reason.unwrap_or("Can be managed")}</td>
                            </tr>
                        }
                    };
                    view! {
                        {notice}
                        <p role="status">{move || format!("{} groups not managed by PIM shown.", hits.with(Vec::len))}</p>
                        <DataTable caption="Groups not managed by PIM"
                            headers=vec!["", "Group", "Type", "Role-assignable", "Eligibility"]
                            rows=visible key=|r: &Row| r.group.id.clone() row empty="Every group is managed by PIM." />
                        {move || (hits.with(Vec::len) > shown.get()).then(|| view! {
                            <button class="pim-button" type="button" on:click=move |_| shown.update(|s| *s += PAGE)>"Show more"</button>
                        })}
                    }.into_any()
                }
            })}
        </Transition>
    }
}
