//! `/authorize`: checks the request, shows the account picker and the step-up page, issues codes.

use super::{aadsts, pages};
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
    if p.get("client_id") != Some(&t.app.client_id) {
        let id = p.get("client_id").cloned().unwrap_or_default();
        return Err(page(
            700016,
            &format!(
                "Application with identifier '{id}' was not found in the directory '{}'.",
                t.display_name
            ),
        ));
    }
    let registered = format!("{}/", w.app_url);
    if p.get("redirect_uri") != Some(&registered) {
        let got = p.get("redirect_uri").cloned().unwrap_or_default();
        return Err(page(50011, &format!("The redirect URI '{got}' specified in the request does not match the redirect URIs configured for the application '{}'.", t.app.client_id)));
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
    for scope in p
        .get("scope")
        .map(String::as_str)
        .unwrap_or("")
        .split_whitespace()
    {
        let name = scope
            .strip_prefix("https://graph.microsoft.com/")
            .unwrap_or(scope);
        let oidc = ["openid", "profile", "email", "offline_access"].contains(&name);
        if !oidc && !t.app.scopes.iter().any(|g| g.eq_ignore_ascii_case(name)) {
            return Err(error_redirect(p, "consent_required", 65001, &format!("The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.", t.app.client_id, t.app.display_name)));
        }
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
                issue(&s, &p, &user, acrs, mfa)
            } else {
                error_redirect(&p, "interaction_required", 50076, "Due to a configuration change made by your administrator, you must use multi-factor authentication to access this resource.")
            }
        }
        ("login" | "select_account" | "consent", _) | (_, None) => {
            Html(pages::picker(&s.world(), &p)).into_response()
        }
        (_, Some((user, acrs, mfa))) => {
            if wanted.iter().all(|a| acrs.contains(a)) {
                issue(&s, &p, &user, acrs, mfa)
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
    with_cookie(issue(&s, &p, &user, acrs, had_mfa), &sid)
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
