//! A part of a page whose code is fetched when it is first shown (a `#[wasm_split]` chunk):
//! "Loading…" while it comes, and an alert with Try again when it can't be fetched.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::future::Future;

/// What a split function returns: the view, or why its chunk could not be fetched.
pub type Chunk = Result<AnyView, SplitLoaderError>;

/// Shows what `load` gives once its chunk is in; a failed fetch (the network, a deployment that
/// replaced the files) is said, with Try again, never shown as nothing.
#[component]
pub fn Deferred<F, Fut>(
    /// Calls the split function (fetching its chunk the first time).
    load: F,
    /// What is loading, for "Loading {what}…" and the alert.
    #[prop(into)]
    what: String,
) -> impl IntoView
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Chunk> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let loading = format!("Loading {what}…");
    // Views want Send closures and futures; these never leave the browser's one thread.
    let load = SendWrapper::new(load);
    view! {
        <Suspense fallback=move || view! { <p role="status" class="pim-loading">{loading.clone()}</p> }>
            {move || {
                attempt.track();
                let chunk = SendWrapper::new(load());
                let what = what.clone();
                Suspend::new(async move {
                    chunk.await.unwrap_or_else(|_| view! {
                        <div class="pim-alert pim-alert--error" role="alert">
                            <p>{format!("The code for {what} could not be fetched. Check the connection and try again; if the app was just updated, reload the page.")}</p>
                            <button class="pim-button" type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                        </div>
                    }.into_any())
                })
            }}
        </Suspense>
    }
}
