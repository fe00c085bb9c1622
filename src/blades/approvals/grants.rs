//! What the group grants, on the approval page: read and shown after the request itself, from a
//! chunk of its own, so the page an approver opens on a phone paints sooner.

use crate::client::use_graph;
use crate::components::deferred::Chunk;
use crate::components::link_sections::LinkSections;
use crate::domain::grants::{self, AZURE_NOTE};
use leptos::prelude::*;

/// The section's code (the grants' reads and decoders) is fetched once the request shows.
#[leptos::wasm_split::wasm_split(approval_grants, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn grants_section(group: String) -> Chunk {
    Ok(view! { <Grants group /> }.into_any())
}

/// Each kind of grant says on its own when it could not be read (`grants::read`).
#[component]
fn Grants(group: String) -> impl IntoView {
    let graph = use_graph();
    let sections = LocalResource::new(move || {
        let (graph, group) = (graph.clone(), group.clone());
        async move {
            let mut answers = graph.batch(&grants::requests(&group)).await.into_iter();
            grants::read(&group, &mut answers)
        }
    });
    view! {
        <Suspense fallback=|| view! { <p role="status" class="pim-loading">"Reading what the group grants…"</p> }>
            {move || sections.get().map(|sections| view! { <LinkSections sections note=AZURE_NOTE /> })}
        </Suspense>
    }
}
