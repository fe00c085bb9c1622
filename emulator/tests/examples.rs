//! Microsoft's documented example requests (shared/graph/examples) are accepted, and the answers
//! carry the fields of the documented responses; every read route's answer conforms to the CSDL.

mod support;
use serde_json::{json, Value};
use support::csdl::{assert_collection, assert_conforms};
use support::*;

const NESTOR: &str = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";

fn example(name: &str) -> Value {
    let path = format!(
        "{}/../../shared/graph/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The documented example, moved into the demo tenant and to the present.
fn localise(mut body: Value, group: &str, principal: &str) -> Value {
    body["groupId"] = json!(group);
    body["principalId"] = json!(principal);
    let now = chrono::Utc::now();
    body["scheduleInfo"]["startDateTime"] = json!(now.to_rfc3339());
    if body["scheduleInfo"]["expiration"]["endDateTime"].is_string() {
        body["scheduleInfo"]["expiration"]["endDateTime"] =
            json!((now + chrono::Duration::days(30)).to_rfc3339());
    }
    body
}

fn assert_has_fields(answer: &Value, documented: &Value, ignore: &[&str]) {
    for key in documented.as_object().unwrap().keys() {
        if key.starts_with('@') || ignore.contains(&key.as_str()) {
            continue;
        }
        assert!(
            answer.get(key).is_some(),
            "answer lacks documented field '{key}': {answer}"
        );
    }
}

#[tokio::test]
async fn documented_schedule_requests_are_accepted() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let cases = [
        (
            "pag-eligibilityScheduleRequests-create-adminAssign",
            "eligibilityScheduleRequests",
            "microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest",
            ALEX,
        ),
        (
            "pag-assignmentScheduleRequests-create-adminAssign",
            "assignmentScheduleRequests",
            "microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest",
            LIDIA,
        ),
    ];
    for (name, coll, ty, who) in cases {
        let body = localise(example(&format!("{name}.request.json")), TRAVEL, who);
        let (status, answer) = e
            .call(&megan, "POST", &format!("{PIM}/{coll}"), Some(body))
            .await;
        assert_eq!(status, 201, "{name}: {answer}");
        assert_conforms(&answer, ty);
        assert_has_fields(&answer, &example(&format!("{name}.response.json")), &[]);
    }
    let nestor = e.sign_in(NESTOR).await;
    let body = localise(
        example("pag-assignmentScheduleRequests-create-selfActivate.request.json"),
        TRAVEL,
        NESTOR,
    );
    let (status, answer) = e
        .call(
            &nestor,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["status"], "Provisioned");
    assert_has_fields(
        &answer,
        &example("pag-assignmentScheduleRequests-create-selfActivate.response.json"),
        &[],
    );
}

#[tokio::test]
async fn the_documented_group_creation_is_accepted() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let mut body = example("group-create-roleAssignable.request.json");
    body["owners@odata.bind"] = json!([format!("https://graph.microsoft.com/v1.0/users/{MEGAN}")]);
    body["members@odata.bind"] = json!([format!("https://graph.microsoft.com/v1.0/users/{ALEX}")]);
    let (status, group) = e.call(&megan, "POST", "/v1.0/groups", Some(body)).await;
    assert_eq!(status, 201, "{group}");
    assert_conforms(&group, "microsoft.graph.group");
    for key in [
        "id",
        "displayName",
        "description",
        "groupTypes",
        "isAssignableToRole",
        "mailEnabled",
        "mailNickname",
        "securityEnabled",
        "membershipRule",
        "onPremisesSyncEnabled",
        "createdDateTime",
        "mail",
        "visibility",
    ] {
        assert!(group.get(key).is_some(), "{key}");
    }
    let lidia = e.sign_in(LIDIA).await;
    let body = json!({"displayName": "Nope", "mailEnabled": false, "mailNickname": "nope", "securityEnabled": true, "isAssignableToRole": true});
    assert_eq!(
        e.call(&lidia, "POST", "/v1.0/groups", Some(body)).await.0,
        403,
        "only a Privileged Role Administrator makes role-assignable groups"
    );
}

#[tokio::test]
async fn every_read_route_answers_in_graphs_schema() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let lidia = e.sign_in(LIDIA).await;
    let h = HELPDESK;
    let reads: Vec<(String, &str, &str)> = vec![
        ("/v1.0/users".into(), "microsoft.graph.user", "c"),
        (format!("/v1.0/users/{ALEX}"), "microsoft.graph.user", "o"),
        ("/v1.0/groups".into(), "microsoft.graph.group", "c"),
        (format!("/v1.0/groups/{h}"), "microsoft.graph.group", "o"),
        (format!("/v1.0/groups/{h}/members"), "microsoft.graph.directoryObject", "c"),
        (format!("/v1.0/groups/{h}/owners"), "microsoft.graph.directoryObject", "c"),
        ("/v1.0/roleManagement/directory/roleDefinitions".into(), "microsoft.graph.unifiedRoleDefinition", "c"),
        ("/v1.0/roleManagement/directory/roleAssignments?$expand=roleDefinition".into(), "microsoft.graph.unifiedRoleAssignment", "c"),
        ("/v1.0/identity/conditionalAccess/authenticationContextClassReferences".into(), "microsoft.graph.authenticationContextClassReference", "c"),
        (format!("/v1.0/policies/roleManagementPolicies?$filter=scopeId eq '{h}' and scopeType eq 'Group'&$expand=rules"), "microsoft.graph.unifiedRoleManagementPolicy", "c"),
        (format!("{PIM}/eligibilitySchedules?$filter=groupId eq '{h}'&$expand=principal,group"), "microsoft.graph.privilegedAccessGroupEligibilitySchedule", "c"),
        (format!("{PIM}/eligibilityScheduleRequests?$filter=groupId eq '{h}'"), "microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest", "c"),
        (format!("{PIM}/assignmentSchedules?$filter=groupId eq '{h}'"), "microsoft.graph.privilegedAccessGroupAssignmentSchedule", "c"),
        (format!("{PIM}/assignmentScheduleRequests?$filter=groupId eq '{h}'"), "microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest", "c"),
        ("/v1.0/auditLogs/directoryAudits".into(), "microsoft.graph.directoryAudit", "c"),
    ];
    for (path, ty, shape) in reads {
        let (status, body) = e.call(&megan, "GET", &path, None).await;
        assert_eq!(status, 200, "{path}: {body}");
        if shape == "c" {
            assert_collection(&body, ty)
        } else {
            assert_conforms(&body, ty)
        }
    }
    for coll in [
        "eligibilitySchedules",
        "eligibilityScheduleInstances",
        "eligibilityScheduleRequests",
    ] {
        let (status, body) = e
            .call(
                &lidia,
                "GET",
                &format!("{PIM}/{coll}/filterByCurrentUser(on='principal')"),
                None,
            )
            .await;
        assert_eq!(status, 200, "{coll}: {body}");
        assert_eq!(body["value"].as_array().unwrap().len(), 1, "{coll}");
    }
    let (_, schedules) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/eligibilitySchedules?$filter=groupId eq '{h}'"),
            None,
        )
        .await;
    let id = schedules["value"][0]["id"].as_str().unwrap();
    let (status, one) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/eligibilitySchedules/{id}"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_conforms(
        &one,
        "microsoft.graph.privilegedAccessGroupEligibilitySchedule",
    );
    let (status, err) = e
        .call(
            &lidia,
            "GET",
            &format!("{PIM}/eligibilitySchedules/filterByCurrentUser(on='approver')"),
            None,
        )
        .await;
    assert_eq!(status, 400, "{err}");
}
