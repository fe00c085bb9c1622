//! `/authorize`: checks the request, shows the account picker and the step-up page, issues codes.

use super::{aadsts, pages};
use crate::apps::{catalogue::canonical, Consent};
use crate::state::Code;
use crate::Shared;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Duration;
use std::collections::BTreeMap;

pub type Params = BTreeMap<String, String>;

const SESSION: &str = "emu_session";

fn session_id(headers: &HeaderMap) -> Option<String> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    cookies.split(';').find_map(|c| {
        c.trim()
            .strip_prefix(&format!("{SESSION}="))
            .map(str::to_owned)
    })
}

/// Sends the browser back to the app with an OAuth error, as Entra does once the redirect URI is trusted.
fn error_redirect(p: &Params, error: &str, code: u32, text: &str) -> Response {
    let mut q = vec![
        ("error", error.to_owned()),
        ("error_description", aadsts(code, text)),
    ];
    if let Some(state) = p.get("state") {
        q.push(("state", state.clone()));
    }
    redirect_with(p, q)
}

fn redirect_with(p: &Params, q: Vec<(&str, String)>) -> Response {
    let query = serde_urlencoded::to_string(q).unwrap_or_default();
    let sep = if p.get("response_mode").map(String::as_str) == Some("fragment") {
        '#'
    } else {
        '?'
    };
    let target = format!(
        "{}{sep}{query}",
        p.get("redirect_uri").cloned().unwrap_or_default()
    );
    // Entra answers with 302 Found.
    (StatusCode::FOUND, [(header::LOCATION, target)]).into_response()
}

/// The authentication contexts a `claims` parameter asks for.
fn requested_acrs(p: &Params) -> Result<Vec<String>, ()> {
    let Some(raw) = p.get("claims") else {
        return Ok(vec![]);
    };
    let v: serde_json::Value = serde_json::from_str(raw).map_err(|_| ())?;
    let acrs = &v["access_token"]["acrs"];
    let mut out: Vec<String> = acrs["values"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect();
    if let Some(one) = acrs["value"].as_str() {
        out.push(one.to_owned());
    }
    Ok(out)
}

/// Checks what must be right before anything is sent back to the redirect URI.
#[allow(clippy::result_large_err)] // the error is the response to send
fn check(s: &Shared, tenant: &str, p: &Params) -> Result<(), Response> {
    let w = s.world();
    let t = &w.tenant;
    let page = |code: u32, text: &str| {
        (
            StatusCode::BAD_REQUEST,
            Html(pages::error(&aadsts(code, text))),
        )
            .into_response()
    };
    if ![t.id.as_str(), t.domain.as_str(), "organizations", "common"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(tenant))
    {
        return Err(page(90002, &format!("Tenant '{tenant}' not found.")));
    }
    let client = p.get("client_id").cloned().unwrap_or_default();
    let Some(app_name) = w
        .apps
        .application(&client)
        .and_then(|a| a["displayName"].as_str())
        .map(String::from)
    else {
        return Err(page(
            700016,
            &format!(
                "Application with identifier '{client}' was not found in the directory '{}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
                t.display_name
            ),
        ));
    };
    let redirect = p.get("redirect_uri").cloned().unwrap_or_default();
    if !w.apps.spa_redirect(&client, &redirect) {
        return Err(page(50011, &format!("The redirect URI '{redirect}' specified in the request does not match the redirect URIs configured for the application '{client}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.")));
    }
    if p.get("response_type").map(String::as_str) != Some("code") {
        return Err(error_redirect(
            p,
            "unsupported_response_type",
            700054,
            "response_type must be 'code' for this application.",
        ));
    }
    if p.get("code_challenge").is_none()
        || p.get("code_challenge_method").map(String::as_str) != Some("S256")
    {
        return Err(error_redirect(p, "invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption."));
    }
    let scopes = p.get("scope").map(String::as_str).unwrap_or("");
    if let Some(unknown) = scopes.split_whitespace().find(|x| canonical(x).is_none()) {
        return Err(error_redirect(p, "invalid_client", 650053, &format!("The application '{app_name}' asked for scope '{unknown}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'. Contact the app vendor.")));
    }
    if requested_acrs(p).is_err() {
        return Err(error_redirect(
            p,
            "invalid_request",
            901001,
            "Invalid request. The claims request parameter value is invalid.",
        ));
    }
    Ok(())
}

/// `GET /authorize`.
pub async fn show(
    State(s): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(p): Query<Params>,
) -> Response {
    if let Err(r) = check(&s, &tenant, &p) {
        return r;
    }
    let prompt = p.get("prompt").map(String::as_str).unwrap_or("");
    let session = session_id(&headers).and_then(|id| s.world().sessions.get(&id).cloned());
    let hint = p.get("login_hint").map(|h| h.to_ascii_lowercase());
    let session = session.filter(|(user, _, _)| {
        hint.as_ref().is_none_or(|h| {
            s.world()
                .user(user)
                .is_some_and(|u| u.user_principal_name.to_ascii_lowercase() == *h)
        })
    });
    let wanted = requested_acrs(&p).unwrap_or_default();
    match (prompt, session) {
        ("none", None) => error_redirect(
            &p,
            "login_required",
            50058,
            "A silent sign-in request was sent but no user is signed in.",
        ),
        ("none", Some((user, acrs, mfa))) => {
            if wanted.iter().all(|a| acrs.contains(a)) {
                consent_or_issue(&s, &p, &user, acrs, mfa, true)
            } else {
                error_redirect(&p, "interaction_required", 50076, "Due to a configuration change made by your administrator, you must use multi-factor authentication to access this resource.")
            }
        }
        ("login" | "select_account" | "consent", _) | (_, None) => {
            Html(pages::picker(&s.world(), &p)).into_response()
        }
        (_, Some((user, acrs, mfa))) => {
            if wanted.iter().all(|a| acrs.contains(a)) {
                consent_or_issue(&s, &p, &user, acrs, mfa, false)
            } else {
                Html(pages::step_up(&s.world(), &p, &user, &wanted)).into_response()
            }
        }
    }
}

/// `POST /authorize`: the picker's or the step-up page's answer.
pub async fn submit(
    State(s): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(mut p): Form<Params>,
) -> Response {
    if let Err(r) = check(&s, &tenant, &p) {
        return r;
    }
    let action = p.remove("emu_action").unwrap_or_default();
    let user = p.remove("emu_user").unwrap_or_default();
    let mfa = p.remove("emu_mfa").is_some();
    let for_org = p.remove("emu_org").is_some();
    if action == "cancel" {
        return error_redirect(
            &p,
            "access_denied",
            65004,
            "User declined to consent to access the app.",
        );
    }
    if s.world().user(&user).is_none() {
        return (
            StatusCode::BAD_REQUEST,
            Html(pages::error("Choose an account.")),
        )
            .into_response();
    }
    if action == "consent" {
        let mut w = s.world();
        let roles = w.roles_of(&user);
        let client = p.get("client_id").cloned().unwrap_or_default();
        let scopes = asked(&p);
        // Only what this user may consent to is recorded, whatever the form said.
        match w.apps.consent_for(&client, &user, &scopes, &roles) {
            Consent::Ask {
                missing,
                for_org: may,
            } => w.apps.grant(&client, &user, &missing, for_org && may),
            Consent::Granted | Consent::Refused { .. } => {}
        }
    }
    let wanted = requested_acrs(&p).unwrap_or_default();
    let sid = session_id(&headers).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let previous = s
        .world()
        .sessions
        .get(&sid)
        .cloned()
        .filter(|(u, _, _)| *u == user);
    let (mut acrs, mut had_mfa) = previous.map(|(_, a, m)| (a, m)).unwrap_or_default();
    had_mfa |= mfa;
    if action == "stepup" {
        acrs.extend(wanted.iter().cloned());
        acrs.sort();
        acrs.dedup();
        // Satisfying an authentication context here means a strong, multi-factor sign-in.
        had_mfa = true;
    } else if !wanted.iter().all(|a| acrs.contains(a)) {
        s.world()
            .sessions
            .insert(sid.clone(), (user.clone(), acrs, had_mfa));
        let page = Html(pages::step_up(&s.world(), &p, &user, &wanted)).into_response();
        return with_cookie(page, &sid);
    }
    s.world()
        .sessions
        .insert(sid.clone(), (user.clone(), acrs.clone(), had_mfa));
    with_cookie(consent_or_issue(&s, &p, &user, acrs, had_mfa, false), &sid)
}

fn asked(p: &Params) -> Vec<String> {
    p.get("scope")
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// A code when the scopes are consented for this user; otherwise the consent page, or Entra's
/// refusal when only an administrator could consent (or no page may be shown).
fn consent_or_issue(
    s: &Shared,
    p: &Params,
    user: &str,
    acrs: Vec<String>,
    mfa: bool,
    silent: bool,
) -> Response {
    let client = p.get("client_id").cloned().unwrap_or_default();
    let (consent, name) = {
        let w = s.world();
        let roles = w.roles_of(user);
        let name = w.apps.display_name(&client).unwrap_or_default();
        (w.apps.consent_for(&client, user, &asked(p), &roles), name)
    };
    let refuse = || {
        error_redirect(p, "consent_required", 65001, &format!("The user or administrator has not consented to use the application with ID '{client}' named '{name}'. Send an interactive authorization request for this user and resource."))
    };
    match consent {
        Consent::Granted => issue(s, p, user, acrs, mfa),
        Consent::Ask { .. } if silent => refuse(),
        Consent::Ask { missing, for_org } => {
            Html(pages::consent(&s.world(), p, user, mfa, &missing, for_org)).into_response()
        }
        Consent::Refused { .. } => refuse(),
    }
}

fn with_cookie(mut r: Response, sid: &str) -> Response {
    if let Ok(v) = format!("{SESSION}={sid}; Path=/; HttpOnly; SameSite=Lax").parse() {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

fn issue(s: &Shared, p: &Params, user: &str, acrs: Vec<String>, mfa: bool) -> Response {
    let code = format!("0.{}", uuid::Uuid::new_v4().simple());
    let mut w = s.world();
    let expires = w.now() + Duration::minutes(10);
    w.codes.insert(
        code.clone(),
        Code {
            user_id: user.to_owned(),
            client_id: p.get("client_id").cloned().unwrap_or_default(),
            redirect_uri: p.get("redirect_uri").cloned().unwrap_or_default(),
            challenge: p.get("code_challenge").cloned().unwrap_or_default(),
            scopes: p
                .get("scope")
                .map(|s| s.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
            nonce: p.get("nonce").cloned(),
            acrs,
            mfa,
            expires,
        },
    );
    drop(w);
    let mut q = vec![("code", code)];
    if let Some(state) = p.get("state") {
        q.push(("state", state.clone()));
    }
    q.push(("session_state", uuid::Uuid::new_v4().to_string()));
    redirect_with(p, q)
}

/// `GET /logout`: ends the emulator's session and returns to the app.
pub async fn logout(
    State(s): State<Shared>,
    headers: HeaderMap,
    Query(p): Query<Params>,
) -> Response {
    if let Some(sid) = session_id(&headers) {
        s.world().sessions.remove(&sid);
    }
    let app = s.world().app_url.clone();
    // Exactly the app (its redirect URI), as Entra matches registered URIs: a prefix would let
    // `APP.evil.example` or `APP/../elsewhere` through.
    let target = p
        .get("post_logout_redirect_uri")
        .filter(|u| **u == app || **u == format!("{app}/"))
        .cloned();
    // OpenID RP-initiated logout: `state` goes back with the redirect.
    let target = target.map(|t| match p.get("state") {
        Some(state) => {
            let sep = if t.contains('?') { '&' } else { '?' };
            let q = serde_urlencoded::to_string([("state", state)]).unwrap_or_default();
            format!("{t}{sep}{q}")
        }
        None => t,
    });
    let mut r = match target {
        Some(t) => Redirect::to(&t).into_response(),
        None => Html(pages::error("You have signed out.")).into_response(),
    };
    if let Ok(v) = format!("{SESSION}=; Path=/; Max-Age=0").parse() {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}
