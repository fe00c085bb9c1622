//! `/groups/ID/...`: one group's blade with its own menu (overview, assignments, settings, history,
//! access reviews, audit).

mod assign_wizard;
mod assignment_row;
mod assignments;
mod edit;
mod edit_tabs;
mod history;
mod overview;
mod package_note;
mod reviews;
mod schedule_draft;
mod settings;
mod settings_data;
mod settings_export;
mod settings_io;
mod settings_tools;

use crate::client::use_graph;
use crate::components::blade::Blade;
use crate::components::error_bar::ErrorBar;
use crate::components::shell::CurrentGroupName;
use crate::graph::directory::get_group;
use crate::graph::model::Group;
use crate::routes::{GroupRole, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The group blade; the route picks the section.
#[component]
pub fn GroupBlade() -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| Route::parse(&location.pathname.get()));
    // A link into another bundle passes through this router on its way out: the id stays, so
    // nothing is read for a page that is not a group's.
    let group_id = Memo::new(move |prev: Option<&String>| match route.get() {
        Route::GroupOverview(id)
        | Route::GroupAssignments(id)
        | Route::GroupSettings(id)
        | Route::GroupRoleSettings(id, _)
        | Route::GroupAudit(id)
        | Route::GroupHistory(id)
        | Route::GroupReviews(id) => id,
        _ => prev.cloned().unwrap_or_default(),
    });
    let graph = use_graph();
    let group = LocalResource::new(move || {
        let (graph, id) = (graph.clone(), group_id.get());
        async move {
            let req = get_group(&id, "id,displayName,description,isAssignableToRole");
            graph.get::<Group>(&req).await
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
            <div class="pim-group__section">{move || section(route.get())}</div>
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

fn section(route: Route) -> AnyView {
    match route {
        Route::GroupAssignments(id) => {
            view! { <assignments::Assignments group_id=id /> }.into_any()
        }
        Route::GroupSettings(id) => {
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
            .into_any()
        }
        Route::GroupRoleSettings(id, role) => view! {
            <settings::RoleSettingsView group_id=id role />
        }
        .into_any(),
        Route::GroupAudit(id) => {
            let href = format!("{}?group={id}", Route::Audit.path());
            view! {
                <h2>"Audit"</h2>
                <p><a href=href>"Open this group's PIM activity in Audit"</a></p>
            }
            .into_any()
        }
        Route::GroupOverview(id) => view! { <overview::GroupOverview group_id=id /> }.into_any(),
        Route::GroupHistory(id) => view! { <history::History group_id=id /> }.into_any(),
        Route::GroupReviews(id) => view! { <reviews::GroupReviews group_id=id /> }.into_any(),
        _ => ().into_any(),
    }
}
