//! The three tabs of the role settings editor, each editing its part of the draft.

use crate::components::people_picker::{PeoplePicker, Picked};
use crate::domain::settings::{Approver, OnActivation, RoleSettings, NOTIFICATION_RULES};
use crate::graph::model::AuthenticationContextClassReference;
use leptos::prelude::*;

fn checkbox(
    label: &'static str,
    checked: impl Fn(&RoleSettings) -> bool + Send + Sync + 'static,
    set: impl Fn(&mut RoleSettings, bool) + Send + Sync + Copy + 'static,
    draft: RwSignal<RoleSettings>,
) -> impl IntoView {
    view! {
        <label class="pim-check">
            <input type="checkbox" prop:checked=move || draft.with(&checked) on:change=move |e| { let on = event_target_checked(&e); draft.update(|d| set(d, on)); } />
            {label}
        </label>
    }
}

/// Activation: duration, what to require, justification, ticket, approval and approvers.
#[component]
pub fn ActivationTab(
    draft: RwSignal<RoleSettings>,
    contexts: Vec<AuthenticationContextClassReference>,
    names: Vec<(String, String)>,
) -> impl IntoView {
    let picked_names = RwSignal::new(names);
    let kind = move || {
        draft.with(|d| match d.activation.require {
            OnActivation::None => "none",
            OnActivation::Mfa => "mfa",
            OnActivation::AuthContext(_) => "context",
        })
    };
    let first_context = contexts
        .iter()
        .find(|c| c.is_available != Some(false))
        .map(|c| c.id.clone())
        .unwrap_or_else(|| "c1".into());
    let set_kind = move |k: &str| {
        let c = first_context.clone();
        draft.update(|d| {
            // An explicit choice settles a policy that held both MFA and a context.
            d.conflicting_requirements = false;
            d.activation.require = match k {
                "mfa" => OnActivation::Mfa,
                "context" => match &d.activation.require {
                    OnActivation::AuthContext(x) => OnActivation::AuthContext(x.clone()),
                    _ => OnActivation::AuthContext(c),
                },
                _ => OnActivation::None,
            }
        });
    };
    let radio = move |value: &'static str, label: &'static str| {
        let set_kind = set_kind.clone();
        view! { <label class="pim-check"><input type="radio" name="on-activation" value=value prop:checked=move || kind() == value on:change=move |_| set_kind(value) />{label}</label> }
    };
    let options: Vec<(String, String)> = contexts
        .into_iter()
        .filter(|c| c.is_available != Some(false))
        .map(|c| (c.id.clone(), c.display_name.unwrap_or(c.id)))
        .collect();
    // Built each time the select shows: a view is not Clone once components are type-erased.
    let options = move || {
        options
            .clone()
            .into_iter()
            .map(|(id, name)| {
                let value = id.clone();
                let selected = move || {
                    draft.with(|d| d.activation.require == OnActivation::AuthContext(id.clone()))
                };
                view! { <option value=value selected=selected>{name}</option> }
            })
            .collect_view()
    };
    let add = Callback::new(move |p: Picked| {
        picked_names.update(|n| n.push((p.id.clone(), p.name.clone())));
        draft.update(|d| {
            let a = if p.is_group {
                Approver::Group(p.id)
            } else {
                Approver::User(p.id)
            };
            if !d.activation.approvers.contains(&a) {
                d.activation.approvers.push(a);
            }
        });
    });
    view! {
        <div class="pim-field">
            <label for="max-hours">"Activation maximum duration (hours)"</label>
            <input id="max-hours" type="number" min="0.5" max="24" step="0.5" prop:value=move || draft.with(|d| crate::domain::stamp::hours_text(d.activation.max_minutes))
                on:change=move |e| { if let Ok(h) = event_target_value(&e).parse::<f64>() { draft.update(|d| d.activation.max_minutes = (h * 60.0).round().max(0.0) as u32) } } />
        </div>
        <fieldset class="pim-field">
            <legend>"On activation, require"</legend>
            {radio("none", "None")}
            {radio("mfa", "Azure MFA")}
            {radio("context", "Microsoft Entra Conditional Access authentication context")}
            <Show when=move || kind() == "context">
                <label for="auth-context">"Authentication context"</label>
                <select id="auth-context" on:change=move |e| { let v = event_target_value(&e); draft.update(|d| d.activation.require = OnActivation::AuthContext(v)); }>{options()}</select>
            </Show>
        </fieldset>
        {checkbox("Require justification on activation", |d| d.activation.justification, |d, v| d.activation.justification = v, draft)}
        {checkbox("Require ticket information on activation", |d| d.activation.ticket, |d, v| d.activation.ticket = v, draft)}
        {checkbox("Require approval to activate", |d| d.activation.approval, |d, v| d.activation.approval = v, draft)}
        <Show when=move || draft.with(|d| d.activation.approval)>
            <PeoplePicker label="Select approver(s)" on_pick=add />
            <ul class="pim-chosen" aria-label="Approvers">
                <For each=move || draft.with(|d| d.activation.approvers.clone()) key=|a| match a { Approver::User(i) | Approver::Group(i) => i.clone() } children=move |a| {
                    let id = match &a { Approver::User(i) | Approver::Group(i) => i.clone() };
                    let name = picked_names.with(|n| n.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone())).unwrap_or(id);
                    let remove = a.clone();
                    view! { <li>{name.clone()} " " <button type="button" class="pim-button" aria-label=format!("Remove {name}") on:click=move |_| draft.update(|d| d.activation.approvers.retain(|x| *x != remove))>"Remove"</button></li> }
                } />
            </ul>
        </Show>
    }
}

const EXPIRY_CHOICES: [(u32, &str); 5] = [
    (15, "15 days"),
    (30, "1 month"),
    (90, "3 months"),
    (180, "6 months"),
    (365, "1 year"),
];

fn expiry(
    label: &'static str,
    permanent_label: &'static str,
    get: fn(&RoleSettings) -> Option<u32>,
    set: fn(&mut RoleSettings, Option<u32>),
    draft: RwSignal<RoleSettings>,
) -> impl IntoView {
    let id = label.to_lowercase().replace(' ', "-");
    let options = EXPIRY_CHOICES
        .iter()
        .map(|(days, text)| {
            let selected = move || draft.with(|d| get(d) == Some(days * 1440));
            view! { <option value=days.to_string() selected=selected>{*text}</option> }
        })
        .collect_view();
    view! {
        <label class="pim-check">
            <input type="checkbox" prop:checked=move || draft.with(|d| get(d).is_none()) on:change=move |e| { let permanent = event_target_checked(&e); draft.update(|d| set(d, if permanent { None } else { Some(365 * 1440) })); } />
            {permanent_label}
        </label>
        <div class="pim-field">
            <label for=id.clone()>{label}</label>
            <select id=id disabled=move || draft.with(|d| get(d).is_none()) on:change=move |e| { if let Ok(days) = event_target_value(&e).parse::<u32>() { draft.update(|d| set(d, Some(days * 1440))) } }>{options}</select>
        </div>
    }
}

/// Assignment: permanent or time-limited eligible and active assignments, and their checks.
#[component]
pub fn AssignmentTab(draft: RwSignal<RoleSettings>) -> impl IntoView {
    view! {
        {expiry("Expire eligible assignments after", "Allow permanent eligible assignment", |d| d.assignment.eligible_max_minutes, |d, v| d.assignment.eligible_max_minutes = v, draft)}
        {expiry("Expire active assignments after", "Allow permanent active assignment", |d| d.assignment.active_max_minutes, |d, v| d.assignment.active_max_minutes = v, draft)}
        {checkbox("Require Azure Multi-Factor Authentication on active assignment", |d| d.assignment.mfa_on_active, |d, v| d.assignment.mfa_on_active = v, draft)}
        {checkbox("Require justification on active assignment", |d| d.assignment.justification_on_active, |d, v| d.assignment.justification_on_active = v, draft)}
    }
}

/// Notification: the nine rows, each with default recipients, additional ones, critical only,
/// and who that means, by name, as the draft stands.
#[component]
pub fn NotificationTab(
    draft: RwSignal<RoleSettings>,
    /// The default administrator recipients, or why they couldn't be read.
    admins: Result<Vec<String>, String>,
    /// Names of people and groups by id (the approvers among them).
    names: Vec<(String, String)>,
) -> impl IntoView {
    use crate::domain::wording::{NOTIFICATION_ROWS as ROWS, NOTIFICATION_SECTIONS as SECTIONS};
    let approvers = move || {
        draft.with(|d| {
            d.activation
                .approvers
                .iter()
                .map(|a| {
                    let (Approver::User(id) | Approver::Group(id)) = a;
                    names
                        .iter()
                        .find(|(i, _)| i == id)
                        .map_or_else(|| id.clone(), |(_, n)| n.clone())
                })
                .collect::<Vec<_>>()
        })
    };
    (0..3).map(|s| {
        let (admins, approvers) = (admins.clone(), approvers.clone());
        let rows = (0..3).map(|r| {
            let i = s * 3 + r;
            let label = ROWS[s][r];
            let (admins, approvers) = (admins.clone(), approvers.clone());
            let who = move || draft.with(|d| crate::domain::recipients::who(s, r, &d.notifications[i], Some(&admins), &approvers()));
            view! {
                <tr data-rule=NOTIFICATION_RULES[i]>
                    <th scope="row">{label}</th>
                    <td><input type="checkbox" aria-label=format!("Default recipients: {label}") prop:checked=move || draft.with(|d| d.notifications[i].default_recipients) on:change=move |e| { let v = event_target_checked(&e); draft.update(|d| d.notifications[i].default_recipients = v); } /></td>
                    <td><input type="text" aria-label=format!("Additional recipients: {label}") prop:value=move || draft.with(|d| d.notifications[i].additional.join("; "))
                        on:change=move |e| { let v = event_target_value(&e); draft.update(|d| d.notifications[i].additional = v.split([';', ',']).map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect()); } /></td>
                    <td><input type="checkbox" aria-label=format!("Critical emails only: {label}") prop:checked=move || draft.with(|d| d.notifications[i].critical_only) on:change=move |e| { let v = event_target_checked(&e); draft.update(|d| d.notifications[i].critical_only = v); } /></td>
                    <td>{who}</td>
                </tr>
            }
        }).collect_view();
        view! {
            <div class="pim-table-scroll" role="region" aria-label=SECTIONS[s] tabindex="0">
            <table class="pim-table">
                <caption>{SECTIONS[s]}</caption>
                <thead><tr><th scope="col">"Type"</th><th scope="col">"Default recipients"</th><th scope="col">"Additional recipients"</th><th scope="col">"Critical emails only"</th><th scope="col">"Who receives it"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        }
    }).collect_view()
}
