//! `/approvals` and `/approvals/ID`: requests waiting for the signed-in approver, and the page an
//! approval email opens.

mod grants;
mod history;
mod list;
mod request;

use crate::components::blade::Blade;
use crate::components::route::use_route;
use crate::graph::model::PrivilegedAccessGroupScheduleRequest;
use crate::pages::Route;
use leptos::prelude::*;

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
    let route = use_route();
    // Checked by the page table (it comes from a link); kept while the page is left.
    let id = Memo::new(move |kept: Option<&String>| match route.get() {
        Route::Approval(id) => id,
        _ => kept.cloned().unwrap_or_default(),
    });
    view! {
        <Blade title=Route::Approval(String::new()).heading()>
            {move || view! { <request::RequestPage id=id.get() /> }}
        </Blade>
    }
}
