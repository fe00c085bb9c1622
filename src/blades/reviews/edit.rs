//! Editing a review's series: the same fields (its group fixed), and a PUT of the whole
//! definition as Graph asks, keeping what this form does not show (stages, extra recipients).

use super::form::ReviewFields;
use crate::client::use_graph;
use crate::components::context_pane::ContextPane;
use crate::components::draft::{discard_draft, use_draft_of};
use crate::components::submit::{use_submit, SubmitButton};
use crate::domain::reviews::{definition, form_of, put, validate, Chosen, Problem, ReviewForm};
use crate::graph::access_reviews::{get_definition, update_definition};
use crate::graph::directory::{get_group, get_user};
use crate::graph::model::AccessReviewScheduleDefinition;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn EditReview(
    id: String,
    def: AccessReviewScheduleDefinition,
    group: Chosen,
    close: Callback<bool>,
) -> impl IntoView {
    let graph = use_graph();
    let original = form_of(&def, group.clone(), &|x| x.to_owned());
    let form = RwSignal::new(original.clone());
    // What was typed survives a sign-in in the middle (the page reopens this pane).
    let key = format!("review-edit.{id}");
    use_draft_of(key.clone(), move || form.get(), move |f| form.set(f));
    // Reviewers are stored as ids: their names are read once for the form.
    {
        let graph = graph.clone();
        let people: Vec<Chosen> = original
            .selected
            .iter()
            .chain(&original.fallback)
            .cloned()
            .collect();
        leptos::task::spawn_local(async move {
            let reads: Vec<_> = people
                .iter()
                .map(|c| {
                    // A user or a group: read alike, for the name.
                    if c.is_group {
                        get_group(&c.id, "id,displayName").as_json()
                    } else {
                        get_user(&c.id, "id,displayName").as_json()
                    }
                })
                .collect();
            for (c, answer) in people.iter().zip(graph.each(reads).await) {
                let name = answer
                    .ok()
                    .and_then(|v| v["displayName"].as_str().map(str::to_owned));
                if let Some(name) = name {
                    form.update(|f| {
                        for x in f
                            .selected
                            .iter_mut()
                            .chain(f.fallback.iter_mut())
                            .filter(|x| x.id == c.id)
                        {
                            x.name = name.clone();
                        }
                    });
                }
            }
        });
    }
    let problems = RwSignal::new(Vec::<Problem>::new());
    let save = use_submit(
        move |f: ReviewForm| {
            let (graph, id) = (graph.clone(), id.clone());
            async move {
                let group = f.groups.first().cloned().unwrap_or_default();
                let current: Value = graph.call(&get_definition::<Value>(&id)).await?;
                let whole = put::body(current, definition(&f, &group));
                graph
                    .send(&update_definition(&id, whole), None)
                    .await
                    .map(|_| ())
            }
        },
        {
            let key = key.clone();
            move |_| {
                discard_draft(&key);
                close.run(true)
            }
        },
    );
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        let today = crate::clock::service_now().date_naive();
        // A series that has started keeps its start date, even though it is now in the past.
        let found: Vec<Problem> = validate(&f, today, true)
            .into_iter()
            .filter(|p| !(p.field == "review-start" && f.start_date == original.start_date))
            .collect();
        let ok = found.is_empty();
        problems.set(found);
        if ok {
            save.submit(f);
        }
    };
    view! {
        <ContextPane title="Edit access review" wide=true on_close=Callback::new(move |_| { discard_draft(&key); close.run(false) })>
            <form class="pim-wizard" on:submit=send novalidate>
                <p>"Changes apply to the review's next instances; the running one keeps its reviewers and people."</p>
                <ReviewFields form problems fixed_group=true />
                {save.error_bar()}
                <SubmitButton label="Save" pending=save.pending() />
            </form>
        </ContextPane>
    }
}
