//! The alert every Graph failure is shown in: a plain sentence, Graph's code, the request id, and
//! Copy error details for a support ticket.

use crate::graph::error::GraphError;
use leptos::prelude::*;

/// Shows a Graph error; nothing of it is hidden or turned into an empty list.
#[component]
pub fn ErrorBar(
    /// The failure to show.
    #[prop(into)]
    error: GraphError,
) -> impl IntoView {
    let details = error.details();
    // A refusal or a missing call is often the tenant's setup: Check setup says which and why.
    let can_not_read = matches!(error.status, 400 | 401 | 403 | 404 | 501);
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let _ = clipboard.write_text(&details);
        copied.set(true);
    };
    view! {
        <div class="pim-alert pim-alert--error" role="alert">
            <p>{error.message.clone()}</p>
            <p class="pim-muted">
                "Error code: " <code>{error.effective_code().to_owned()}</code>
                " · Request id: " <code>{error.request_id.clone().unwrap_or_else(|| "-".into())}</code>
            </p>
            <button class="pim-button" type="button" on:click=copy>"Copy error details"</button>
            {can_not_read.then(|| view! { " " <a href="/setup">"Check setup"</a> })}
            <span role="status">{move || copied.get().then_some(" Copied.")}</span>
        </div>
    }
}
