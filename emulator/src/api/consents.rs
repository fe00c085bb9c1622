//! Delegated permission grants as Graph serves them (`/oauth2PermissionGrants`): admin consent
//! for the whole tenant or one person, and who may give it.

use super::apps::{missing, APP_ADMINS};
use super::directory::need;
use super::list::{collection, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::World;
use crate::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

const GRANT_READ: &[&str] = &[
    "DelegatedPermissionGrant.Read.All",
    "DelegatedPermissionGrant.ReadWrite.All",
    "Directory.Read.All",
];
const GRANT_WRITE: &[&str] = &["DelegatedPermissionGrant.ReadWrite.All"];
pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/v1.0/oauth2PermissionGrants",
            get(list_grants).post(create_grant),
        )
        .route(
            "/v1.0/oauth2PermissionGrants/{id}",
            get(get_grant).patch(update_grant),
        )
}

async fn list_grants(State(s): State<Shared>, caller: Caller, q: Query) -> ApiResult<Json<Value>> {
    need(&caller, GRANT_READ)?;
    let f = q.filter()?;
    let items = s
        .world()
        .apps
        .grants
        .iter()
        .filter(|v| f.as_ref().is_none_or(|f| f.matches(v)))
        .cloned()
        .collect();
    collection(&s, items, &q, "oauth2PermissionGrants")
}

async fn get_grant(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    need(&caller, GRANT_READ)?;
    let w = s.world();
    w.apps
        .grants
        .iter()
        .find(|g| g["id"] == json!(id))
        .cloned()
        .map(Json)
        .ok_or_else(|| missing(&id))
}

/// Granting delegated permissions for the whole tenant takes an administrator who may consent.
fn may_grant(w: &World, caller: &Caller) -> bool {
    let held = w.roles_of(&caller.user_id);
    crate::apps::can_consent_for_org(&held) || held.iter().any(|r| APP_ADMINS.contains(&r.as_str()))
}

/// Every scope must be one the resource publishes.
fn check_scope(w: &World, resource: &str, scope: &str) -> ApiResult<()> {
    let published = w
        .apps
        .service_principals
        .iter()
        .find(|p| p["id"] == json!(resource));
    let Some(published) = published else {
        return Err(ApiError::new(400, "Request_BadRequest", format!("Invalid value specified for property 'resourceId' of resource 'OAuth2PermissionGrant': '{resource}'.")));
    };
    let values: Vec<&str> = published["oauth2PermissionScopes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["value"].as_str())
        .collect();
    match scope.split_whitespace().find(|x| !values.contains(x)) {
        Some(bad) => Err(ApiError::new(400, "Request_BadRequest", format!("Invalid value specified for property 'scope' of resource 'OAuth2PermissionGrant': '{bad}' is not a delegated permission of the resource."))),
        None => Ok(()),
    }
}

async fn create_grant(
    State(s): State<Shared>,
    caller: Caller,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    need(&caller, GRANT_WRITE)?;
    let mut w = s.world();
    if !may_grant(&w, &caller) {
        return Err(ApiError::denied());
    }
    let text = |k: &str| body[k].as_str().unwrap_or("").to_owned();
    let (client, resource, kind, scope) = (
        text("clientId"),
        text("resourceId"),
        text("consentType"),
        text("scope"),
    );
    if !w
        .apps
        .service_principals
        .iter()
        .any(|p| p["id"] == json!(client))
    {
        return Err(ApiError::new(400, "Request_BadRequest", format!("Invalid value specified for property 'clientId' of resource 'OAuth2PermissionGrant': '{client}'.")));
    }
    check_scope(&w, &resource, &scope)?;
    let principal = match (kind.as_str(), body.get("principalId").filter(|p| !p.is_null())) {
        ("AllPrincipals", None) => Value::Null,
        ("Principal", Some(p)) if p.as_str().is_some_and(|p| w.user(p).is_some()) => p.clone(),
        _ => return Err(ApiError::new(400, "Request_BadRequest", "consentType must be AllPrincipals without a principalId, or Principal with the principalId of a user.")),
    };
    let same = |g: &Value| {
        g["clientId"] == json!(client)
            && g["resourceId"] == json!(resource)
            && g["consentType"] == json!(kind)
            && g["principalId"] == principal
    };
    if w.apps.grants.iter().any(same) {
        return Err(ApiError::new(
            409,
            "Request_MultipleObjectsWithSameKeyValue",
            "Permission entry already exists.",
        ));
    }
    let mut grant = json!({"id": uuid::Uuid::new_v4().to_string(), "clientId": client, "consentType": kind, "principalId": principal, "resourceId": resource, "scope": scope});
    w.apps.grants.push(grant.clone());
    grant["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#oauth2PermissionGrants/$entity",
        s.base_url()
    ));
    Ok((StatusCode::CREATED, Json(grant)).into_response())
}

async fn update_grant(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    need(&caller, GRANT_WRITE)?;
    let mut w = s.world();
    let Some(resource) = w
        .apps
        .grants
        .iter()
        .find(|g| g["id"] == json!(id))
        .map(|g| g["resourceId"].as_str().unwrap_or("").to_owned())
    else {
        return Err(missing(&id));
    };
    if !may_grant(&w, &caller) {
        return Err(ApiError::denied());
    }
    if body
        .as_object()
        .is_none_or(|o| o.keys().any(|k| k != "scope"))
    {
        return Err(ApiError::bad_request(
            "Only 'scope' of an oAuth2PermissionGrant can be updated.",
        ));
    }
    let scope = body["scope"].as_str().unwrap_or("").to_owned();
    check_scope(&w, &resource, &scope)?;
    let g = w
        .apps
        .grants
        .iter_mut()
        .find(|g| g["id"] == json!(id))
        .expect("found");
    g["scope"] = json!(scope);
    Ok(StatusCode::NO_CONTENT)
}
