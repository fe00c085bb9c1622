//! The routes of each bundle. A binary in `src/bin/` starts one of these, so link-time
//! optimisation leaves the other bundles' blades out of its module.

use crate::auth::session::Session;
use crate::blades::{
    approvals, audit, grants, group, groups, my_groups, my_requests, my_reviews, not_found, reviews,
};
use crate::client::{use_graph, Graph};
use crate::components::deferred::{loader, Chunk, Deferred};
use crate::components::elsewhere::Elsewhere;
use crate::domain::dashboard::opens_overview;
use crate::graph::model::{Page, UnifiedRoleAssignment};
use crate::graph::role_management::list_role_assignments_of;
use crate::routes::Route as AppRoute;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

/// A route's view whose blade is fetched when the route is first opened: a chunk of its own
/// (`#[wasm_split]`), so the bundle's entry page does not carry it.
macro_rules! on_demand {
    ($chunk:ident, $($blade:ident)::+) => {{
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk() -> Chunk {
            // Untracked like any component: the Suspend that awaits this would otherwise re-run
            // it when a signal the blade reads while being built changes.
            Ok(untrack(|| $($blade)::+().into_any()))
        }
        || view! { <Deferred load=loader($chunk) what="this page" /> }
    }};
}

fn fallback() -> impl IntoView {
    view! { <Elsewhere><not_found::NotFound /></Elsewhere> }
}

/// The approval page an email opens.
pub fn approval() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/approvals/:id") view=approvals::ApprovalRequest />
            <Route path=path!("/grants/:id") view=on_demand!(grants_page, grants::GroupGrants) />
        </Routes>
    }
    .into_any()
}

/// `/`: an administrator of PIM (a directory-wide admin role) gets the Overview, which the groups
/// bundle holds, so the page is replaced by it; everyone else, or anyone whose roles can't be
/// read (or whose check's code can't be fetched), My roles.
#[component]
fn Home() -> impl IntoView {
    let graph = use_graph();
    let me = use_context::<Session>()
        .and_then(|s| s.account())
        .map(|a| a.object_id)
        .unwrap_or_default();
    let admin = LocalResource::new(move || {
        let (graph, me) = (graph.clone(), me.clone());
        async move {
            match opens_overview_for(graph, me).await {
                Ok(check) => check.await,
                Err(_) => false,
            }
        }
    });
    Effect::new(move |_| {
        if admin.get() == Some(true) {
            let _ = window().location().replace(&AppRoute::Overview.path());
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="pim-boot" role="status">"Loading…"</p> }>
            {move || admin.get().map(|is| if is {
                view! { <p class="pim-boot" role="status">"Opening the Overview…"</p> }.into_any()
            } else {
                view! { <my_groups::MyGroups /> }.into_any()
            })}
        </Suspense>
    }
}

/// Whether `me` holds a directory-wide admin role. A chunk of its own: `/my/groups`, the page
/// most people open, does not carry the role assignments' decoder.
#[leptos::wasm_split::wasm_split(home_check, wasm_split_path = ::leptos::wasm_split, fallible)]
fn opens_overview_for(
    graph: Graph,
    me: String,
) -> Result<LocalBoxFuture<'static, bool>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(async move {
        let req = list_role_assignments_of(&me);
        graph
            .get::<Page<UnifiedRoleAssignment>>(&req)
            .await
            .is_ok_and(|p| opens_overview(&p.value))
    }))
}

/// My roles, My requests and Approve requests.
pub fn me() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/") view=Home />
            <Route path=path!("/my/groups") view=my_groups::MyGroups />
        </Routes>
    }
    .into_any()
}

/// My requests and Approve requests.
pub fn requests() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/my/requests") view=my_requests::MyRequests />
            <Route path=path!("/approvals") view=approvals::Approvals />
        </Routes>
    }
    .into_any()
}

/// The groups PIM manages, discovering and creating groups, the directory-wide audit.
pub fn groups() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/overview") view=on_demand!(overview_page, groups::Overview) />
            <Route path=path!("/groups") view=groups::Groups />
            <Route path=path!("/groups/discover") view=on_demand!(discover_page, groups::DiscoverGroups) />
            <Route path=path!("/groups/new") view=on_demand!(new_group_page, groups::NewGroup) />
            <Route path=path!("/audit") view=on_demand!(audit_page, audit::Audit) />
        </Routes>
    }
    .into_any()
}

/// One group's blade and its menu.
pub fn group() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/groups/:id") view=group::GroupBlade />
            <Route path=path!("/groups/:id/assignments") view=group::GroupBlade />
            <Route path=path!("/groups/:id/settings") view=group::GroupBlade />
            <Route path=path!("/groups/:id/settings/:role") view=group::GroupBlade />
            <Route path=path!("/groups/:id/audit") view=group::GroupBlade />
            <Route path=path!("/groups/:id/history") view=group::GroupBlade />
            <Route path=path!("/groups/:id/reviews") view=group::GroupBlade />
        </Routes>
    }
    .into_any()
}

/// Access reviews and Bulk assignments. The reviewer's pages, which a review email opens (often
/// on a phone), are the module; the administrator's pages and Bulk assignments are chunks.
pub fn reviews() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/groups/bulk") view=on_demand!(bulk_page, groups::BulkAssignments) />
            <Route path=path!("/reviews") view=on_demand!(reviews_page, reviews::AccessReviews) />
            <Route path=path!("/reviews/new") view=on_demand!(new_review_page, reviews::NewReview) />
            <Route path=path!("/reviews/:id") view=on_demand!(review_page, reviews::AccessReview) />
            <Route path=path!("/my/reviews") view=my_reviews::MyReviews />
            <Route path=path!("/my/reviews/:definition/:instance") view=my_reviews::ReviewAccess />
        </Routes>
    }
    .into_any()
}
