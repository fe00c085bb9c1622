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
        "scopes",
        "graphBaseUrl",
    ] {
        let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
        v.as_object_mut().unwrap().remove(field);
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
