//! `/my/groups`: the signed-in user's eligible, active and expired group roles, each eligible row
//! saying what activation will ask; Activate one or several at once, Deactivate, Extend, Renew.

mod actions;
mod activate;
mod data;
mod effect;
mod ending;
mod memory;
mod notify;
mod pane;
mod pane_notes;
mod rows;

use crate::auth::session::{clear_draft, load_draft, save_draft};
use crate::client::use_graph;
use crate::components::blade::Blade;
use crate::components::deferred::{loader, Deferred};
use crate::components::error_bar::ErrorBar;
use crate::components::tabs::{use_tab, Tab, Tabs};
use crate::graph::model::AccessId;
use crate::pages::Route;
use data::MyRole;
use leptos::prelude::*;
use pane::{activate_pane, DRAFT};

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

/// My roles | Groups.
#[component]
pub fn MyGroups() -> impl IntoView {
    let graph = use_graph();
    let version = RwSignal::new(0u32);
    let g = graph.clone();
    let mine = LocalResource::new(move || {
        version.track();
        data::load(g.clone())
    });
    // Settings come second, fetched outside any resource: the rows paint after one round trip,
    // and the Transition, which waits for every resource read under it, never waits for these.
    let settings_now = RwSignal::new(None::<SettingsMap>);
    Effect::new(move |_| {
        let Some(Ok(m)) = mine.get() else { return };
        let roles: Vec<(String, AccessId)> = m.eligible.iter().map(MyRole::key).collect();
        let graph = graph.clone();
        leptos::task::spawn_local(async move {
            settings_now.set(Some(data::settings_of(graph, roles).await));
        });
    });
    let tab = use_tab("tab", TABS);
    let selected = RwSignal::new(Vec::<(String, AccessId)>::new());
    // The roles the Activate pane is open for, kept across a step-up redirect so that the pane
    // opens again (its chunk keeps what was typed, under `DRAFT`).
    let open_keys = RwSignal::new(load_draft(OPEN).map(|s| keys_of(&s)).unwrap_or_default());
    Effect::new(move |_| {
        let text = open_keys.with(|k| text_of(k));
        if text.is_empty() {
            clear_draft(OPEN);
        } else {
            save_draft(OPEN, &text);
        }
    });
    // Continue's start time, for the pane it opens.
    let start_at = RwSignal::new(None::<String>);
    let announced = RwSignal::new(Vec::<String>::new());
    let now = RwSignal::new(crate::clock::service_now());
    // The countdowns tick every second.
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(crate::clock::service_now()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let done = Callback::new(move |said: String| {
        announced.set(vec![said]);
        version.update(|v| *v += 1);
    });
    let closed = Callback::new(move |said: Vec<String>| {
        open_keys.set(vec![]);
        if !said.is_empty() {
            announced.set(said);
            selected.set(vec![]);
            version.update(|v| *v += 1);
        }
    });
    // A pane opened here starts afresh (an earlier draft is for another opening), at `start`
    // when given. The start is set first: the pane is built once, when the keys change.
    let open_with = move |keys: Vec<(String, AccessId)>, start: Option<String>| {
        clear_draft(DRAFT);
        start_at.set(start);
        open_keys.set(keys);
    };
    let open = move |keys: Vec<(String, AccessId)>| open_with(keys, None);
    // Continue: the pane for the same role, starting when the current activation ends.
    let continue_from = Callback::new(move |r: MyRole| {
        let start = r.end.map(|end| {
            crate::components::datetime::to_input_exact(crate::domain::ending::continuation_start(
                end,
            ))
        });
        open_with(vec![r.key()], start);
    });
    // A memo: the ending-soon notice reads it every second, and a derived signal would copy
    // the whole answer each time.
    let active_roles = Memo::new(move |_| {
        mine.get()
            .and_then(|r| r.ok())
            .map(|m| m.active)
            .unwrap_or_default()
    });
    let ready = Signal::derive(move || settings_now.with(Option::is_some));
    // Whether the roles were read once (a later reread keeps the last answer meanwhile).
    let shown = Memo::new(move |_| mine.with(Option::is_some));
    let pane = move || {
        let keys = open_keys.get();
        if keys.is_empty() {
            return ().into_any();
        }
        let (Some(Ok(m)), Some(s)) = (mine.get(), settings_now.get()) else {
            return ().into_any();
        };
        let roles = chosen(&m, &s, &keys);
        if roles.is_empty() {
            return ().into_any();
        }
        let names: Vec<(String, String)> = m
            .contexts
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.display_name.clone().unwrap_or_else(|| c.id.clone()),
                )
            })
            .collect();
        let start = start_at.get();
        let load = move || activate_pane(roles.clone(), names.clone(), start.clone(), closed);
        view! { <Deferred load=loader(load) what="the Activate pane" /> }.into_any()
    };
    view! {
        <Blade title=Route::MyGroups.heading()>
            {move || (!announced.get().is_empty()).then(|| view! {
                <ul class="pim-list" role="status" aria-label="Results">{announced.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            })}
            // Fetched once the rows are in, so that the first screen waits for nothing else.
            {move || shown.get().then(|| {
                let roles = Signal::from(active_roles);
                let load = move || ending::ending_notice(roles, now, ready, continue_from);
                view! { <Deferred load=loader(load) what="the notice of activations ending soon" quiet=true /> }
            })}
            {pane}
            <Tabs param="tab" tabs=TABS label="My roles" selected=tab>
                <Transition fallback=|| view! { <p role="status" class="pim-loading">"Loading your roles…"</p> }>
                    {move || mine.get().map(|r| match r {
                        Err(error) => view! { <ErrorBar error /> }.into_any(),
                        Ok(m) => match tab.get() {
                            "active" => {
                                let load = move || rows::active_tab(m.active.clone(), now, done);
                                view! { <Deferred load=loader(load) what="the active assignments" /> }.into_any()
                            }
                            "expired" => {
                                let load = move || rows::expired_tab(m.eligibility_requests.clone(), m.eligible.clone(), done);
                                view! { <Deferred load=loader(load) what="the expired assignments" /> }.into_any()
                            }
                            _ => rows::eligible(m, settings_now, selected, open, done).into_any(),
                        },
                    })}
                </Transition>
            </Tabs>
        </Blade>
    }
}

/// Key of the roles the Activate pane is open for.
const OPEN: &str = "activate.open";

/// `keys` as kept under `OPEN`: "group/member,group/owner" (ids hold neither character).
fn text_of(keys: &[(String, AccessId)]) -> String {
    keys.iter()
        .map(|(g, a)| format!("{g}/{}", a.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The keys `text_of` wrote; anything else is dropped.
fn keys_of(text: &str) -> Vec<(String, AccessId)> {
    text.split(',')
        .filter_map(|k| k.split_once('/'))
        .map(|(g, a)| (g.to_owned(), AccessId::from_wire(a)))
        .filter(|(_, access)| *access != AccessId::Unknown)
        .collect()
}

/// The eligible roles named by `keys` whose settings were read: what the Activate pane is for.
fn chosen(
    m: &data::Mine,
    s: &SettingsMap,
    keys: &[(String, AccessId)],
) -> Vec<(MyRole, crate::domain::settings::RoleSettings)> {
    m.eligible
        .iter()
        .filter(|r| keys.contains(&r.key()))
        .filter_map(|r| {
            s.get(&r.key())
                .and_then(|x| x.clone().ok())
                .map(|x| (r.clone(), x))
        })
        .collect()
}

pub(crate) type SettingsMap = std::collections::HashMap<
    (String, AccessId),
    Result<crate::domain::settings::RoleSettings, crate::graph::error::GraphError>,
>;
pub(crate) type Settings = RwSignal<Option<SettingsMap>>;
