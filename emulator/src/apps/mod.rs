//! The tenant's applications, service principals and delegated permission grants, and the
//! consent decisions Entra makes from them at sign-in.

pub mod catalogue;

use crate::tenant::{roles, Tenant};
use catalogue::{canonical, is_oidc, stable_id, user_consentable, GRAPH_APP_ID, GRAPH_CLI_APP_ID};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::collections::HashMap;

/// A device code a tool is polling with (RFC 8628), until a person approves or declines it.
#[derive(Clone, Debug)]
pub struct DeviceCode {
    pub user_code: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub expires: DateTime<Utc>,
    pub interval_secs: i64,
    pub last_poll: Option<DateTime<Utc>>,
    /// `None` while pending; the approving user, or `Err(())` when declined.
    pub outcome: Option<Result<String, ()>>,
}

/// Applications (the Graph JSON of each), their service principals, grants, and owners.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub applications: Vec<Value>,
    pub service_principals: Vec<Value>,
    pub grants: Vec<Value>,
    /// Object id of an application or service principal -> owners' user ids.
    pub owners: HashMap<String, Vec<String>>,
    /// By device code.
    pub device_codes: HashMap<String, DeviceCode>,
}

/// Why a sign-in may not go on for these scopes.
#[derive(Debug, PartialEq)]
pub enum Consent {
    /// Granted already.
    Granted,
    /// Missing, and this user may give it (themselves, or for the organisation as an admin).
    Ask { missing: Vec<String>, for_org: bool },
    /// Missing, and only an administrator can give it.
    Refused { missing: Vec<String> },
}

impl Registry {
    /// The tenant as it starts: Microsoft Graph's service principal, the Graph command-line
    /// tools', and the pim-groups registration the tenant file describes, consented for all.
    pub fn seed(tenant: &Tenant, app_url: &str) -> Registry {
        let mut r = Registry {
            service_principals: vec![
                catalogue::graph_service_principal(),
                catalogue::graph_cli_service_principal(),
            ],
            ..Default::default()
        };
        let Some(app) = &tenant.app else {
            return r;
        };
        let id = stable_id(&format!("app:{}", app.client_id));
        let sp_id = stable_id(&format!("sp:{}", app.client_id));
        let graph_sp = r.graph_sp_id();
        let scopes: Vec<String> = app
            .scopes
            .iter()
            .filter_map(|s| canonical(s))
            .map(String::from)
            .collect();
        let access: Vec<Value> = ["openid", "profile", "offline_access"]
            .iter()
            .map(|s| s.to_string())
            .chain(scopes.iter().cloned())
            .map(|s| json!({"id": stable_id(&s), "type": "Scope"}))
            .collect();
        r.applications.push(json!({
            "id": id, "appId": app.client_id, "displayName": app.display_name,
            "signInAudience": "AzureADMyOrg", "isFallbackPublicClient": false,
            "spa": {"redirectUris": [format!("{app_url}/")]},
            "web": {"redirectUris": [], "implicitGrantSettings": {"enableAccessTokenIssuance": false, "enableIdTokenIssuance": false}},
            "publicClient": {"redirectUris": []},
            "requiredResourceAccess": [{"resourceAppId": GRAPH_APP_ID, "resourceAccess": access}],
            "createdDateTime": "2026-01-05T09:00:00Z", "publisherDomain": tenant.domain,
        }));
        r.service_principals.push(json!({
            "id": sp_id, "appId": app.client_id, "displayName": app.display_name,
            "appDisplayName": app.display_name, "servicePrincipalType": "Application", "accountEnabled": true,
            "appOwnerOrganizationId": tenant.id, "servicePrincipalNames": [app.client_id],
            "oauth2PermissionScopes": [], "appRoles": [], "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
        }));
        let mut all = vec![
            "openid".to_owned(),
            "profile".into(),
            "offline_access".into(),
        ];
        all.extend(scopes);
        r.grants.push(json!({
            "id": stable_id(&format!("grant:{}", app.client_id)), "clientId": sp_id,
            "consentType": "AllPrincipals", "principalId": null, "resourceId": graph_sp, "scope": all.join(" "),
        }));
        r
    }

    /// Microsoft Graph's service principal's object id.
    pub fn graph_sp_id(&self) -> String {
        stable_id("sp:microsoft-graph")
    }

    /// The application registered with this app id.
    pub fn application(&self, app_id: &str) -> Option<&Value> {
        self.applications.iter().find(|a| {
            a["appId"]
                .as_str()
                .is_some_and(|x| x.eq_ignore_ascii_case(app_id))
        })
    }

    pub fn service_principal(&self, app_id: &str) -> Option<&Value> {
        self.service_principals.iter().find(|a| {
            a["appId"]
                .as_str()
                .is_some_and(|x| x.eq_ignore_ascii_case(app_id))
        })
    }

    /// A client this tenant knows: the first-party command-line tools or a registration with a
    /// service principal here.
    pub fn display_name(&self, client_id: &str) -> Option<String> {
        if client_id == GRAPH_CLI_APP_ID {
            return Some("Microsoft Graph Command Line Tools".into());
        }
        self.application(client_id)
            .or_else(|| self.service_principal(client_id))
            .and_then(|a| a["displayName"].as_str().map(String::from))
    }

    /// Whether `uri` is one of the application's single-page-app redirect URIs.
    pub fn spa_redirect(&self, client_id: &str, uri: &str) -> bool {
        self.application(client_id).is_some_and(|a| {
            a["spa"]["redirectUris"]
                .as_array()
                .is_some_and(|l| l.iter().any(|u| u.as_str() == Some(uri)))
        })
    }

    /// Whether the client may use flows without a browser origin (device code).
    pub fn public_client(&self, client_id: &str) -> bool {
        client_id == GRAPH_CLI_APP_ID
            || self
                .application(client_id)
                .is_some_and(|a| a["isFallbackPublicClient"] == json!(true))
    }

    /// Graph scopes consented for `client_id` on behalf of `user`: every principal's and theirs.
    pub fn consented(&self, client_id: &str, user: &str) -> Vec<String> {
        let Some(sp) = self
            .service_principal(client_id)
            .and_then(|s| s["id"].as_str())
        else {
            return vec![];
        };
        let graph = self.graph_sp_id();
        self.grants
            .iter()
            .filter(|g| g["clientId"] == json!(sp) && g["resourceId"] == json!(graph))
            .filter(|g| g["consentType"] == "AllPrincipals" || g["principalId"] == json!(user))
            .flat_map(|g| {
                g["scope"]
                    .as_str()
                    .unwrap_or("")
                    .split_whitespace()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// What consent stands between `user` and a token of `scopes` for `client_id`.
    pub fn consent_for(
        &self,
        client_id: &str,
        user: &str,
        scopes: &[String],
        user_roles: &[String],
    ) -> Consent {
        let held = self.consented(client_id, user);
        let missing: Vec<String> = scopes
            .iter()
            .filter_map(|s| canonical(s))
            // OpenID Connect's own scopes never stand in the way of a sign-in.
            .filter(|s| !is_oidc(s))
            .filter(|s| !held.iter().any(|h| h.eq_ignore_ascii_case(s)))
            .map(String::from)
            .collect();
        if missing.is_empty() {
            return Consent::Granted;
        }
        if can_consent_for_org(user_roles) {
            return Consent::Ask {
                missing,
                for_org: true,
            };
        }
        if missing.iter().all(|s| user_consentable(s)) {
            return Consent::Ask {
                missing,
                for_org: false,
            };
        }
        Consent::Refused { missing }
    }

    /// Records consent: the organisation's (AllPrincipals) or one user's (Principal) grant grows.
    pub fn grant(&mut self, client_id: &str, user: &str, scopes: &[String], for_org: bool) {
        let Some(sp) = self
            .service_principal(client_id)
            .and_then(|s| s["id"].as_str())
            .map(String::from)
        else {
            return;
        };
        let graph = self.graph_sp_id();
        let principal = if for_org { Value::Null } else { json!(user) };
        let kind = if for_org {
            "AllPrincipals"
        } else {
            "Principal"
        };
        let existing = self.grants.iter_mut().find(|g| {
            g["clientId"] == json!(sp)
                && g["resourceId"] == json!(graph)
                && g["consentType"] == kind
                && g["principalId"] == principal
        });
        match existing {
            Some(g) => {
                let mut have: Vec<String> = g["scope"]
                    .as_str()
                    .unwrap_or("")
                    .split_whitespace()
                    .map(String::from)
                    .collect();
                for s in scopes {
                    if !have.iter().any(|h| h.eq_ignore_ascii_case(s)) {
                        have.push(s.clone());
                    }
                }
                g["scope"] = json!(have.join(" "));
            }
            None => self.grants.push(json!({
                "id": uuid::Uuid::new_v4().to_string(), "clientId": sp, "consentType": kind,
                "principalId": principal, "resourceId": graph, "scope": scopes.join(" "),
            })),
        }
    }
}

/// Who may grant consent for the whole organisation to any Graph permission.
pub fn can_consent_for_org(user_roles: &[String]) -> bool {
    user_roles
        .iter()
        .any(|r| r == roles::GLOBAL_ADMIN || r == roles::PRIVILEGED_ROLE_ADMIN)
}
