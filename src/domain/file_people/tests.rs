//! A file's people: named by the directory, "not found" told from "could not be read".

use super::*;
use crate::graph::error::ErrorHeaders;
use serde_json::json;

fn person(kind: &str, id: &str, name: &str, upn: &str) -> PersonRef {
    PersonRef {
        kind: kind.into(),
        id: id.into(),
        display_name: name.into(),
        user_principal_name: upn.into(),
    }
}

fn error(status: u16, code: &str) -> GraphError {
    let body = json!({"error": {"code": code, "message": "m"}}).to_string();
    GraphError::from_response(status, ErrorHeaders::default(), &body)
}

#[test]
fn the_name_shown_is_the_directorys_not_the_files() {
    // A crafted file calls Diego's id "Adele Vance": the preview must say Diego.
    let refs = vec![person("user", "diego-id", "Adele Vance", "")];
    assert_eq!(by_id(&refs).len(), 1);
    let answer = json!({"id": "diego-id", "displayName": "Diego Siciliani", "userPrincipalName": "DiegoS@contoso.com"});
    let people = after_ids(&refs, vec![Ok(answer)]);
    assert_eq!(
        people.of(&refs[0]),
        Found::Here(
            Approver::User("diego-id".into()),
            "Diego Siciliani (DiegoS@contoso.com)".into()
        )
    );
}

#[test]
fn not_found_by_id_is_looked_for_by_upn_and_a_group_is_not() {
    let refs = vec![
        person("user", "other-tenant", "A", "a@contoso.com"),
        person("group", "gone", "G", ""),
        person("user", "", "No id", "b@contoso.com"),
    ];
    assert_eq!(
        by_id(&refs).len(),
        2,
        "a person without an id is not read by id"
    );
    let mut people = after_ids(
        &refs,
        vec![
            Err(error(404, "Request_ResourceNotFound")),
            Err(error(404, "Request_ResourceNotFound")),
        ],
    );
    let again = retry(&refs, &people);
    assert_eq!(again.len(), 2);
    assert_eq!(by_upn(&again).len(), 2);
    after_upns(
        &mut people,
        &again,
        vec![
            Ok(
                json!({"id": "a-here", "displayName": "A Here", "userPrincipalName": "a@contoso.com"}),
            ),
            Err(error(404, "Request_ResourceNotFound")),
        ],
    );
    assert!(matches!(people.of(&refs[0]), Found::Here(Approver::User(id), _) if id == "a-here"));
    assert_eq!(people.of(&refs[1]), Found::Missing);
    assert_eq!(people.of(&refs[2]), Found::Missing);
}

#[test]
fn a_throttled_or_refused_lookup_is_could_not_be_read_never_not_found() {
    let refs = vec![
        person("user", "u1", "", "u1@contoso.com"),
        person("group", "g1", "", ""),
    ];
    let mut people = after_ids(
        &refs,
        vec![
            Err(error(429, "TooManyRequests")),
            Err(error(403, "Authorization_RequestDenied")),
        ],
    );
    assert!(retry(&refs, &people).is_empty(), "nothing to retry by UPN");
    assert!(
        matches!(people.of(&refs[0]), Found::Unread(why) if why.contains("TooManyRequests") || why.contains("429"))
    );
    assert!(matches!(people.of(&refs[1]), Found::Unread(_)));
    // And by UPN alike.
    let refs = vec![person("user", "", "", "x@contoso.com")];
    people = after_ids(&refs, vec![]);
    let again = retry(&refs, &people);
    after_upns(
        &mut people,
        &again,
        vec![Err(error(503, "serviceNotAvailable"))],
    );
    assert!(matches!(people.of(&refs[0]), Found::Unread(_)));
}

#[test]
fn each_person_is_read_once() {
    let p = person("user", "u1", "", "");
    assert_eq!(distinct(vec![p.clone(), p.clone()]), vec![p]);
}
