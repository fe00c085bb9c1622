//! Add assignments: step Membership (role, principals from the people picker), step Setting (type,
//! permanence, dates or a duration, justification), checked against the role's settings before
//! anything is sent; one `$batch` for everyone, a result for each, failures kept to retry.

use super::assign_send::{assign, both_settings, Outcome};
use super::schedule_draft::{max_note, ScheduleDraft};
use crate::client::use_graph;
use crate::components::context_pane::ContextPane;
use crate::components::datetime::{from_input, to_input};
use crate::components::draft::{discard_draft, use_draft_of};
use crate::components::error_bar::ErrorBar;
use crate::components::people_picker::{PeoplePicker, Picked};
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::assign_form::{max_minutes, permanent_label, presets, AssignForm};
use crate::domain::assignments::Kind;
use crate::graph::model::AccessId;
use chrono::Duration;
use leptos::prelude::*;

/// The wizard; `close` gets a sentence to announce when something was assigned.
#[component]
pub fn AddAssignments(group_id: String, close: Callback<Option<String>>) -> impl IntoView {
    let graph = use_graph();
    let (gr, g) = (graph.clone(), group_id.clone());
    let settings = LocalResource::new(move || both_settings(gr.clone(), g.clone()));
    let step = RwSignal::new(1u8);
    let access = RwSignal::new(AccessId::Member);
    let chosen = RwSignal::new(Vec::<Picked>::new());
    let draft = ScheduleDraft::new(
        Kind::Eligible,
        false,
        to_input(crate::clock::service_now()),
        String::new(),
    );
    let ScheduleDraft {
        kind,
        permanent,
        starts,
        ends,
        justification,
        ..
    } = draft;
    let current = move || {
        settings.get().and_then(|r| r.ok()).map(|(m, o)| {
            if access.get() == AccessId::Owner {
                o
            } else {
                m
            }
        })
    };
    let key = format!("assign.{group_id}");
    let mut restored = draft.keep(format!("{key}.schedule"));
    restored |= use_draft_of(
        format!("{key}.who"),
        move || (step.get(), access.get(), chosen.get()),
        move |(s, a, c)| {
            step.set(s);
            access.set(a);
            chosen.set(c);
        },
    );
    // A restored draft keeps its end; otherwise the end defaults to the policy's maximum for
    // the chosen role and type.
    let keep_end = RwSignal::new(restored);
    Effect::new(move |_| {
        if let Some(s) = current() {
            if keep_end.get_untracked() {
                keep_end.set(false);
                return;
            }
            let start =
                from_input(&starts.get_untracked()).unwrap_or_else(crate::clock::service_now);
            let max = max_minutes(&s.assignment, kind.get()).unwrap_or(365 * 1440);
            ends.set(to_input(start + Duration::minutes(max.into())));
        }
    });
    let (group, g2) = (group_id.clone(), graph.clone());
    let forget = {
        let key = key.clone();
        move || {
            for part in ["schedule", "who"] {
                discard_draft(&format!("{key}.{part}"));
            }
        }
    };
    let (f1, f2) = (forget.clone(), forget);
    // Whoever failed stays selected to retry; when nobody failed, the wizard closes.
    let finished = move |outcome: Outcome| {
        let ok: Vec<String> = outcome
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(p, _)| p.name.clone())
            .collect();
        chosen.set(
            outcome
                .iter()
                .filter(|(_, r)| r.is_err())
                .map(|(p, _)| p.clone())
                .collect(),
        );
        if ok.len() == outcome.len() {
            f1();
            close.run(Some(format!("Assigned: {}.", ok.join(", "))));
        }
    };
    let assign = use_submit(
        move |(form, who, access): (AssignForm, Vec<Picked>, AccessId)| {
            assign(g2.clone(), group.clone(), form, who, access)
        },
        finished,
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = current() else { return };
        if let Some(form) = draft.checked(&s.assignment) {
            assign.submit((form, chosen.get_untracked(), access.get_untracked()));
        }
    };
    let cancel = Callback::new(move |_| {
        f2();
        close.run(None);
    });
    let err = move |field: &'static str| move || draft.error(field);
    let pick = Callback::new(move |p: Picked| {
        chosen.update(|c| {
            if !c.iter().any(|x| x.id == p.id) {
                c.push(p)
            }
        })
    });
    view! {
        <ContextPane title="Add assignments" on_close=cancel wide=true>
        <section class="pim-wizard">
            <h3>{move || if step.get() == 1 { "Add assignments: Membership" } else { "Add assignments: Setting" }}</h3>
            {move || settings.get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            <div hidden=move || step.get() != 1>
                <div class="pim-field">
                    <label for="assign-role">"Select role"</label>
                    <select id="assign-role" on:change=move |e| access.set(if event_target_value(&e) == "owner" { AccessId::Owner } else { AccessId::Member })>
                        <option value="member" selected=move || access.get() == AccessId::Member>"Member"</option>
                        <option value="owner" selected=move || access.get() == AccessId::Owner>"Owner"</option>
                    </select>
                </div>
                <PeoplePicker label="Select members" on_pick=pick />
                <ul class="pim-list" aria-label="Selected members">
                    <For each=move || chosen.get() key=|p| p.id.clone() let:p>
                        <li>{p.name.clone()} " " <button type="button" class="pim-button pim-button--small" aria-label=format!("Remove {}", p.name)
                            on:click={let id = p.id.clone(); move |_| chosen.update(|c| c.retain(|x| x.id != id))}>"Remove"</button></li>
                    </For>
                </ul>
                <button class="pim-button pim-button--primary" type="button" disabled=move || chosen.with(Vec::is_empty) on:click=move |_| step.set(2)>"Next"</button>
                " "
                <button class="pim-button" type="button" on:click=move |_| cancel.run(())>"Cancel"</button>
            </div>
            <form class="pim-form" hidden=move || step.get() != 2 on:submit=submit novalidate>
                <p>"Assigning to:"</p>
                <ul class="pim-list" aria-label="Selected members">
                    <For each=move || chosen.get() key=|p| p.id.clone() let:p><li>{p.name}</li></For>
                </ul>
                <fieldset class="pim-field">
                    <legend>"Assignment type"</legend>
                    <label class="pim-check"><input type="radio" name="assign-kind" prop:checked=move || kind.get() == Kind::Eligible on:change=move |_| kind.set(Kind::Eligible) />"Eligible"</label>
                    <label class="pim-check"><input type="radio" name="assign-kind" prop:checked=move || kind.get() == Kind::Active on:change=move |_| kind.set(Kind::Active) />"Active"</label>
                </fieldset>
                <label class="pim-check">
                    <input type="checkbox" prop:checked=permanent on:change=move |e| permanent.set(event_target_checked(&e)) aria-describedby="assign-permanent-error" />
                    {move || permanent_label(kind.get())}
                </label>
                <span id="assign-permanent-error" class="pim-field__error">{move || err(permanent_label(kind.get()))()}</span>
                {move || current().map(|s| view! { <p class="pim-field__note">{max_note(&s.assignment, kind.get())}</p> })}
                <div class="pim-field">
                    <label for="assign-starts">"Assignment starts"</label>
                    <input id="assign-starts" type="datetime-local" prop:value=starts on:input=move |e| starts.set(event_target_value(&e)) />
                </div>
                <div class="pim-field">
                    <label for="assign-duration">"Duration"</label>
                    <select id="assign-duration" disabled=permanent on:change=move |e| {
                        if let Ok(m) = event_target_value(&e).parse::<i64>() {
                            let start = from_input(&starts.get_untracked()).unwrap_or_else(crate::clock::service_now);
                            ends.set(to_input(start + Duration::minutes(m)));
                        }
                    }>
                        <option value="">"Custom (choose the end)"</option>
                        <For each=move || presets(current().and_then(|s| max_minutes(&s.assignment, kind.get()))) key=|(_, m)| *m let:((l, m))>
                            <option value=m.to_string()>{l}</option>
                        </For>
                    </select>
                </div>
                <div class="pim-field">
                    <label for="assign-ends">"Assignment ends"</label>
                    <input id="assign-ends" type="datetime-local" disabled=permanent prop:value=ends on:input=move |e| ends.set(event_target_value(&e))
                        aria-invalid=move || err("Assignment ends")().is_some().to_string() aria-describedby="assign-ends-error" />
                    <span id="assign-ends-error" class="pim-field__error">{err("Assignment ends")}</span>
                </div>
                {move || (kind.get() == Kind::Active && current().is_some_and(|s| s.assignment.justification_on_active)).then(|| view! {
                    <div class="pim-field">
                        <label for="assign-justification">"Justification"</label>
                        <textarea id="assign-justification" prop:value=justification on:input=move |e| justification.set(event_target_value(&e)) aria-describedby="assign-justification-error"></textarea>
                        <span id="assign-justification-error" class="pim-field__error">{err("Justification")}</span>
                    </div>
                })}
                {assign.error_bar()}
                <For each=move || assign.value().get().unwrap_or_default().into_iter().filter_map(|(p, r)| r.err().map(|e| (p, e)))
                    key=|(p, e)| (p.id.clone(), e.request_id.clone()) let:((p, error))>
                    <p>{format!("{} was not assigned:", p.name)}</p><ErrorBar error />
                </For>
                <button class="pim-button" type="button" on:click=move |_| step.set(1)>"Back"</button>
                " "
                <SubmitButton label="Assign" pending=Signal::derive(move || assign.pending().get() || current().is_none()) />
            </form>
        </section>
        </ContextPane>
    }
}
