//! A role's own actions besides Activate: Deactivate (not within 5 minutes of the start),
//! Extend (an assignment ending within 14 days) and Renew (expired within 30 days), the latter
//! two as requests an admin decides.

use super::data::MyRole;
use crate::auth::session::{Graph, Session};
use crate::components::error_bar::ErrorBar;
use crate::domain::activation::deactivation_blocked;
use crate::graph::error::GraphError;
use crate::graph::model::{
    Expiration, ExpirationType, NewScheduleRequest, RequestSchedule, ScheduleRequestAction,
};
use crate::graph::pim::create_schedule_request;
use chrono::{Duration, SecondsFormat, Utc};
use leptos::prelude::*;

/// The request for `action` on `role`; extensions and renewals ask for the same length again,
/// from now.
fn body(
    role: &MyRole,
    me: &str,
    action: ScheduleRequestAction,
    reason: &str,
    max: Option<u32>,
) -> NewScheduleRequest {
    let now = Utc::now();
    let schedule = match action {
        ScheduleRequestAction::SelfDeactivate => None,
        _ => {
            let length = match (role.start, role.end) {
                (Some(s), Some(e)) if e > s => e - s,
                _ => Duration::days(30),
            };
            // From now, for the length the assignment had: the policy's maximum counts from the
            // start, so starting at the old start would ask for more than it allows.
            let length = match max {
                Some(m) => length.min(Duration::minutes(m.into())),
                None => length,
            };
            let (start, end) = (now, now + length);
            Some(RequestSchedule {
                start_date_time: Some(start.to_rfc3339_opts(SecondsFormat::Secs, true)),
                expiration: Some(Expiration {
                    kind: Some(ExpirationType::AfterDateTime),
                    end_date_time: Some(end.to_rfc3339_opts(SecondsFormat::Secs, true)),
                    duration: None,
                }),
            })
        }
    };
    NewScheduleRequest {
        access_id: role.access,
        principal_id: me.to_owned(),
        group_id: role.group_id.clone(),
        action,
        schedule_info: schedule,
        justification: Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ticket_info: None,
    }
}

/// Deactivate, Extend or Renew for one row, with what it needs asked inline.
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
    let graph = expect_context::<Graph>();
    let session = expect_context::<Session>();
    let blocked = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let label = match action {
        ScheduleRequestAction::SelfDeactivate => "Deactivate",
        ScheduleRequestAction::SelfExtend => "Extend",
        _ => "Renew",
    };
    let r = role.clone();
    let send = Action::new_local(move |_: &()| {
        let (graph, me, r) = (
            graph.clone(),
            session.account().map(|a| a.object_id).unwrap_or_default(),
            r.clone(),
        );
        let body = body(
            &r,
            &me,
            action,
            &reason.get_untracked(),
            max.get_untracked(),
        );
        async move {
            let eligible = action == ScheduleRequestAction::SelfRenew || eligibility;
            let v = serde_json::to_value(body)
                .map_err(|e| GraphError::transport(&e.to_string(), "-"))?;
            graph
                .send(&create_schedule_request(eligible, v), None)
                .await
        }
    });
    let name = format!("{} ({})", role.group_name, role.role());
    let n2 = name.clone();
    Effect::new(move |_| {
        if let Some(Ok(v)) = send.value().get() {
            let status = v["status"].as_str().unwrap_or("Sent").to_owned();
            done.run(format!("{label} {n2}: {status}."));
        }
    });
    let start = role.start;
    let click = move |_| {
        if send.pending().get_untracked() {
            return;
        }
        if action == ScheduleRequestAction::SelfDeactivate {
            match deactivation_blocked(start, Utc::now()) {
                Some(why) => blocked.set(Some(why)),
                None => {
                    blocked.set(None);
                    send.dispatch(());
                }
            }
        } else {
            asking.set(true);
        }
    };
    view! {
        <button class="pim-button pim-button--small" type="button" aria-label=format!("{label} {name}") disabled=move || send.pending().get() on:click=click>{label}</button>
        {move || blocked.get().map(|why| view! { <p class="pim-field__error" role="alert">{why}</p> })}
        {move || asking.get().then(|| view! {
            <div class="pim-notice" role="dialog" aria-label=format!("{label} – {}", role.group_name)>
                <p>{format!("{label} asks an administrator to approve the same length again.")}</p>
                <label for="role-action-reason">"Reason"</label>
                <textarea id="role-action-reason" prop:value=reason on:input=move |e| reason.set(event_target_value(&e))></textarea>
                <button class="pim-button pim-button--primary" type="button" disabled=move || send.pending().get()
                    on:click=move |_| { if !send.pending().get_untracked() { asking.set(false); send.dispatch(()); } }>"Send request"</button>
            </div>
        })}
        {move || send.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
    }
}
