//! App registrations as Graph serves them: `/applications` and `/servicePrincipals`, with who
//! may change each.

use super::directory::need;
use super::list::{collection, Query};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::World;
use crate::tenant::roles;
use crate::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

const APP_READ: &[&str] = &[
    "Application.Read.All",
    "Application.ReadWrite.All",
    "Directory.Read.All",
];
const APP_WRITE: &[&str] = &["Application.ReadWrite.All"];
/// Application Administrator and Cloud Application Administrator.
pub(super) const APP_ADMINS: [&str; 2] = [
    "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    "158c047a-c907-4556-b7ef-446551a6b5f7",
];

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/v1.0/applications",
            get(list_applications).post(create_application),
        )
        .route(
            "/v1.0/applications/{id}",
            get(get_application).patch(update_application),
        )
        .route(
            "/v1.0/servicePrincipals",
            get(list_service_principals).post(create_service_principal),
        )
}

fn filtered(items: &[Value], q: &Query) -> ApiResult<Vec<Value>> {
    let f = q.filter()?;
    Ok(items
        .iter()
        .filter(|v| f.as_ref().is_none_or(|f| f.matches(v)))
        .cloned()
        .collect())
}

async fn list_applications(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, APP_READ)?;
    let items = filtered(&s.world().apps.applications, &q)?;
    collection(&s, items, &q, "applications")
}

async fn get_application(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    need(&caller, APP_READ)?;
    let w = s.world();
    let found = w.apps.applications.iter().find(|a| a["id"] == json!(id));
    found.cloned().map(Json).ok_or_else(|| missing(&id))
}

pub(super) fn missing(id: &str) -> ApiError {
    ApiError::new(404, "Request_ResourceNotFound", format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."))
}

/// Owners, or an administrator of applications, may change an application.
fn may_manage(w: &World, caller: &Caller, object_id: &str) -> bool {
    let held = w.roles_of(&caller.user_id);
    w.apps
        .owners
        .get(object_id)
        .is_some_and(|o| o.contains(&caller.user_id))
        || held
            .iter()
            .any(|r| r == roles::GLOBAL_ADMIN || APP_ADMINS.contains(&r.as_str()))
}

/// The properties this emulator stores, each checked for its shape.
fn checked(body: &Value, creating: bool) -> ApiResult<Map<String, Value>> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad_request(
            "The request body must be a JSON object.",
        ));
    };
    let known = [
        "displayName",
        "signInAudience",
        "spa",
        "web",
        "publicClient",
        "requiredResourceAccess",
        "isFallbackPublicClient",
        "description",
        "notes",
        "tags",
    ];
    if let Some(bad) = obj.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(ApiError::bad_request(format!(
            "Property '{bad}' does not exist on type 'microsoft.graph.application'."
        )));
    }
    if creating
        && obj
            .get("displayName")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        return Err(ApiError::new(
            400,
            "Request_BadRequest",
            "Invalid value specified for property 'displayName' of resource 'Application'.",
        ));
    }
    if let Some(a) = obj.get("signInAudience") {
        let ok = [
            "AzureADMyOrg",
            "AzureADMultipleOrgs",
            "AzureADandPersonalMicrosoftAccount",
            "PersonalMicrosoftAccount",
        ];
        if !a.as_str().is_some_and(|a| ok.contains(&a)) {
            return Err(ApiError::new(
                400,
                "Request_BadRequest",
                "Invalid value specified for property 'signInAudience' of resource 'Application'.",
            ));
        }
    }
    for uri in obj
        .get("spa")
        .and_then(|s| s["redirectUris"].as_array())
        .into_iter()
        .flatten()
    {
        let u = uri.as_str().unwrap_or("");
        let local = u.starts_with("http://localhost") || u.starts_with("http://127.0.0.1");
        if !(u.starts_with("https://") || local) || u.contains('#') {
            return Err(ApiError::new(400, "Request_BadRequest", format!("Invalid value specified for property 'redirectUris' of resource 'SpaApplication': '{u}' must use https or be localhost, without a fragment.")));
        }
    }
    Ok(obj.clone())
}

async fn create_application(
    State(s): State<Shared>,
    caller: Caller,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    need(&caller, APP_WRITE)?;
    let fields = checked(&body, true)?;
    let mut w = s.world();
    let id = uuid::Uuid::new_v4().to_string();
    let mut app = json!({
        "id": id, "appId": uuid::Uuid::new_v4().to_string(), "signInAudience": "AzureADMyOrg",
        "isFallbackPublicClient": false, "spa": {"redirectUris": []},
        "web": {"redirectUris": [], "implicitGrantSettings": {"enableAccessTokenIssuance": false, "enableIdTokenIssuance": false}},
        "publicClient": {"redirectUris": []}, "requiredResourceAccess": [], "tags": [],
        "createdDateTime": w.now().format("%Y-%m-%dT%H:%M:%SZ").to_string(), "publisherDomain": w.tenant.domain,
    });
    for (k, v) in fields {
        app[k] = v;
    }
    w.apps
        .owners
        .insert(id.clone(), vec![caller.user_id.clone()]);
    w.apps.applications.push(app.clone());
    app["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#applications/$entity",
        s.base_url()
    ));
    Ok((StatusCode::CREATED, Json(app)).into_response())
}

async fn update_application(
    State(s): State<Shared>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    need(&caller, APP_WRITE)?;
    let fields = checked(&body, false)?;
    let mut w = s.world();
    if !w.apps.applications.iter().any(|a| a["id"] == json!(id)) {
        return Err(missing(&id));
    }
    if !may_manage(&w, &caller, &id) {
        return Err(ApiError::denied());
    }
    let app = w
        .apps
        .applications
        .iter_mut()
        .find(|a| a["id"] == json!(id))
        .expect("found");
    for (k, v) in fields {
        app[k] = v;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn list_service_principals(
    State(s): State<Shared>,
    caller: Caller,
    q: Query,
) -> ApiResult<Json<Value>> {
    need(&caller, APP_READ)?;
    let items = filtered(&s.world().apps.service_principals, &q)?;
    collection(&s, items, &q, "servicePrincipals")
}

async fn create_service_principal(
    State(s): State<Shared>,
    caller: Caller,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    need(&caller, APP_WRITE)?;
    let app_id = body["appId"].as_str().unwrap_or("").to_owned();
    let mut w = s.world();
    let Some(app) = w.apps.application(&app_id).cloned() else {
        return Err(ApiError::new(400, "Request_BadRequest", format!("The appId '{app_id}' of the service principal does not reference a valid application object.")));
    };
    if w.apps.service_principal(&app_id).is_some() {
        return Err(ApiError::new(409, "Request_MultipleObjectsWithSameKeyValue", "The service principal cannot be created, updated, or restored because the service principal name {app_id} is already in use."));
    }
    let app_object = app["id"].as_str().unwrap_or("").to_owned();
    if !may_manage(&w, &caller, &app_object) {
        return Err(ApiError::denied());
    }
    let id = uuid::Uuid::new_v4().to_string();
    let mut sp = json!({
        "id": id, "appId": app_id, "displayName": app["displayName"], "appDisplayName": app["displayName"],
        "servicePrincipalType": "Application", "accountEnabled": true, "appOwnerOrganizationId": w.tenant.id,
        "servicePrincipalNames": [app_id], "oauth2PermissionScopes": [], "appRoles": [],
        "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
    });
    w.apps.owners.insert(id, vec![caller.user_id.clone()]);
    w.apps.service_principals.push(sp.clone());
    sp["@odata.context"] = json!(format!(
        "{}/v1.0/$metadata#servicePrincipals/$entity",
        s.base_url()
    ));
    Ok((StatusCode::CREATED, Json(sp)).into_response())
}
