//! One instance of a review, for its reviewer: the review read (the module's own code, so the page
//! a review email opens paints it first) and the people to decide on, whose form is a chunk.

use crate::client::{use_graph, Graph};
use crate::components::deferred::{lazy, Deferred};
use crate::components::loaded::Loaded;
use crate::domain::reviews::results::{people, progress, Memberships, Person};
use crate::domain::wording::when;
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::graph::model::DefinitionForReviewers;
use leptos::prelude::*;
use std::collections::HashSet;

/// What the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewData {
    name: String,
    for_reviewers: String,
    resource: String,
    due: String,
    pub running: bool,
    pub reason_required: bool,
    progress: String,
    pub people: Vec<Person>,
    /// The reviewed group, whose schedules say who is eligible or active (members.rs).
    group: Option<String>,
}

/// The page's read, which the form (decide.rs) shares.
pub type Read = LocalResource<Result<ReviewData, GraphError>>;

async fn load(graph: Graph, d: String, i: String) -> Result<ReviewData, GraphError> {
    // The page's first batch, which index.html's loader may have sent already (pages/early.rs).
    let (def, inst, items) = crate::pages::early::review_access::<DefinitionForReviewers>(&d, &i);
    let mut batch = Batch::new();
    let def = batch.add(def);
    let inst = batch.add(inst);
    let items = batch.add(items);
    let mut a = graph.run(&batch).await;
    let (def, inst, items) = (a.take(def)?, a.take(inst)?, a.take(items)?);
    let resource = items
        .value
        .iter()
        .find_map(|x| x.resource.clone())
        .unwrap_or_default();
    let group = resource
        .id
        .clone()
        .or_else(|| crate::domain::reviews::group_in(def.scope.as_ref()));
    let settings = def.settings.unwrap_or_default();
    Ok(ReviewData {
        name: def.display_name.clone().unwrap_or_default(),
        for_reviewers: def.description_for_reviewers.clone().unwrap_or_default(),
        resource: resource.display_name.unwrap_or_default(),
        due: inst.end_date_time.as_deref().map(when).unwrap_or_default(),
        running: inst
            .status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("InProgress")),
        reason_required: settings.justification_required_on_approval,
        progress: progress(&items.value).sentence(),
        // Eligible or active is read next (members.rs): the decisions do not say it.
        people: people(&items.value, &HashSet::new(), &HashSet::new()),
        group,
    })
}

/// The form lives above the page's read (its chunk fetched as the page starts, beside the read),
/// so that what a send said stays when the review is read again.
#[component]
pub fn Review(definition: String, instance: String) -> impl IntoView {
    let graph = use_graph();
    let version = RwSignal::new(0u32);
    let (d, i) = (definition.clone(), instance.clone());
    let g = graph.clone();
    let data: Read = LocalResource::new(move || {
        version.track();
        load(g.clone(), d.clone(), i.clone())
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    // A signal set from here, not a resource read under the page's <Transition>: the people show
    // as soon as they are read, and who is eligible or active fills in after.
    let members = RwSignal::new(None::<Memberships>);
    Effect::new(move |_| {
        if let Some(Ok(d)) = data.get() {
            let g = graph.clone();
            leptos::task::spawn_local(async move {
                // The page may have been left meanwhile: then there is no one to tell.
                let _ = members.try_set(Some(super::members::read(g, d.group).await));
            });
        }
    });
    let announced = RwSignal::new(None::<String>);
    let ready = RwSignal::new(false);
    let members: Signal<Option<Memberships>> = members.read_only().into();
    let load = lazy!(review_form(definition: String = definition, instance: String = instance,
        data: Read = data, reload: Callback<()> = reload, announced: RwSignal<Option<String>> = announced,
        members: Signal<Option<Memberships>> = members, ready: RwSignal<bool> = ready)
        => view! { <super::decide::Form definition instance data reload announced members ready /> });
    view! {
        <Loaded resource=data loading="Loading the review…" let:page>
            <Header page members ready />
        </Loaded>
        <Deferred load what="the decisions" quiet=true />
        <p role="status">{move || announced.get()}</p>
    }
}

/// The review: its name, what it is of, when it is due, how far it is, and what to know first.
#[component]
fn Header(
    page: ReviewData,
    members: Signal<Option<Memberships>>,
    ready: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <h2>{page.name.clone()}</h2>
        {(!page.for_reviewers.is_empty()).then(|| view! { <p>{page.for_reviewers.clone()}</p> })}
        <dl class="pim-facts">
            <dt>"Resource"</dt><dd>{page.resource.clone()}</dd>
            <dt>"Due"</dt><dd>{page.due.clone()}</dd>
            <dt>"Progress"</dt><dd>{page.progress.clone()}</dd>
        </dl>
        {(!page.running).then(|| view! { <p class="pim-notice" role="note">"This review has ended: its decisions can no longer be changed."</p> })}
        {move || members.get().and_then(|m| m.2).map(|n| view! { <p class="pim-notice" role="note">{n}</p> })}
        {page.people.is_empty().then(|| view! {
            <p class="pim-notice" role="note">"There is no one for you to review in this review: its people are assigned to other reviewers, or none were in scope."</p>
        })}
        {page.reason_required.then(|| view! { <p>"This review asks for a reason with each decision."</p> })}
        {move || (!ready.get()).then(|| view! { <p role="status" class="pim-loading">"Loading the people to review…"</p> })}
    }
}
