//! The three tables of My roles: eligible (with what activation asks, Activate, Extend), active
//! (with the time left, Deactivate or Extend) and expired (Renew).

use super::actions::{role_action, RoleAction};
use super::data::{Mine, MyRole};
use super::effect::{track, EffectCell};
use super::Settings;
use crate::components::command_bar::CommandBar;
use crate::components::data_table::DataTable;
use crate::components::datetime::local;
use crate::components::deferred::{loader, Chunk, Deferred};
use crate::components::error_bar::ErrorBar;
use crate::domain::activation::{requirements, time_left};
use crate::graph::model::{AccessId, ScheduleRequestAction};
use chrono::Utc;
use leptos::prelude::*;

pub fn eligible(
    m: Mine,
    settings: Settings,
    selected: RwSignal<Vec<(String, AccessId)>>,
    open: impl Fn(Vec<(String, AccessId)>) + Copy + Send + Sync + 'static,
    done: Callback<String>,
) -> impl IntoView {
    let rows = Signal::stored(m.eligible.clone());
    let row = move |r: MyRole| {
        let key = r.key();
        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
        let m2 = m.clone();
        let needs = move || {
            settings
                .get()
                .map(|s| match s.get(&k1) {
                    Some(Ok(s)) => requirements(&s.activation, |c| m2.context_name(c)).join(", "),
                    Some(Err(e)) => format!(
                        "Couldn't read the settings: {} ({})",
                        e.message,
                        e.effective_code()
                    ),
                    None => String::new(),
                })
                .unwrap_or_else(|| "Reading the settings…".into())
        };
        let ending_soon = r
            .end
            .is_some_and(|e| e - crate::clock::service_now() <= chrono::Duration::days(14));
        // The extension may not be longer than the settings allow for an eligibility.
        let k4 = key.clone();
        let max_minutes = Signal::derive(move || {
            settings.get().and_then(|s| {
                s.get(&k4)
                    .and_then(|x| x.as_ref().ok())
                    .and_then(|x| x.assignment.eligible_max_minutes)
            })
        });
        let state = if r.active_now {
            "Active"
        } else if r.pending {
            "Pending approval"
        } else {
            "Eligible"
        };
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
                    {ending_soon.then(|| {
                        let r = r.clone();
                        let load = move || role_action(r.clone(), ScheduleRequestAction::SelfExtend, done, true, max_minutes);
                        view! { <Deferred load=loader(load) what=format!("Extend {name}") quiet=true /> }
                    })}</td>
            </tr>
        }
    };
    view! {
        <CommandBar label="Eligible commands">
            <button class="pim-button" type="button" disabled=move || selected.with(Vec::is_empty) || settings.get().is_none()
                on:click=move |_| open(selected.get_untracked())>"Activate selected"</button>
        </CommandBar>
        <DataTable caption="Eligible assignments" headers=vec!["", "Group", "Role", "End time", "Activation requires", "Action"]
            rows key=|r: &MyRole| (r.key(), r.end) row empty="You are not eligible for any group role. An administrator of the group makes people eligible: ask yours." />
    }
}

// The Active and Expired tabs come in chunks of their own: My roles opens on Eligible.
#[leptos::wasm_split::wasm_split(my_active, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn active_tab(
    rows: Vec<MyRole>,
    now: RwSignal<chrono::DateTime<Utc>>,
    done: Callback<String>,
) -> Chunk {
    Ok(untrack(|| active(rows, now, done).into_any()))
}

#[leptos::wasm_split::wasm_split(my_expired, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn expired_tab(
    requests: Vec<serde_json::Value>,
    eligible: Vec<MyRole>,
    done: Callback<String>,
) -> Chunk {
    Ok(untrack(|| {
        match super::data::expired(requests, &eligible, crate::clock::service_now()) {
            Ok(rows) => expired(rows, done).into_any(),
            Err(error) => view! { <ErrorBar error /> }.into_any(),
        }
    }))
}

fn active(
    rows: Vec<MyRole>,
    now: RwSignal<chrono::DateTime<Utc>>,
    done: Callback<String>,
) -> impl IntoView {
    // Membership PIM has added shows in directory reads a little later: each activated
    // membership is checked until it is in effect (ownership has no such check in Graph).
    let checked: Vec<String> = rows
        .iter()
        .filter(|r| r.activated && r.access == AccessId::Member)
        .map(|r| r.group_id.clone())
        .collect();
    let any_checked = !checked.is_empty();
    let tracker = track(checked);
    let row = move |r: MyRole| {
        let end = r.end;
        let left = move || {
            end.map(|e| time_left(e, now.get()))
                .unwrap_or_else(|| "Permanent".into())
        };
        let soon =
            end.is_some_and(|e| e - crate::clock::service_now() <= chrono::Duration::days(14));
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
                <td>{if r.activated { "Activated" } else { "Assigned" }}
                    {(r.activated && r.access == AccessId::Member).then(|| view! {
                        <br /><EffectCell group=r.group_id.clone() name=r.group_name.clone() tracker />
                    })}</td>
                <td>{r.end.map(local).unwrap_or_else(|| "Permanent".into())}</td>
                <td><span role="timer" aria-label=format!("Time left: {}", r.group_name)>{left}</span></td>
                <td>{action.map(|a| view! { <RoleAction role=r.clone() action=a done /> })}</td>
            </tr>
        }
    };
    view! {
        <DataTable caption="Active assignments" headers=vec!["Group", "Role", "State", "End time", "Time left", "Action"]
            rows=Signal::stored(rows) key=|r: &MyRole| (r.key(), r.end) row empty="No active group role. Activate one from Eligible assignments." />
        {any_checked.then(|| view! { <p class="pim-muted">{crate::domain::in_effect::LAG_NOTE}</p> })}
    }
}

fn expired(rows: Vec<MyRole>, done: Callback<String>) -> impl IntoView {
    let row = move |r: MyRole| {
        view! {
            <tr>
                <td>{r.group_name.clone()}</td><td>{r.role()}</td>
                <td>{r.end.map(local).unwrap_or_default()}</td>
                <td><RoleAction role=r.clone() action=ScheduleRequestAction::SelfRenew done /></td>
            </tr>
        }
    };
    view! {
        <DataTable caption="Expired assignments" headers=vec!["Group", "Role", "Ended", "Action"]
            rows=Signal::stored(rows) key=|r: &MyRole| (r.key(), r.end) row empty="Nothing expired in the last 30 days." />
    }
}
