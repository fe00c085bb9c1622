//! The fallback of a bundle's routes: a page another bundle holds is loaded from the server,
//! a page none holds is Page not found.

use crate::components::route::complete_navigation;
use crate::pages::{Bundle, Route};
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
        if !away.get() {
            complete_navigation();
            return;
        }
        // The router's URL (a link's) is not yet in the address bar, which still shows the page
        // the link was on: load it as a new history entry, so Back returns there. After Back or
        // Forward the address bar shows it already: load it in place.
        let there = window().location();
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let href = format!("{path}{query}{}", location.hash.get_untracked());
        let signed_in = use_context::<crate::auth::session::Session>();
        leptos::task::spawn_local(async move {
            // A token being renewed is kept before the page goes: Entra rotates refresh
            // tokens, and the next page would start from the one just spent.
            if let Some(s) = signed_in {
                s.settled().await;
            }
            if let Some(s) = session() {
                let _ = s.set_item(HOP, &path);
                let _ = if there.pathname().ok().as_deref() == Some(path.as_str()) {
                    there.replace(&href)
                } else {
                    there.assign(&href)
                };
            }
        });
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
