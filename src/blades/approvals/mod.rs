//! `/approvals` and `/approvals/ID`: requests waiting for the signed-in approver, and the page an
//! approval email opens.

mod grants;
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
    let raw = Signal::derive(move || params.read().get("id").unwrap_or_default());
    // The id comes from an emailed link: checked like any id before it reaches Graph.
    let id = Memo::new(move |_| crate::routes::id_segment(&raw.get()));
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
