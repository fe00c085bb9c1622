//! The HTML the emulator's sign-in shows: account picker, step-up, consent, errors. Everything escaped.

use super::authorize::Params;
use crate::state::World;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub(super) fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><link rel=\"icon\" href=\"data:,\"><style>body{{font-family:system-ui,sans-serif;max-width:440px;margin:2rem auto;padding:0 1rem;color:#242424}}\
         button{{display:block;width:100%;margin:.4rem 0;padding:.7rem;font-size:1rem;text-align:left;border:1px solid #d1d1d1;border-radius:4px;background:#fff;cursor:pointer}}\
         button.primary{{background:#0f6cbd;color:#fff;text-align:center}}small{{color:#616161}}.err{{color:#b10e1c}}</style></head>\
         <body><p><small>entra-emulator: a stand-in for Microsoft Entra ID</small></p><h1>{t}</h1>{body}</body></html>",
        t = esc(title)
    )
}

pub(super) fn hidden(p: &Params) -> String {
    p.iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            )
        })
        .collect()
}

/// A button per person, demo people first, then everyone else (for small tenants).
pub fn picker(w: &World, p: &Params) -> String {
    let mut people: Vec<_> = w.tenant.users.iter().filter(|u| u.demo).collect();
    if w.tenant.users.len() <= 50 {
        people.extend(w.tenant.users.iter().filter(|u| !u.demo));
    }
    let hint = p.get("login_hint").map(|h| h.to_ascii_lowercase());
    if let Some(h) = &hint {
        people.sort_by_key(|u| u.user_principal_name.to_ascii_lowercase() != *h);
    }
    let buttons: String = people
        .iter()
        .map(|u| format!(
            "<button type=\"submit\" name=\"emu_user\" value=\"{}\">{}<br><small>{}</small></button>",
            esc(&u.id), esc(&u.display_name), esc(&u.user_principal_name)
        ))
        .collect();
    layout("Pick an account", &format!(
        "<p>Sign in to <strong>{}</strong></p><form method=\"post\">{}<input type=\"hidden\" name=\"emu_action\" value=\"signin\">\
         <p><label><input type=\"checkbox\" name=\"emu_mfa\" value=\"1\" checked> Use multi-factor authentication</label></p>{buttons}</form>\
         <form method=\"post\">{}<button type=\"submit\" name=\"emu_action\" value=\"cancel\">Cancel</button></form>",
        esc(&client_name(w, p)), hidden(p), hidden(p)
    ))
}

fn client_name(w: &World, p: &Params) -> String {
    let id = p.get("client_id").map(String::as_str).unwrap_or("");
    w.apps.display_name(id).unwrap_or_else(|| id.to_owned())
}

/// Entra's "Permissions requested" page: what the app asks for that nobody consented to yet. An
/// administrator may consent for the whole organisation; anyone else only for themselves.
pub fn consent(
    w: &World,
    p: &Params,
    user: &str,
    mfa: bool,
    missing: &[String],
    for_org: bool,
) -> String {
    let items: String = missing
        .iter()
        .map(|s| format!("<li>{}</li>", esc(s)))
        .collect();
    let org = if for_org {
        "<p><label><input type=\"checkbox\" name=\"emu_org\" value=\"1\" checked> Consent on behalf of your organization</label></p>"
    } else {
        ""
    };
    let mfa = if mfa {
        "<input type=\"hidden\" name=\"emu_mfa\" value=\"1\">"
    } else {
        ""
    };
    layout("Permissions requested", &format!(
        "<p><strong>{}</strong> needs permission to:</p><ul>{items}</ul>\
         <form method=\"post\">{}<input type=\"hidden\" name=\"emu_user\" value=\"{}\">{mfa}{org}\
         <button class=\"primary\" type=\"submit\" name=\"emu_action\" value=\"consent\">Accept</button>\
         <button type=\"submit\" name=\"emu_action\" value=\"cancel\">Cancel</button></form>",
        esc(&client_name(w, p)), hidden(p), esc(user)
    ))
}

/// The page that asks for a stronger sign-in for an authentication context.
pub fn step_up(w: &World, p: &Params, user: &str, acrs: &[String]) -> String {
    let names: Vec<String> = acrs
        .iter()
        .map(|id| {
            w.tenant
                .auth_contexts
                .iter()
                .find(|c| &c.id == id)
                .map_or(id.clone(), |c| c.display_name.clone())
        })
        .collect();
    let title = names.join(", ");
    let who = w
        .user(user)
        .map(|u| u.display_name.clone())
        .unwrap_or_default();
    layout(&title, &format!(
        "<p>{} must sign in again to satisfy the authentication context <strong>{}</strong>.</p>\
         <form method=\"post\">{}<input type=\"hidden\" name=\"emu_user\" value=\"{}\">\
         <button class=\"primary\" type=\"submit\" name=\"emu_action\" value=\"stepup\">Continue</button>\
         <button type=\"submit\" name=\"emu_action\" value=\"cancel\">Cancel</button></form>",
        esc(&who), esc(&title), hidden(p), esc(user)
    ))
}

pub fn error(message: &str) -> String {
    layout(
        "Sign-in error",
        &format!("<p class=\"err\" role=\"alert\">{}</p>", esc(message)),
    )
}
