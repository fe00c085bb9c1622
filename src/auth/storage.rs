//! This tab's sessionStorage as sign-in uses it: tokens, account, the attempt in flight, form
//! drafts, and removing every key the app wrote at sign-out. Never localStorage for any of it.

use super::id_token::Account;

pub(super) const TOKENS: &str = "pim.auth.tokens";
pub(super) const ACCOUNT: &str = "pim.auth.account";
/// The last claims challenge met by a new sign-in (met once, never in a loop).
pub(super) const CHALLENGE: &str = "pim.auth.challenge";
pub(super) const ATTEMPT: &str = "pim.auth.attempt";
const DRAFT_PREFIX: &str = "pim.draft.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub(super) fn load<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::from_text(&storage()?.get_item(key).ok()??).ok()
}

pub(super) fn save<T: serde::Serialize>(key: &str, value: &T) {
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = s.set_item(key, &text);
    }
}

pub(super) fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The signed-in account as this tab keeps it, for code outside the reactive tree.
pub fn stored_account() -> Option<Account> {
    load(ACCOUNT)
}

/// Removes every key this app wrote (`pim.`): tokens, account, the sign-in attempt, every
/// form draft in sessionStorage, and what was remembered per group in localStorage. Nothing of
/// the user stays behind in this browser.
pub(super) fn forget_everything() {
    let window = web_sys::window();
    let stores = [
        window
            .as_ref()
            .and_then(|w| w.session_storage().ok().flatten()),
        window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten()),
    ];
    for store in stores.into_iter().flatten() {
        let n = store.length().unwrap_or(0);
        let ours: Vec<String> = (0..n)
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| k.starts_with("pim."))
            .collect();
        for key in ours {
            let _ = store.remove_item(&key);
        }
    }
}

/// Keeps an unsaved form in this tab (no tokens, nothing secret), so a sign-in or step-up
/// redirect, or a reload, loses nothing the user typed.
pub fn save_draft(key: &str, json: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{DRAFT_PREFIX}{key}"), json);
    }
}

/// The saved form, if any.
pub fn load_draft(key: &str) -> Option<String> {
    storage()?.get_item(&format!("{DRAFT_PREFIX}{key}")).ok()?
}

/// Forgets a form once it has been submitted.
pub fn clear_draft(key: &str) {
    remove(&format!("{DRAFT_PREFIX}{key}"));
}
