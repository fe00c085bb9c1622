//! `/groups`, `/groups/discover`, `/groups/new`: the groups under PIM and onboarding.

mod new_group;
mod onboard;

use crate::components::blade::{Blade, ComingWith};
use crate::routes::Route;
use leptos::prelude::*;

/// Privileged Identity Management | Groups.
#[component]
pub fn Groups() -> impl IntoView {
    let commands = || {
        view! {
            <a class="pim-command" href="/groups/discover">"Discover groups"</a>
            <a class="pim-command" href="/groups/new">"New group"</a>
        }
    };
    view! {
        <Blade title=Route::Groups.heading() commands=Box::new(move || commands().into_any())>
            <ComingWith issue=5 what="The groups under PIM management, searchable, with their eligible and active assignment counts." />
        </Blade>
    }
}

/// Discover groups.
#[component]
pub fn DiscoverGroups() -> impl IntoView {
    view! {
        <Blade title=Route::DiscoverGroups.heading()>
            <ComingWith issue=5 what="Groups not yet managed by PIM, and Manage groups to onboard them." />
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
