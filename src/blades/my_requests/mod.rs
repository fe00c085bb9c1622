//! `/my/requests`: the signed-in user's PIM requests and their status.

use crate::components::blade::{Blade, ComingWith};
use crate::routes::Route;
use leptos::prelude::*;

/// My requests.
#[component]
pub fn MyRequests() -> impl IntoView {
    view! {
        <Blade title=Route::MyRequests.heading()>
            <ComingWith issue=7 what="Your pending, approved, denied and expired requests, with Cancel on pending ones." />
        </Blade>
    }
}
