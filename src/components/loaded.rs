//! How a blade shows what it reads: a `<Transition>` (old content stays while it reloads), a
//! status line while loading, and the typed `GraphError` in an error bar, never an empty list.

use crate::components::error_bar::ErrorBar;
use crate::graph::error::GraphError;
use leptos::prelude::*;

/// Renders `children` with the resource's value once it is read, or its error.
#[component]
pub fn Loaded<T, V, F>(
    /// The read.
    resource: LocalResource<Result<T, GraphError>>,
    /// Said while the first read runs ("Loading the overview…").
    loading: &'static str,
    /// The view of what was read.
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Transition fallback=move || view! { <p role="status" class="pim-loading">{loading}</p> }>
            {move || {
                let children = children.clone();
                resource.get().map(move |r| match r {
                    Ok(v) => children(v).into_any(),
                    Err(error) => view! { <ErrorBar error /> }.into_any(),
                })
            }}
        </Transition>
    }
}
