//! Form drafts that survive a sign-in or step-up redirect: a form's state is mirrored into this
//! tab's sessionStorage as it changes and read back when the form is built again.

use crate::auth::session::{clear_draft, load_draft, save_draft};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Restores `state` from the draft saved under `key`, then keeps the draft up to date.
pub fn use_draft<T>(key: impl Into<String>, state: RwSignal<T>)
where
    T: Serialize + DeserializeOwned + Clone + Default + PartialEq + Send + Sync + 'static,
{
    let key = key.into();
    if let Some(saved) = load_draft(&key).and_then(|json| crate::json::from_text::<T>(&json).ok()) {
        state.set(saved);
    }
    // An effect because sessionStorage is outside the reactive world.
    // A form left as it started keeps nothing: only what was typed is worth a key.
    Effect::new(move |_| {
        if state.with(|s| *s == T::default()) {
            clear_draft(&key);
        } else if let Ok(json) = state.with(serde_json::to_string) {
            save_draft(&key, &json);
        }
    });
}

/// `use_draft` for a form kept in several signals: `read` gathers them (reactively), `write`
/// puts a saved draft back. A form still as it was built keeps no key. Returns whether a draft
/// was restored, so defaults computed later leave it alone.
pub fn use_draft_of<T>(
    key: impl Into<String>,
    read: impl Fn() -> T + Send + Sync + 'static,
    write: impl FnOnce(T),
) -> bool
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    let key = key.into();
    let initial = untrack(&read);
    let saved = load_draft(&key).and_then(|json| crate::json::from_text::<T>(&json).ok());
    let restored = saved.is_some();
    if let Some(saved) = saved {
        write(saved);
    }
    Effect::new(move |_| {
        let now = read();
        if now == initial {
            clear_draft(&key);
        } else if let Ok(json) = serde_json::to_string(&now) {
            save_draft(&key, &json);
        }
    });
    restored
}

/// Drops the draft after a successful submission.
pub fn discard_draft(key: &str) {
    clear_draft(key);
}
