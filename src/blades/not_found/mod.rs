//! The page for any URL the app does not know.

use crate::components::blade::Blade;
use crate::pages::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Page not found, with the way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <Blade title=Route::NotFound.heading()>
            <p>"There is no page at " <code>{move || path.get()}</code> "."</p>
            <p><a href=Route::MyGroups.path()>"Go to My roles"</a></p>
        </Blade>
    }
}
