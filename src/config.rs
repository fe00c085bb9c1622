//! Runtime settings read from `config.json` at start-up; parsing and checks only, no fetching.

use serde::Deserialize;
use std::fmt;
pub use web_url::WebUrl;

mod web_url;

/// Where the app signs in and which API it calls: one build serves any tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    /// Authority base, e.g. `https://login.microsoftonline.com/{tenant}`; `/oauth2/v2.0/...` follows.
    pub authority: WebUrl,
    /// Directory (tenant) id or verified domain.
    pub tenant_id: String,
    /// Application (client) id of the SPA registration.
    pub client_id: String,
    /// The SPA redirect URI registered for this deployment.
    pub redirect_uri: WebUrl,
    /// Delegated scopes asked for at sign-in.
    pub scopes: Vec<String>,
    /// Graph root including the version, e.g. `https://graph.microsoft.com/v1.0`.
    pub graph_base_url: WebUrl,
}

/// What is wrong with `config.json`, naming the field so an operator can fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The file is not JSON, or not an object.
    Malformed(String),
    /// A required field is absent or empty.
    Missing(&'static str),
    /// A field is present but unusable.
    Invalid { field: &'static str, reason: String },
}

impl ConfigError {
    /// The JSON field the error concerns, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ConfigError::Malformed(_) => None,
            ConfigError::Missing(f) | ConfigError::Invalid { field: f, .. } => Some(f),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Malformed(why) => write!(f, "config.json is not valid JSON: {why}"),
            ConfigError::Missing(field) => write!(f, "config.json has no value for \"{field}\""),
            ConfigError::Invalid { field, reason } => {
                write!(f, "config.json field \"{field}\" is invalid: {reason}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConfig {
    authority: Option<String>,
    tenant_id: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scopes: Option<Vec<String>>,
    graph_base_url: Option<String>,
}

fn required(value: Option<String>, field: &'static str) -> Result<String, ConfigError> {
    match value.map(|v| v.trim().to_owned()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ConfigError::Missing(field)),
    }
}

/// Tokens travel to these URLs, so only HTTPS is accepted, except on loopback where the
/// emulator runs for demos and tests.
fn secure_url(value: String, field: &'static str) -> Result<WebUrl, ConfigError> {
    let url = WebUrl::parse(&value).map_err(|reason| ConfigError::Invalid { field, reason })?;
    let loopback = matches!(url.host(), "127.0.0.1" | "localhost" | "[::1]");
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        other => Err(ConfigError::Invalid {
            field,
            reason: format!("must use https (got {other}:)"),
        }),
    }
}

impl AppConfig {
    /// Parses and checks the text of `config.json`.
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        let raw: RawConfig =
            crate::json::from_text(text).map_err(|e| ConfigError::Malformed(e.to_string()))?;
        let authority = secure_url(required(raw.authority, "authority")?, "authority")?.trimmed();
        let tenant_id = required(raw.tenant_id, "tenantId")?;
        let client_id = required(raw.client_id, "clientId")?;
        if !client_id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(ConfigError::Invalid {
                field: "clientId",
                reason: "an application (client) id is a GUID".into(),
            });
        }
        let redirect_uri = secure_url(required(raw.redirect_uri, "redirectUri")?, "redirectUri")?;
        let scopes: Vec<String> = raw
            .scopes
            .ok_or(ConfigError::Missing("scopes"))?
            .into_iter()
            .map(|s| s.trim().to_owned())
            .collect();
        if scopes.is_empty() || scopes.iter().any(String::is_empty) {
            return Err(ConfigError::Invalid {
                field: "scopes",
                reason: "list at least one scope, none empty".into(),
            });
        }
        let graph_base_url = secure_url(
            required(raw.graph_base_url, "graphBaseUrl")?,
            "graphBaseUrl",
        )?
        .trimmed();
        Ok(AppConfig {
            authority,
            tenant_id,
            client_id,
            redirect_uri,
            scopes,
            graph_base_url,
        })
    }

    /// The v2.0 authorization endpoint of the authority.
    pub fn authorize_endpoint(&self) -> String {
        format!("{}/oauth2/v2.0/authorize", self.authority)
    }

    /// The v2.0 token endpoint of the authority.
    pub fn token_endpoint(&self) -> String {
        format!("{}/oauth2/v2.0/token", self.authority)
    }

    /// Origins the Content-Security-Policy must let the app connect to.
    pub fn connect_origins(&self) -> Vec<String> {
        let mut origins = vec![
            self.authority.origin().to_owned(),
            self.graph_base_url.origin().to_owned(),
        ];
        origins.dedup();
        origins
    }
}

#[cfg(test)]
mod tests;
