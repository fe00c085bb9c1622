//! `/grants/GROUP-ID`: what membership of one group grants, for someone about to activate it (the
//! Activate pane links here) or anyone asked to; the same sections as the overview's.

use crate::client::{run_prefetched, use_graph, Graph};
use crate::components::blade::Blade;
use crate::components::error_bar::ErrorBar;
use crate::components::link_sections::LinkSections;
use crate::components::route::use_route;
use crate::domain::grants::{self, Section, AZURE_NOTE};
use crate::graph::call::{Batch, Handle};
use crate::graph::directory::get_group;
use crate::graph::error::GraphError;
use crate::graph::model::Group;
use crate::pages::Route;
use leptos::prelude::*;

/// The page's reads: the group's name and its grants, in one `$batch`.
pub struct Reads {
    group: Handle<Group>,
    grants: grants::Reads,
}

pub fn reads(id: &str) -> (Batch, Reads) {
    let mut batch = Batch::new();
    let group = batch.add(get_group(id, "id,displayName"));
    let grants = grants::add_reads(&mut batch, id);
    (batch, Reads { group, grants })
}

/// The reads of the page `route` opens, sent while the page's code downloads.
pub fn prefetch(route: &Route) -> Option<Batch> {
    match route {
        Route::Grants(id) => Some(reads(id).0),
        _ => None,
    }
}

async fn load(graph: Graph, id: String) -> Result<(String, Vec<Section>), GraphError> {
    let (batch, reads) = reads(&id);
    let mut answers = run_prefetched(&graph, &batch).await;
    let name = answers.take(reads.group)?.display_name;
    let name = name.unwrap_or_else(|| id.clone());
    Ok((name, grants::read(&id, reads.grants, &mut answers)))
}

/// The blade.
#[component]
pub fn GroupGrants() -> impl IntoView {
    let graph = use_graph();
    let route = use_route();
    // Checked by the page table (it comes from a link); kept while the page is left.
    let id = Memo::new(move |kept: Option<&String>| match route.get() {
        Route::Grants(id) => id,
        _ => kept.cloned().unwrap_or_default(),
    });
    let data = LocalResource::new(move || load(graph.clone(), id.get()));
    view! {
        <Blade title=Route::Grants(String::new()).heading()>
            <Transition fallback=|| view! { <p role="status" class="pim-loading">"Reading what the group grants…"</p> }>
                {move || data.get().map(|r| match r {
                    Err(error) => view! { <ErrorBar error /> }.into_any(),
                    Ok((name, sections)) => view! {
                        <h2>{format!("Membership of {name}")}</h2>
                        <p>"A member gets everything below as soon as an activation starts; an owner can add members."</p>
                        <LinkSections sections note=AZURE_NOTE />
                    }.into_any(),
                })}
            </Transition>
        </Blade>
    }
}
