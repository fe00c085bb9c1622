//! `/groups/ID/reviews`: the access reviews of this group (found by their scope query, the one
//! filter Graph documents), with a link to each and to a new review of the group.

use crate::client::use_graph;
use crate::components::command_bar::CommandBar;
use crate::components::data_table::DataTable;
use crate::components::loaded::Loaded;
use crate::domain::reviews::reviewers_text;
use crate::domain::wording::when;
use crate::graph::access_reviews::list_definitions;
use crate::graph::model::AccessReviewScheduleDefinition;
use crate::pages::Route;
use leptos::prelude::*;

type Definition = AccessReviewScheduleDefinition;

fn row(d: Definition) -> impl IntoView {
    let name = d.display_name.clone().unwrap_or_else(|| d.id.clone());
    view! {
        <tr>
            <td><a href=Route::Review(d.id.clone()).path()>{name}</a></td>
            <td>{d.status.clone().unwrap_or_default()}</td>
            <td>{reviewers_text(&d)}</td>
            <td>{d.created_date_time.as_deref().map(when).unwrap_or_default()}</td>
        </tr>
    }
}

#[component]
pub fn GroupReviews(group_id: String) -> impl IntoView {
    let graph = use_graph();
    let id = group_id.clone();
    let data = LocalResource::new(move || {
        let (graph, req) = (graph.clone(), list_definitions(Some(&id)));
        async move { graph.call_all::<Definition>(&req).await }
    });
    let new = format!("{}?group={group_id}", Route::NewReview.path());
    view! {
        <h2>"Access reviews"</h2>
        <CommandBar>
            <a class="pim-button" href=new>"New access review"</a>
        </CommandBar>
        <p>"A review asks reviewers whether each eligible and active member still needs the group; denied members lose it when the results are applied."</p>
        <Loaded resource=data loading="Loading the group's access reviews…" let:items>
            <DataTable caption="Access reviews of this group" headers=vec!["Name", "Status", "Reviewers", "Created"]
                rows=Signal::stored(items) key=|d: &Definition| (d.id.clone(), d.status.clone())
                row=row empty="No access reviews of this group. Select New access review to start one." />
        </Loaded>
    }
}
