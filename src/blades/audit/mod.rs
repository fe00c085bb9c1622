//! `/audit`: PIM activity for groups from the directory audit log.

use crate::components::blade::{Blade, ComingWith};
use crate::routes::Route;
use leptos::prelude::*;

/// Audit.
#[component]
pub fn Audit() -> impl IntoView {
    view! {
        <Blade title=Route::Audit.heading()>
            <ComingWith issue=8 what="Resource audit and My audit, with a date range, paging and a CSV download." />
        </Blade>
    }
}
