//! The Edit role settings editor: tabs Activation, Assignment and Notification, checked before
//! Update, which sends only the rules that changed and says what changed.

use super::edit_meanwhile::Meanwhile;
use super::edit_tabs::{ActivationTab, AssignmentTab, NotificationTab};
use super::settings_data::Loaded;
use crate::client::{use_graph, Graph};
use crate::components::command_bar::CommandBar;
use crate::components::draft::{discard_draft, use_draft_of};
use crate::components::error_bar::ErrorBar;
use crate::components::submit::use_submit;
use crate::components::tabs::{use_tab, Tab, Tabs};
use crate::domain::approvers;
use crate::domain::settings::{patch, Approver, RoleSettings};
use crate::domain::settings_merge::{conflicts, merged, settle, Conflict};
use crate::domain::validate::{validate, Severity};
use crate::graph::conditional_access::list_policies;
use crate::graph::error::GraphError;
use crate::graph::model::{
    ConditionalAccessPolicy, Page, PolicyRule, UnifiedRoleManagementPolicyAssignment,
};
use crate::graph::policies::{role_policy, update_role_management_policy};
use crate::pages::GroupRole;
use leptos::prelude::*;
use serde_json::json;

/// What an Update came to: the rules sent, or settings someone else changed meanwhile.
#[derive(Clone)]
pub(super) enum Outcome {
    Sent(Vec<String>),
    Asked(RoleSettings, Vec<Conflict>),
}

/// Re-reads the policy (its id may have changed since the page loaded, and another admin may have
/// changed it), lays this user's changes over it, and patches what that changes.
pub(super) async fn update(
    graph: Graph,
    group: String,
    role: GroupRole,
    (base, mine): (Option<RoleSettings>, RoleSettings),
) -> Result<Outcome, GraphError> {
    let req = role_policy(&group, role.slug());
    let page: Page<UnifiedRoleManagementPolicyAssignment> = graph.call(&req).await?;
    let policy = crate::graph::policies::the_policy(page)?;
    let theirs = RoleSettings::from_rules(&policy.rules);
    // No base (an import or a copy): the policy is to become `mine`, whatever it holds now.
    let base = base.unwrap_or_else(|| theirs.clone());
    if !conflicts(&base, &mine, &theirs, &|_| String::new()).is_empty() {
        // Both values are shown by name: another admin's approver may be new to this page.
        let mut people = theirs.activation.approvers.clone();
        people.extend(mine.activation.approvers.iter().cloned());
        let answers = graph.each(approvers::lookups(&people)).await;
        let names = approvers::names(&people, answers);
        let name = |a: &Approver| {
            let (Approver::User(id) | Approver::Group(id)) = a;
            names.of(id)
        };
        let found = conflicts(&base, &mine, &theirs, &name);
        return Ok(Outcome::Asked(theirs, found));
    }
    let target = merged(&base, &mine, &theirs);
    let changed: Vec<PolicyRule> = patch(&policy.rules, &target);
    if changed.is_empty() {
        return Ok(Outcome::Sent(vec![]));
    }
    let ids = changed.iter().map(|r| r.id().to_owned()).collect();
    let body = json!({"rules": changed});
    match graph
        .send(&update_role_management_policy(&policy.id, body), None)
        .await
    {
        Ok(_) => Ok(Outcome::Sent(ids)),
        // The answer was lost: the policy is read again, and holds the settings or not.
        Err(lost) if lost.outcome_unknown => {
            let again: Result<Page<UnifiedRoleManagementPolicyAssignment>, _> =
                graph.call(&req).await;
            match again.and_then(crate::graph::policies::the_policy) {
                Ok(now) if patch(&now.rules, &target).is_empty() => Ok(Outcome::Sent(ids)),
                Ok(_) => Err(crate::domain::readback::not_recorded(lost)),
                Err(_) => Err(lost),
            }
        }
        Err(e) => Err(e),
    }
}

/// Makes the role's policy hold `settings` (an import, a copy); the rule ids sent.
pub(super) async fn set_to(
    graph: Graph,
    group: String,
    role: GroupRole,
    settings: RoleSettings,
) -> Result<Vec<String>, GraphError> {
    match update(graph, group, role, (None, settings)).await? {
        Outcome::Sent(ids) => Ok(ids),
        // Without a base nothing can conflict: every setting is taken from `settings`.
        Outcome::Asked(..) => Ok(vec![]),
    }
}

/// Edits one role's settings; `on_close` gets a summary after an update, `None` on Cancel.
const TABS: &[Tab] = &[
    Tab {
        key: "activation",
        label: "Activation",
    },
    Tab {
        key: "assignment",
        label: "Assignment",
    },
    Tab {
        key: "notification",
        label: "Notification",
    },
];

/// The key the editor's draft is kept under.
pub fn draft_key(group: &str, role: GroupRole) -> String {
    format!("settings.{group}.{}", role.slug())
}

#[component]
pub fn SettingsEditor(
    /// The group.
    group_id: String,
    /// Member or Owner.
    role: GroupRole,
    /// The settings as read.
    loaded: Loaded,
    /// Called when done.
    on_close: Callback<Option<String>>,
) -> impl IntoView {
    let graph = use_graph();
    // The settings the edits started from, kept with the draft: Update sends only what this user
    // changed from them, so a change made meanwhile by someone else is never set back.
    let base = RwSignal::new(loaded.settings.clone());
    let draft = RwSignal::new(loaded.settings.clone());
    let key = draft_key(&group_id, role);
    use_draft_of(
        key.clone(),
        move || (base.get(), draft.get()),
        move |(b, d)| {
            base.set(b);
            draft.set(d);
        },
    );
    let theirs = RwSignal::new(None::<RoleSettings>);
    let asked = RwSignal::new(Vec::<Conflict>::new());
    let choices: super::edit_meanwhile::Choices = RwSignal::new(Default::default());
    let unsettled = RwSignal::new(false);
    let tab = use_tab("edit", TABS);
    let g = graph.clone();
    let policies = LocalResource::new(move || {
        let g = g.clone();
        async move {
            g.call_all::<ConditionalAccessPolicy>(&list_policies())
                .await
        }
    });
    // Policies that could not be read are said so, and nothing is claimed about them.
    let issues = Memo::new(move |_| {
        let ca = policies.get().and_then(|r| r.ok());
        draft.with(|d| validate(d, ca.as_deref()))
    });
    let tried = RwSignal::new(false);
    let k2 = key.clone();
    let save = use_submit(
        move |d: (Option<RoleSettings>, RoleSettings)| {
            update(graph.clone(), group_id.clone(), role, d)
        },
        move |outcome: Outcome| {
            let ids = match outcome {
                Outcome::Sent(ids) => ids,
                Outcome::Asked(now, found) => {
                    theirs.set(Some(now));
                    choices.set(Default::default());
                    asked.set(found);
                    return;
                }
            };
            discard_draft(&k2);
            let summary = if ids.is_empty() {
                "Nothing changed.".to_owned()
            } else {
                format!("Updated: {}.", ids.join(", "))
            };
            on_close.run(Some(summary));
        },
    );
    let submit = move |_| {
        tried.set(true);
        let blocking = issues.with_untracked(|i| i.iter().any(|e| e.severity == Severity::Error));
        if blocking {
            return;
        }
        // Each setting changed meanwhile is settled as chosen; one not chosen yet holds it all.
        let found = asked.get_untracked();
        let chosen = choices.get_untracked();
        if found.iter().any(|c| !chosen.contains_key(&c.field)) {
            unsettled.set(true);
            return;
        }
        unsettled.set(false);
        if let Some(now) = theirs.get_untracked() {
            for c in &found {
                base.update(|b| draft.update(|d| settle(b, d, &now, c.field, chosen[&c.field])));
            }
        }
        asked.set(vec![]);
        save.submit((Some(base.get_untracked()), draft.get_untracked()));
    };
    let cancel = move |_| {
        discard_draft(&key);
        on_close.run(None);
    };
    let contexts = loaded.contexts.clone();
    let admins = loaded.admins.clone();
    let names: Vec<(String, String)> = loaded.approver_names.0.clone().into_iter().collect();
    view! {
        <div class="pim-editor">
            <Tabs param="edit" tabs=TABS label="Role settings" selected=tab>
                {
                    let (contexts, names, admins) = (contexts.clone(), names.clone(), admins.clone());
                    move || match tab.get() {
                        "assignment" => view! { <AssignmentTab draft /> }.into_any(),
                        "notification" => view! { <NotificationTab draft admins=admins.clone() names=names.clone() /> }.into_any(),
                        _ => view! { <ActivationTab draft contexts=contexts.clone() names=names.clone() /> }.into_any(),
                    }
                }
            </Tabs>
            {move || policies.get().and_then(|r| r.err()).map(|error| view! {
                <p class="pim-issues__warning">"Conditional Access policies could not be read, so whether one enforces the chosen authentication context is not checked."</p>
                <ErrorBar error />
            })}
            <ul class="pim-issues" aria-live="polite">
                <For each=move || { let all = tried.get(); issues.get().into_iter().filter(move |e| all || e.severity != Severity::Error) }
                    key=|e| (e.field, e.message.clone()) children=|e| {
                    let class = if e.severity == Severity::Error { "pim-issues__error" } else { "pim-issues__warning" };
                    view! { <li class=class role=if e.severity == Severity::Error { "alert" } else { "status" }>{format!("{}: {}", e.field, e.message)}</li> }
                } />
            </ul>
            <Meanwhile conflicts=asked choices unsettled />
            {save.error_bar()}
            <CommandBar label="Editor commands">
                <button class="pim-button pim-button--primary" type="button" disabled=move || save.pending().get()
                    aria-busy=move || save.pending().get().to_string() on:click=submit>"Update"</button>
                " "
                <button class="pim-button" type="button" on:click=cancel>"Cancel"</button>
            </CommandBar>
        </div>
    }
}
