//! `/groups/new`: create a security or Microsoft 365 group, optionally role-assignable, and offer
//! to bring it under PIM at once.

use super::onboard::onboard;
use crate::client::{use_graph, Graph};
use crate::components::draft::{discard_draft, use_draft};
use crate::components::error_bar::ErrorBar;
use crate::components::field::Field;
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::group_form::{GroupKind, NewGroup};
use crate::graph::client::decode_value;
use crate::graph::directory::{create_group, list_groups_named};
use crate::graph::model::Group;
use crate::pages::Route;
use leptos::prelude::*;

/// Key of the form's draft.
const DRAFT: &str = "new-group";

/// The New group form.
#[component]
pub fn NewGroupForm() -> impl IntoView {
    let graph = use_graph();
    let form = RwSignal::new(NewGroup::default());
    use_draft(DRAFT, form);
    let problem = RwSignal::new(None::<(&'static str, &'static str)>);
    let g = graph.clone();
    let create = use_submit(
        move |form: NewGroup| {
            let (graph, body, name) = (g.clone(), form.body(), form.name.trim().to_owned());
            async move {
                let nickname = body["mailNickname"].as_str().unwrap_or_default().to_owned();
                let sent = crate::clock::service_now();
                let created = match graph.send(&create_group(body), None).await {
                    Ok(v) => decode_value::<Group>(v),
                    // The answer was lost: look for the group rather than make a second one.
                    Err(e) if e.outcome_unknown => {
                        let found: Vec<Group> = graph
                            .get_all(&list_groups_named(
                                &name,
                                "id,displayName,mailNickname,createdDateTime",
                            ))
                            .await?;
                        crate::domain::readback::created_group(found, &nickname, sent)
                            .ok_or_else(|| crate::domain::readback::not_recorded(e))
                    }
                    Err(e) => Err(e),
                };
                // A new group is a new candidate: the groups lists must look again.
                super::scan::invalidate();
                created
            }
        },
        move |_| {
            discard_draft(DRAFT);
            form.set(NewGroup::default());
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        problem.set(f.problem());
        if f.problem().is_none() {
            create.submit(f);
        }
    };
    let name_error = Signal::derive(move || {
        problem
            .get()
            .filter(|p| p.0 == "Group name")
            .map(|p| p.1.to_owned())
    });
    let set = move |f: fn(&mut NewGroup, String)| {
        move |e: leptos::ev::Event| {
            let v = event_target_value(&e);
            form.update(|g| f(g, v));
        }
    };
    view! {
        <form class="pim-form" on:submit=submit novalidate>
            <Field id="group-name" label="Group name" error=name_error required=true>
                <input id="group-name" type="text" required maxlength="256" prop:value=move || form.with(|f| f.name.clone()) on:input=set(|g, v| g.name = v)
                    aria-invalid=move || name_error.with(Option::is_some).to_string() aria-describedby="group-name-error" />
            </Field>
            <Field id="group-description" label="Group description">
                <textarea id="group-description" maxlength="1024" prop:value=move || form.with(|f| f.description.clone()) on:input=set(|g, v| g.description = v)></textarea>
            </Field>
            <Field id="group-type" label="Group type">
                <select id="group-type" on:change=set(|g, v| g.kind = if v == "m365" { GroupKind::Microsoft365 } else { GroupKind::Security })>
                    <option value="security" selected=move || form.with(|f| f.kind == GroupKind::Security)>"Security"</option>
                    <option value="m365" selected=move || form.with(|f| f.kind == GroupKind::Microsoft365)>"Microsoft 365"</option>
                </select>
            </Field>
            <div class="pim-field pim-field--switch">
                <input id="group-role-assignable" type="checkbox" role="switch" prop:checked=move || form.with(|f| f.role_assignable)
                    on:change=move |e| { let on = event_target_checked(&e); form.update(|f| f.role_assignable = on); } aria-describedby="group-role-assignable-note" />
                <label for="group-role-assignable">"Microsoft Entra roles can be assigned to the group"</label>
                <p id="group-role-assignable-note" class="pim-field__note">
                    "This choice is permanent: it cannot be changed after the group is created. Only Privileged Role Administrators, Global Administrators and the group's owners can then manage its membership."
                </p>
            </div>
            {create.error_bar()}
            <SubmitButton label="Create" pending=create.pending() />
        </form>
        {move || create.value().get().map(|group| view! { <Created group graph=graph.clone() /> })}
    }
}

/// After creation: where the group is, and PIM onboarding on request.
#[component]
fn Created(group: Group, graph: Graph) -> impl IntoView {
    let name = group
        .display_name
        .clone()
        .unwrap_or_else(|| group.id.clone());
    let href = Route::GroupOverview(group.id.clone()).path();
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
