//! The groups PIM manages: beta's resource list (ids, paged, its scope), `getByIds`, and a group
//! onboarded by a policy change made by another client showing up in that list.

mod support;
use serde_json::{json, Value};
use support::csdl::assert_collection;
use support::*;

const RESOURCES: &str = "/beta/identityGovernance/privilegedAccess/group/resources";
const MARKETING: &str = "a9577da7-03d4-48fb-ac35-f8a62bd10157";

async fn listed(e: &Emu, token: &str) -> Vec<String> {
    let mut ids = vec![];
    let mut next = Some(RESOURCES.to_owned());
    while let Some(url) = next {
        let (status, body) = e.call(token, "GET", &url, None).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("/beta/$metadata#identityGovernance/privilegedAccess/group/resources"));
        for r in body["value"].as_array().unwrap() {
            assert_eq!(
                r.as_object().unwrap().len(),
                2,
                "a groupResource is its id: {r}"
            );
            ids.push(r["id"].as_str().unwrap().to_owned());
        }
        next = body["@odata.nextLink"].as_str().map(str::to_owned);
        if let Some(link) = &next {
            assert!(link.contains("/beta/identityGovernance/"), "{link}");
        }
    }
    ids
}

#[tokio::test]
async fn the_resource_list_names_every_managed_group_page_by_page() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    e.control("POST", "page-size", Some(json!({"size": 2})))
        .await;
    let ids = listed(&e, &megan).await;
    let state = e.control("GET", "state", None).await;
    let mut managed: Vec<String> = state["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["onboarded"] == true)
        .map(|g| g["id"].as_str().unwrap().to_owned())
        .collect();
    managed.sort();
    assert_eq!(ids, managed);
    assert!(ids.len() > 2, "paged: {ids:?}");
    assert!(!ids.contains(&MARKETING.to_owned()));

    // Another client changes Marketing's member setting: PIM onboards it, and the list says so.
    let path = format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{MARKETING}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)");
    let (_, body) = e.call(&megan, "GET", &path, None).await;
    let policy = &body["value"][0]["policy"];
    let rule = policy["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Expiration_EndUser_Assignment")
        .unwrap()
        .clone();
    let mut changed = rule.clone();
    changed["maximumDuration"] = json!("PT2H");
    let url = format!(
        "/v1.0/policies/roleManagementPolicies/{}/rules/Expiration_EndUser_Assignment",
        policy["id"].as_str().unwrap()
    );
    let (status, answer) = e.call(&megan, "PATCH", &url, Some(changed)).await;
    assert!(status < 300, "{status} {answer}");
    assert!(listed(&e, &megan).await.contains(&MARKETING.to_owned()));
}

#[tokio::test]
async fn the_resource_list_needs_its_own_scope() {
    let e = start().await;
    let narrow = SCOPES.replace(
        " https://graph.microsoft.com/PrivilegedAccess.Read.AzureADGroup",
        "",
    );
    let token = e
        .sign_in_with(MEGAN, &[("scope", narrow.as_str())], true)
        .await
        .access;
    let (status, body) = e.call(&token, "GET", RESOURCES, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );
}

#[tokio::test]
async fn get_by_ids_answers_the_known_ids_of_the_asked_types() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let body = json!({"ids": [HELPDESK, MARKETING, ALEX, "00000000-0000-0000-0000-000000000000"], "types": ["group"]});
    let (status, answer) = e
        .call(
            &megan,
            "POST",
            "/v1.0/directoryObjects/getByIds",
            Some(body),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_collection(&answer, "microsoft.graph.group");
    let names: Vec<&str> = answer["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Helpdesk Admin-Group", "Marketing"]);
    assert_eq!(answer["value"][0]["@odata.type"], "#microsoft.graph.group");

    let many: Vec<Value> = (0..1001).map(|n| json!(format!("id-{n}"))).collect();
    let (status, answer) = e
        .call(
            &megan,
            "POST",
            "/v1.0/directoryObjects/getByIds",
            Some(json!({"ids": many})),
        )
        .await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (400, Some("Request_BadRequest"))
    );

    let narrow = SCOPES.replace(" https://graph.microsoft.com/Directory.Read.All", "");
    let token = e
        .sign_in_with(MEGAN, &[("scope", narrow.as_str())], true)
        .await
        .access;
    let (status, _) = e
        .call(
            &token,
            "POST",
            "/v1.0/directoryObjects/getByIds",
            Some(json!({"ids": [HELPDESK]})),
        )
        .await;
    assert_eq!(status, 403);
}
