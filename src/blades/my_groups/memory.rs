//! The last reason and duration used for each group role, kept in this browser's localStorage
//! (never a token or anything secret: just what the user typed, to type less next time), per
//! tenant and user, and removed at sign-out with everything else the app wrote.

use crate::domain::activation::Remembered;
use crate::graph::model::AccessId;

fn key(group: &str, access: AccessId) -> Option<String> {
    // Another person signing in on this browser must not be offered this person's reasons.
    let who = crate::auth::session::stored_account()?;
    Some(format!(
        "pim.remember.{}.{}.{group}.{}",
        who.tenant_id,
        who.object_id,
        access.as_str()
    ))
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What was used last time for this group role, if anything.
pub fn recall(group: &str, access: AccessId) -> Option<Remembered> {
    let json = local()?.get_item(&key(group, access)?).ok()??;
    crate::json::from_text(&json).ok()
}

/// Keeps what was just used.
pub fn remember(group: &str, access: AccessId, r: &Remembered) {
    if let (Some(s), Some(k), Ok(json)) = (local(), key(group, access), serde_json::to_string(r)) {
        let _ = s.set_item(&k, &json);
    }
}
