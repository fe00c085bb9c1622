//! The Activate pane for one or several eligible roles: built from their settings, checked before
//! sending, a step-up for the authentication contexts needed before the requests go (and once more
//! if Graph asks for one anyway), the requests in one `$batch`, a result per group.

use super::activate::{activate, fresh, Results};
use super::data::MyRole;
use super::memory::remember;
use super::pane_notes::{GrantLinks, WhoIsToldAndAsked};
use crate::auth::session::Session;
use crate::client::use_graph;
use crate::components::context_pane::ContextPane;
use crate::components::datetime::from_input;
use crate::components::deferred::Chunk;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::activation::{contexts_needed, problems, ActivateForm, Outcome, Remembered};
use crate::domain::settings::RoleSettings;
use crate::domain::wording::duration;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Key of the pane's draft in sessionStorage: what was typed, kept across a step-up redirect.
/// Which roles the pane is for is kept by My roles itself (`OPEN` in `mod.rs`).
pub const DRAFT: &str = "activate";

/// The pane's state kept across a step-up redirect: what was typed, and which context a reactive
/// step-up was already made for (so it happens once).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PaneDraft {
    pub form: ActivateForm,
    pub stepped_up: Option<String>,
}

/// The pane's code is fetched when a pane is first opened: My roles paints its rows without it.
#[leptos::wasm_split::wasm_split(activate_pane, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn activate_pane(
    roles: Vec<(MyRole, RoleSettings)>,
    context_names: Vec<(String, String)>,
    start: Option<String>,
    close: Callback<Vec<String>>,
) -> Chunk {
    Ok(untrack(|| {
        view! { <ActivatePane roles context_names start close /> }.into_any()
    }))
}

/// The pane. What was typed comes back from the draft after a step-up; otherwise the form
/// starts from `fresh`, at `start` when given (Continue). `close` gets the results to announce
/// (empty when cancelled).
#[component]
pub fn ActivatePane(
    roles: Vec<(MyRole, RoleSettings)>,
    context_names: Vec<(String, String)>,
    start: Option<String>,
    close: Callback<Vec<String>>,
) -> impl IntoView {
    let draft = RwSignal::new(PaneDraft::default());
    use_draft(DRAFT, draft);
    if draft.with_untracked(|d| *d == PaneDraft::default()) {
        let mut form = fresh(&roles);
        if let Some(start) = start {
            form.start = start;
        }
        draft.set(PaneDraft {
            form,
            stepped_up: None,
        });
    }
    let graph = use_graph();
    let session = expect_context::<Session>();
    let single = roles.len() == 1;
    let title = format!(
        "Activate – {}",
        roles
            .iter()
            .map(|(r, _)| r.group_name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let needs_ticket = roles.iter().any(|(_, s)| s.activation.ticket);
    let needs_reason = roles.iter().any(|(_, s)| s.activation.justification);
    let acrs = contexts_needed(roles.iter().map(|(_, s)| &s.activation));
    let issues = RwSignal::new(Vec::<(&'static str, String)>::new());
    let form = move || draft.with(|d| d.form.clone());
    // A start to the second (Continue's) shows its seconds; one typed by hand is to the minute.
    let start_step = move || draft.with(|d| if d.form.start.len() > 16 { "1" } else { "60" });
    let set = move |f: fn(&mut ActivateForm, String)| {
        move |e: leptos::ev::Event| {
            let v = event_target_value(&e);
            draft.update(|d| f(&mut d.form, v));
        }
    };
    let (r2, a2) = (roles.clone(), acrs.clone());
    let finished = move |out: Option<Results>| {
        let Some(results) = out else { return };
        let f = draft.get_untracked().form;
        for (r, o) in &results {
            if !matches!(o, Outcome::Failed(_) | Outcome::Refused(_)) {
                remember(
                    &r.group_id,
                    r.access,
                    &Remembered {
                        hours: f.hours.clone(),
                        reason: f.reason.clone(),
                    },
                );
            }
        }
        discard_draft(DRAFT);
        close.run(
            results
                .iter()
                .map(|(r, o)| format!("{} ({}): {}", r.group_name, r.role(), o.sentence()))
                .collect(),
        );
    };
    let send = use_submit(
        move |_: ()| {
            let (graph, session, roles, acrs) =
                (graph.clone(), session.clone(), r2.clone(), a2.clone());
            activate(graph, session, roles, acrs, draft)
        },
        finished,
    );
    let r3 = roles.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = draft.get_untracked().form;
        let start = from_input(&f.start);
        let now = crate::clock::service_now();
        let mut found = vec![];
        for (_, s) in &r3 {
            let mut a = s.activation.clone();
            // Several roles share one duration, capped per role; only one role refuses more.
            if !single {
                a.max_minutes = 1440;
            }
            for p in problems(&f, &a, start, now) {
                if !found.contains(&p) {
                    found.push(p);
                }
            }
        }
        issues.set(found.clone());
        // One submission at a time: a double click sends nothing twice.
        if found.is_empty() {
            send.submit(());
        }
    };
    let err = move |field: &'static str| {
        move || issues.with(|i| i.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    };
    let cancel = Callback::new(move |_| {
        discard_draft(DRAFT);
        close.run(vec![]);
    });
    let limits = roles
        .iter()
        .map(|(r, s)| {
            format!(
                "{} ({}): up to {}",
                r.group_name,
                r.role(),
                duration(s.activation.max_minutes)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let context_note = acrs.clone().map(|c| {
        let names: Vec<String> = c.split(',').map(|id| context_names.iter().find(|(i, _)| i == id).map_or(id.to_owned(), |(_, n)| n.clone())).collect();
        format!("This activation requires the Conditional Access authentication context {}. You will be asked to sign in again to satisfy it before the request is sent; what you typed here is kept.", names.join(", "))
    });
    view! {
        <ContextPane title=title.clone() on_close=cancel>
        <form class="pim-form" on:submit=submit novalidate>
            {context_note.map(|n| view! { <p class="pim-notice" role="note">{n}</p> })}
            <WhoIsToldAndAsked roles=roles.clone() />
            <p class="pim-field__note">{if single { format!("Maximum: {limits}.") } else { format!("One duration for all, capped per group: {limits}.") }}</p>
            <div class="pim-field">
                <label for="activate-start">"Custom activation start time"</label>
                <input id="activate-start" type="datetime-local" step=start_step prop:value=move || form().start on:input=set(|f, v| f.start = v) aria-describedby="activate-start-error" />
                <span id="activate-start-error" class="pim-field__error">{err("Custom activation start time")}</span>
            </div>
            <div class="pim-field">
                <label for="activate-hours">"Duration (hours)"</label>
                <input id="activate-hours" type="number" min="0.5" max="24" step="0.5" prop:value=move || form().hours on:input=set(|f, v| f.hours = v)
                    aria-invalid=move || err("Duration (hours)")().is_some().to_string() aria-describedby="activate-hours-error" />
                <span id="activate-hours-error" class="pim-field__error">{err("Duration (hours)")}</span>
            </div>
            <div class="pim-field">
                <label for="activate-reason">"Reason"</label>
                <textarea id="activate-reason" maxlength="500" prop:value=move || form().reason on:input=set(|f, v| f.reason = v) aria-required=needs_reason.to_string() aria-describedby="activate-reason-error"></textarea>
                <span id="activate-reason-error" class="pim-field__error">{err("Reason")}</span>
            </div>
            {needs_ticket.then(|| view! {
                <div class="pim-field">
                    <label for="activate-ticket">"Ticket number"</label>
                    <input id="activate-ticket" type="text" prop:value=move || form().ticket_number on:input=set(|f, v| f.ticket_number = v) aria-describedby="activate-ticket-error" />
                    <span id="activate-ticket-error" class="pim-field__error">{err("Ticket number")}</span>
                </div>
                <div class="pim-field">
                    <label for="activate-ticket-system">"Ticket system"</label>
                    <input id="activate-ticket-system" type="text" prop:value=move || form().ticket_system on:input=set(|f, v| f.ticket_system = v) />
                </div>
            })}
            {send.error_bar()}
            <SubmitButton label="Activate" pending=send.pending() />
            " "
            <button class="pim-button" type="button" on:click=move |_| cancel.run(())>"Cancel"</button>
        </form>
        <GrantLinks roles=roles.clone() />
        </ContextPane>
    }
}
