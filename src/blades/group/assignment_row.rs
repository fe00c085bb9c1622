//! One assignment's actions: Update (type or dates), Remove (not within 5 minutes of creation),
//! Extend (ending within 14 days) and Renew (expired within 30 days), each checked against the
//! role's settings before it is sent.

use super::assign_send::send_row as send;
use super::package_note::PackageNote;
use super::schedule_draft::{max_note, settings_of, ScheduleDraft};
use crate::client::{use_graph, Graph};
use crate::components::context_pane::ContextPane;
use crate::components::datetime::to_input;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::error_bar::ErrorBar;
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::assign_form::{permanent_label, request, AssignForm};
use crate::domain::assignments::{can_extend, can_renew, removal_blocked, Kind, Row};
use crate::domain::owners::{last_owner, last_owner_warning};
use crate::domain::settings::RoleSettings;
use crate::graph::error::GraphError;
use crate::graph::model::{AccessId, NewScheduleRequest, ScheduleRequestAction};
use crate::graph::policies::role_policy;
use chrono::Duration;
use leptos::prelude::*;

fn remove_body(row: &Row, group: &str) -> NewScheduleRequest {
    NewScheduleRequest {
        access_id: row.access,
        principal_id: row.principal_id.clone(),
        group_id: group.to_owned(),
        action: ScheduleRequestAction::AdminRemove,
        schedule_info: None,
        justification: None,
        ticket_info: None,
    }
}

async fn role_settings(
    graph: &Graph,
    group: &str,
    access: AccessId,
) -> Result<RoleSettings, GraphError> {
    settings_of(graph.call(&role_policy(group, access.as_str())).await?)
}

/// Which pane of the row is open; kept across a sign-in redirect with what it holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
enum Open {
    #[default]
    None,
    Edit(ScheduleRequestAction),
    ConfirmRemove,
}

/// The action buttons of one row, and the small form each opens.
#[component]
pub fn RowActions(
    row: Row,
    name: String,
    group: String,
    done: Callback<()>,
    /// The group's owners now, or why they couldn't be read.
    owners: Result<Vec<String>, GraphError>,
) -> impl IntoView {
    let graph = use_graph();
    let open = RwSignal::new(Open::None);
    let key = format!(
        "row.{group}.{}.{}.{:?}",
        row.principal_id,
        row.access.as_str(),
        row.kind
    );
    use_draft(format!("{key}.open"), open);
    let blocked = RwSignal::new(None::<String>);
    let now = crate::clock::service_now();
    let expired = row.state == "Expired";
    // Activations belong to their users: they deactivate them, admins don't edit them.
    let activated = row.state == "Activated";
    let (r, g, gr) = (row.clone(), group.clone(), graph.clone());
    let remove = use_submit(
        move |_: ()| {
            let (graph, body, kind) = (gr.clone(), remove_body(&r, &g), r.kind);
            async move { send(&graph, kind, &body).await }
        },
        move |_| {
            open.set(Open::None);
            done.run(());
        },
    );
    let close = Callback::new(move |_| open.set(Open::None));
    // Before an owner is removed: is it the last one (or can't that be known)?
    let owner_note = match &owners {
        Ok(o) if last_owner(&row, o) => Some(last_owner_warning(&name)),
        Err(e) if row.access == AccessId::Owner && row.kind == Kind::Active => {
            Some(crate::domain::wording::unreadable(
                "the group's owners, so it can't be said whether this is the last one",
                e,
            ))
        }
        _ => None,
    };
    let created = row.created;
    let ask_remove = move |_| match removal_blocked(created, crate::clock::service_now()) {
        Some(reason) => blocked.set(Some(reason)),
        None => {
            blocked.set(None);
            open.set(Open::ConfirmRemove);
        }
    };
    let button = |label: &'static str, action: ScheduleRequestAction| {
        view! { <button class="pim-button pim-button--small" type="button" aria-label=format!("{label} {name}") on:click=move |_| open.set(Open::Edit(action))>{label}</button> }
    };
    view! {
        <div class="pim-rowactions">
            {(!expired && !activated).then(|| button("Update", ScheduleRequestAction::AdminUpdate))}
            {(!expired && !activated).then(|| view! { <button class="pim-button pim-button--small" type="button" aria-label=format!("Remove {name}") on:click=ask_remove>"Remove"</button> })}
            {(can_extend(&row, now) && !activated).then(|| button("Extend", ScheduleRequestAction::AdminExtend))}
            {can_renew(&row, now).then(|| button("Renew", ScheduleRequestAction::AdminRenew))}
        </div>
        {move || blocked.get().map(|reason| view! { <p class="pim-field__error" role="alert">{reason}</p> })}
        {let (n, row_for_note, group_for_note) = (name.clone(), row.clone(), group.clone()); move || (open.get() == Open::ConfirmRemove).then(|| {
            let (title, text) = (format!("Remove {n}"), format!("Remove this assignment of {n}? It ends now."));
            let owner_note = owner_note.clone();
            let (row_for_note, group_for_note, who) = (row_for_note.clone(), group_for_note.clone(), n.clone());
            view! {
            <ContextPane title on_close=close>
                <p>{text}</p>
                {owner_note.map(|w| view! { <p class="pim-notice" role="note">{w}</p> })}
                {(row_for_note.kind == Kind::Eligible).then(|| view! { <PackageNote group=group_for_note row=row_for_note name=who /> })}
                {remove.error_bar()}
                <button class="pim-button pim-button--primary" type="button" disabled=move || remove.pending().get()
                    on:click=move |_| remove.submit(())>"Yes, remove"</button>
                " "
                <button class="pim-button" type="button" on:click=move |_| open.set(Open::None)>"Cancel"</button>
            </ContextPane>
        }})}
        {move || match open.get() {
            Open::Edit(action) => view! { <EditSchedule row=row.clone() name=name.clone() group=group.clone() action key=key.clone() close=Callback::new(move |changed: bool| { open.set(Open::None); if changed { done.run(()); } }) /> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// New dates (and, for Update, type) for one assignment.
#[component]
fn EditSchedule(
    row: Row,
    name: String,
    group: String,
    action: ScheduleRequestAction,
    /// The row's draft key.
    key: String,
    close: Callback<bool>,
) -> impl IntoView {
    let graph = use_graph();
    let (g, gr, access, note_group) = (group.clone(), graph.clone(), row.access, group.clone());
    let settings = LocalResource::new(move || {
        let (graph, group) = (gr.clone(), g.clone());
        async move { role_settings(&graph, &group, access).await }
    });
    let now = crate::clock::service_now();
    let start = match action {
        ScheduleRequestAction::AdminRenew => now,
        _ => row.start.unwrap_or(now),
    };
    let default_end = match (action, row.end) {
        (ScheduleRequestAction::AdminUpdate, Some(e)) => e,
        (ScheduleRequestAction::AdminExtend, Some(e)) => e + Duration::days(30),
        _ => now + Duration::days(30),
    };
    let draft = ScheduleDraft::new(
        row.kind,
        row.end.is_none() && action == ScheduleRequestAction::AdminUpdate,
        to_input(start),
        to_input(default_end),
    );
    let ScheduleDraft {
        kind,
        permanent,
        starts,
        ends,
        justification,
        ..
    } = draft;
    let draft_key = format!("{key}.{}", action.as_str());
    draft.keep(draft_key.clone());
    let label = match action {
        ScheduleRequestAction::AdminExtend => "Extend",
        ScheduleRequestAction::AdminRenew => "Renew",
        _ => "Update",
    };
    let original = row.clone();
    let (row_kind, created) = (row.kind, row.created);
    let save = use_submit(
        move |(form, kind): (AssignForm, Kind)| {
            let (graph, group, row) = (graph.clone(), group.clone(), original.clone());
            async move {
                if kind != row.kind {
                    // A new type is a new assignment; the old one goes once the new one exists.
                    send(
                        &graph,
                        kind,
                        &request(
                            &form,
                            &group,
                            &row.principal_id,
                            row.access,
                            ScheduleRequestAction::AdminAssign,
                        ),
                    )
                    .await?;
                    return send(&graph, row.kind, &remove_body(&row, &group)).await;
                }
                send(
                    &graph,
                    kind,
                    &request(&form, &group, &row.principal_id, row.access, action),
                )
                .await
            }
        },
        move |_| {
            discard_draft(&draft_key);
            close.run(true);
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(s)) = settings.get_untracked() else {
            return;
        };
        let form = draft.checked(&s.assignment);
        // A new type replaces the assignment, and the old one can't go within 5 minutes of its
        // creation: say so now rather than leave both behind.
        let blocked = (kind.get_untracked() != row_kind)
            .then(|| removal_blocked(created, crate::clock::service_now()))
            .flatten();
        if let Some(why) = blocked {
            draft.refuse("Assignment type", why);
            return;
        }
        if let Some(form) = form {
            save.submit((form, kind.get_untracked()));
        }
    };
    let err = move |field: &'static str| move || draft.error(field);
    view! {
        <ContextPane title=format!("{label} – {name}") on_close=Callback::new(move |_| close.run(false))>
        <form class="pim-form" on:submit=submit novalidate>
            {move || settings.get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            {(row.kind == Kind::Eligible).then(|| view! { <PackageNote group=note_group.clone() row=row.clone() name=name.clone() /> })}
            {(action == ScheduleRequestAction::AdminUpdate).then(|| view! {
                <div class="pim-field">
                    <label for="edit-kind">"Assignment type"</label>
                    <select id="edit-kind" aria-describedby="edit-kind-error" on:change=move |e| kind.set(if event_target_value(&e) == "active" { Kind::Active } else { Kind::Eligible })>
                        <option value="eligible" selected=row.kind == Kind::Eligible>"Eligible"</option>
                        <option value="active" selected=row.kind == Kind::Active>"Active"</option>
                    </select>
                    <span id="edit-kind-error" class="pim-field__error">{err("Assignment type")}</span>
                </div>
            })}
            <label class="pim-check">
                <input type="checkbox" prop:checked=permanent on:change=move |e| permanent.set(event_target_checked(&e)) />
                {move || permanent_label(kind.get())}
            </label>
            <span class="pim-field__error">{move || err(permanent_label(kind.get()))()}</span>
            <div class="pim-field">
                <label for="edit-starts">"Assignment starts"</label>
                <input id="edit-starts" type="datetime-local" prop:value=starts on:input=move |e| starts.set(event_target_value(&e)) />
            </div>
            <div class="pim-field">
                <label for="edit-ends">"Assignment ends"</label>
                <input id="edit-ends" type="datetime-local" disabled=permanent prop:value=ends on:input=move |e| ends.set(event_target_value(&e)) aria-describedby="edit-ends-error" />
                <span id="edit-ends-error" class="pim-field__error">{err("Assignment ends")}</span>
            </div>
            {move || settings.get().and_then(|r| r.ok()).map(|s| view! { <p class="pim-field__note">{max_note(&s.assignment, kind.get())}</p> })}
            {move || (kind.get() == Kind::Active).then(|| view! {
                <div class="pim-field">
                    <label for="edit-justification">"Justification"</label>
                    <textarea id="edit-justification" prop:value=justification on:input=move |e| justification.set(event_target_value(&e))></textarea>
                    <span class="pim-field__error">{err("Justification")}</span>
                </div>
            })}
            {save.error_bar()}
            <SubmitButton label="Save" pending=Signal::derive(move || save.pending().get() || settings.get().is_none()) />
            " "
            <button class="pim-button" type="button" on:click=move |_| close.run(false)>"Cancel"</button>
        </form>
        </ContextPane>
    }
}
