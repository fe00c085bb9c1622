//! The fallback of a bundle's routes: a page another bundle holds is loaded from the server,
//! a page none holds is Page not found.

use crate::routes::{Bundle, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The path this tab last left a bundle for. A bundle that finds its own page there clears it;
/// one that finds another's does not go again, so a loader and router that disagree show Page
/// not found instead of reloading forever.
const HOP: &str = "pim.hop";

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Called once at start: this bundle has arrived where a hop was going.
pub fn arrived(bundle: Bundle) {
    let Some(s) = session() else { return };
    let going = s.get_item(HOP).ok().flatten();
    if going.is_some_and(|p| Route::parse(&p).bundle() == Some(bundle)) {
        let _ = s.remove_item(HOP);
    }
}

/// The path, when it belongs to another bundle and was not just tried.
fn elsewhere(here: Bundle, path: &str) -> bool {
    let theirs = Route::parse(path).bundle().is_some_and(|b| b != here);
    let tried = session()
        .and_then(|s| s.get_item(HOP).ok().flatten())
        .as_deref()
        == Some(path);
    theirs && !tried
}

/// Shows `children` (Page not found) unless the path is another bundle's, which is then loaded
/// in place of this history entry (the router has already pushed it).
#[component]
pub fn Elsewhere(children: ChildrenFn) -> impl IntoView {
    let here = expect_context::<Bundle>();
    let location = use_location();
    let away = Memo::new(move |_| elsewhere(here, &location.pathname.get()));
    Effect::new(move |_| {
        if away.get() {
            // The router has pushed the URL already: the address bar holds the whole of it.
            let there = window().location();
            if let (Some(s), Ok(href)) = (session(), there.href()) {
                let _ = s.set_item(HOP, &location.pathname.get_untracked());
                let _ = there.replace(&href);
            }
        }
    });
    view! {
        <Show
            when=move || !away.get()
            fallback=|| view! { <p class="pim-boot" role="status">"Opening…"</p> }
        >
            {children()}
        </Show>
    }
}
