//! The people of a review to decide on, a chunk the review's page fetches as it starts: each
//! person with whether they are eligible or active, their last sign-in and the recommendation;
//! **Approve**, **Deny** or **Don't know** with a **Reason** for several people, one **Submit**;
//! **Accept recommendations**. What was chosen survives a sign-in redirect.

use super::review::{Read, ReviewData};
use crate::client::use_graph;
use crate::components::command_bar::CommandBar;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::error_bar::ErrorBar;
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::reviews::results::{
    changes, decision_label, missing_reasons, Choice, Memberships, Pending, Person,
};
use crate::graph::access_reviews::{
    decisions_for_reviewer, instance_action, update_decision, InstanceAction,
};
use crate::graph::model::AccessReviewDecision;
use leptos::prelude::*;

/// Decisions to send: (decision id, choice, reason).
type Sends = Vec<(String, Choice, String)>;
type SendDecisions = crate::components::submit::Submit<Sends, usize>;
type Accept = crate::components::submit::Submit<(), ()>;

/// The sends, above the review's read: their message and error stay when it is read again.
#[component]
pub fn Form(
    definition: String,
    instance: String,
    data: Read,
    reload: Callback<()>,
    announced: RwSignal<Option<String>>,
    members: Signal<Option<Memberships>>,
    /// Set once the form is here, which ends the page's "Loading the people to review…".
    ready: RwSignal<bool>,
) -> impl IntoView {
    let key = format!("review.{definition}.{instance}");
    let graph = use_graph();
    let (d, i, g) = (definition.clone(), instance.clone(), graph.clone());
    let k = key.clone();
    let submit: SendDecisions = use_submit(
        move |sends: Sends| {
            let (graph, d, i) = (g.clone(), d.clone(), i.clone());
            async move {
                let reqs: Vec<_> = sends
                    .iter()
                    .map(|(id, c, reason)| update_decision(&d, &i, id, c.wire(), reason))
                    .collect();
                // Each decision is its own PATCH (the last one wins), sent together.
                let mut lost = vec![];
                for (send, answer) in sends.iter().zip(graph.batch(&reqs).await) {
                    match answer {
                        Ok(_) => {}
                        Err(e) if e.outcome_unknown => lost.push((send, e)),
                        Err(e) => return Err(e),
                    }
                }
                // Answers were lost: the reviewer's decisions, read again, say which were recorded.
                if let Some((_, first)) = lost.first() {
                    let now = match graph.call_all(&decisions_for_reviewer(&d, &i)).await {
                        Ok(now) => now,
                        Err(_) => return Err(first.clone()),
                    };
                    for ((id, c, reason), e) in lost {
                        let recorded = now.iter().any(|x: &AccessReviewDecision| {
                            &x.id == id
                                && x.decision.as_deref() == Some(c.wire())
                                && x.justification.as_deref().unwrap_or("") == reason.as_str()
                        });
                        if !recorded {
                            return Err(crate::domain::readback::not_recorded(e));
                        }
                    }
                }
                Ok(sends.len())
            }
        },
        move |n: usize| {
            discard_draft(&k);
            announced.set(Some(format!(
                "{n} decision{} submitted.",
                if n == 1 { "" } else { "s" }
            )));
            reload.run(());
        },
    );
    let (d, i) = (definition.clone(), instance.clone());
    let accept: Accept = use_submit(
        move |_: ()| {
            let (graph, req) = (
                graph.clone(),
                instance_action(&d, &i, InstanceAction::AcceptRecommendations),
            );
            async move { graph.send(&req, None).await.map(|_| ()) }
        },
        move |_| {
            announced.set(Some(
                "Recommendations accepted for everyone you had not reviewed.".into(),
            ));
            reload.run(());
        },
    );
    // A failed send leaves its outcome unknown: what Graph holds now is read again (what was
    // chosen and not sent comes back from the draft).
    Effect::new(move |_| {
        if submit.error().get().is_some() || accept.error().get().is_some() {
            reload.run(());
        }
    });
    ready.set(true);
    move || match data.get() {
        Some(Ok(page)) => {
            Some(view! { <Decide page key=key.clone() submit accept announced members /> })
        }
        _ => None,
    }
}

#[component]
fn Decide(
    page: ReviewData,
    key: String,
    submit: SendDecisions,
    accept: Accept,
    announced: RwSignal<Option<String>>,
    /// Who is eligible or active, once read.
    members: Signal<Option<Memberships>>,
) -> impl IntoView {
    let pending = RwSignal::new(Pending::new());
    use_draft(key, pending);
    let problem = RwSignal::new(None::<String>);
    let people = StoredValue::new(page.people.clone());
    let reason_required = page.reason_required;
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list = people.with_value(|p| changes(p, &pending.get_untracked()));
        if list.is_empty() {
            problem.set(Some(
                "Choose Approve, Deny or Don't know for at least one person.".into(),
            ));
            return;
        }
        let missing = people.with_value(|p| missing_reasons(p, &list));
        if reason_required && !missing.is_empty() {
            problem.set(Some(format!(
                "This review asks for a reason with each decision: add one for {}.",
                missing.join(", ")
            )));
            return;
        }
        problem.set(None);
        announced.set(None);
        submit.submit(list);
    };
    let running = page.running;
    let cards = page
        .people
        .iter()
        .cloned()
        .map(|p| view! { <PersonCard p pending running members /> })
        .collect_view();
    view! {
        <CommandBar label="Review commands">
            <button class="pim-button" type="button" disabled=move || !running || accept.pending().get()
                on:click=move |_| accept.submit(())>"Accept recommendations"</button>
        </CommandBar>
        {accept.error_bar()}
        <form class="pim-review" on:submit=send novalidate>
            <ul class="pim-review__people">{cards}</ul>
            {move || problem.get().map(|p| view! { <div class="pim-alert pim-alert--error" role="alert"><p>{p}</p></div> })}
            {move || submit.error().get().map(|error| view! { <ErrorBar error /> })}
            <SubmitButton label="Submit" pending=Signal::derive(move || submit.pending().get() || !running) />
        </form>
    }
}

#[component]
fn PersonCard(
    p: Person,
    pending: RwSignal<Pending>,
    running: bool,
    members: Signal<Option<Memberships>>,
) -> impl IntoView {
    let principal = p.principal_id.clone();
    let id = p.decision_id.clone();
    let recorded = (p.decided, p.reason.clone());
    let chosen = {
        let (id, recorded) = (id.clone(), recorded.clone());
        move || {
            pending
                .with(|m| m.get(&id).cloned())
                .unwrap_or(recorded.clone())
        }
    };
    let set_choice = {
        let (id, recorded) = (id.clone(), recorded.clone());
        move |c: Choice| {
            pending.update(|m| {
                let e = m.entry(id.clone()).or_insert_with(|| recorded.clone());
                e.0 = Some(c);
            })
        }
    };
    let set_reason = {
        let (id, recorded) = (id.clone(), recorded.clone());
        move |text: String| {
            pending.update(|m| {
                let e = m.entry(id.clone()).or_insert_with(|| recorded.clone());
                e.1 = text;
            })
        }
    };
    let chosen = StoredValue::new(chosen);
    let radios = Choice::ALL
        .into_iter()
        .map(|c| {
            let set = set_choice.clone();
            view! {
                <label class="pim-choice">
                    <input type="radio" name=format!("decision-{id}") value=c.wire() disabled=!running
                        prop:checked=move || chosen.with_value(|f| f().0 == Some(c)) on:change=move |_| set(c) />
                    {c.label()}
                </label>
            }
        })
        .collect_view();
    let reason_id = format!("reason-{id}");
    let so_far = match (&p.decided, p.reviewed_by.is_empty()) {
        (Some(c), false) => format!("{} by {}", decision_label(c.wire()), p.reviewed_by),
        (Some(c), true) => decision_label(c.wire()).to_owned(),
        (None, _) => "Not reviewed".to_owned(),
    };
    view! {
        <li>
            <fieldset class="pim-review__person">
                <legend>{p.name.clone()}</legend>
                <dl class="pim-facts">
                    <dt>"User"</dt><dd>{p.upn.clone()}</dd>
                    <dt>"Access"</dt><dd>{move || members.with(|m| super::members::access(&principal, m.as_ref()))}</dd>
                    <dt>"Last sign-in"</dt><dd>{p.last_sign_in.clone()}</dd>
                    <dt>"Recommendation"</dt><dd>{p.recommendation}</dd>
                    <dt>"Decision"</dt><dd>{so_far}</dd>
                </dl>
                <div class="pim-review__choices">{radios}</div>
                <label for=reason_id.clone()>"Reason"</label>
                <textarea id=reason_id rows="2" maxlength="500" disabled=!running
                    prop:value=move || chosen.with_value(|f| f().1) on:input=move |e| set_reason(event_target_value(&e))></textarea>
            </fieldset>
        </li>
    }
}
