//! `/approvals` and `/approvals/ID`: requests waiting for the signed-in approver.

use crate::components::blade::{Blade, ComingWith};
use crate::routes::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Approve requests.
#[component]
pub fn Approvals() -> impl IntoView {
    view! {
        <Blade title=Route::Approvals.heading()>
            <ComingWith issue=8 what="Requests for the groups you approve, with requester, reason, duration and time left." />
        </Blade>
    }
}

/// One request, the page an approval email links to.
#[component]
pub fn ApprovalRequest() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <Blade title=Route::Approval(String::new()).heading()>
            <p class="pim-muted">"Request " <code>{id}</code></p>
            <ComingWith issue=8 what="The request in full, what the group grants, and Approve or Deny with a justification." />
        </Blade>
    }
}
