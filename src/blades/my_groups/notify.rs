//! Browser notifications before an activation ends, while My roles is open, for users who ask
//! for them: the browser's permission, and the choice kept in this browser (removed at sign-out
//! with the app's other keys).

use leptos::prelude::*;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

const KEY: &str = "pim.notify.ending";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Whether this browser has notifications at all (older phone browsers don't: touching the API
/// there would throw).
fn supported() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::has(&w, &"Notification".into()).ok())
        .unwrap_or(false)
}

/// Whether the user asked for notifications and the browser allows them.
pub fn wanted() -> bool {
    supported()
        && Notification::permission() == NotificationPermission::Granted
        && local()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .as_deref()
            == Some("1")
}

/// Shows one notification (the browser may still drop it; nothing depends on it).
pub fn show(title: &str, body: &str) {
    if !supported() {
        return;
    }
    let options = NotificationOptions::new();
    options.set_body(body);
    let _ = Notification::new_with_options(title, &options);
}

/// The checkbox that asks the browser's permission and keeps the choice; nothing where the
/// browser has no notifications.
#[component]
pub fn NotifyToggle() -> impl IntoView {
    if !supported() {
        return ().into_any();
    }
    let on = RwSignal::new(wanted());
    let refused = RwSignal::new(false);
    let change = move |e: leptos::ev::Event| {
        let checked = event_target_checked(&e);
        if !checked {
            if let Some(s) = local() {
                let _ = s.remove_item(KEY);
            }
            on.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            let granted = match Notification::request_permission() {
                Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .is_some_and(|v| v == "granted"),
                Err(_) => false,
            };
            if granted {
                if let Some(s) = local() {
                    let _ = s.set_item(KEY, "1");
                }
            }
            refused.set(!granted);
            on.set(granted);
        });
    };
    view! {
        <label class="pim-check">
            <input type="checkbox" prop:checked=on on:change=change />
            "Notify me in this browser 15 minutes before an activation ends"
        </label>
        {move || refused.get().then(|| view! { <p class="pim-field__error" role="alert">"This browser does not allow notifications from this site; its site settings can allow them."</p> })}
    }
    .into_any()
}
