//! The requester's recent activations of the group, on the approval page: read after the request
//! has shown (context, not what the approver decides on), so the page paints a round trip sooner.

use crate::client::use_graph;
use crate::components::datetime::local;
use crate::components::text_list::TextList;
use crate::domain::assignments::parse;
use crate::domain::wording::unreadable;
use crate::graph::call::Batch;
use crate::graph::model::PrivilegedAccessGroupScheduleRequest;
use crate::graph::pim::{list_for_principal, Collection};
use leptos::prelude::*;

/// Read with the approver's own rights: one who may not read them still decides, and sees why
/// they are missing.
#[component]
pub(super) fn RecentActivations(
    group: String,
    principal: String,
    request: String,
) -> impl IntoView {
    let graph = use_graph();
    let history = LocalResource::new(move || {
        let (graph, group, principal, request) = (
            graph.clone(),
            group.clone(),
            principal.clone(),
            request.clone(),
        );
        async move {
            let mut batch = Batch::new();
            let history = batch.add(list_for_principal::<PrivilegedAccessGroupScheduleRequest>(
                Collection::AssignmentScheduleRequests,
                &group,
                &principal,
            ));
            graph.run(&batch).await.take(history).map(|h| {
                let mut h: Vec<_> = h
                    .value
                    .into_iter()
                    .filter(|x| {
                        x.id != request && x.action.is_some_and(|a| a.as_str() == "selfActivate")
                    })
                    .collect();
                h.sort_by(|x, y| y.created_date_time.cmp(&x.created_date_time));
                h.truncate(5);
                h
            })
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status" class="pim-loading">"Reading the requester's recent activations…"</p> }>
            {move || history.get().map(|read| match read {
                Ok(history) => view! { <TextList label="Recent activations" empty="None before this one." items=history.into_iter().map(|h| {
                    let when = parse(h.created_date_time.as_deref()).map(local).unwrap_or_default();
                    format!("{when}: {} — {}", h.status, h.justification.unwrap_or_default())
                }).collect() /> }.into_any(),
                Err(e) => view! { <p>{unreadable("the requester's recent activations", &e)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
