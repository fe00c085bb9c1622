//! `/groups/ID/settings/member|owner`: every setting of one role, read from the group's policy.

use crate::client::use_graph;
use crate::components::command_bar::CommandBar;
use crate::components::draft::use_draft;
use crate::components::loaded::Loaded as Load;
use crate::domain::other_rules::describe;
use crate::domain::settings::{Approver, OnActivation};
use crate::domain::wording::{duration, yes_no};
use crate::pages::GroupRole;
use leptos::prelude::*;

use super::settings_data::load;
pub use super::settings_data::Loaded;

/// The settings of one role: read-only, with Edit opening the three-tab editor.
#[component]
pub fn RoleSettingsView(
    /// The group.
    #[prop(into)]
    group_id: Signal<String>,
    /// Member or Owner.
    role: GroupRole,
) -> impl IntoView {
    let graph = use_graph();
    let version = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        version.track();
        load(graph.clone(), group_id.get(), role)
    });
    // Editing survives a sign-in redirect, and the editor its draft.
    let editing = RwSignal::new(false);
    use_draft(
        format!(
            "{}.open",
            super::edit::draft_key(&group_id.get_untracked(), role)
        ),
        editing,
    );
    let outcome = RwSignal::new(None::<String>);
    // "Updated" is said once the settings have been read again, so what it sits above is true.
    let said = RwSignal::new(None::<String>);
    let close = Callback::new(move |result: Option<String>| {
        editing.set(false);
        if let Some(message) = result {
            said.set(Some(message));
            version.update(|v| *v += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = loaded.get() {
            if let Some(message) = said.get_untracked() {
                said.set(None);
                outcome.set(Some(message));
            }
        }
    });
    view! {
        <Load resource=loaded loading="Loading the role settings…" let:l>
            {if editing.get() {
                view! { <super::edit::SettingsEditor group_id=group_id.get_untracked() role loaded=l on_close=close /> }.into_any()
            } else {
                view! {
                    <CommandBar label="Settings commands">
                        <button class="pim-button" type="button" on:click=move |_| { outcome.set(None); editing.set(true); }>"Edit"</button>
                    </CommandBar>
                    <p role="status">{move || outcome.get()}</p>
                    <SettingsList loaded=l />
                }.into_any()
            }}
        </Load>
    }
}

fn row(term: &'static str, value: String) -> impl IntoView {
    view! { <div class="pim-settings__row"><dt>{term}</dt><dd>{value}</dd></div> }
}

#[component]
fn SettingsList(loaded: Loaded) -> impl IntoView {
    let Loaded {
        settings: s,
        contexts,
        approver_names,
        admins,
        other_rules,
    } = loaded;
    let a = &s.activation;
    let require = match &a.require {
        OnActivation::None => "None".to_owned(),
        OnActivation::Mfa => "Azure MFA".to_owned(),
        OnActivation::AuthContext(c) => {
            let name = contexts
                .iter()
                .find(|x| &x.id == c)
                .and_then(|x| x.display_name.clone())
                .unwrap_or_else(|| c.clone());
            format!("Microsoft Entra Conditional Access authentication context: {name} ({c})")
        }
    };
    let approver_list: Vec<String> = a
        .approvers
        .iter()
        .map(|ap| match ap {
            Approver::User(id) => approver_names.of(id),
            Approver::Group(id) => format!("Members of {}", approver_names.of(id)),
        })
        .collect();
    let approvers = approver_list.join(", ");
    let expiry = |m: Option<u32>| m.map_or("Never (permanent allowed)".to_owned(), duration);
    view! {
        <h2>"Activation"</h2>
        <dl class="pim-settings">
            {row("Activation maximum duration (hours)", duration(a.max_minutes))}
            {row("On activation, require", require)}
            {row("Require justification on activation", yes_no(a.justification).into())}
            {row("Require ticket information on activation", yes_no(a.ticket).into())}
            {row("Require approval to activate", yes_no(a.approval).into())}
            {a.approval.then(|| row("Approvers", if approvers.is_empty() { "None selected".into() } else { approvers }))}
        </dl>
        <h2>"Assignment"</h2>
        <dl class="pim-settings">
            {row("Allow permanent eligible assignment", yes_no(s.assignment.eligible_max_minutes.is_none()).into())}
            {row("Expire eligible assignments after", expiry(s.assignment.eligible_max_minutes))}
            {row("Allow permanent active assignment", yes_no(s.assignment.active_max_minutes.is_none()).into())}
            {row("Expire active assignments after", expiry(s.assignment.active_max_minutes))}
            {row("Require Azure Multi-Factor Authentication on active assignment", yes_no(s.assignment.mfa_on_active).into())}
            {row("Require justification on active assignment", yes_no(s.assignment.justification_on_active).into())}
        </dl>
        <h2>"Notification"</h2>
        <NotificationTable notifications=s.notifications admins approvers=approver_list />
        {(!other_rules.is_empty()).then(|| view! {
            <h2>"Other rules"</h2>
            <p>"This policy has rules this app does not edit (a custom extension, or a type added to Graph later). Edit leaves them exactly as they are."</p>
            <ul class="pim-list" aria-label="Other rules">
                {other_rules.into_iter().map(|r| view! { <li>{describe(&r.odata_type, &r.id, &r.raw)}</li> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn NotificationTable(
    notifications: Vec<crate::domain::settings::NotificationSetting>,
    admins: Result<Vec<String>, String>,
    approvers: Vec<String>,
) -> impl IntoView {
    use crate::domain::wording::{NOTIFICATION_ROWS as ROWS, NOTIFICATION_SECTIONS as SECTIONS};
    SECTIONS.iter().enumerate().map(|(section, caption)| {
        let rows = (0..3).map(|r| {
            let n = notifications[section * 3 + r].clone();
            view! {
                <tr>
                    <th scope="row">{ROWS[section][r]}</th>
                    <td>{yes_no(n.default_recipients)}</td>
                    <td>{if n.additional.is_empty() { "None".to_owned() } else { n.additional.join("; ") }}</td>
                    <td>{yes_no(n.critical_only)}</td>
                    <td>{crate::domain::recipients::who(section, r, &n, Some(&admins), &approvers)}</td>
                </tr>
            }
        }).collect_view();
        view! {
            <div class="pim-table-scroll" role="region" aria-label=*caption tabindex="0">
            <table class="pim-table">
                <caption>{*caption}</caption>
                <thead><tr><th scope="col">"Type"</th><th scope="col">"Default recipients"</th><th scope="col">"Additional recipients"</th><th scope="col">"Critical emails only"</th><th scope="col">"Who receives it"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        }
    }).collect_view()
}
