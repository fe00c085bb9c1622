//! The page for any URL the app does not know, saying which part of a link is wrong when it can.

use crate::components::blade::Blade;
use crate::pages::{Page, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Page not found, with the way back: a link with a bad id (a mangled email link) is told
/// apart from a path no page has, and points to the list it came from.
#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    let said = move || {
        let path = path.get();
        match Route::malformed(&path) {
            Some((page, noun)) => {
                let (label, href) = section(page);
                view! {
                    <div class="pim-alert pim-alert--error" role="alert">
                        <p>{format!("This link does not name a valid {noun}. Open it again from where you found it (an email, another page), or find it under {label}.")}</p>
                    </div>
                    <p><a href=href>{format!("Go to {label}")}</a></p>
                }
                .into_any()
            }
            None => view! {
                <p>"There is no page at " <code>{path}</code> "."</p>
                <p><a href=Route::MyGroups.path()>"Go to My roles"</a></p>
            }
            .into_any(),
        }
    };
    view! { <Blade title=Route::NotFound.heading()>{said}</Blade> }
}

/// The left-navigation entry `page` belongs to: its label and path.
fn section(page: Page) -> (&'static str, &'static str) {
    page.row()
        .and_then(|r| r.section.row())
        .and_then(|s| s.nav.map(|label| (label, s.pattern)))
        .unwrap_or(("My roles", "/my/groups"))
}
