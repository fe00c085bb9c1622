//! `/groups/new`: create a security or Microsoft 365 group, optionally role-assignable, and offer
//! to bring it under PIM at once.

use super::onboard::onboard;
use crate::auth::session::Graph;
use crate::components::error_bar::ErrorBar;
use crate::domain::group_form::{GroupKind, NewGroup};
use crate::graph::client::decode_value;
use crate::graph::directory::{create_group, list_groups_named};
use crate::graph::model::Group;
use leptos::prelude::*;

/// The New group form.
#[component]
pub fn NewGroupForm() -> impl IntoView {
    let graph = expect_context::<Graph>();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let kind = RwSignal::new(GroupKind::Security);
    let role_assignable = RwSignal::new(false);
    let problem = RwSignal::new(None::<(&'static str, &'static str)>);
    let g = graph.clone();
    let create = Action::new_local(move |form: &NewGroup| {
        let (graph, body, name) = (g.clone(), form.body(), form.name.trim().to_owned());
        async move {
            let nickname = body["mailNickname"].as_str().unwrap_or_default().to_owned();
            let created = match graph.send(&create_group(body), None).await {
                Ok(v) => decode_value::<Group>(v),
                // The answer was lost: look for the group rather than make a second one.
                Err(e) if e.outcome_unknown => {
                    let found: Vec<Group> = graph
                        .get_all(&list_groups_named(&name, "id,displayName,mailNickname"))
                        .await?;
                    crate::domain::readback::created_group(found, &nickname)
                        .ok_or_else(|| crate::domain::readback::not_recorded(e))
                }
                Err(e) => Err(e),
            };
            // A new group is a new candidate: the groups lists must look again.
            super::scan::invalidate();
            created
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // One submission at a time: the button is disabled too, this guards a double Enter.
        if create.pending().get_untracked() {
            return;
        }
        let form = NewGroup {
            name: name.get_untracked(),
            description: description.get_untracked(),
            kind: kind.get_untracked(),
            role_assignable: role_assignable.get_untracked(),
        };
        problem.set(form.problem());
        if form.problem().is_none() {
            create.dispatch(form);
        }
    };
    let created = move || create.value().get().and_then(|r| r.ok());
    let failed = move || {
        create
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|error| view! { <ErrorBar error /> })
    };
    view! {
        <form class="pim-form" on:submit=submit novalidate>
            <div class="pim-field">
                <label for="group-name">"Group name"</label>
                <input id="group-name" type="text" required maxlength="256" prop:value=name on:input=move |e| name.set(event_target_value(&e))
                    aria-invalid=move || problem.get().is_some_and(|p| p.0 == "Group name").to_string() aria-describedby="group-name-error" />
                <span id="group-name-error" class="pim-field__error">{move || problem.get().filter(|p| p.0 == "Group name").map(|p| p.1)}</span>
            </div>
            <div class="pim-field">
                <label for="group-description">"Group description"</label>
                <textarea id="group-description" maxlength="1024" prop:value=description on:input=move |e| description.set(event_target_value(&e))></textarea>
            </div>
            <div class="pim-field">
                <label for="group-type">"Group type"</label>
                <select id="group-type" on:change=move |e| kind.set(if event_target_value(&e) == "m365" { GroupKind::Microsoft365 } else { GroupKind::Security })>
                    <option value="security" selected>"Security"</option>
                    <option value="m365">"Microsoft 365"</option>
                </select>
            </div>
            <div class="pim-field pim-field--switch">
                <input id="group-role-assignable" type="checkbox" role="switch" prop:checked=role_assignable on:change=move |e| role_assignable.set(event_target_checked(&e)) aria-describedby="group-role-assignable-note" />
                <label for="group-role-assignable">"Microsoft Entra roles can be assigned to the group"</label>
                <p id="group-role-assignable-note" class="pim-field__note">
                    "This choice is permanent: it cannot be changed after the group is created. Only Privileged Role Administrators, Global Administrators and the group's owners can then manage its membership."
                </p>
            </div>
            {failed}
            <button class="pim-button pim-button--primary" type="submit" disabled=move || create.pending().get()>
                {move || if create.pending().get() { "Creating…" } else { "Create" }}
            </button>
        </form>
        {move || created().map(|group| view! { <Created group graph=graph.clone() /> })}
    }
}

/// After creation: where the group is, and PIM onboarding on request.
#[component]
fn Created(group: Group, graph: Graph) -> impl IntoView {
    let name = group
        .display_name
        .clone()
        .unwrap_or_else(|| group.id.clone());
    let href = format!("/groups/{}", group.id);
    let confirming = RwSignal::new(false);
    let id = group.id.clone();
    let manage = Action::new_local(move |_: &()| {
        let (graph, id) = (graph.clone(), id.clone());
        async move {
            let r = onboard(&graph, &id).await;
            super::scan::invalidate();
            r
        }
    });
    let result = move || manage.value().get();
    view! {
        <div class="pim-notice" role="status">
            <p>{format!("Group {name} created.")} " " <a href=href.clone()>{format!("Open {name}")}</a></p>
        </div>
        {move || match result() {
            Some(Ok(())) => view! { <p role="status">{format!("{} is now managed by PIM.", group.display_name.clone().unwrap_or_default())}</p> }.into_any(),
            Some(Err(error)) => view! { <ErrorBar error=error /> }.into_any(),
            None if confirming.get() => view! {
                <div class="pim-notice">
                    <p><strong>"Onboarding cannot be undone."</strong> " Once PIM manages the group, it cannot be taken out of PIM management."</p>
                    <button class="pim-button pim-button--primary" type="button" disabled=move || manage.pending().get() on:click=move |_| { manage.dispatch(()); }>"Yes, manage with PIM"</button>
                    " "
                    <button class="pim-button" type="button" on:click=move |_| confirming.set(false)>"Not now"</button>
                </div>
            }.into_any(),
            None => view! { <button class="pim-button" type="button" on:click=move |_| confirming.set(true)>"Manage with PIM"</button> }.into_any(),
        }}
    }
}
