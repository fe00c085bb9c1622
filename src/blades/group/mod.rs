//! `/groups/ID/...`: one group's blade with its own menu (overview, assignments, settings, history,
//! access reviews, audit).

mod assign_send;
mod assign_wizard;
mod assignment_row;
mod assignments;
mod edit;
mod edit_meanwhile;
mod edit_tabs;
mod history;
mod overview;
mod package_note;
mod reviews;
mod schedule_draft;
mod settings;
mod settings_copy;
mod settings_data;
mod settings_export;
mod settings_import;
mod settings_io;
mod settings_people;
mod settings_tools;

use crate::client::{prefetch, use_graph};
use crate::components::blade::Blade;
use crate::components::deferred::{lazy, Deferred, Loader};
use crate::components::error_bar::ErrorBar;
use crate::components::route::use_route;
use crate::components::shell::CurrentGroupName;
use crate::graph::directory::get_group;
use crate::graph::model::Group;
use crate::pages::{GroupRole, Route};
use leptos::prelude::*;

/// The group blade; the route picks the section. The blade is a chunk of the groups module and
/// `section` (this module's [`section`]) is handed to it by the bundle's match, so the calls that
/// fetch the sections' chunks stay in the module's own code (`components/deferred.rs` says why).
#[component]
pub fn GroupBlade(section: fn(Route) -> AnyView) -> impl IntoView {
    // The last group page shown: leaving for another page (of this module or another) changes
    // nothing here, so nothing of the blade runs again while it is being taken down.
    let all = use_route();
    let route = Memo::new(move |kept: Option<&Route>| match all.get() {
        r @ (Route::GroupOverview(_)
        | Route::GroupAssignments(_)
        | Route::GroupSettings(_)
        | Route::GroupRoleSettings(..)
        | Route::GroupAudit(_)
        | Route::GroupHistory(_)
        | Route::GroupReviews(_)) => r,
        other => kept.cloned().unwrap_or(other),
    });
    let group_id = Memo::new(move |_| match route.get() {
        Route::GroupOverview(id)
        | Route::GroupAssignments(id)
        | Route::GroupSettings(id)
        | Route::GroupRoleSettings(id, _)
        | Route::GroupAudit(id)
        | Route::GroupHistory(id)
        | Route::GroupReviews(id) => id,
        _ => String::new(),
    });
    let graph = use_graph();
    let group = LocalResource::new(move || {
        let (graph, id) = (graph.clone(), group_id.get());
        async move {
            let req = get_group(&id, "id,displayName,description,isAssignableToRole");
            graph.call::<Group>(&req).await
        }
    });
    // The id stands in for the name until Graph answers (and if it cannot).
    let name = Signal::derive(move || {
        let loaded = group
            .get()
            .and_then(|r| r.ok())
            .and_then(|g| g.display_name);
        loaded.unwrap_or_else(|| group_id.get())
    });
    let failure = move || {
        group
            .get()
            .and_then(|r| r.err())
            .map(|error| view! { <ErrorBar error /> })
    };
    if let Some(current) = use_context::<CurrentGroupName>() {
        Effect::new(move |_| current.0.set(Some(name.get())));
        on_cleanup(move || current.0.set(None));
    }
    let title = Signal::derive(move || match route.get() {
        Route::GroupRoleSettings(_, role) => Route::GroupRoleSettings(String::new(), role)
            .heading()
            .to_owned(),
        _ => name.get(),
    });
    view! {
        <Blade title>
            {failure}
            <GroupMenu route group_id />
            <div class="pim-group__section">{move || match route.get() {
                // Audit is a link, drawn here rather than by the module's `section`.
                Route::GroupAudit(id) => {
                    let href = format!("{}?group={id}", Route::Audit.path());
                    view! {
                        <h2>"Audit"</h2>
                        <p><a href=href>"Open this group's PIM activity in Audit"</a></p>
                    }
                    .into_any()
                }
                other => section(other),
            }}</div>
        </Blade>
    }
}

#[component]
fn GroupMenu(route: Memo<Route>, group_id: Memo<String>) -> impl IntoView {
    let item = move |label: &'static str, make: fn(String) -> Route| {
        let href = move || make(group_id.get()).path();
        let current = move || {
            let here = route.get();
            let target = make(group_id.get());
            let same = match (&here, &target) {
                (Route::GroupRoleSettings(..), Route::GroupSettings(_)) => true,
                _ => here == target,
            };
            same.then_some("page")
        };
        view! { <li><a class="pim-groupmenu__link" href=href aria-current=current>{label}</a></li> }
    };
    view! {
        <nav class="pim-groupmenu" aria-label="Group">
            <ul class="pim-groupmenu__list">
                {item("Overview", Route::GroupOverview)}
                {item("Assignments", Route::GroupAssignments)}
                {item("Settings", Route::GroupSettings)}
                {item("History", Route::GroupHistory)}
                {item("Access reviews", Route::GroupReviews)}
                {item("Audit", Route::GroupAudit)}
            </ul>
        </nav>
    }
}

/// Each menu item but Audit (a link the blade draws) is a chunk of the groups module, fetched
/// when first opened (its first reads sent meanwhile): the groups list's module carries only this.
pub fn section(route: Route) -> AnyView {
    let deferred = |load: Loader, what: &'static str| view! { <Deferred load what /> }.into_any();
    // A tab's first reads go while its code downloads; the tab takes their answers.
    match route {
        Route::GroupAssignments(id) => {
            prefetch(assignments::reads(&id).0);
            let load = lazy!(group_assignments(id: String = id) => view! {
                <assignments::Assignments group_id=id />
            });
            deferred(load, "the assignments")
        }
        Route::GroupSettings(id) => deferred(settings(id, None), "the settings"),
        Route::GroupRoleSettings(id, role) => {
            prefetch(settings_data::reads(&id, role).0);
            deferred(settings(id, Some(role)), "the settings")
        }
        Route::GroupOverview(id) => {
            prefetch(overview::reads(&id).0);
            let load = lazy!(group_overview(id: String = id) => view! {
                <overview::GroupOverview group_id=id />
            });
            deferred(load, "the overview")
        }
        Route::GroupHistory(id) => {
            prefetch(history::reads(&id).0);
            let load =
                lazy!(group_history(id: String = id) => view! { <history::History group_id=id /> });
            deferred(load, "the history")
        }
        Route::GroupReviews(id) => deferred(
            lazy!(group_reviews(id: String = id) => view! {
                <reviews::GroupReviews group_id=id />
            }),
            "the access reviews",
        ),
        _ => ().into_any(),
    }
}

/// The Settings item (the tools and the two roles), or one role's settings with its editor: two
/// chunks, so reading a role's settings does not fetch Export, Import and Copy.
fn settings(id: String, role: Option<GroupRole>) -> Loader {
    match role {
        Some(role) => lazy!(group_role_settings(id: String = id, role: GroupRole = role) => view! {
            <settings::RoleSettingsView group_id=id role />
        }),
        None => lazy!(group_settings(id: String = id) => {
            let member = Route::GroupRoleSettings(id.clone(), GroupRole::Member).path();
            let owner = Route::GroupRoleSettings(id.clone(), GroupRole::Owner).path();
            view! {
                <h2>"Settings"</h2>
                <settings_tools::SettingsTools group_id=id />
                <ul class="pim-list">
                    <li><a href=member>"Member"</a></li>
                    <li><a href=owner>"Owner"</a></li>
                </ul>
            }
        }),
    }
}
