//! A role's own actions besides Activate: Deactivate (not within 5 minutes of the start),
//! Extend (an assignment ending within 14 days) and Renew (expired within 30 days), the latter
//! two as requests an admin decides.

use super::data::MyRole;
use crate::auth::session::Session;
use crate::client::use_graph;
use crate::components::context_pane::ContextPane;
use crate::components::deferred::Chunk;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::field::Field;
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::activation::deactivation_blocked;
use crate::domain::activation::{self_request, Held};
use crate::domain::owners::{self, only_owner, LAST_OWNER_SELF};
use crate::domain::readback;
use crate::graph::directory::list_group_owners;
use crate::graph::error::GraphError;
use crate::graph::model::PrivilegedAccessGroupScheduleRequest;
use crate::graph::model::ScheduleRequestAction;
use crate::graph::model::{AccessId, Page};
use crate::graph::pim::{create_schedule_request, filter_by_current_user, Collection, On};
use leptos::prelude::*;

/// What Extend or Renew has typed, kept across a sign-in redirect: whether its pane is open and
/// the reason.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Asking {
    open: bool,
    reason: String,
}

/// `RoleAction`, whose code is fetched when a row first offers it (on the Eligible tab, only an
/// eligibility ending within 14 days does).
#[leptos::wasm_split::wasm_split(role_action, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn role_action(
    role: MyRole,
    action: ScheduleRequestAction,
    done: Callback<String>,
    eligibility: bool,
    max: Signal<Option<u32>>,
) -> Chunk {
    Ok(view! { <RoleAction role action done eligibility max /> }.into_any())
}

/// Deactivate, Extend or Renew for one row; Extend and Renew ask for a reason in a pane.
#[component]
pub fn RoleAction(
    role: MyRole,
    action: ScheduleRequestAction,
    done: Callback<String>,
    /// The eligibility itself (Extend of an eligible assignment), not an active assignment.
    #[prop(optional)]
    eligibility: bool,
    /// The longest assignment the settings allow, in minutes, when known.
    #[prop(into, default = Signal::stored(None))]
    max: Signal<Option<u32>>,
) -> impl IntoView {
    let graph = use_graph();
    let session = expect_context::<Session>();
    let blocked = RwSignal::new(None::<String>);
    let label = match action {
        ScheduleRequestAction::SelfDeactivate => "Deactivate",
        ScheduleRequestAction::SelfExtend => "Extend",
        _ => "Renew",
    };
    let asking = RwSignal::new(Asking::default());
    let key = format!(
        "{}.{}.{}",
        action.as_str(),
        role.group_id,
        role.access.as_str()
    );
    use_draft(key.clone(), asking);
    let name = format!("{} ({})", role.group_name, role.role());
    let r = role.clone();
    let n2 = name.clone();
    let send = use_submit(
        move |_: ()| {
            let (graph, me, r) = (
                graph.clone(),
                session.account().map(|a| a.object_id).unwrap_or_default(),
                r.clone(),
            );
            let reason = asking.with_untracked(|a| a.reason.clone());
            let held = Held {
                group_id: r.group_id.clone(),
                access: r.access,
                start: r.start,
                end: r.end,
            };
            let body = self_request(
                &held,
                &me,
                action,
                &reason,
                max.get_untracked(),
                crate::clock::service_now(),
            );
            async move {
                let eligible = action == ScheduleRequestAction::SelfRenew || eligibility;
                let v = serde_json::to_value(body)
                    .map_err(|e| GraphError::transport(&e.to_string(), "-"))?;
                let sent = crate::clock::service_now();
                match graph
                    .send(&create_schedule_request(eligible, v), None)
                    .await
                {
                    // The answer was lost: the user's requests say whether it was made.
                    Err(lost) if lost.outcome_unknown => {
                        let c = if eligible {
                            Collection::EligibilityScheduleRequests
                        } else {
                            Collection::AssignmentScheduleRequests
                        };
                        let req = filter_by_current_user(c, On::Principal, "group");
                        match graph
                            .call_all::<PrivilegedAccessGroupScheduleRequest>(&req)
                            .await
                        {
                            Ok(mine) => readback::self_request(
                                &mine,
                                &r.group_id,
                                r.access,
                                action,
                                sent,
                                lost,
                            ),
                            Err(_) => Err(lost),
                        }
                    }
                    answer => answer,
                }
            }
        },
        move |v: serde_json::Value| {
            discard_draft(&key);
            asking.set(Asking::default());
            let status = v["status"].as_str().unwrap_or("Sent").to_owned();
            done.run(format!("{label} {n2}: {status}."));
        },
    );
    let start = role.start;
    // Before the last owner gives up ownership: PIM retries that for 30 days, then gives up.
    let owner_check = RwSignal::new(None::<String>);
    let (g2, group, owner) = (
        use_graph(),
        role.group_id.clone(),
        role.access == AccessId::Owner,
    );
    let me = expect_context::<Session>()
        .account()
        .map(|a| a.object_id)
        .unwrap_or_default();
    let click = move |_| {
        if action == ScheduleRequestAction::SelfDeactivate {
            match deactivation_blocked(start, crate::clock::service_now()) {
                Some(why) => blocked.set(Some(why)),
                None if owner => {
                    blocked.set(None);
                    let (graph, group, me) = (g2.clone(), group.clone(), me.clone());
                    leptos::task::spawn_local(async move {
                        let owners = graph
                            .get::<Page<serde_json::Value>>(&list_group_owners(&group))
                            .await
                            .map(owners::ids);
                        match owners {
                            Ok(o) if !only_owner(&me, &o) => send.submit(()),
                            Ok(_) => owner_check.set(Some(LAST_OWNER_SELF.to_owned())),
                            Err(e) => owner_check.set(Some(crate::domain::wording::unreadable(
                                "the group's owners, so whether you are the last one is not known",
                                &e,
                            ))),
                        }
                    });
                }
                None => {
                    blocked.set(None);
                    send.submit(());
                }
            }
        } else {
            asking.update(|a| a.open = true);
        }
    };
    let confirm_title = format!("Deactivate – {}", role.group_name);
    let close = Callback::new(move |_| asking.set(Asking::default()));
    let title = format!("{label} – {}", role.group_name);
    view! {
        <button class="pim-button pim-button--small" type="button" aria-label=format!("{label} {name}") disabled=move || send.pending().get() on:click=click>{label}</button>
        {move || blocked.get().map(|why| view! { <p class="pim-field__error" role="alert">{why}</p> })}
        {move || owner_check.get().map(|why| view! {
            <ContextPane title=confirm_title.clone() on_close=Callback::new(move |_| owner_check.set(None))>
                <p class="pim-notice" role="note">{why}</p>
                {send.error_bar()}
                <button class="pim-button pim-button--primary" type="button" disabled=move || send.pending().get()
                    on:click=move |_| { owner_check.set(None); send.submit(()); }>"Deactivate anyway"</button>
                " "
                <button class="pim-button" type="button" on:click=move |_| owner_check.set(None)>"Cancel"</button>
            </ContextPane>
        })}
        {move || asking.with(|a| a.open).then(|| view! {
            <ContextPane title=title.clone() on_close=close>
                <form class="pim-form" novalidate on:submit=move |ev| { ev.prevent_default(); send.submit(()); }>
                    <p>{format!("{label} asks an administrator to approve the same length again.")}</p>
                    <Field id="role-action-reason" label="Reason">
                        <textarea id="role-action-reason" maxlength="500" prop:value=move || asking.with(|a| a.reason.clone())
                            on:input=move |e| { let v = event_target_value(&e); asking.update(|a| a.reason = v); }></textarea>
                    </Field>
                    {send.error_bar()}
                    <SubmitButton label="Send request" pending=send.pending() />
                </form>
            </ContextPane>
        })}
        {move || (!asking.with(|a| a.open)).then(|| send.error_bar())}
    }
}
