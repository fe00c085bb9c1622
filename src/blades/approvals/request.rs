//! `/approvals/ID`, the page an approval email opens: the request in full, the requester's recent
//! activations of the group (history.rs), what the group grants (grants.rs), and Approve or Deny with a
//! justification.
//! It also says plainly when the user can't decide, and why.

use crate::auth::session::Session;
use crate::client::{use_graph, Graph};
use crate::components::datetime::local;
use crate::components::deferred::{lazy, Deferred};
use crate::components::draft::{discard_draft, use_draft};
use crate::components::error_bar::ErrorBar;
use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::approval::{age, time_left, verdict, Verdict};
use crate::domain::assignments::{parse, span};
use crate::domain::wording::duration;
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::graph::model::Approval;
use crate::graph::pim::{get_approval, update_approval_stage};
use leptos::prelude::*;

use super::Expanded;

#[derive(Clone)]
struct Loaded {
    request: Expanded,
    /// `None` when Graph refuses to show the approval to this user (not an approver).
    approval: Option<Approval>,
}

/// The request as this user may see it: all of it, or Graph's refusal (someone who is neither
/// its approver nor its requester, opening a forwarded link).
#[derive(Clone)]
enum Seen {
    Shown(Box<Loaded>),
    NotYours(GraphError),
}

async fn load(graph: Graph, id: String) -> Result<Seen, GraphError> {
    // The page's first batch, which index.html's loader may have sent already (pages/early.rs).
    let (request, approval) = crate::pages::early::approval(&id);
    let mut first = Batch::new();
    let request = first.add(request);
    let approval = first.add(approval);
    let mut a = graph.run(&first).await;
    let request: Expanded = match a.take(request) {
        Ok(r) => r,
        Err(e) if e.status == 403 => return Ok(Seen::NotYours(e)),
        Err(e) => return Err(e),
    };
    // A 403 here means "not yours to see": the page says so instead of failing.
    let approval: Option<Approval> = match a.take(approval) {
        Ok(x) => Some(x),
        Err(e) if e.status == 403 || e.status == 404 => None,
        Err(e) => return Err(e),
    };
    Ok(Seen::Shown(Box::new(Loaded { approval, request })))
}

fn field(term: &'static str, value: String) -> impl IntoView {
    view! { <div class="pim-settings__row"><dt>{term}</dt><dd>{value}</dd></div> }
}

/// The page.
#[component]
pub fn RequestPage(#[prop(into)] id: Signal<String>) -> impl IntoView {
    let graph = use_graph();
    let session = expect_context::<Session>();
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        load(graph.clone(), id.get())
    });
    view! {
        <Loaded resource=data loading="Loading the request…" let:seen>
            {
                let d = match seen {
                    Seen::Shown(d) => *d,
                    Seen::NotYours(error) => return view! {
                        <p class="pim-notice" role="status">{Verdict::NotApprover.sentence()}</p>
                        <ErrorBar error />
                    }.into_any(),
                };
                {
                    let me = session.account().map(|a| a.object_id).unwrap_or_default();
                    let stage = d.approval.as_ref().and_then(|a| a.stages.first().cloned());
                    let v = verdict(&d.request.item.status, &d.request.item.principal_id, &me, stage.as_ref());
                    let r = &d.request.item;
                    let who_name = d.request.principal_name(&d.request.item.principal_id);
                    let who = d.request.principal.as_ref().map(|p| format!("{} ({})", p["displayName"].as_str().unwrap_or(""), p["userPrincipalName"].as_str().unwrap_or(""))).unwrap_or_else(|| r.principal_id.clone());
                    let group = d.request.group_name(&d.request.item.group_id);
                    let created = parse(r.created_date_time.as_deref());
                    let (start, end) = span(r.schedule_info.as_ref(), created);
                    let length = match (start, end) { (Some(s), Some(e)) => duration(((e - s).num_minutes().max(0)) as u32), _ => "Permanent".into() };
                    let ticket = r.ticket_info.as_ref().and_then(|t| t.ticket_number.clone()).map(|n| match r.ticket_info.as_ref().and_then(|t| t.ticket_system.clone()) { Some(s) => format!("{n} ({s})"), None => n });
                    let now = crate::clock::service_now();
                    view! {
                        <h2>{format!("{who_name} asks for {group}")}</h2>
                        <dl class="pim-settings">
                            {field("Requester", who.clone())}
                            {field("Group", group.clone())}
                            {field("Role", crate::domain::wording::role(r.access_id).into())}
                            {field("Reason", r.justification.clone().unwrap_or_else(|| "None given".into()))}
                            {field("Ticket", ticket.unwrap_or_else(|| "None".into()))}
                            {field("Duration", length)}
                            {field("Starts", start.map(local).unwrap_or_else(|| "When approved".into()))}
                            {field("Asked", created.map(|c| format!("{} ({} ago)", local(c), age(c, now))).unwrap_or_default())}
                            {(v == Verdict::CanDecide).then(|| field("Time left to decide", created.map(|c| time_left(c, now)).unwrap_or_default()))}
                        </dl>
                        {if v == Verdict::CanDecide {
                            let (approval, stage) = (r.id.clone(), stage.map(|s| s.id).unwrap_or_default());
                            let done = Callback::new(move |_| version.update(|n| *n += 1));
                            // The form's code is fetched once the page shows the request: someone
                            // who can't decide, or only reads, never downloads it.
                            let load = lazy!(decide(approval: String = approval, stage: String = stage, done: Callback<()> = done)
                                => view! { <Decide approval stage done /> });
                            view! { <Deferred load what="Approve and Deny" /> }.into_any()
                        } else {
                            view! { <p class="pim-notice" role="status">{v.sentence()}</p> }.into_any()
                        }}
                        <h2>"What the group grants"</h2>
                        {
                            // Its code (the grants' reads and decoders) is fetched once the request
                            // shows, so the page an approver opens on a phone paints sooner.
                            let group = d.request.item.group_id.clone();
                            let load = lazy!(approval_grants(group: String = group)
                                => view! { <super::grants::Grants group /> });
                            view! { <Deferred load what="what the group grants" /> }
                        }
                        <h2>"Recent activations of this group by the requester"</h2>
                        <super::history::RecentActivations group=r.group_id.clone()
                            principal=r.principal_id.clone() request=r.id.clone() />
                    }.into_any()
                }
            }
        </Loaded>
    }
}

/// The decision as typed, kept across a sign-in redirect and a reload.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Decision {
    approve: Option<bool>,
    justification: String,
}

/// Approve or Deny, a Justification, Submit.
#[component]
fn Decide(approval: String, stage: String, done: Callback<()>) -> impl IntoView {
    let graph = use_graph();
    let decision = RwSignal::new(Decision::default());
    let key = format!("decide.{approval}");
    use_draft(key.clone(), decision);
    let problem = RwSignal::new(None::<String>);
    let submit = use_submit(
        move |d: Decision| {
            let req =
                update_approval_stage(&approval, &stage, d.approve == Some(true), &d.justification);
            let (graph, approval, stage) = (graph.clone(), approval.clone(), stage.clone());
            async move {
                match graph.send(&req, None).await {
                    Ok(_) => Ok(()),
                    // The answer was lost: read the stage again rather than decide twice.
                    Err(e) if e.outcome_unknown => {
                        let now: Approval = graph.call(&get_approval(&approval)).await?;
                        let this = now.stages.iter().find(|s| s.id == stage);
                        if crate::domain::readback::decided(this) {
                            Ok(())
                        } else {
                            Err(crate::domain::readback::not_recorded(e))
                        }
                    }
                    Err(e) => Err(e),
                }
            }
        },
        move |_| {
            discard_draft(&key);
            done.run(());
        },
    );
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = decision.get_untracked();
        let why = match (d.approve, d.justification.trim().is_empty()) {
            (None, _) => Some("Choose Approve or Deny."),
            (_, true) => Some("Give a justification for your decision."),
            _ => None,
        };
        problem.set(why.map(str::to_owned));
        if why.is_none() {
            submit.submit(d);
        }
    };
    let pick = move |approve: bool| {
        let pressed = move || (decision.with(|d| d.approve) == Some(approve)).to_string();
        view! { <button type="button" class="pim-button" aria-pressed=pressed
        on:click=move |_| decision.update(|d| d.approve = Some(approve))>{if approve { "Approve" } else { "Deny" }}</button> }
    };
    view! {
        <form class="pim-form pim-decide" on:submit=send novalidate>
            <div class="pim-decide__choice" role="group" aria-label="Decision">{pick(true)} " " {pick(false)}</div>
            <Field id="decide-justification" label="Justification" error=problem>
                <textarea id="decide-justification" maxlength="500" aria-describedby="decide-justification-error"
                    prop:value=move || decision.with(|d| d.justification.clone())
                    on:input=move |e| { let v = event_target_value(&e); decision.update(|d| d.justification = v); }></textarea>
            </Field>
            {submit.error_bar()}
            <SubmitButton label="Submit" pending=submit.pending() />
        </form>
    }
}
