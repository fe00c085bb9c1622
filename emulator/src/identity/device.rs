//! The device authorization grant (RFC 8628) as Entra runs it: `/devicecode` hands a tool a code,
//! a person enters it at `/devicelogin` in any browser, and the tool's polls of `/token` answer
//! pending, slow down, expired, declined or the tokens.

use super::pages::{esc, layout};
use super::token::oauth_error;
use crate::apps::{can_consent_for_org, Consent, DeviceCode};
use crate::state::Grant;
use crate::Shared;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::{Form, Json};
use chrono::Duration;
use serde_json::json;
use std::collections::BTreeMap;

type Params = BTreeMap<String, String>;

/// `POST /{tenant}/oauth2/v2.0/devicecode`.
pub async fn start(
    State(s): State<Shared>,
    Path(_tenant): Path<String>,
    Form(p): Form<Params>,
) -> Response {
    let mut w = s.world();
    let client = p.get("client_id").cloned().unwrap_or_default();
    if !w.apps.public_client(&client) {
        return oauth_error("unauthorized_client", 700016, &format!("Application with identifier '{client}' was not found in the directory, or is not a public client that may use the device code flow."));
    }
    let scopes: Vec<String> = p
        .get("scope")
        .map(|x| x.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    if let Some(bad) = scopes
        .iter()
        .find(|x| crate::apps::catalogue::canonical(x).is_none())
    {
        return oauth_error("invalid_scope", 70011, &format!("The provided value for the input parameter 'scope' is not valid. The scope {bad} is not valid."));
    }
    let device_code = format!("DAQABAAEAAAD{}", uuid::Uuid::new_v4().simple());
    let user_code: String = uuid::Uuid::new_v4().simple().to_string()[..9].to_ascii_uppercase();
    let uri = format!("{}/devicelogin", s.base_url());
    let interval = w.device_interval_secs;
    let expires = w.now() + Duration::minutes(15);
    w.apps.device_codes.insert(
        device_code.clone(),
        DeviceCode {
            user_code: user_code.clone(),
            client_id: client,
            scopes,
            expires,
            interval_secs: interval,
            last_poll: None,
            outcome: None,
        },
    );
    Json(json!({
        "user_code": user_code, "device_code": device_code, "verification_uri": uri,
        "expires_in": 900, "interval": interval,
        "message": format!("To sign in, use a web browser to open the page {uri} and enter the code {user_code} to authenticate."),
    }))
    .into_response()
}

/// The token endpoint's answer to a poll: the grant once approved, else the RFC 8628 error.
#[allow(clippy::result_large_err)] // the error is the response to send
pub fn poll(s: &Shared, p: &Params) -> Result<Grant, Response> {
    let mut w = s.world();
    let now = w.now();
    let code = p.get("device_code").cloned().unwrap_or_default();
    let Some(d) = w.apps.device_codes.get_mut(&code) else {
        return Err(oauth_error(
            "invalid_grant",
            70000,
            "The provided value for the 'device_code' is not valid.",
        ));
    };
    if p.get("client_id") != Some(&d.client_id) {
        return Err(oauth_error(
            "invalid_grant",
            70000,
            "The device code was issued to another client.",
        ));
    }
    if d.expires < now {
        return Err(oauth_error(
            "expired_token",
            70020,
            "The provided authorization code or refresh token has expired.",
        ));
    }
    let too_soon = d
        .last_poll
        .is_some_and(|t| now < t + Duration::seconds(d.interval_secs));
    d.last_poll = Some(now);
    match d.outcome.clone() {
        None if too_soon => Err(oauth_error(
            "slow_down",
            70016,
            "Polling too often: wait the interval between requests.",
        )),
        None => Err(oauth_error(
            "authorization_pending",
            70016,
            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
        )),
        Some(Err(())) => Err(oauth_error(
            "authorization_declined",
            70000,
            "The user declined the authorization request.",
        )),
        Some(Ok(user)) => {
            let d = w.apps.device_codes.remove(&code).expect("found above");
            Ok(Grant {
                user_id: user,
                client_id: d.client_id,
                scopes: d.scopes,
                acrs: vec![],
                mfa: true,
                deadline: now + Duration::days(90),
            })
        }
    }
}

/// `GET /devicelogin`: where a person types the code.
pub async fn page() -> Html<String> {
    Html(enter_code(None))
}

fn enter_code(error: Option<&str>) -> String {
    let err = error
        .map(|e| format!("<p class=\"err\" role=\"alert\">{}</p>", esc(e)))
        .unwrap_or_default();
    layout("Enter code", &format!(
        "<p>Enter the code displayed on your app or device.</p>{err}<form method=\"post\">\
         <p><label for=\"code\">Code</label><br><input id=\"code\" name=\"code\" autocomplete=\"off\" required></p>\
         <button class=\"primary\" type=\"submit\">Next</button></form>"
    ))
}

/// `POST /devicelogin`: the code, then the account, then (when needed) consent.
pub async fn submit(State(s): State<Shared>, Form(p): Form<Params>) -> Html<String> {
    let mut w = s.world();
    let now = w.now();
    let typed = p
        .get("code")
        .map(|c| c.trim().to_ascii_uppercase())
        .unwrap_or_default();
    let Some((key, d)) = w
        .apps
        .device_codes
        .iter()
        .find(|(_, d)| d.user_code == typed && d.outcome.is_none())
        .map(|(k, d)| (k.clone(), d.clone()))
    else {
        return Html(enter_code(Some(
            "That code is not valid. Check it and try again.",
        )));
    };
    if d.expires < now {
        return Html(enter_code(Some(
            "That code has expired. Start again on your device.",
        )));
    }
    let client = w.apps.display_name(&d.client_id).unwrap_or_default();
    let code_field = format!(
        "<input type=\"hidden\" name=\"code\" value=\"{}\">",
        esc(&typed)
    );
    let user = p.get("emu_user").cloned().unwrap_or_default();
    if w.user(&user).is_none() {
        let buttons: String = w.tenant.users.iter().filter(|u| u.demo).map(|u| format!(
            "<button type=\"submit\" name=\"emu_user\" value=\"{}\">{}<br><small>{}</small></button>",
            esc(&u.id), esc(&u.display_name), esc(&u.user_principal_name))).collect();
        return Html(layout("Pick an account", &format!(
            "<p>Sign in to <strong>{}</strong> on the device that showed you the code.</p><form method=\"post\">{code_field}{buttons}</form>", esc(&client))));
    }
    let roles = w.roles_of(&user);
    let action = p.get("emu_action").map(String::as_str).unwrap_or("");
    if action == "decline" {
        w.apps.device_codes.get_mut(&key).expect("found").outcome = Some(Err(()));
        return Html(layout(
            "Sign-in declined",
            "<p>You declined. You can close this window.</p>",
        ));
    }
    match w.apps.consent_for(&d.client_id, &user, &d.scopes, &roles) {
        Consent::Granted => {}
        Consent::Ask { missing, for_org } if action == "consent" => {
            let org = for_org && p.contains_key("emu_org") && can_consent_for_org(&roles);
            w.apps.grant(&d.client_id, &user, &missing, org);
        }
        Consent::Ask { missing, for_org } => {
            let items: String = missing
                .iter()
                .map(|m| format!("<li>{}</li>", esc(m)))
                .collect();
            let org = if for_org {
                "<p><label><input type=\"checkbox\" name=\"emu_org\" value=\"1\"> Consent on behalf of your organization</label></p>"
            } else {
                ""
            };
            return Html(layout("Permissions requested", &format!(
                "<p><strong>{}</strong> needs permission to:</p><ul>{items}</ul><form method=\"post\">{code_field}\
                 <input type=\"hidden\" name=\"emu_user\" value=\"{}\">{org}\
                 <button class=\"primary\" type=\"submit\" name=\"emu_action\" value=\"consent\">Accept</button>\
                 <button type=\"submit\" name=\"emu_action\" value=\"decline\">Cancel</button></form>", esc(&client), esc(&user))));
        }
        Consent::Refused { .. } => {
            w.apps.device_codes.get_mut(&key).expect("found").outcome = Some(Err(()));
            return Html(layout("Need admin approval", &format!(
                "<p class=\"err\" role=\"alert\">AADSTS90094: {} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>", esc(&client))));
        }
    }
    w.apps.device_codes.get_mut(&key).expect("found").outcome = Some(Ok(user));
    Html(layout("You're signed in", &format!("<p>You have signed in to <strong>{}</strong> on your device. You may now close this window.</p>", esc(&client))))
}
