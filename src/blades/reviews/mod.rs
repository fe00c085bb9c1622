//! `/reviews`, `/reviews/new`, `/reviews/ID`: access reviews of groups for administrators: every
//! review with its group, a new one, and one review with its instances and decisions.

mod act;
mod confirm;
mod edit;
mod form;
mod new;
mod review;

use crate::client::{use_graph, Graph};
use crate::components::blade::Blade;
use crate::components::data_table::DataTable;
use crate::components::loaded::Loaded;
use crate::components::route::use_route;
use crate::domain::reviews::{group_of, reviewers_text};
use crate::domain::wording::when;
use crate::graph::access_reviews::list_definitions;
use crate::graph::directory::{get_groups_by_ids, IDS_PER_CALL};
use crate::graph::error::GraphError;
use crate::graph::model::{AccessReviewScheduleDefinition, Group, Page};
use crate::pages::Route;
use leptos::prelude::*;
use std::collections::HashMap;

pub use new::NewReview;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    def: AccessReviewScheduleDefinition,
    group: String,
}

async fn load(graph: Graph) -> Result<Vec<Row>, GraphError> {
    let defs: Vec<AccessReviewScheduleDefinition> = graph.call_all(&list_definitions(None)).await?;
    let mut ids: Vec<String> = defs.iter().filter_map(group_of).collect();
    ids.sort();
    ids.dedup();
    let mut names = HashMap::new();
    for chunk in ids.chunks(IDS_PER_CALL) {
        let page: Page<Group> = graph.call(&get_groups_by_ids(chunk)).await?;
        names.extend(
            page.value
                .into_iter()
                .map(|g| (g.id, g.display_name.unwrap_or_default())),
        );
    }
    let mut rows: Vec<Row> = defs
        .into_iter()
        .map(|def| {
            let id = group_of(&def).unwrap_or_default();
            let group = names.get(&id).cloned().unwrap_or(id);
            Row { def, group }
        })
        .collect();
    rows.sort_by(|a, b| b.def.created_date_time.cmp(&a.def.created_date_time));
    Ok(rows)
}

fn row(r: Row) -> impl IntoView {
    let d = r.def;
    let name = d.display_name.clone().unwrap_or_else(|| d.id.clone());
    view! {
        <tr>
            <td><a href=Route::Review(d.id.clone()).path()>{name}</a></td>
            <td>{r.group.clone()}</td>
            <td>{d.status.clone().unwrap_or_default()}</td>
            <td>{reviewers_text(&d)}</td>
            <td>{d.created_date_time.as_deref().map(when).unwrap_or_default()}</td>
        </tr>
    }
}

/// Access reviews: every review of a group.
#[component]
pub fn AccessReviews() -> impl IntoView {
    let graph = use_graph();
    let data = LocalResource::new(move || load(graph.clone()));
    view! {
        <Blade title=Route::Reviews.heading() commands=Box::new(|| view! {
            <a class="pim-button" href=Route::NewReview.path()>"New access review"</a>
        }.into_any())>
            <p>"Reviews ask owners, chosen people or the members themselves whether each eligible and active member still needs a group; denied members lose it when the results are applied."</p>
            <Loaded resource=data loading="Loading access reviews…" let:items>
                <DataTable caption="Access reviews" headers=vec!["Name", "Group", "Status", "Reviewers", "Created"]
                    rows=Signal::stored(items) key=|r: &Row| (r.def.id.clone(), r.def.status.clone())
                    row=row empty="No access reviews yet. Select New access review to start one." />
            </Loaded>
        </Blade>
    }
}

/// The reads of the review `route` opens, sent while the page's code downloads.
pub fn prefetch(route: &Route) -> Option<crate::graph::call::Batch> {
    match route {
        Route::Review(id) => Some(review::first_reads(id).0),
        _ => None,
    }
}

/// One review.
#[component]
pub fn AccessReview() -> impl IntoView {
    let route = use_route();
    // Checked by the page table (it comes from a link); kept while the page is left.
    let id = Memo::new(move |kept: Option<&String>| match route.get() {
        Route::Review(id) => id,
        _ => kept.cloned().unwrap_or_default(),
    });
    view! {
        <Blade title=Route::Review(String::new()).heading()>
            {move || view! { <review::ReviewPage id=id.get() /> }}
        </Blade>
    }
}
