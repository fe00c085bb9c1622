//! A part of a page whose code is fetched when it is first shown (a `#[wasm_split]` chunk):
//! "Loading…" while it comes, and an alert with Try again when it can't be fetched.

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::rc::Rc;

/// What a split function returns: the view, or why its chunk could not be fetched. A split
/// function is called only from code outside every chunk (a module's first screen): the browser
/// tests' binary exports every split function and has no chunks, so a call from inside one would
/// leave it an import it cannot resolve (tests/browser.rs then fails to start).
pub type Chunk = Result<AnyView, SplitLoaderError>;

/// A split function's call, boxed: `Deferred` is built once for every use, not once per caller
/// (its view code is most of what a small chunk would otherwise save).
#[derive(Clone)]
pub struct Loader(Rc<dyn Fn() -> LocalBoxFuture<'static, Chunk>>);

/// `load` (a call of a split function) as a `Loader`.
pub fn loader<F, Fut>(load: F) -> Loader
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Chunk> + 'static,
{
    Loader(Rc::new(move || Box::pin(load())))
}

/// Shows what `load` gives once its chunk is in; a failed fetch (the network, a deployment that
/// replaced the files) is said, with Try again, never shown as nothing.
#[component]
pub fn Deferred(
    /// Calls the split function (fetching its chunk the first time).
    load: Loader,
    /// What is loading, for "Loading {what}…" and the alert.
    #[prop(into)]
    what: String,
    /// Nothing while loading (a row's button: "Loading…" in every row would be noise).
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let loading = format!("Loading {what}…");
    // Views want Send closures and futures; these never leave the browser's one thread.
    let load = SendWrapper::new(load);
    view! {
        <Suspense fallback=move || (!quiet).then(|| view! { <p role="status" class="pim-loading">{loading.clone()}</p> })>
            {move || {
                attempt.track();
                let chunk = SendWrapper::new((load.0)());
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

/// A whole page whose code is fetched on demand (what `lazy!` gives a bundle's match).
pub fn page(load: Loader) -> AnyView {
    view! { <Deferred load what="this page" /> }.into_any()
}

/// Code fetched on demand: a `#[wasm_split]` function named after its chunk (the name the page
/// table's `chunk` column gives), whose view comes when first shown.
/// - `lazy!(chunk, blade::Component)`: a page, as a `fn() -> AnyView` for its bundle's match;
///   with `reads = blade::prefetch` (a `fn(&Route) -> Option<Batch>`), the page's first reads are
///   sent while its chunk downloads, and the page takes their answers (`client::run_prefetched`).
/// - `lazy!(chunk(arg: Type = value, ...) => view)`: a part of a page, as the [`Loader`] of a
///   `<Deferred>`; `view` may read the arguments, each cloned from `value` on every load.
macro_rules! lazy {
    ($chunk:ident, $($blade:ident)::+, reads = $reads:path) => {{
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk() -> $crate::components::deferred::Chunk {
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($($blade)::+())))
        }
        || {
            let route = $crate::components::route::use_route();
            if let Some(batch) = $reads(&::leptos::prelude::GetUntracked::get_untracked(&route)) {
                $crate::client::prefetch(batch);
            }
            $crate::components::deferred::page($crate::components::deferred::loader($chunk))
        }
    }};
    ($chunk:ident, $($blade:ident)::+) => {{
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk() -> $crate::components::deferred::Chunk {
            // Untracked like any component: the Suspend that awaits this would otherwise re-run
            // it when a signal the blade reads while being built changes.
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($($blade)::+())))
        }
        || $crate::components::deferred::page($crate::components::deferred::loader($chunk))
    }};
    ($chunk:ident ( $($arg:ident : $ty:ty = $value:expr),* $(,)? ) => $view:expr) => {{
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk($($arg: $ty),*) -> $crate::components::deferred::Chunk {
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($view)))
        }
        $(let $arg: $ty = $value;)*
        $crate::components::deferred::loader(move || $chunk($($arg.clone()),*))
    }};
}
pub(crate) use lazy;
