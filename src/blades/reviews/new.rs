//! `/reviews/new`: the New access review form (`?group=ID` starts with that group), checked
//! before anything is sent, then one review per group; what was typed survives sign-in.

use super::form::ReviewFields;
use crate::client::use_graph;
use crate::components::blade::Blade;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::reviews::{definition, validate, Chosen, Problem, ReviewForm};
use crate::graph::access_reviews::{create_definition, list_definitions};
use crate::graph::directory::get_group;
use crate::graph::model::{AccessReviewScheduleDefinition, Group};
use crate::pages::{id_segment, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

const DRAFT: &str = "review.new";

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
    let created = RwSignal::new(Vec::<(String, String)>::new());
    let submit = use_submit(
        move |f: ReviewForm| {
            let graph = graph.clone();
            async move {
                let mut out = vec![];
                // One review per group, in turn. A create whose answer was lost may still have
                // happened: the group's reviews are read first, and one of the same name made in
                // the last ten minutes is taken as made rather than made twice.
                for g in &f.groups {
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
                    let d = match same {
                        Some(d) => d,
                        None => graph.get(&create_definition(definition(&f, g))).await?,
                    };
                    out.push((d.id, g.name.clone()));
                }
                Ok(out)
            }
        },
        move |made: Vec<(String, String)>| {
            discard_draft(DRAFT);
            if let [(id, _)] = made.as_slice() {
                let _ = window()
                    .location()
                    .set_href(&Route::Review(id.clone()).path());
            }
            created.set(made);
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
        submit.submit(f);
    };
    view! {
        <Blade title=Route::NewReview.heading()>
            <form class="pim-wizard" on:submit=send novalidate>
                <ReviewFields form problems />
                {submit.error_bar()}
                <SubmitButton label="Create" pending=submit.pending() />
            </form>
            <div role="status">
                {move || (!created.get().is_empty()).then(|| view! {
                    <p>"Access reviews created:"</p>
                    <ul class="pim-list">{created.get().into_iter().map(|(id, name)| view! {
                        <li><a href=Route::Review(id).path()>{name}</a></li>
                    }).collect_view()}</ul>
                })}
            </div>
        </Blade>
    }
}
