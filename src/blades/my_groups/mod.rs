//! `/my/groups`: the signed-in user's eligible, active and expired group roles.

use crate::components::blade::{Blade, ComingWith};
use crate::routes::Route;
use leptos::prelude::*;

/// My roles | Groups.
#[component]
pub fn MyGroups() -> impl IntoView {
    view! {
        <Blade title=Route::MyGroups.heading()>
            <ComingWith issue=7 what="Your eligible, active and expired memberships and ownerships, with Activate, Deactivate, Extend and Renew." />
        </Blade>
    }
}
