//! `/reviews/new`: the New access review form (`?group=ID` starts with that group), checked
//! before anything is sent, then one review per group; what was typed survives sign-in.

use super::form::ReviewFields;
use crate::client::use_graph;
use crate::components::blade::Blade;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::error_bar::ErrorBar;
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::reviews::{definition, validate, Chosen, Problem, ReviewForm};
use crate::graph::access_reviews::{create_definition, list_definitions};
use crate::graph::directory::get_group;
use crate::graph::error::GraphError;
use crate::graph::model::{AccessReviewScheduleDefinition, Group};
use crate::pages::{id_segment, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

const DRAFT: &str = "review.new";
const MADE: &str = "review.new.made";

/// Per group: its id, its name, and the review made (its id) or why not.
type Outcomes = Vec<(String, String, Result<String, GraphError>)>;

fn today() -> chrono::NaiveDate {
    crate::clock::service_now().date_naive()
}

#[component]
pub fn NewReview() -> impl IntoView {
    let graph = use_graph();
    let form = RwSignal::new(ReviewForm::default());
    use_draft(DRAFT, form);
    if form.with_untracked(|f| f.start_date.is_empty()) {
        form.update(|f| f.start_date = crate::domain::stamp::ymd(today()));
    }
    // A link from a group's Access reviews starts with that group.
    let query = use_query_map();
    let from_group = query
        .with_untracked(|q| q.get("group"))
        .and_then(|g| id_segment(&g));
    if let Some(id) = from_group.filter(|_| form.with_untracked(|f| f.groups.is_empty())) {
        let graph = graph.clone();
        leptos::task::spawn_local(async move {
            if let Ok(g) = graph.call::<Group>(&get_group(&id, "id,displayName")).await {
                let name = g.display_name.unwrap_or_else(|| id.clone());
                form.update(|f| {
                    f.groups.push(Chosen {
                        id: g.id,
                        name,
                        is_group: true,
                    })
                });
            }
        });
    }
    let problems = RwSignal::new(Vec::<Problem>::new());
    // The reviews made so far (review id, group), kept beside the draft: a retry after a failure,
    // or after a sign-in in the middle, makes only the missing ones.
    let created = RwSignal::new(Vec::<(String, String)>::new());
    use_draft(MADE, created);
    // What the page lists as created: the journal while some are missing, then the final list
    // (the journal itself is emptied then, and its key with it).
    let shown = RwSignal::new(created.get_untracked());
    let failed = RwSignal::new(Vec::<(String, GraphError)>::new());
    let submit = use_submit(
        move |(f, made): (ReviewForm, Vec<String>)| {
            let graph = graph.clone();
            async move {
                let mut out: Outcomes = vec![];
                // One review per group, in turn, each on its own: a failure is said and the next
                // group still goes. A create whose answer was lost may still have happened: the
                // group's reviews are read first, and one of the same name made in the last ten
                // minutes is taken as made rather than made twice.
                for g in f.groups.iter().filter(|g| !made.contains(&g.id)) {
                    let one = async {
                        let name = f.name.trim();
                        let existing: Vec<AccessReviewScheduleDefinition> =
                            graph.call_all(&list_definitions(Some(&g.id))).await?;
                        let recent = |d: &AccessReviewScheduleDefinition| {
                            let made =
                                crate::domain::assignments::parse(d.created_date_time.as_deref());
                            made.is_some_and(|t| {
                                crate::clock::service_now() - t < chrono::Duration::minutes(10)
                            })
                        };
                        let same = existing
                            .into_iter()
                            .find(|d| d.display_name.as_deref() == Some(name) && recent(d));
                        match same {
                            Some(d) => Ok(d),
                            None => graph.get(&create_definition(definition(&f, g))).await,
                        }
                    };
                    out.push((g.id.clone(), g.name.clone(), one.await.map(|d| d.id)));
                }
                Ok::<_, GraphError>(out)
            }
        },
        move |outcomes: Outcomes| {
            let mut errors = vec![];
            for (group, name, r) in outcomes {
                match r {
                    Ok(id) => created.update(|c| c.push((id, group))),
                    Err(e) => errors.push((name, e)),
                }
            }
            let all_made = errors.is_empty();
            failed.set(errors);
            shown.set(created.get_untracked());
            if !all_made {
                return;
            }
            discard_draft(DRAFT);
            created.set(vec![]);
            if let [(id, _)] = shown.get_untracked().as_slice() {
                let _ = window()
                    .location()
                    .set_href(&Route::Review(id.clone()).path());
            }
        },
    );
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        // Reviews of PIM for Groups need a fallback with owners as reviewers; this app reviews
        // the groups PIM manages, so the rule always applies here.
        let found = validate(&f, today(), true);
        let first = found.first().map(|p| p.field);
        problems.set(found);
        if let Some(id) = first {
            if let Some(el) = document().get_element_by_id(id) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
            return;
        }
        let made = created.with_untracked(|c| c.iter().map(|(_, g)| g.clone()).collect());
        submit.submit((f, made));
    };
    view! {
        <Blade title=Route::NewReview.heading()>
            <form class="pim-wizard" on:submit=send novalidate>
                <ReviewFields form problems />
                {submit.error_bar()}
                <SubmitButton label="Create" pending=submit.pending() />
            </form>
            <div role="status">
                {move || (!shown.get().is_empty()).then(|| {
                    let names = form.with(|f| f.groups.clone());
                    view! {
                        <p>"Access reviews created:"</p>
                        <ul class="pim-list">{shown.get().into_iter().map(|(id, group)| {
                            let name = names.iter().find(|g| g.id == group).map_or(group.clone(), |g| g.name.clone());
                            view! { <li><a href=Route::Review(id).path()>{name}</a></li> }
                        }).collect_view()}</ul>
                    }
                })}
            </div>
            {move || (!failed.get().is_empty()).then(|| view! {
                <section aria-labelledby="review-failed">
                    <h2 id="review-failed">"Not created"</h2>
                    <p>"Select Create again to make only these; the reviews above are not made twice."</p>
                    {failed.get().into_iter().map(|(name, error)| view! {
                        <h3>{name}</h3>
                        <ErrorBar error />
                    }).collect_view()}
                </section>
            })}
        </Blade>
    }
}
