//! `config.json`'s fields as they came, read from the parsed value before any check.

use super::ConfigError;
use serde_json::Value;

/// The file's fields as they came, before any check.
pub(super) struct RawConfig {
    pub(super) authority: Option<String>,
    pub(super) tenant_id: Option<String>,
    pub(super) client_id: Option<String>,
    pub(super) redirect_uri: Option<String>,
    pub(super) scopes: Option<Vec<String>>,
    pub(super) graph_base_url: Option<String>,
    pub(super) tiers: Option<Value>,
    pub(super) allowed_tenants: Vec<String>,
}

// Read by hand from the parsed value rather than by a derived `Deserialize`: every module reads
// this file at start, and the derived reader was some 10 KB of code in each.
impl RawConfig {
    pub(super) fn read(v: &Value) -> Result<Self, ConfigError> {
        if !v.is_object() {
            return Err(ConfigError::Malformed(
                "the file must be one JSON object".into(),
            ));
        }
        Ok(RawConfig {
            authority: text(v, "authority")?,
            tenant_id: text(v, "tenantId")?,
            client_id: text(v, "clientId")?,
            redirect_uri: text(v, "redirectUri")?,
            scopes: texts(v, "scopes")?,
            graph_base_url: text(v, "graphBaseUrl")?,
            tiers: v.get("tiers").filter(|t| !t.is_null()).cloned(),
            allowed_tenants: texts(v, "allowedTenants")?.unwrap_or_default(),
        })
    }
}

/// A text field: absent or null is `None`; anything but text is a malformed file.
fn text(v: &Value, key: &str) -> Result<Option<String>, ConfigError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ConfigError::Malformed(format!("\"{key}\" must be text"))),
    }
}

/// A list of texts, as `text` reads one.
fn texts(v: &Value, key: &str) -> Result<Option<Vec<String>>, ConfigError> {
    let bad = || ConfigError::Malformed(format!("\"{key}\" must be a list of text"));
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(list)) => list
            .iter()
            .map(|x| x.as_str().map(str::to_owned).ok_or_else(bad))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(bad()),
    }
}
