//! Native tests for runtime configuration parsing.

use super::*;

const GOOD: &str = r#"{
  "authority": "https://login.microsoftonline.com/contoso.onmicrosoft.com/",
  "tenantId": "contoso.onmicrosoft.com",
  "clientId": "6731de76-14a6-49ae-97bc-6eba6914391e",
  "redirectUri": "https://pim.contoso.com/",
  "scopes": ["openid", "profile", "offline_access", "https://graph.microsoft.com/User.Read"],
  "graphBaseUrl": "https://graph.microsoft.com/v1.0/"
}"#;

fn with(field: &str, value: serde_json::Value) -> String {
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v[field] = value;
    v.to_string()
}

#[test]
fn reads_a_complete_file_and_trims_trailing_slashes() {
    let c = AppConfig::from_json(GOOD).unwrap();
    assert_eq!(
        c.authority.as_str(),
        "https://login.microsoftonline.com/contoso.onmicrosoft.com"
    );
    assert_eq!(
        c.token_endpoint(),
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
    );
    assert_eq!(
        c.graph_base_url.as_str(),
        "https://graph.microsoft.com/v1.0"
    );
    assert_eq!(c.scopes.len(), 4);
    assert_eq!(
        c.connect_origins(),
        vec![
            "https://login.microsoftonline.com",
            "https://graph.microsoft.com"
        ]
    );
}

#[test]
fn names_the_missing_field() {
    for field in [
        "authority",
        "tenantId",
        "clientId",
        "redirectUri",
        "tiers",
        "graphBaseUrl",
    ] {
        let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
        v.as_object_mut()
            .unwrap()
            .remove(if field == "tiers" { "scopes" } else { field });
        let err = AppConfig::from_json(&v.to_string()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains(field));
    }
}

#[test]
fn empty_strings_count_as_missing() {
    let err = AppConfig::from_json(&with("clientId", "  ".into())).unwrap_err();
    assert_eq!(err, ConfigError::Missing("clientId"));
}

#[test]
fn refuses_plain_http_except_on_loopback() {
    let err = AppConfig::from_json(&with("authority", "http://login.example.com/t".into()));
    assert_eq!(err.unwrap_err().field(), Some("authority"));
    let ok = AppConfig::from_json(&with("graphBaseUrl", "http://127.0.0.1:8081/v1.0".into()));
    assert!(ok.is_ok());
}

#[test]
fn refuses_relative_urls_and_bad_client_ids() {
    let err = AppConfig::from_json(&with("redirectUri", "/callback".into())).unwrap_err();
    assert_eq!(err.field(), Some("redirectUri"));
    let err = AppConfig::from_json(&with("clientId", "not a guid".into())).unwrap_err();
    assert_eq!(err.field(), Some("clientId"));
}

#[test]
fn refuses_empty_scope_lists() {
    let err = AppConfig::from_json(&with("scopes", serde_json::json!([]))).unwrap_err();
    assert_eq!(err.field(), Some("scopes"));
    let err = AppConfig::from_json(&with("scopes", serde_json::json!(["openid", ""]))).unwrap_err();
    assert_eq!(err.field(), Some("scopes"));
}

#[test]
fn malformed_json_has_no_field_but_a_reason() {
    let err = AppConfig::from_json("{ not json").unwrap_err();
    assert_eq!(err.field(), None);
    assert!(err.to_string().starts_with("config.json is not valid JSON"));
    let err = AppConfig::from_json("[1,2]").unwrap_err();
    assert!(matches!(err, ConfigError::Malformed(_)));
}

#[test]
fn an_older_file_with_scopes_is_one_tier_for_every_page() {
    let c = AppConfig::from_json(GOOD).unwrap();
    assert_eq!(
        c.scopes,
        vec![
            "openid",
            "profile",
            "offline_access",
            "https://graph.microsoft.com/User.Read"
        ]
    );
    assert_eq!(c.scopes_for(&[Tier::Admin, Tier::Audit]).unwrap(), c.scopes);
}

fn tiered(tiers: serde_json::Value) -> Result<AppConfig, ConfigError> {
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v.as_object_mut().unwrap().remove("scopes");
    v["tiers"] = tiers;
    AppConfig::from_json(&v.to_string())
}

#[test]
fn sign_in_asks_for_the_user_tier_and_a_page_for_its_own_on_top() {
    let c = tiered(serde_json::json!({"user": ["User.Read", "Group.Read.All"], "admin": ["Group.ReadWrite.All", "User.Read"]})).unwrap();
    assert_eq!(c.scopes.len(), 5);
    assert!(c
        .scopes
        .contains(&"https://graph.microsoft.com/Group.Read.All".to_owned()));
    let admin = c.scopes_for(&[Tier::Admin]).unwrap();
    assert_eq!(
        admin.len(),
        6,
        "User.Read is not asked for twice: {admin:?}"
    );
    assert_eq!(c.scopes_for(&[Tier::Admin, Tier::Audit]), Err(Tier::Audit));
}

#[test]
fn tiers_are_checked() {
    let no_user = tiered(serde_json::json!({"admin": ["Group.ReadWrite.All"]})).unwrap_err();
    assert_eq!(no_user.field(), Some("tiers"));
    let unknown = tiered(serde_json::json!({"user": ["User.Read"], "root": ["X"]})).unwrap_err();
    assert!(unknown.to_string().contains("root"));
    let empty = tiered(serde_json::json!({"user": []})).unwrap_err();
    assert_eq!(empty.field(), Some("tiers"));
    let both = with("tiers", serde_json::json!({"user": ["User.Read"]}));
    assert_eq!(
        AppConfig::from_json(&both).unwrap_err().field(),
        Some("tiers")
    );
}

#[test]
fn one_build_for_any_tenant_lets_in_the_listed_tenants_only() {
    let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
    v["tenantId"] = "organizations".into();
    v["authority"] = "https://login.microsoftonline.com/organizations".into();
    let any = AppConfig::from_json(&v.to_string()).unwrap();
    assert!(any.multi_tenant() && any.tenant_allowed("9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f"));
    v["allowedTenants"] = serde_json::json!(["9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f"]);
    let some = AppConfig::from_json(&v.to_string()).unwrap();
    assert!(some.tenant_allowed("9C3E4B1A-6F0D-4E2B-8A57-1D2C3B4A5E6F"));
    assert!(!some.tenant_allowed("00000000-0000-0000-0000-000000000001"));
    let single = with("allowedTenants", serde_json::json!(["x"]));
    assert_eq!(
        AppConfig::from_json(&single).unwrap_err().field(),
        Some("allowedTenants")
    );
}
