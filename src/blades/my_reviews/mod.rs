//! `/my/reviews` and `/my/reviews/DEFINITION/INSTANCE`: the access reviews the signed-in user is
//! asked to do, and the page a review email opens to decide on each person.

mod decide;
mod members;
mod review;

use crate::client::{use_graph, Graph};
use crate::components::blade::Blade;
use crate::components::data_table::DataTable;
use crate::components::loaded::Loaded;
use crate::components::route::use_route;
use crate::domain::reviews::results::progress;
use crate::domain::wording::when;
use crate::graph::access_reviews::{
    decisions_for_reviewer, definitions_for_reviewer, instances_for_reviewer,
};
use crate::graph::error::GraphError;
use crate::graph::model::AccessReviewScheduleDefinition;
use crate::pages::Route;
use leptos::prelude::*;

/// One instance to review, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct ToReview {
    definition: String,
    instance: String,
    name: String,
    resource: String,
    due: String,
    status: String,
    progress: String,
}

/// Reviews, then their instances, then the caller's decisions in each running one: three waves,
/// as Graph offers no way to read an instance's progress with the instance.
async fn load(graph: Graph) -> Result<Vec<ToReview>, GraphError> {
    let defs: Vec<AccessReviewScheduleDefinition> =
        graph.call_all(&definitions_for_reviewer()).await?;
    let asks = defs.iter().map(|d| instances_for_reviewer(&d.id));
    let mut rows = vec![];
    for (d, answer) in defs.iter().zip(graph.each(asks).await) {
        let page = answer?;
        for i in page.value {
            rows.push(ToReview {
                definition: d.id.clone(),
                instance: i.id.clone(),
                name: d.display_name.clone().unwrap_or_else(|| d.id.clone()),
                resource: String::new(),
                due: i.end_date_time.as_deref().map(when).unwrap_or_default(),
                status: i.status.clone().unwrap_or_default(),
                progress: String::new(),
            });
        }
    }
    let asks: Vec<_> = rows
        .iter()
        .map(|r| decisions_for_reviewer(&r.definition, &r.instance))
        .collect();
    for (row, answer) in rows.iter_mut().zip(graph.each(asks).await) {
        let page = answer?;
        let p = progress(&page.value);
        row.progress = format!("{} of {}", p.reviewed(), p.total);
        row.resource = page
            .value
            .iter()
            .find_map(|d| d.resource.as_ref()?.display_name.clone())
            .unwrap_or_default();
    }
    // Running reviews first, the soonest due at the top.
    rows.sort_by_key(|r| (r.status != "InProgress", r.due.clone()));
    Ok(rows)
}

fn row(r: ToReview) -> impl IntoView {
    let href = Route::ReviewAccess(r.definition.clone(), r.instance.clone()).path();
    view! {
        <tr>
            <td><a href=href>{r.name.clone()}</a></td>
            <td>{r.resource.clone()}</td>
            <td>{r.due.clone()}</td>
            <td>{r.status.clone()}</td>
            <td>{r.progress.clone()}</td>
        </tr>
    }
}

/// Review access: every review the user is asked to do.
#[component]
pub fn MyReviews() -> impl IntoView {
    let graph = use_graph();
    let data = LocalResource::new(move || load(graph.clone()));
    view! {
        <Blade title=Route::MyReviews.heading()>
            <p>"Reviews of group membership you are asked to do. After the due date, people you deny can lose their access."</p>
            <Loaded resource=data loading="Loading your access reviews…" let:items>
                <DataTable caption="Access reviews to do" headers=vec!["Name", "Resource", "Due", "Status", "Progress"]
                    rows=Signal::stored(items) key=|r: &ToReview| (r.instance.clone(), r.progress.clone())
                    row=row empty="You have no access reviews to do. When you are asked to review, an email links to the review and it shows here." />
            </Loaded>
        </Blade>
    }
}

/// One instance to review: the page a review email opens.
#[component]
pub fn ReviewAccess() -> impl IntoView {
    let route = use_route();
    // Checked by the page table (it comes from a link); kept while the page is left.
    let ids = Memo::new(move |kept: Option<&(String, String)>| match route.get() {
        Route::ReviewAccess(definition, instance) => (definition, instance),
        _ => kept.cloned().unwrap_or_default(),
    });
    view! {
        <Blade title=Route::MyReviews.heading()>
            {move || {
                let (definition, instance) = ids.get();
                view! { <review::Review definition instance /> }
            }}
        </Blade>
    }
}
