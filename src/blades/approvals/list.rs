//! `/approvals`: the activation requests waiting for the signed-in approver, with what they need
//! to decide at a glance, each opening its request page.

use crate::client::{use_graph, Graph};
use crate::components::data_table::DataTable;
use crate::components::loaded::Loaded;
use crate::domain::approval::{age, time_left};
use crate::domain::assignments::{parse, span};
use crate::domain::wording::duration;
use crate::graph::error::GraphError;
use crate::graph::pim::{filter_by_current_user, Collection, On};
use crate::pages::Route;
use leptos::prelude::*;

type Waiting = super::Expanded;

async fn load(graph: Graph) -> Result<Vec<Waiting>, GraphError> {
    let req = filter_by_current_user(
        Collection::AssignmentScheduleRequests,
        On::Approver,
        "principal,group",
    );
    let all: Vec<Waiting> = graph.call_all(&req).await?;
    let mut v: Vec<Waiting> = all
        .into_iter()
        .filter(|w| w.item.status == "PendingApproval")
        .collect();
    v.sort_by(|a, b| a.item.created_date_time.cmp(&b.item.created_date_time));
    Ok(v)
}

fn row(w: Waiting) -> impl IntoView {
    let now = crate::clock::service_now();
    let (group, who) = (
        w.group_name(&w.item.group_id),
        w.principal_name(&w.item.principal_id),
    );
    let created = parse(w.item.created_date_time.as_deref());
    let (s, e) = span(w.item.schedule_info.as_ref(), created);
    let length = match (s, e) {
        (Some(s), Some(e)) => duration((e - s).num_minutes().max(0) as u32),
        _ => "Permanent".into(),
    };
    let ticket = w
        .item
        .ticket_info
        .as_ref()
        .and_then(|t| t.ticket_number.clone())
        .unwrap_or_default();
    view! {
        <tr>
            <td><a href=Route::Approval(w.item.id.clone()).path()>{format!("{who} – {group}")}</a></td>
            <td>{crate::domain::wording::role(w.item.access_id)}</td>
            <td>{w.item.justification.clone().unwrap_or_default()}</td>
            <td>{ticket}</td>
            <td>{length}</td>
            <td>{created.map(|c| age(c, now)).unwrap_or_default()}</td>
            <td>{created.map(|c| time_left(c, now)).unwrap_or_default()}</td>
        </tr>
    }
}

/// The table of waiting requests.
#[component]
pub fn WaitingList() -> impl IntoView {
    let graph = use_graph();
    let data = LocalResource::new(move || load(graph.clone()));
    view! {
        <Loaded resource=data loading="Loading requests…" let:items>
            <DataTable caption="Requests waiting for your approval"
                headers=vec!["Request", "Role", "Reason", "Ticket", "Duration", "Age", "Time left"]
                rows=Signal::stored(items) key=|w: &Waiting| w.item.id.clone() row=row
                empty="No request is waiting for you." />
        </Loaded>
    }
}
