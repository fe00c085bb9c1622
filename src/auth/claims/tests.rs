//! Every documented and reported shape of a claims refusal.

use super::*;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../shared/graph/examples/field-reports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn reads_pims_acrs_refusal() {
    let c = parse(&fixture("acrs-validation-failed.graph.400.json"), None).expect("claims");
    assert_eq!(c.acrs().as_deref(), Some("c1"));
    assert_eq!(c.claims["access_token"]["acrs"]["essential"], true);
}

#[test]
fn reads_the_wrapped_unknown_error_variant() {
    let c = parse(
        &fixture("acrs-validation-failed.wrapped-variant.400.json"),
        None,
    )
    .expect("claims");
    assert!(c.acrs().is_some());
}

#[test]
fn reads_text_before_the_claims_and_plain_messages_give_nothing() {
    let body = r#"{"error":{"code":"RoleAssignmentRequestAcrsValidationFailed","message":"Auth context required&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%22value%22%3A%22c7%22%7D%7D%7D"}}"#;
    assert_eq!(parse(body, None).unwrap().acrs().as_deref(), Some("c7"));
    assert_eq!(
        parse(&fixture("policy-validation-failed-mfarule.400.json"), None),
        None
    );
    assert_eq!(parse("not json at all", None), None);
    assert_eq!(parse("", None), None);
}

#[test]
fn reads_a_cae_www_authenticate_header() {
    // {"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}
    let header = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;
    let c = parse("", Some(header)).expect("claims");
    assert_eq!(c.claims["access_token"]["nbf"]["value"], "1604106651");
    assert_eq!(c.acrs(), None);
}

#[test]
fn the_request_merges_cp1_with_the_context() {
    let v: Value = serde_json::from_str(&request(Some("c1"))).unwrap();
    assert_eq!(
        v,
        json!({"access_token": {"xms_cc": {"values": ["cp1"]}, "acrs": {"essential": true, "value": "c1"}}})
    );
    let v: Value = serde_json::from_str(&request(None)).unwrap();
    assert_eq!(v, json!({"access_token": {"xms_cc": {"values": ["cp1"]}}}));
}

#[test]
fn several_contexts_are_asked_for_together() {
    let v: Value = serde_json::from_str(&request(Some("c1,c2"))).unwrap();
    assert_eq!(
        v["access_token"]["acrs"],
        json!({"essential": true, "values": ["c1", "c2"]})
    );
}

#[test]
fn only_valid_contexts_are_taken_and_all_of_them() {
    let ch = |v: serde_json::Value| ClaimsChallenge {
        claims: serde_json::json!({"access_token": {"acrs": v}}),
    };
    assert_eq!(
        ch(serde_json::json!({"value": "c1"})).acrs().as_deref(),
        Some("c1")
    );
    assert_eq!(
        ch(serde_json::json!({"values": ["c2", "c7", "c2"]}))
            .acrs()
            .as_deref(),
        Some("c2,c7")
    );
    assert_eq!(
        ch(serde_json::json!({"values": ["c100", "c0", "x1", "c01", "c1&prompt=none"]})).acrs(),
        None
    );
    assert!(
        super::valid_context("c99") && !super::valid_context("c") && !super::valid_context("C1")
    );
}

#[test]
fn a_cae_challenge_is_sent_back_with_cp1() {
    let ch = ClaimsChallenge {
        claims: serde_json::json!({"access_token": {"nbf": {"essential": true, "value": "1604106651"}}}),
    };
    assert_eq!(ch.acrs(), None, "not a step-up");
    let r: serde_json::Value = serde_json::from_str(&request_with(None, Some(&ch))).unwrap();
    assert_eq!(r["access_token"]["nbf"]["value"], "1604106651");
    assert_eq!(r["access_token"]["xms_cc"]["values"][0], "cp1");
}
