//! `/approvals` and `/approvals/ID`: requests waiting for the signed-in approver, and the page an
//! approval email opens.

mod list;
mod request;

use crate::components::blade::Blade;
use crate::graph::model::PrivilegedAccessGroupScheduleRequest;
use crate::routes::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A request with its requester and group expanded.
type Expanded = crate::graph::model::Expanded<PrivilegedAccessGroupScheduleRequest>;

/// Approve requests.
#[component]
pub fn Approvals() -> impl IntoView {
    view! {
        <Blade title=Route::Approvals.heading()>
            <list::WaitingList />
        </Blade>
    }
}

/// One request, the page an approval email links to.
#[component]
pub fn ApprovalRequest() -> impl IntoView {
    let params = use_params_map();
    let id = Signal::derive(move || params.read().get("id").unwrap_or_default());
    view! {
        <Blade title=Route::Approval(String::new()).heading()>
            <request::RequestPage id />
        </Blade>
    }
}
