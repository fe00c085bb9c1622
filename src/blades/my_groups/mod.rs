//! `/my/groups`: the signed-in user's eligible, active and expired group roles, each eligible row
//! saying what activation will ask; Activate one or several at once, Deactivate, Extend, Renew.

mod actions;
mod data;
mod memory;
mod pane;

use crate::auth::session::Graph;
use crate::components::blade::Blade;
use crate::components::datetime::local;
use crate::components::draft::use_draft;
use crate::components::error_bar::ErrorBar;
use crate::domain::activation::{requirements, time_left};
use crate::graph::model::{AccessId, ScheduleRequestAction};
use crate::routes::Route;
use actions::RoleAction;
use chrono::Utc;
use data::{Mine, MyRole};
use leptos::prelude::*;
use pane::{fresh, ActivatePane, PaneDraft, DRAFT};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Eligible,
    Active,
    Expired,
}

/// My roles | Groups.
#[component]
pub fn MyGroups() -> impl IntoView {
    let graph = expect_context::<Graph>();
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
            settings_now.set(Some(data::settings(graph, roles).await));
        });
    });
    let tab = RwSignal::new(Tab::Eligible);
    let selected = RwSignal::new(Vec::<(String, AccessId)>::new());
    let draft = RwSignal::new(PaneDraft::default());
    use_draft(DRAFT, draft);
    let announced = RwSignal::new(Vec::<String>::new());
    let now = RwSignal::new(Utc::now());
    // The countdowns tick every second.
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(Utc::now()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let done = Callback::new(move |said: String| {
        announced.set(vec![said]);
        version.update(|v| *v += 1);
    });
    let closed = Callback::new(move |said: Vec<String>| {
        if !said.is_empty() {
            announced.set(said);
            selected.set(vec![]);
            version.update(|v| *v += 1);
        }
    });
    let open = move |keys: Vec<(String, AccessId)>| {
        let s = settings_now.get_untracked().unwrap_or_default();
        let m = mine
            .get_untracked()
            .and_then(|r| r.ok())
            .unwrap_or_default();
        let roles: Vec<_> = m
            .eligible
            .iter()
            .filter(|r| keys.contains(&r.key()))
            .filter_map(|r| {
                s.get(&r.key())
                    .and_then(|x| x.clone().ok())
                    .map(|x| (r.clone(), x))
            })
            .collect();
        draft.set(PaneDraft {
            open: keys,
            form: fresh(&roles),
            stepped_up: None,
        });
    };
    let tab_button = move |t: Tab, label: &'static str| {
        view! { <button type="button" role="tab" class="pim-tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| tab.set(t)>{label}</button> }
    };
    view! {
        <Blade title=Route::MyGroups.heading()>
            <div role="tablist" aria-label="My roles" class="pim-tabs">
                {tab_button(Tab::Eligible, "Eligible assignments")}
                {tab_button(Tab::Active, "Active assignments")}
                {tab_button(Tab::Expired, "Expired assignments")}
            </div>
            {move || (!announced.get().is_empty()).then(|| view! {
                <ul class="pim-list" role="status" aria-label="Results">{announced.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            })}
            {move || {
                let keys = draft.with(|d| d.open.clone());
                if keys.is_empty() { return ().into_any(); }
                let (Some(Ok(m)), Some(s)) = (mine.get(), settings_now.get()) else { return ().into_any() };
                let roles: Vec<_> = m.eligible.iter().filter(|r| keys.contains(&r.key())).filter_map(|r| s.get(&r.key()).and_then(|x| x.clone().ok()).map(|x| (r.clone(), x))).collect();
                if roles.is_empty() { return ().into_any(); }
                let names = m.contexts.iter().map(|c| (c.id.clone(), c.display_name.clone().unwrap_or_else(|| c.id.clone()))).collect();
                view! { <ActivatePane roles context_names=names draft close=closed /> }.into_any()
            }}
            <div role="tabpanel" class="pim-tabpanel">
                <Transition fallback=|| view! { <p role="status">"Loading your roles…"</p> }>
                    {move || mine.get().map(|r| match r {
                        Err(error) => view! { <ErrorBar error /> }.into_any(),
                        Ok(m) => match tab.get() {
                            Tab::Eligible => eligible(m, settings_now, selected, open, done).into_any(),
                            Tab::Active => active(m.active, now, done).into_any(),
                            Tab::Expired => expired(m.expired, done).into_any(),
                        },
                    })}
                </Transition>
            </div>
        </Blade>
    }
}

type SettingsMap = std::collections::HashMap<
    (String, AccessId),
    Result<crate::domain::settings::RoleSettings, crate::graph::error::GraphError>,
>;
type Settings = RwSignal<Option<SettingsMap>>;

fn eligible(
    m: Mine,
    settings: Settings,
    selected: RwSignal<Vec<(String, AccessId)>>,
    open: impl Fn(Vec<(String, AccessId)>) + Copy + 'static,
    done: Callback<String>,
) -> impl IntoView {
    let empty = m.eligible.is_empty().then(
        || view! { <tr><td colspan="6">"You are not eligible for any group role."</td></tr> },
    );
    let rows = m.eligible.clone().into_iter().map(|r| {
        let key = r.key();
        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
        let m2 = m.clone();
        let needs = move || settings.get().map(|s| match s.get(&k1) {
            Some(Ok(s)) => requirements(&s.activation, |c| m2.context_name(c)).join(", "),
            Some(Err(e)) => format!("Couldn't read the settings: {} ({})", e.message, e.effective_code()),
            None => String::new(),
        }).unwrap_or_else(|| "Reading the settings…".into());
        let ending_soon = r.end.is_some_and(|e| e - Utc::now() <= chrono::Duration::days(14));
        // The extension may not be longer than the settings allow for an eligibility.
        let k4 = key.clone();
        let max_minutes = Signal::derive(move || settings.get().and_then(|s| s.get(&k4).and_then(|x| x.as_ref().ok()).and_then(|x| x.assignment.eligible_max_minutes)));
        let state = if r.active_now { "Active" } else if r.pending { "Pending approval" } else { "Eligible" };
        let name = format!("{} ({})", r.group_name, r.role());
        view! {
            <tr>
                <td><input type="checkbox" aria-label=format!("Select {name}") prop:checked=move || selected.with(|s| s.contains(&k2))
                    on:change=move |e| { let on = event_target_checked(&e); selected.update(|s| { s.retain(|x| *x != k3); if on { s.push(k3.clone()); } }); } /></td>
                <td>{r.group_name.clone()}</td><td>{r.role()}</td>
                <td>{r.end.map(local).unwrap_or_else(|| "Permanent".into())}</td>
                <td>{needs}</td>
                <td>{state} " "
                    // Already active or asked for: Graph would refuse, so the button isn't offered.
                    {(!r.active_now && !r.pending).then(|| view! {
                        <button class="pim-button pim-button--small" type="button" aria-label=format!("Activate {name}") disabled=move || settings.get().is_none()
                            on:click=move |_| open(vec![key.clone()])>"Activate"</button>
                    })}
                    // An eligibility ending within 14 days can be extended (an admin decides).
                    {ending_soon.then(|| view! { <RoleAction role=r.clone() action=ScheduleRequestAction::SelfExtend done eligibility=true max=max_minutes /> })}</td>
            </tr>
        }
    }).collect_view();
    view! {
        <div class="pim-commandbar" role="toolbar" aria-label="Eligible commands">
            <button class="pim-button" type="button" disabled=move || selected.with(Vec::is_empty) || settings.get().is_none()
                on:click=move |_| open(selected.get_untracked())>"Activate selected"</button>
        </div>
        <table class="pim-table">
            <caption>"Eligible assignments"</caption>
            <thead><tr><th scope="col"><span class="pim-visually-hidden">"Select"</span></th><th scope="col">"Group"</th><th scope="col">"Role"</th><th scope="col">"End time"</th><th scope="col">"Activation requires"</th><th scope="col">"Action"</th></tr></thead>
            <tbody>{rows}{empty}</tbody>
        </table>
    }
}

fn active(
    rows: Vec<MyRole>,
    now: RwSignal<chrono::DateTime<Utc>>,
    done: Callback<String>,
) -> impl IntoView {
    let empty = rows
        .is_empty()
        .then(|| view! { <tr><td colspan="6">"No active group role."</td></tr> });
    let body = rows.into_iter().map(|r| {
        let end = r.end;
        let left = move || end.map(|e| time_left(e, now.get())).unwrap_or_else(|| "Permanent".into());
        let soon = end.is_some_and(|e| e - Utc::now() <= chrono::Duration::days(14));
        let action = if r.activated {
            Some(ScheduleRequestAction::SelfDeactivate)
        } else if soon {
            Some(ScheduleRequestAction::SelfExtend)
        } else {
            None
        };
        view! {
            <tr>
                <td>{r.group_name.clone()}</td><td>{r.role()}</td>
                <td>{if r.activated { "Activated" } else { "Assigned" }}</td>
                <td>{r.end.map(local).unwrap_or_else(|| "Permanent".into())}</td>
                <td><span role="timer" aria-label=format!("Time left: {}", r.group_name)>{left}</span></td>
                <td>{action.map(|a| view! { <RoleAction role=r.clone() action=a done /> })}</td>
            </tr>
        }
    }).collect_view();
    view! {
        <table class="pim-table">
            <caption>"Active assignments"</caption>
            <thead><tr><th scope="col">"Group"</th><th scope="col">"Role"</th><th scope="col">"State"</th><th scope="col">"End time"</th><th scope="col">"Time left"</th><th scope="col">"Action"</th></tr></thead>
            <tbody>{body}{empty}</tbody>
        </table>
    }
}

fn expired(rows: Vec<MyRole>, done: Callback<String>) -> impl IntoView {
    let empty = rows
        .is_empty()
        .then(|| view! { <tr><td colspan="4">"Nothing expired in the last 30 days."</td></tr> });
    let body = rows.into_iter().map(|r| view! {
        <tr>
            <td>{r.group_name.clone()}</td><td>{r.role()}</td>
            <td>{r.end.map(local).unwrap_or_default()}</td>
            <td><RoleAction role=r.clone() action=ScheduleRequestAction::SelfRenew done /></td>
        </tr>
    }).collect_view();
    view! {
        <table class="pim-table">
            <caption>"Expired assignments"</caption>
            <thead><tr><th scope="col">"Group"</th><th scope="col">"Role"</th><th scope="col">"Ended"</th><th scope="col">"Action"</th></tr></thead>
            <tbody>{body}{empty}</tbody>
        </table>
    }
}
