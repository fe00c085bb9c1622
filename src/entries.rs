//! Each bundle's match from page to view. A binary in `src/bin/` starts one of these, so
//! link-time optimisation leaves the other bundles' blades out of its module.

use crate::auth::session::Session;
use crate::blades::{
    approvals, audit, grants, group, groups, my_groups, my_requests, my_reviews, not_found,
    reports, reviews, setup,
};
use crate::client::{use_graph, Graph};
use crate::components::deferred::lazy;
use crate::components::elsewhere::Elsewhere;
use crate::components::route::use_route;
use crate::domain::dashboard::opens_overview;
use crate::graph::model::{Page as GraphPage, UnifiedRoleAssignment};
use crate::graph::role_management::list_role_assignments_of;
use crate::pages::{Page, Route};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;

/// A page's view, as its bundle's match gives it.
type View = fn() -> AnyView;

/// The bundle's pages: `view` names the view of each page the bundle holds. One view is built
/// per page and kept while only the page's parameters change; pages that share a view (a
/// group's menu items) keep it across them.
fn pages(view: fn(Page) -> Option<View>) -> AnyView {
    let route = use_route();
    let shown = Memo::new_with_compare(
        move |_| view(route.get().page()),
        |old: Option<&Option<View>>, new: Option<&Option<View>>| match (old, new) {
            (Some(Some(a)), Some(Some(b))) => !std::ptr::fn_addr_eq(*a, *b),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    (move || match shown.get() {
        Some(view) => view(),
        None => fallback(),
    })
    .into_any()
}

/// A path no page of this bundle has: another bundle's page is loaded, any other is Page not
/// found.
fn fallback() -> AnyView {
    view! { <Elsewhere><not_found::NotFound /></Elsewhere> }.into_any()
}

/// The approval page an email opens, and what a group grants.
pub fn approval() -> AnyView {
    pages(|page| match page {
        Page::Approval => Some(|| view! { <approvals::ApprovalRequest /> }.into_any()),
        Page::Grants => Some(lazy!(
            grants_page,
            grants::GroupGrants,
            reads = grants::prefetch
        )),
        _ => None,
    })
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
            let _ = window().location().replace(&Route::Overview.path());
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
            .get::<GraphPage<UnifiedRoleAssignment>>(&req)
            .await
            .is_ok_and(|p| opens_overview(&p.value))
    }))
}

/// My roles, and `/`.
pub fn me() -> AnyView {
    pages(|page| match page {
        Page::Home => Some(|| view! { <Home /> }.into_any()),
        Page::MyGroups => Some(|| view! { <my_groups::MyGroups /> }.into_any()),
        Page::Setup => Some(lazy!(setup_page, setup::CheckSetup)),
        _ => None,
    })
}

/// My requests and Approve requests.
pub fn requests() -> AnyView {
    pages(|page| match page {
        Page::MyRequests => Some(|| view! { <my_requests::MyRequests /> }.into_any()),
        Page::Approvals => Some(|| view! { <approvals::Approvals /> }.into_any()),
        _ => None,
    })
}

/// The groups PIM manages, discovering and creating groups, the Overview, the directory-wide
/// audit, and one group's blade (an administrator goes from the list to a group and back without
/// loading a second module: the blade's frame is here, each of its menu items a chunk).
pub fn groups() -> AnyView {
    pages(|page| match page {
        Page::Groups => Some(|| view! { <groups::Groups /> }.into_any()),
        page if of_group(page) => Some(|| {
            let load = lazy!(group_blade(section: fn(Route) -> AnyView = group::section) => view! {
                <group::GroupBlade section />
            });
            crate::components::deferred::page(load)
        }),
        Page::Overview => Some(lazy!(overview_page, groups::Overview)),
        Page::DiscoverGroups => Some(lazy!(discover_page, groups::DiscoverGroups)),
        Page::NewGroup => Some(lazy!(new_group_page, groups::NewGroup)),
        Page::Audit => Some(lazy!(audit_page, audit::Audit)),
        _ => None,
    })
}

/// A group's menu items, which one blade shows.
fn of_group(page: Page) -> bool {
    matches!(
        page,
        Page::GroupOverview
            | Page::GroupAssignments
            | Page::GroupSettings
            | Page::GroupRoleSettings
            | Page::GroupHistory
            | Page::GroupReviews
            | Page::GroupAudit
    )
}

/// Review access: the reviewer's pages, which a review email opens (often on a phone).
pub fn reviewer() -> AnyView {
    pages(|page| match page {
        // The list is a chunk: the module is the page a review email opens.
        Page::MyReviews => Some(lazy!(my_reviews_page, my_reviews::MyReviews)),
        Page::ReviewAccess => Some(|| view! { <my_reviews::ReviewAccess /> }.into_any()),
        _ => None,
    })
}

/// The administrator's access reviews (the list is the module's, the other pages chunks) and
/// Bulk assignments.
pub fn reviews() -> AnyView {
    pages(|page| match page {
        Page::Reviews => Some(|| view! { <reviews::AccessReviews /> }.into_any()),
        Page::BulkAssignments => Some(lazy!(bulk_page, groups::BulkAssignments)),
        Page::Reports => Some(lazy!(reports_page, reports::Reports)),
        Page::NewReview => Some(lazy!(new_review_page, reviews::NewReview)),
        Page::Review => Some(lazy!(
            review_page,
            reviews::AccessReview,
            reads = reviews::prefetch
        )),
        _ => None,
    })
}

/// The one-module experiment of issue 27 (`make experiment-one-module`): every page of the app in
/// one module, each page a chunk of its own, so a session pays for the runtime once. Not part of
/// the build (its split points would be in every module's list), only with `--features one-module`;
/// the README has its figures beside the six modules'.
#[cfg(feature = "one-module")]
pub fn all() -> AnyView {
    pages(|page| match page {
        Page::Approval => Some(lazy!(one_approval, approvals::ApprovalRequest)),
        Page::Grants => Some(lazy!(one_grants, grants::GroupGrants)),
        Page::Home | Page::MyGroups => Some(lazy!(one_my_groups, my_groups::MyGroups)),
        Page::MyRequests => Some(lazy!(one_my_requests, my_requests::MyRequests)),
        Page::Approvals => Some(lazy!(one_approvals, approvals::Approvals)),
        Page::Groups => Some(lazy!(one_groups, groups::Groups)),
        Page::Overview => Some(lazy!(one_overview, groups::Overview)),
        Page::DiscoverGroups => Some(lazy!(one_discover, groups::DiscoverGroups)),
        Page::NewGroup => Some(lazy!(one_new_group, groups::NewGroup)),
        Page::Audit => Some(lazy!(one_audit, audit::Audit)),
        page if of_group(page) => Some(|| {
            let load = lazy!(one_group(section: fn(Route) -> AnyView = group::section) => view! {
                <group::GroupBlade section />
            });
            crate::components::deferred::page(load)
        }),
        Page::MyReviews => Some(lazy!(one_my_reviews, my_reviews::MyReviews)),
        Page::ReviewAccess => Some(lazy!(one_review_access, my_reviews::ReviewAccess)),
        Page::BulkAssignments => Some(lazy!(one_bulk, groups::BulkAssignments)),
        Page::Reports => Some(lazy!(one_reports, reports::Reports)),
        Page::Reviews => Some(lazy!(one_reviews, reviews::AccessReviews)),
        Page::NewReview => Some(lazy!(one_new_review, reviews::NewReview)),
        Page::Review => Some(lazy!(one_review, reviews::AccessReview)),
        // Page not found: the group's pages are matched by the guard above.
        _ => None,
    })
}
