//! `/grants/GROUP-ID`: what membership of one group grants, for someone about to activate it (the
//! Activate pane links here) or anyone asked to; the same sections as the overview's.

use crate::client::{use_graph, Graph};
use crate::components::blade::Blade;
use crate::components::error_bar::ErrorBar;
use crate::components::link_sections::LinkSections;
use crate::components::route::use_route;
use crate::domain::grants::{self, Section, AZURE_NOTE};
use crate::graph::batch::decode;
use crate::graph::directory::get_group;
use crate::graph::error::GraphError;
use crate::graph::model::Group;
use crate::pages::Route;
use leptos::prelude::*;

/// The group's name and its grants, in one `$batch`.
async fn load(graph: Graph, id: String) -> Result<(String, Vec<Section>), GraphError> {
    let all: Vec<_> = std::iter::once(get_group(&id, "id,displayName"))
        .chain(grants::requests(&id))
        .collect();
    let mut answers = graph.batch(&all).await.into_iter();
    let group: Group = decode(answers.next())?;
    let name = group.display_name.unwrap_or_else(|| id.clone());
    Ok((name, grants::read(&id, &mut answers)))
}

/// The blade.
#[component]
pub fn GroupGrants() -> impl IntoView {
    let graph = use_graph();
    let route = use_route();
    // The page table has checked the id, which comes from a link, like any id.
    let id = Memo::new(move |_| match route.get() {
        Route::Grants(id) => Some(id),
        _ => None,
    });
    let data = LocalResource::new(move || {
        let (graph, id) = (graph.clone(), id.get());
        async move {
            match id {
                Some(id) => Some(load(graph, id).await),
                None => None,
            }
        }
    });
    view! {
        <Blade title=Route::Grants(String::new()).heading()>
            <Transition fallback=|| view! { <p role="status" class="pim-loading">"Reading what the group grants…"</p> }>
                {move || data.get().map(|r| match r {
                    None => view! { <div class="pim-alert pim-alert--error" role="alert"><p>"This link does not name a valid group."</p></div> }.into_any(),
                    Some(Err(error)) => view! { <ErrorBar error /> }.into_any(),
                    Some(Ok((name, sections))) => view! {
                        <h2>{format!("Membership of {name}")}</h2>
                        <p>"A member gets everything below as soon as an activation starts; an owner can add members."</p>
                        <LinkSections sections note=AZURE_NOTE />
                    }.into_any(),
                })}
            </Transition>
        </Blade>
    }
}
