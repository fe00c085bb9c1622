//! `/overview`, `/groups`, `/groups/discover`, `/groups/new`: the admin's overview, the groups
//! under PIM and onboarding.

mod bulk;
mod bulk_data;
mod dashboard;
mod discover;
mod drift;
mod inventory;
mod list;
mod new_group;
mod onboard;
mod scan;

use crate::components::blade::Blade;
use crate::components::deferred::{lazy, Deferred};
use crate::pages::Route;
pub use bulk::BulkAssignments;
use leptos::prelude::*;

/// Privileged Identity Management | Groups.
#[component]
pub fn Groups() -> impl IntoView {
    let (refresh, set_refresh) = signal(0u32);
    let drift = RwSignal::new(false);
    let commands = move || {
        view! {
            <a class="pim-command" href=Route::DiscoverGroups.path()>"Discover groups"</a>
            <a class="pim-command" href=Route::NewGroup.path()>"New group"</a>
            <a class="pim-command" href=Route::BulkAssignments.path()>"Bulk assignments"</a>
            <button class="pim-command" type="button" on:click=move |_| { scan::invalidate(); set_refresh.update(|n| *n += 1); }>"Refresh"</button>
            <button class="pim-command" type="button" on:click=move |_| drift.set(true)>"Drift"</button>
        }
    };
    view! {
        <Blade title=Route::Groups.heading() commands=Box::new(move || commands().into_any())>
            <list::ManagedGroups refresh />
            // Drift's code (it reads every managed group's settings) is fetched when first opened.
            {move || drift.get().then(|| {
                let close = Callback::new(move |_| drift.set(false));
                let load = lazy!(drift(close: Callback<()> = close) => view! { <drift::Drift close /> });
                view! { <Deferred load what="Drift" /> }
            })}
        </Blade>
    }
}

/// Overview: what needs an admin's attention across every managed group.
#[component]
pub fn Overview() -> impl IntoView {
    view! {
        <Blade title=Route::Overview.heading()>
            <dashboard::Dashboard />
        </Blade>
    }
}

/// Discover groups.
#[component]
pub fn DiscoverGroups() -> impl IntoView {
    view! {
        <Blade title=Route::DiscoverGroups.heading()>
            <discover::Discover />
        </Blade>
    }
}

/// New group.
#[component]
pub fn NewGroup() -> impl IntoView {
    view! {
        <Blade title=Route::NewGroup.heading()>
            <new_group::NewGroupForm />
        </Blade>
    }
}
