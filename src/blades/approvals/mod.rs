//! `/approvals` and `/approvals/ID`: requests waiting for the signed-in approver, and the page an
//! approval email opens.

mod grants;
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
    // The id comes from an emailed link: the page table has checked it like any id.
    let id = Memo::new(move |_| match route.get() {
        Route::Approval(id) => Some(id),
        _ => None,
    });
    view! {
        <Blade title=Route::Approval(String::new()).heading()>
            {move || match id.get() {
                Some(id) => view! { <request::RequestPage id /> }.into_any(),
                None => view! {
                    <div class="pim-alert pim-alert--error" role="alert">
                        <p>"This link does not name a valid request. Open it again from the email, or find the request under Approve requests."</p>
                    </div>
                }.into_any(),
            }}
        </Blade>
    }
}
