//! The Edit role settings editor: tabs Activation, Assignment and Notification, checked before
//! Update, which sends only the rules that changed and says what changed.

use super::edit_tabs::{ActivationTab, AssignmentTab, NotificationTab};
use super::settings::Loaded;
use crate::auth::session::Graph;
use crate::components::error_bar::ErrorBar;
use crate::domain::settings::{patch, RoleSettings};
use crate::domain::validate::{validate, Severity};
use crate::graph::conditional_access::list_policies;
use crate::graph::error::GraphError;
use crate::graph::model::{
    ConditionalAccessPolicy, Page, PolicyRule, UnifiedRoleManagementPolicyAssignment,
};
use crate::graph::policies::{role_policy, update_role_management_policy};
use crate::routes::GroupRole;
use leptos::prelude::*;
use serde_json::json;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Activation,
    Assignment,
    Notification,
}

/// Re-reads the policy (its id may have changed since the page loaded), patches what changed.
async fn update(
    graph: Graph,
    group: String,
    role: GroupRole,
    draft: RoleSettings,
) -> Result<Vec<String>, GraphError> {
    let req = role_policy(&group, role.slug());
    let page: Page<UnifiedRoleManagementPolicyAssignment> = graph.get(&req).await?;
    let policy = page
        .value
        .into_iter()
        .next()
        .and_then(|a| a.policy)
        .ok_or_else(|| GraphError::transport("the group has no role management policy", "-"))?;
    let changed: Vec<PolicyRule> = patch(&policy.rules, &draft);
    if changed.is_empty() {
        return Ok(vec![]);
    }
    let ids = changed.iter().map(|r| r.id().to_owned()).collect();
    let body = json!({"rules": changed});
    graph
        .send(&update_role_management_policy(&policy.id, body), None)
        .await?;
    Ok(ids)
}

/// Edits one role's settings; `on_close` gets a summary after an update, `None` on Cancel.
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
    let graph = expect_context::<Graph>();
    let draft = RwSignal::new(loaded.settings.clone());
    let tab = RwSignal::new(Tab::Activation);
    let g = graph.clone();
    let policies = LocalResource::new(move || {
        let g = g.clone();
        async move { g.get_all::<ConditionalAccessPolicy>(&list_policies()).await }
    });
    let issues = Memo::new(move |_| {
        let ca = policies.get().and_then(|r| r.ok()).unwrap_or_default();
        draft.with(|d| validate(d, &ca))
    });
    let tried = RwSignal::new(false);
    let save = Action::new_local(move |d: &RoleSettings| {
        update(graph.clone(), group_id.clone(), role, d.clone())
    });
    Effect::new(move |_| {
        if let Some(Ok(ids)) = save.value().get() {
            let summary = if ids.is_empty() {
                "Nothing changed.".to_owned()
            } else {
                format!("Updated: {}.", ids.join(", "))
            };
            on_close.run(Some(summary));
        }
    });
    let submit = move |_| {
        tried.set(true);
        let blocking = issues.with_untracked(|i| i.iter().any(|e| e.severity == Severity::Error));
        if !blocking && !save.pending().get_untracked() {
            save.dispatch(draft.get_untracked());
        }
    };
    let tab_button = move |t: Tab, label: &'static str| {
        view! {
            <button type="button" role="tab" class="pim-tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| tab.set(t)>{label}</button>
        }
    };
    let contexts = loaded.contexts.clone();
    let names: Vec<(String, String)> = loaded.approver_names.0.clone().into_iter().collect();
    view! {
        <div class="pim-editor">
            <div role="tablist" aria-label="Role settings" class="pim-tabs">
                {tab_button(Tab::Activation, "Activation")}
                {tab_button(Tab::Assignment, "Assignment")}
                {tab_button(Tab::Notification, "Notification")}
            </div>
            <div role="tabpanel" class="pim-tabpanel">
                {move || match tab.get() {
                    Tab::Activation => view! { <ActivationTab draft contexts=contexts.clone() names=names.clone() /> }.into_any(),
                    Tab::Assignment => view! { <AssignmentTab draft /> }.into_any(),
                    Tab::Notification => view! { <NotificationTab draft /> }.into_any(),
                }}
            </div>
            <ul class="pim-issues" aria-live="polite">
                {move || issues.get().into_iter().filter(|e| tried.get() || e.severity == Severity::Warning).map(|e| {
                    let class = if e.severity == Severity::Error { "pim-issues__error" } else { "pim-issues__warning" };
                    view! { <li class=class role=if e.severity == Severity::Error { "alert" } else { "status" }>{format!("{}: {}", e.field, e.message)}</li> }
                }).collect_view()}
            </ul>
            {move || save.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            <div class="pim-commandbar">
                <button class="pim-button pim-button--primary" type="button" disabled=move || save.pending().get() on:click=submit>
                    {move || if save.pending().get() { "Updating…" } else { "Update" }}
                </button>
                " "
                <button class="pim-button" type="button" on:click=move |_| on_close.run(None)>"Cancel"</button>
            </div>
        </div>
    }
}
