//! `/_emulator/`: controls for tests and demos: outbox, clock, reset, faults, request log, state.

use crate::identity::pages::esc;
use crate::state::{Fault, World};
use crate::Shared;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// A page on another site can send a simple POST (a form, `text/plain`) here but neither a JSON
/// content type nor a custom header without a CORS preflight, which these routes never answer:
/// so a change of the emulator's state needs one of them.
pub async fn same_site_only(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let writes = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let h = req.headers();
    let json = h
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if writes && !json && !h.contains_key("x-emulator-control") {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "control requests need Content-Type: application/json or an X-Emulator-Control header"})),
        )
            .into_response();
    }
    next.run(req).await
}

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/_emulator/outbox", get(outbox))
        .route("/_emulator/clock", get(clock).post(advance))
        .route("/_emulator/reset", post(reset))
        .route(
            "/_emulator/faults",
            get(faults).post(add_fault).delete(clear_faults),
        )
        .route("/_emulator/requests", get(requests).delete(clear_requests))
        .route("/_emulator/token-lifetime", post(token_lifetime))
        .route("/_emulator/page-size", post(page_size))
        .route("/_emulator/propagation", post(propagation))
        .route("/_emulator/device-interval", post(device_interval))
        .route("/_emulator/differ", post(differ))
        .route("/_emulator/reviews", post(reviews))
        .route("/_emulator/audit", post(generate_audit))
        .route("/_emulator/history", post(history))
        .route("/_emulator/cae", post(cae))
        .route("/_emulator/extension", post(extension))
        .route("/_emulator/state", get(state))
        .layer(axum::middleware::from_fn(same_site_only))
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get("accept")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

async fn outbox(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let w = s.world();
    if !wants_html(&headers) {
        return Json(json!({"value": w.outbox})).into_response();
    }
    let rows: String = w
        .outbox
        .iter()
        .rev()
        .map(|m| {
            format!(
                "<article><h2>{}</h2><p><small>{} to {}</small></p><p>{}</p>{}</article>",
                esc(&m.subject),
                esc(&m.sent_date_time),
                esc(&m.to.join(", ")),
                esc(&m.body),
                m.link
                    .as_ref()
                    .map(|l| format!("<p><a href=\"{0}\">{0}</a></p>", esc(l)))
                    .unwrap_or_default()
            )
        })
        .collect();
    Html(format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Outbox</title></head><body><h1>Outbox ({})</h1>{rows}</body></html>", w.outbox.len())).into_response()
}

async fn clock(State(s): State<Shared>) -> Json<Value> {
    Json(json!({"now": crate::clock::ts(s.world().now())}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Advance {
    #[serde(default)]
    minutes: i64,
    #[serde(default)]
    hours: i64,
    #[serde(default)]
    days: i64,
}

async fn advance(State(s): State<Shared>, Json(a): Json<Advance>) -> Json<Value> {
    let mut w = s.world();
    w.clock.advance(chrono::Duration::minutes(
        a.minutes + 60 * a.hours + 1440 * a.days,
    ));
    crate::api::pim::decisions::tick(&mut w);
    Json(json!({"now": crate::clock::ts(w.now())}))
}

async fn reset(State(s): State<Shared>) -> StatusCode {
    let mut w = s.world();
    let fresh = World::new(s.tenant.as_ref().clone(), &w.app_url);
    *w = fresh;
    StatusCode::NO_CONTENT
}

async fn faults(State(s): State<Shared>) -> Json<Value> {
    Json(json!({"value": s.world().faults}))
}

async fn add_fault(State(s): State<Shared>, Json(f): Json<Fault>) -> Response {
    if !crate::state::FAULT_KINDS.contains(&f.kind.as_str()) {
        let kinds = crate::state::FAULT_KINDS.join(", ");
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": format!("kind must be one of {kinds}")})),
        )
            .into_response();
    }
    s.world().faults.push(f);
    StatusCode::CREATED.into_response()
}

async fn clear_faults(State(s): State<Shared>) -> StatusCode {
    s.world().faults.clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct Since {
    since: Option<usize>,
}

async fn requests(State(s): State<Shared>, Query(q): Query<Since>) -> Json<Value> {
    let w = s.world();
    let from = q.since.unwrap_or(0).min(w.log.len());
    Json(json!({"total": w.log.len(), "value": w.log[from..]}))
}

async fn clear_requests(State(s): State<Shared>) -> StatusCode {
    s.world().log.clear();
    StatusCode::NO_CONTENT
}

/// A length of time a control sets.
#[derive(Deserialize)]
struct Seconds {
    seconds: i64,
}

/// Shortens access tokens so tests can see a refresh happen.
async fn token_lifetime(State(s): State<Shared>, Json(l): Json<Seconds>) -> StatusCode {
    s.world().token_lifetime_secs = l.seconds.clamp(1, 86_400);
    StatusCode::NO_CONTENT
}

/// How long a membership PIM adds takes to show in `checkMemberGroups` (0 for at once).
async fn propagation(State(s): State<Shared>, Json(p): Json<Seconds>) -> StatusCode {
    s.world().propagation_secs = p.seconds.clamp(0, 86_400);
    StatusCode::NO_CONTENT
}

/// Makes the tenant differ from the demo's (an API missing or refused, a licence taken away, a
/// consent withheld), for Check setup's tests.
async fn differ(State(s): State<Shared>, Json(c): Json<crate::differ::Change>) -> StatusCode {
    crate::differ::apply(&mut s.world(), c);
    StatusCode::NO_CONTENT
}

/// How long a tool must wait between polls with a device code (Entra's 5 s by default), so the
/// setup command's tests need not wait that long.
async fn device_interval(State(s): State<Shared>, Json(p): Json<Seconds>) -> StatusCode {
    s.world().device_interval_secs = p.seconds.clamp(1, 60);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReviewSwitch {
    deny_removes_pim: bool,
}

/// Whether applying an access review's Deny ends the principal's PIM eligibility and assignment
/// of the group (on by default; Microsoft does not document what it does).
async fn reviews(State(s): State<Shared>, Json(p): Json<ReviewSwitch>) -> StatusCode {
    s.world().review_deny_removes_pim = p.deny_removes_pim;
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct PageSize {
    /// `null` or 0 brings back Graph's own page sizes.
    size: Option<usize>,
}

/// Forces paging: every collection answers at most `size` items a page, as `--page-size` does.
async fn page_size(State(s): State<Shared>, Json(p): Json<PageSize>) -> StatusCode {
    s.set_page_size(p.size.filter(|n| *n > 0));
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct Generate {
    generate: usize,
}

/// Adds past PIM activations to the audit log, for scale tests of the audit blade.
async fn generate_audit(State(s): State<Shared>, Json(g): Json<Generate>) -> StatusCode {
    crate::audit::generate(&mut s.world(), g.generate.min(100_000));
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct History {
    days: i64,
    /// Plain activations to add besides the demo's people (the large tenant's benchmark).
    #[serde(default)]
    activations: usize,
}

/// Adds the demo tenant's past activity (S10's report): activations of the last `days` as
/// requests and audit entries, and a standing assignment. Once; `make demo` asks for 90 days.
async fn history(State(s): State<Shared>, Json(h): Json<History>) -> StatusCode {
    crate::history::add(
        &mut s.world(),
        h.days.clamp(1, 365),
        h.activations.min(100_000),
    );
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cae {
    /// `true`: tokens issued before now are challenged from now on; `false`: CAE events end.
    revoke: bool,
}

/// Continuous access evaluation: a revocation event for every session, as when a password is
/// reset; the next Graph call with an older token gets a claims challenge.
async fn cae(State(s): State<Shared>, Json(c): Json<Cae>) -> StatusCode {
    let mut w = s.world();
    // Tokens carry whole seconds: one issued in the event's second counts as after it.
    w.cae_not_before = c.revoke.then(|| w.now());
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct ExtensionAnswer {
    /// The reason the extension gives for denying; `null` lets requests through to approvers.
    deny: Option<String>,
}

/// Sets what pre-approval custom extensions answer from now on.
async fn extension(State(s): State<Shared>, Json(a): Json<ExtensionAnswer>) -> StatusCode {
    s.world().extension_denies = a.deny.filter(|r| !r.trim().is_empty());
    StatusCode::NO_CONTENT
}

/// A read-only view of PIM state for test assertions (never part of Graph).
async fn state(State(s): State<Shared>) -> Json<Value> {
    let w = s.world();
    let schedules: Vec<Value> = w.schedules.iter().chain(w.ended.iter()).map(|x| json!({
        "id": x.id, "kind": format!("{:?}", x.kind), "groupId": x.group_id, "principalId": x.principal_id,
        "accessId": x.access_id, "assignmentType": x.assignment_type, "start": crate::clock::ts(x.start),
        "end": x.end.map(crate::clock::ts), "current": w.schedules.iter().any(|c| c.id == x.id),
    })).collect();
    let groups: Vec<Value> = w.tenant.groups.iter().map(|g| json!({"id": g.id, "displayName": g.display_name, "members": g.members, "owners": g.owners, "onboarded": w.onboarded.contains(&g.id), "isAssignableToRole": g.is_assignable_to_role, "groupTypes": g.group_types, "securityEnabled": g.security_enabled, "description": g.description})).collect();
    let requests: Vec<Value> = w
        .requests
        .iter()
        .map(crate::api::pim::json::request)
        .collect();
    let policies: Vec<Value> = w
        .policies
        .iter()
        .map(|((g, a), p)| json!({"groupId": g, "accessId": a, "rules": p.rules}))
        .collect();
    Json(
        json!({"now": crate::clock::ts(w.now()), "groups": groups, "schedules": schedules,
        "requests": requests, "policies": policies, "applications": w.apps.applications,
        "servicePrincipals": w.apps.service_principals, "oauth2PermissionGrants": w.apps.grants}),
    )
}
