//! `/reports` (S10): activations, standing access and unused eligibility over a window and some
//! groups, all in the address; charts with their tables, CSV and JSON, a print layout.

mod charts;
mod read;
mod tabs;

use crate::client::use_graph;
use crate::components::blade::Blade;
use crate::components::error_bar::ErrorBar;
use crate::components::tabs::{use_tab, Tab, Tabs};
use crate::domain::reports::query::ReportQuery;
use crate::domain::reports::{creators, GroupReads};
use crate::domain::stamp::{parse_date, ymd};
use crate::graph::error::GraphError;
use crate::graph::model::{DirectoryAudit, Group};
use crate::pages::Route;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

const TABS: &[Tab] = &[
    Tab {
        key: "activations",
        label: "Activations",
    },
    Tab {
        key: "standing",
        label: "Standing access",
    },
    Tab {
        key: "unused",
        label: "Unused eligibility",
    },
];

/// What the report has read so far, filled in as answers arrive.
#[derive(Clone, Copy)]
pub struct Found {
    pub managed: RwSignal<Option<Result<Vec<Group>, GraphError>>>,
    pub groups: RwSignal<Vec<GroupReads>>,
    pub failed: RwSignal<Vec<(String, GraphError)>>,
    pub audit: RwSignal<Option<Result<Vec<DirectoryAudit>, GraphError>>>,
    /// The names of those who made standing assignments (Graph gives their ids), once read.
    pub names: RwSignal<Option<HashMap<String, String>>>,
    /// Groups read, of those asked.
    pub progress: RwSignal<(usize, usize)>,
}

impl Found {
    fn new() -> Self {
        Found {
            managed: RwSignal::new(None),
            groups: RwSignal::new(vec![]),
            failed: RwSignal::new(vec![]),
            audit: RwSignal::new(None),
            names: RwSignal::new(None),
            progress: RwSignal::new((0, 0)),
        }
    }

    fn clear(self) {
        self.managed.set(None);
        self.groups.set(vec![]);
        self.failed.set(vec![]);
        self.audit.set(None);
        self.names.set(None);
        self.progress.set((0, 0));
    }

    /// Whether every read has answered.
    pub fn complete(self) -> bool {
        let (done, all) = self.progress.get();
        self.managed.with(Option::is_some)
            && done == all
            && self.audit.with(Option::is_some)
            && self.names.with(Option::is_some)
    }

    /// Why the report is not whole, for a file's first line; `None` when it is.
    pub fn partial(self) -> Option<String> {
        let mut why: Vec<String> = self.failed.with_untracked(|f| {
            f.iter()
                .map(|(g, e)| {
                    format!(
                        "{g} could not be read ({}: {})",
                        e.effective_code(),
                        e.message
                    )
                })
                .collect()
        });
        if let Some(Err(e)) = self.audit.get_untracked() {
            why.push(format!(
                "the audit log could not be read, so approvers are missing ({}: {})",
                e.effective_code(),
                e.message
            ));
        }
        if !untrack(|| self.complete()) {
            why.push("downloaded while the report was still being read".into());
        }
        (!why.is_empty()).then(|| why.join("; "))
    }
}

/// Reports.
#[component]
pub fn Reports() -> impl IntoView {
    let graph = use_graph();
    let query = use_query_map();
    let tab = use_tab("tab", TABS);
    let today = crate::clock::service_now().date_naive();
    let asked = Memo::new(move |_| query.with(|q| ReportQuery::parse(|k| q.get(k), today)));
    let found = Found::new();
    // Which reading is current: one whose filters have changed since stops adding to the page.
    let reading = StoredValue::new(0u32);
    // Read outside any Suspense, so each batch of groups shows as it arrives.
    Effect::new(move |_| {
        let q = asked.get();
        reading.update_value(|n| *n += 1);
        let this = reading.get_value();
        found.clear();
        let current = move || reading.try_get_value() == Some(this);
        let graph = graph.clone();
        leptos::task::spawn_local(async move {
            let managed = read::managed(&graph).await;
            if !current() {
                return;
            }
            let chosen: Vec<Group> = match &managed {
                Ok(all) => all.iter().filter(|g| q.includes(&g.id)).cloned().collect(),
                Err(_) => vec![],
            };
            found.progress.set((0, chosen.len()));
            found.managed.set(Some(managed));
            let add = move |read: Vec<GroupReads>, failed: Vec<(String, GraphError)>| {
                if current() {
                    found.progress.update(|p| p.0 += read.len() + failed.len());
                    found.groups.update(|g| g.extend(read));
                    found.failed.update(|f| f.extend(failed));
                }
            };
            let audit = async {
                let answer = read::audit(&graph, q.window).await;
                if current() {
                    found.audit.set(Some(answer));
                }
            };
            futures::future::join(read::groups(&graph, &chosen, add), audit).await;
            let ids = found.groups.with_untracked(|g| creators(g));
            let (names, failed) = read::names(&graph, &ids).await;
            if current() {
                found.failed.update(|f| f.extend(failed));
                found.names.set(Some(names));
            }
        });
    });
    // Every change of a filter is a new address (replacing this one): the report is its link.
    let navigate = use_navigate();
    let go = move |change: &dyn Fn(&mut ReportQuery)| {
        let mut q = asked.get_untracked();
        change(&mut q);
        let to = format!(
            "{}?{}",
            Route::Reports.path(),
            q.to_query(tab.get_untracked())
        );
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let (g0, g1, g2, g3) = (go.clone(), go.clone(), go.clone(), go);
    // The default window is written into the address once, so the link is this report later too.
    if query.with_untracked(|q| q.get("from").is_none() || q.get("to").is_none()) {
        Effect::new(move |_| g0(&|_| {}));
    }
    let on_from = move |e: leptos::ev::Event| {
        if let Some(d) = parse_date(&event_target_value(&e)) {
            g1(&|q| q.window.from = d);
        }
    };
    let on_to = move |e: leptos::ev::Event| {
        if let Some(d) = parse_date(&event_target_value(&e)) {
            g2(&|q| q.window.to = d);
        }
    };
    let on_groups = move |e: leptos::ev::Event| {
        let Some(select) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let options = select.selected_options();
        let ids: Vec<String> = (0..options.length())
            .filter_map(|i| options.item(i))
            .filter_map(|o| o.get_attribute("value"))
            .filter(|v| !v.is_empty())
            .collect();
        g3(&move |q| q.groups = ids.clone());
    };
    let options = move || {
        let chosen = asked.get().groups;
        found
            .managed
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
            .into_iter()
            .map(|g| {
                let on = chosen.contains(&g.id);
                view! { <option value=g.id.clone() selected=on>{read::name(&g)}</option> }
            })
            .collect_view()
    };
    view! {
        <Blade title=Route::Reports.heading()>
            <div class="pim-filters pim-report-filters">
                <div class="pim-field"><label for="report-from">"From"</label>
                    <input id="report-from" type="date" prop:value=move || ymd(asked.get().window.from) on:change=on_from /></div>
                <div class="pim-field"><label for="report-to">"To"</label>
                    <input id="report-to" type="date" prop:value=move || ymd(asked.get().window.to) on:change=on_to /></div>
                <div class="pim-field"><label for="report-groups">"Group"</label>
                    <select id="report-groups" multiple size="3" aria-describedby="report-groups-hint" on:change=on_groups>
                        <option value="" selected=move || asked.get().groups.is_empty()>"All managed groups"</option>
                        {options}
                    </select>
                    <span id="report-groups-hint" class="pim-hint">"None chosen is every group PIM manages."</span></div>
            </div>
            {move || found.managed.get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            {move || (!found.complete()).then(|| view! { <Reading progress=found.progress /> })}
            // Without the list of managed groups there is no report: empty tables would pass
            // for one, so only the error shows.
            <Show when=move || !found.managed.with(|m| matches!(m, Some(Err(_))))>
                <Tabs param="tab" tabs=TABS label="Reports" selected=tab>
                    {move || tabs::shown(found, asked.get(), tab)}
                </Tabs>
            </Show>
        </Blade>
    }
}

/// The progress bar while groups are read.
#[component]
fn Reading(progress: RwSignal<(usize, usize)>) -> impl IntoView {
    view! {
        <div role="status" class="pim-loading">
            {move || match progress.get() {
                (_, 0) => view! { <span>"Reading the groups PIM manages…"</span> }.into_any(),
                (done, all) => view! {
                    <label for="report-progress">{format!("Reading groups: {done} of {all}")}</label>
                    <progress id="report-progress" max=all value=done></progress>
                }.into_any(),
            }}
        </div>
    }
}
