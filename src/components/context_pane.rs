//! The context pane: a modal side panel on the browser's own `<dialog>` (`showModal`), so the page
//! behind is inert and Tab stays inside; focus moves to the first field when it opens and back to
//! what opened it when it closes; Esc and the Close button close it.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

fn focus(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// The pane; mount it to open it, unmount it (from `on_close`) to close it.
#[component]
pub fn ContextPane(
    /// The pane's heading and accessible name.
    #[prop(into)]
    title: String,
    /// Asked to close: Esc, the Close button. The owner unmounts the pane.
    on_close: Callback<()>,
    /// Wider, for wizards.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Dialog>::new();
    // Focus returns to the opener; when it is gone (its row redrawn), to the blade's heading.
    let opener = SendWrapper::new(document().active_element());
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
        let first = dialog
            .query_selector(
                "input:not([type=hidden]), select, textarea, button:not(.pim-pane__close)",
            )
            .ok()
            .flatten();
        if let Some(el) = first {
            focus(&el);
        }
    });
    on_cleanup(move || {
        let back = opener
            .take()
            .filter(|el| el.is_connected())
            .or_else(|| document().get_element_by_id("pim-blade-title"));
        if let Some(el) = back {
            focus(&el);
        }
    });
    static PANES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = PANES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (heading, labelled) = (format!("pim-pane-{n}"), format!("pim-pane-{n}"));
    view! {
        <dialog node_ref=node class="pim-pane" class:pim-pane--wide=wide aria-labelledby=labelled
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); on_close.run(()); }>
            <div class="pim-pane__header">
                <h2 class="pim-pane__title" id=heading>{title}</h2>
                <button type="button" class="pim-button pim-pane__close" aria-label="Close"
                    on:click=move |_| on_close.run(())>"✕"</button>
            </div>
            <div class="pim-pane__body">{children()}</div>
        </dialog>
    }
}
