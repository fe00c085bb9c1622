//! The routes of each bundle. A binary in `src/bin/` starts one of these, so link-time
//! optimisation leaves the other bundles' blades out of its module.

use crate::blades::{approvals, audit, group, groups, my_groups, my_requests, not_found};
use crate::components::elsewhere::Elsewhere;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

fn fallback() -> impl IntoView {
    view! { <Elsewhere><not_found::NotFound /></Elsewhere> }
}

/// The approval page an email opens.
pub fn approval() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/approvals/:id") view=approvals::ApprovalRequest />
        </Routes>
    }
    .into_any()
}

/// My roles, My requests and Approve requests.
pub fn me() -> AnyView {
    view! {
        <Routes fallback>
            <Route path=path!("/") view=my_groups::MyGroups />
            <Route path=path!("/my/groups") view=my_groups::MyGroups />
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
            <Route path=path!("/overview") view=groups::Overview />
            <Route path=path!("/groups") view=groups::Groups />
            <Route path=path!("/groups/discover") view=groups::DiscoverGroups />
            <Route path=path!("/groups/new") view=groups::NewGroup />
            <Route path=path!("/audit") view=audit::Audit />
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
        </Routes>
    }
    .into_any()
}
