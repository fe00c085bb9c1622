//! Runtime settings read from `config.json` at start-up; parsing and checks only, no fetching.

use raw::RawConfig;
use serde_json::Value;
use std::fmt;
pub use tiers::{Tier, TIERS};
pub use web_url::WebUrl;

mod raw;
pub mod tiers;
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
    /// Delegated scopes asked for at sign-in: OpenID Connect's and the user tier's.
    pub scopes: Vec<String>,
    /// Graph root including the version, e.g. `https://graph.microsoft.com/v1.0`.
    pub graph_base_url: WebUrl,
    /// The permissions of each tier this deployment was set up with (the user tier always).
    pub tiers: Tiers,
    /// With a multi-tenant authority: the tenants (ids) whose people may use this deployment;
    /// empty lets any organisation in.
    pub allowed_tenants: Vec<String>,
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
        let value: Value =
            serde_json::from_str(text).map_err(|e| ConfigError::Malformed(e.to_string()))?;
        let raw = RawConfig::read(&value)?;
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
        let tiers = read_tiers(raw.tiers, raw.scopes)?;
        let scopes = sign_in_scopes(&tiers[&Tier::User]);
        let multi = is_multi_tenant(&tenant_id);
        if !multi && !raw.allowed_tenants.is_empty() {
            return Err(ConfigError::Invalid {
                field: "allowedTenants",
                reason: "only a multi-tenant deployment (tenantId \"organizations\") lists tenants"
                    .into(),
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
            tiers,
            allowed_tenants: raw.allowed_tenants,
        })
    }

    /// Whether people of any organisation sign in here (`organizations` or `common`).
    pub fn multi_tenant(&self) -> bool {
        is_multi_tenant(&self.tenant_id)
    }

    /// Whether people of `tid` may use this deployment.
    pub fn tenant_allowed(&self, tid: &str) -> bool {
        if !self.multi_tenant() {
            return tid.eq_ignore_ascii_case(&self.tenant_id) || !looks_like_guid(&self.tenant_id);
        }
        self.allowed_tenants.is_empty()
            || self
                .allowed_tenants
                .iter()
                .any(|t| t.eq_ignore_ascii_case(tid))
    }

    /// The scopes a token for these tiers carries (the user tier's always), or the first tier
    /// this deployment was not set up with.
    pub fn scopes_for(&self, tiers: &[Tier]) -> Result<Vec<String>, Tier> {
        let mut names: Vec<String> = self.tiers[&Tier::User].clone();
        for t in tiers {
            let more = self.tiers.get(t).ok_or(*t)?;
            names.extend(more.iter().cloned());
        }
        Ok(sign_in_scopes(&names))
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

fn is_multi_tenant(tenant: &str) -> bool {
    tenant.eq_ignore_ascii_case("organizations") || tenant.eq_ignore_ascii_case("common")
}

fn looks_like_guid(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// OpenID Connect's scopes and each Graph permission with its resource, without repeats.
fn sign_in_scopes(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = tiers::SIGN_IN.iter().map(|s| s.to_string()).collect();
    for n in names {
        let full = format!("{}{n}", tiers::GRAPH_RESOURCE);
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&full)) {
            out.push(full);
        }
    }
    out
}

/// The permissions of each tier a deployment was set up with. A list, not a map: a map of
/// another key type would compile its code into every page's module again, for four entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tiers(Vec<(Tier, Vec<String>)>);

impl Tiers {
    pub fn get(&self, tier: &Tier) -> Option<&Vec<String>> {
        self.0.iter().find(|(t, _)| t == tier).map(|(_, s)| s)
    }

    pub fn contains_key(&self, tier: &Tier) -> bool {
        self.get(tier).is_some()
    }
}

impl std::ops::Index<&Tier> for Tiers {
    type Output = Vec<String>;
    fn index(&self, tier: &Tier) -> &Vec<String> {
        self.get(tier).expect("the user tier is always there")
    }
}

/// `tiers` as written by the setup command, or a hand-written `scopes` list read as one tier.
fn read_tiers(
    tiers: Option<serde_json::Value>,
    scopes: Option<Vec<String>>,
) -> Result<Tiers, ConfigError> {
    let invalid = |reason: String| ConfigError::Invalid {
        field: "tiers",
        reason,
    };
    let named: Vec<(String, Vec<String>)> = match (tiers, scopes) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "give \"tiers\" or the older \"scopes\", not both".into(),
            ))
        }
        (None, None) => return Err(ConfigError::Missing("tiers")),
        (Some(serde_json::Value::Object(t)), None) => {
            let mut out = vec![];
            for (name, list) in t {
                let list = list.as_array().ok_or_else(|| {
                    invalid(format!("tier \"{name}\" must be a list of permissions"))
                })?;
                let names = list.iter().map(|v| {
                    v.as_str().map(str::to_owned).ok_or_else(|| {
                        invalid(format!(
                            "tier \"{name}\" lists something that is not a name"
                        ))
                    })
                });
                let names = names.collect::<Result<Vec<_>, _>>()?;
                out.push((name, names));
            }
            out
        }
        (Some(_), None) => {
            return Err(invalid(
                "an object of tier names and their permissions".into(),
            ))
        }
        // An older file: every scope it lists is the user's, so pages ask for nothing more.
        (None, Some(list)) => {
            if list.is_empty() || list.iter().any(|s| s.trim().is_empty()) {
                return Err(ConfigError::Invalid {
                    field: "scopes",
                    reason: "list at least one scope, none empty".into(),
                });
            }
            let names = list
                .iter()
                .map(|s| s.trim())
                .filter(|s| !tiers::SIGN_IN.contains(s))
                .map(|s| {
                    s.strip_prefix(tiers::GRAPH_RESOURCE)
                        .unwrap_or(s)
                        .to_owned()
                })
                .collect::<Vec<_>>();
            Tier::ALL
                .iter()
                .map(|t| (t.name().to_owned(), names.clone()))
                .collect()
        }
    };
    let mut out: Vec<(Tier, Vec<String>)> = vec![];
    for (name, list) in named {
        let tier = Tier::from_name(&name).ok_or_else(|| {
            invalid(format!(
                "\"{name}\" is no tier (user, admin, audit, reviews)"
            ))
        })?;
        let list: Vec<String> = list.iter().map(|s| s.trim().to_owned()).collect();
        if list.is_empty()
            || list
                .iter()
                .any(|s| s.is_empty() || s.contains(char::is_whitespace))
        {
            return Err(invalid(format!(
                "tier \"{name}\" must list its permissions, one name each"
            )));
        }
        out.push((tier, list));
    }
    if !out.iter().any(|(t, _)| *t == Tier::User) {
        return Err(invalid(
            "the \"user\" tier is required: everyone signs in with it".into(),
        ));
    }
    out.sort_by_key(|(t, _)| *t);
    Ok(Tiers(out))
}

#[cfg(test)]
mod tests;
