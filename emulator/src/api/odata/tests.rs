//! Tests of the `$filter` subset.

use super::*;
use serde_json::json;

#[test]
fn parses_pim_filters_and_escaped_quotes() {
    let e = parse("groupId eq 'g1' and principalId eq 'p1'").unwrap();
    assert_eq!(e.required_eq("groupId").as_deref(), Some("g1"));
    assert_eq!(e.required_eq("principalid").as_deref(), Some("p1"));
    assert!(e.matches(&json!({"groupId": "G1", "principalId": "p1"})));
    let e = parse("displayName eq 'O''Brien''s admins'").unwrap();
    assert!(e.matches(&json!({"displayName": "O'Brien's admins"})));
}

#[test]
fn or_does_not_make_a_required_filter() {
    let e = parse("groupId eq 'a' or principalId eq 'b'").unwrap();
    assert_eq!(e.required_eq("groupId"), None);
}

#[test]
fn startswith_in_not_dates_and_nested_paths() {
    let obj = json!({"displayName": "Helpdesk Admin-Group", "activityDateTime": "2026-05-01T10:00:00Z", "initiatedBy": {"user": {"id": "u1"}}});
    assert!(parse("startswith(displayName,'help')")
        .unwrap()
        .matches(&obj));
    assert!(parse("displayName in ('x', 'Helpdesk Admin-Group')")
        .unwrap()
        .matches(&obj));
    assert!(parse("not (displayName eq 'x')").unwrap().matches(&obj));
    assert!(parse(
        "activityDateTime ge 2026-04-30T00:00:00Z and activityDateTime le 2026-05-02T00:00:00Z"
    )
    .unwrap()
    .matches(&obj));
    assert!(parse("initiatedBy/user/id eq 'u1'").unwrap().matches(&obj));
}

#[test]
fn refuses_malformed_filters() {
    for bad in [
        "groupId eq",
        "groupId xx 'a'",
        "(groupId eq 'a'",
        "groupId eq 'unterminated",
        "startswith(displayName)",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn any_lambda_matches_an_element_of_a_collection() {
    let e = parse("loggedByService eq 'PIM' and targetResources/any(t: t/id eq 'g1')").unwrap();
    let hit = serde_json::json!({"loggedByService": "PIM", "targetResources": [{"id": "u1"}, {"id": "g1"}]});
    let miss = serde_json::json!({"loggedByService": "PIM", "targetResources": [{"id": "u1"}]});
    assert!(e.matches(&hit));
    assert!(!e.matches(&miss));
    assert!(e.properties().contains(&"targetResources/any".to_owned()));
    assert!(
        parse("targetResources/any(t/id eq 'g1')").is_err(),
        "the lambda variable is required"
    );
}
