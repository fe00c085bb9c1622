//! `/reviews/ID`: one access review for its administrator: what it reviews and how, the instances
//! of the series, the chosen instance's progress and decisions (who decided and why, eligible or
//! active), and **Stop**, **Reset decisions**, **Apply**, **Send reminder**, **Edit**, **Delete**,
//! **Download results**.

use super::confirm::{Ask, Confirm};
use super::edit::EditReview;
use crate::client::run_prefetched;
use crate::client::{use_graph, Graph};
use crate::components::command_bar::CommandBar;
use crate::components::data_table::DataTable;
use crate::components::download::Download;
use crate::components::draft::use_draft;
use crate::components::loaded::Loaded;
use crate::components::submit::use_submit;
use crate::domain::reviews::results::{csv, decision_label, memberships, people, progress, Person};
use crate::domain::reviews::{group_of, reviewers_text};
use crate::domain::wording::{when, yes_no};
use crate::graph::access_reviews::{
    delete_definition, get_definition, list_contacted_reviewers, list_decisions, list_instances,
    InstanceAction,
};
use crate::graph::call::Batch;
use crate::graph::call::Handle;
use crate::graph::directory::get_group;
use crate::graph::error::GraphError;
use crate::graph::model::Page;
use crate::graph::model::{
    AccessReviewDecision, AccessReviewInstance, AccessReviewScheduleDefinition,
};
use crate::graph::pim::{list_for_group, Collection};
use crate::pages::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Debug, PartialEq)]
struct Data {
    def: AccessReviewScheduleDefinition,
    group: (String, String),
    instances: Vec<AccessReviewInstance>,
    current: Option<AccessReviewInstance>,
    decisions: Vec<AccessReviewDecision>,
    people: Vec<Person>,
    reviewers: Vec<String>,
    note: Option<String>,
}

/// A review's first reads (its definition and instances), in one `$batch`: sent by the page, or
/// while its code downloads (`client::prefetch`).
pub fn first_reads(
    id: &str,
) -> (
    Batch,
    (
        Handle<AccessReviewScheduleDefinition>,
        Handle<Page<AccessReviewInstance>>,
    ),
) {
    let mut first = Batch::new();
    let def = first.add(get_definition(id));
    let instances = first.add(list_instances(id));
    (first, (def, instances))
}

async fn load(graph: Graph, id: String, wanted: Option<String>) -> Result<Data, GraphError> {
    let (first, (def, instances)) = first_reads(&id);
    let mut a = run_prefetched(&graph, &first).await;
    let def = a.take(def)?;
    let mut instances = a.take(instances)?.value;
    instances.sort_by(|x, y| x.start_date_time.cmp(&y.start_date_time));
    let current = wanted
        .and_then(|w| instances.iter().find(|i| i.id == w).cloned())
        .or_else(|| instances.last().cloned());
    let mut reads = Batch::new();
    let instance_reads = current.as_ref().map(|i| {
        (
            reads.add(list_decisions(&id, &i.id)),
            reads.add(list_contacted_reviewers(&id, &i.id)),
        )
    });
    // A review of a group: its name and PIM schedules (who is eligible or active). A review made
    // elsewhere of something else has neither to read.
    let group_id = group_of(&def);
    let group_reads = group_id.as_ref().map(|g| {
        (
            reads.add(get_group(g, "id,displayName")),
            reads.add(list_for_group(Collection::EligibilitySchedules, g, None)),
            reads.add(list_for_group(Collection::AssignmentSchedules, g, None)),
        )
    });
    let mut b = graph.run(&reads).await;
    let (mut decisions, mut reviewers) = (vec![], vec![]);
    if let Some((d, r)) = instance_reads {
        decisions = b.take(d)?.value;
        reviewers = b
            .take(r)?
            .value
            .into_iter()
            .map(|r| r.display_name.unwrap_or(r.id))
            .collect();
    }
    let (group, (eligible, active, note)) = match (group_id, group_reads) {
        (Some(g), Some((name, e, a))) => {
            let name = b
                .take(name)
                .ok()
                .and_then(|x| x.display_name)
                .unwrap_or_else(|| g.clone());
            ((g, name), memberships(b.take(e), b.take(a)))
        }
        _ => (Default::default(), Default::default()),
    };
    Ok(Data {
        people: people(&decisions, &eligible, &active),
        group,
        def,
        instances,
        current,
        decisions,
        reviewers,
        note,
    })
}

fn person_row(p: Person) -> impl IntoView {
    let decision = p
        .decided
        .map_or("Not reviewed", |c| decision_label(c.wire()));
    view! {
        <tr>
            <td>{p.name.clone()}</td><td>{p.upn.clone()}</td><td>{p.membership}</td>
            <td>{p.recommendation}</td><td>{decision}</td><td>{p.reason.clone()}</td><td>{p.reviewed_by.clone()}</td>
        </tr>
    }
}

fn instance_row(i: AccessReviewInstance, def: String, current: Option<String>) -> impl IntoView {
    let href = format!("{}?instance={}", Route::Review(def).path(), i.id);
    let here = (current.as_deref() == Some(i.id.as_str())).then_some("page");
    view! {
        <tr>
            <td><a href=href aria-current=here>{i.start_date_time.as_deref().map(when).unwrap_or_default()}</a></td>
            <td>{i.end_date_time.as_deref().map(when).unwrap_or_default()}</td>
            <td>{i.status.clone().unwrap_or_default()}</td>
        </tr>
    }
}

/// The actions on an instance, kept above the page's read: its message and error stay when the
/// review is read again after them.
type Act = crate::components::submit::Submit<(String, InstanceAction), super::act::Done>;

#[component]
pub fn ReviewPage(id: String) -> impl IntoView {
    let graph = use_graph();
    let query = use_query_map();
    let version = RwSignal::new(0u32);
    let rid = id.clone();
    let g = graph.clone();
    let data = LocalResource::new(move || {
        version.track();
        let wanted = query.with(|q| q.get("instance"));
        load(g.clone(), rid.clone(), wanted)
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    let said = RwSignal::new(None::<String>);
    let did = id.clone();
    let act: Act = use_submit(
        move |(inst, a): (String, InstanceAction)| {
            super::act::send(graph.clone(), did.clone(), inst, a)
        },
        move |done| {
            said.set(Some(super::act::said(done)));
            reload.run(());
        },
    );
    // A refused or unsettled action leaves the review as the server has it now on the page.
    Effect::new(move |_| {
        if act.error().get().is_some() {
            said.set(None);
            reload.run(());
        }
    });
    view! {
        {act.error_bar()}
        <p role="status">{move || said.get()}</p>
        <Loaded resource=data loading="Loading the access review…" let:d>
            <Body d id=id.clone() reload act said />
        </Loaded>
    }
}

#[component]
fn Body(
    d: Data,
    id: String,
    reload: Callback<()>,
    act: Act,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let graph = use_graph();
    let ask = RwSignal::new(Ask::None);
    use_draft(format!("review.{id}.pane"), ask);
    let settings = d.def.settings.clone().unwrap_or_default();
    let auto_apply = settings.auto_apply_decisions_enabled;
    let status = d
        .current
        .as_ref()
        .and_then(|i| i.status.clone())
        .unwrap_or_default();
    let running = status.eq_ignore_ascii_case("InProgress");
    let completed = status.eq_ignore_ascii_case("Completed");
    let inst = StoredValue::new(d.current.as_ref().map(|i| i.id.clone()).unwrap_or_default());
    let delete = {
        let (graph, req) = (graph.clone(), delete_definition(&id));
        use_submit(
            move |_: ()| {
                let (graph, req) = (graph.clone(), req.clone());
                async move { graph.send(&req, None).await.map(|_| ()) }
            },
            move |_| {
                let _ = window().location().set_href(&Route::Reviews.path());
            },
        )
    };
    let decisions = StoredValue::new(d.decisions.clone());
    let results = Callback::new(move |_| decisions.with_value(|x| csv(x)));
    let p = progress(&d.decisions);
    let name = d.def.display_name.clone().unwrap_or_default();
    let frequency = crate::domain::reviews::frequency_of(&d.def).label();
    let (group_id, group_name) = d.group.clone();
    let def_id = id.clone();
    let current_id = d.current.as_ref().map(|i| i.id.clone());
    let apply_why = if auto_apply {
        "Results are applied automatically when the review ends (Auto apply is on)."
    } else if !completed {
        "Apply is possible once the review has ended or been stopped."
    } else {
        "Denied people lose the group when the results are applied."
    };
    let def = d.def.clone();
    let group_chosen = crate::domain::reviews::Chosen {
        id: group_id.clone(),
        name: group_name.clone(),
        is_group: true,
    };
    let no = Callback::new(move |_| ask.set(Ask::None));
    // A Yes closes the pane and runs the command; its message or error shows above the page.
    let confirm = move |title: &'static str, text: String, yes: &'static str, a: InstanceAction| {
        let on_yes = Callback::new(move |_| {
            ask.set(Ask::None);
            act.submit((inst.get_value(), a));
        });
        view! { <Confirm title text yes pending=act.pending() on_yes on_close=no /> }.into_any()
    };
    view! {
        <h2>{name.clone()}</h2>
        <CommandBar label="Review commands">
            <button class="pim-button" type="button" disabled=move || !running || act.pending().get() on:click=move |_| ask.set(Ask::Stop)>"Stop"</button>
            <button class="pim-button" type="button" disabled=move || !running || act.pending().get() on:click=move |_| ask.set(Ask::Reset)>"Reset decisions"</button>
            <button class="pim-button" type="button" aria-describedby="pim-apply-why" disabled=move || auto_apply || !completed || act.pending().get() on:click=move |_| ask.set(Ask::Apply)>"Apply"</button>
            <button class="pim-button" type="button" disabled=move || !running || act.pending().get() on:click=move |_| act.submit((inst.get_value(), InstanceAction::SendReminder))>"Send reminder"</button>
            <button class="pim-button" type="button" on:click=move |_| ask.set(Ask::Edit)>"Edit"</button>
            <button class="pim-button" type="button" on:click=move |_| ask.set(Ask::Delete)>"Delete"</button>
            <Download file="access-review-results.csv" mime="text/csv" make=results label="Download results" />
        </CommandBar>
        <p id="pim-apply-why">{apply_why}</p>
        <dl class="pim-facts">
            <dt>"Group"</dt><dd>{(!group_id.is_empty()).then(|| view! {
                <a href=Route::GroupOverview(group_id.clone()).path()>{group_name.clone()}</a>
            })}{group_id.is_empty().then_some("Not a group review")}</dd>
            <dt>"Status"</dt><dd>{if status.is_empty() { d.def.status.clone().unwrap_or_default() } else { status.clone() }}</dd>
            <dt>"Reviewers"</dt><dd>{reviewers_text(&d.def)}</dd>
            <dt>"Contacted reviewers"</dt><dd>{if d.reviewers.is_empty() { "None yet".to_owned() } else { d.reviewers.join(", ") }}</dd>
            <dt>"Frequency"</dt><dd>{frequency}</dd>
            <dt>"Duration (in days)"</dt><dd>{settings.instance_duration_in_days}</dd>
            <dt>"Auto apply results to resource"</dt><dd>{yes_no(auto_apply)}</dd>
            <dt>"Progress"</dt><dd>{p.sentence()}</dd>
            <dt>"Created by"</dt><dd>{d.def.created_by.as_ref().and_then(|c| c.display_name.clone()).unwrap_or_default()}</dd>
        </dl>
        {d.note.clone().map(|n| view! { <p class="pim-notice" role="note">{n}</p> })}
        <DataTable caption="Instances of this review" headers=vec!["Start", "End", "Status"]
            rows=Signal::stored(d.instances.clone()) key=|i: &AccessReviewInstance| (i.id.clone(), i.status.clone())
            row=move |i| instance_row(i, def_id.clone(), current_id.clone()) empty="No instance has started yet: the first starts on the start date." />
        <DataTable caption="Decisions" headers=vec!["Name", "User", "Access", "Recommendation", "Decision", "Reason", "Reviewed by"]
            rows=Signal::stored(d.people.clone()) key=|p: &Person| (p.decision_id.clone(), p.decided, p.reason.clone())
            row=person_row empty="Nobody is in this review." />
        {move || match ask.get() {
            Ask::Stop => confirm(
                "Stop the review",
                format!("Reviewers can no longer decide, and a stopped review can't be restarted. {}",
                    if auto_apply { "Its results are applied now (Auto apply is on)." } else { "Apply its results afterwards." }),
                "Yes, stop",
                InstanceAction::Stop,
            ),
            Ask::Reset => confirm(
                "Reset decisions",
                "Every decision of this instance goes back to Not reviewed, and the reviewers decide again.".into(),
                "Yes, reset",
                InstanceAction::ResetDecisions,
            ),
            Ask::Apply => confirm(
                "Apply the results",
                "Denied people lose the group, and it can't be undone from here.".into(),
                "Yes, apply",
                InstanceAction::ApplyDecisions,
            ),
            Ask::Delete => view! {
                <Confirm title="Delete the review" text="The review, its instances and its decisions are deleted; results already applied stay applied.".into()
                    yes="Yes, delete" pending=delete.pending() on_yes=Callback::new(move |_| delete.submit(())) on_close=no>
                    {delete.error_bar()}
                </Confirm>
            }.into_any(),
            Ask::Edit => view! {
                <EditReview id=id.clone() def=def.clone() group=group_chosen.clone()
                    close=Callback::new(move |changed: bool| { ask.set(Ask::None); if changed { said.set(Some("The review was saved; the changes apply to its next instances.".into())); reload.run(()); } }) />
            }.into_any(),
            Ask::None => ().into_any(),
        }}
    }
}
