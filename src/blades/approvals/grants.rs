//! What the group grants, on the approval page: read and shown after the request itself, from a
//! chunk of its own, so the page an approver opens on a phone paints sooner.

use crate::client::use_graph;
use crate::components::link_sections::LinkSections;
use crate::domain::grants::{self, AZURE_NOTE};
use crate::graph::call::Batch;
use leptos::prelude::*;

/// Each kind of grant says on its own when it could not be read (`grants::read`).
#[component]
pub(super) fn Grants(group: String) -> impl IntoView {
    let graph = use_graph();
    let sections = LocalResource::new(move || {
        let (graph, group) = (graph.clone(), group.clone());
        async move {
            let mut batch = Batch::new();
            let reads = grants::add_reads(&mut batch, &group);
            grants::read(&group, reads, &mut graph.run(&batch).await)
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status" class="pim-loading">"Reading what the group grants…"</p> }>
            {move || sections.get().map(|sections| view! { <LinkSections sections note=AZURE_NOTE /> })}
        </Suspense>
    }
}
