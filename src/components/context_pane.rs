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

/// `showModal` needs the dialog in the document; a pane drawn inside a `<Transition>` (a draft
/// restored after a sign-in redirect) is built before it is attached, and a node the renderer
/// moves leaves the top layer with its `open` attribute kept but no longer modal. So: wait until
/// attached, make it modal, and look again a few times while the blade settles.
fn open_when_attached(dialog: SendWrapper<web_sys::HtmlDialogElement>, tries: u32) {
    let again = move |dialog, ms| {
        set_timeout(
            move || open_when_attached(dialog, tries - 1),
            std::time::Duration::from_millis(ms),
        )
    };
    if !dialog.is_connected() {
        if tries > 0 {
            again(dialog, 20);
        }
        return;
    }
    if !dialog.matches(":modal").unwrap_or(false) {
        if dialog.open() {
            dialog.close();
        }
        if dialog.show_modal().is_ok() {
            let first = dialog
                .query_selector(
                    "input:not([type=hidden]), select, textarea, button:not(.pim-pane__close)",
                )
                .ok()
                .flatten();
            if let Some(el) = first {
                focus(&el);
            }
        }
    }
    if tries > 45 {
        again(dialog, 60);
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
        if let Some(dialog) = node.get() {
            open_when_attached(SendWrapper::new(dialog), 50);
        }
    });
    on_cleanup(move || {
        // While the modal dialog is open the page behind is inert and cannot take focus: close
        // it first, then give focus back once the pane is gone.
        if let Some(dialog) = node.get_untracked() {
            dialog.close();
        }
        let opener = opener.take();
        let back = SendWrapper::new(opener);
        set_timeout(
            move || {
                let back = back
                    .take()
                    .filter(|el| el.is_connected())
                    .or_else(|| document().get_element_by_id("pim-blade-title"));
                if let Some(el) = back {
                    focus(&el);
                }
            },
            std::time::Duration::ZERO,
        );
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
            // The pane's own boundary: what it reads (settings, search results) waits here. Without
            // it the app's root <Suspense> would take the page's nodes out and back while a read
            // is pending, and a <dialog> taken out of the document stops being modal.
            <div class="pim-pane__body"><Transition fallback=|| view! { <p role="status" class="pim-loading">"Loading…"</p> }>{children()}</Transition></div>
        </dialog>
    }
}
