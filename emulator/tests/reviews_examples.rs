//! Every access review request Microsoft documents, moved into the demo tenant, is accepted and
//! answered in Graph's v1.0 schema.

mod support;
use serde_json::{json, Value};
use support::csdl::assert_conforms;
use support::reviews::*;
use support::*;

fn example(name: &str) -> Value {
    let path = format!(
        "{}/../../shared/graph/access-reviews/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Moves an example's objects into the demo tenant.
fn localise(v: Value) -> Value {
    let mut text = v.to_string();
    for (theirs, ours) in [
        ("02f3bafb-448c-487c-88c2-5fd65ce49a41", LICENSE),
        ("b7a059cb-038a-4802-8fc9-b9d1ed0cf11f", LICENSE),
        ("072ac5f4-3f13-4088-ab30-0a276f3e6322", HELPDESK),
        (
            "bae11f90-7d5d-46ba-9f55-8112b59d92ae",
            "5b3f1a9c-7d2e-4c8b-9a61-0e4f2d7c8b13",
        ),
        ("fc9a2c2b-1ddc-486d-a211-5fe8ca77fa1f", MEGAN),
        ("398164b1-5196-49dd-ada2-364b49f99b27", DIEGO),
        ("1ed8ac56-4827-4733-8f80-86adc2e67db5", MEGAN),
        ("4562bcc8-c436-4f95-b7c0-4f8ce89dca5e", ADELE),
        ("a5c51e59-3fcd-4a37-87a1-835c0c21488a", LICENSE),
    ] {
        text = text.replace(theirs, ours);
    }
    let mut v: Value = serde_json::from_str(&text).unwrap();
    if v["settings"]["recurrence"]["range"].is_object() {
        v["settings"]["recurrence"]["range"]["startDate"] = json!(today());
        v["settings"]["recurrence"]["range"]["endDate"] = json!("2099-12-31");
    }
    v
}

#[tokio::test]
async fn every_documented_request_is_accepted() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    for name in [
        "accessReviewScheduleDefinition-create-application-managersWithFallbackGroup",
        "accessReviewScheduleDefinition-create-group-multiStage",
        "accessReviewScheduleDefinition-create-inactiveGuestsTeams-ownersWithFallback",
    ] {
        let def = create(
            &e,
            &megan,
            localise(example(&format!("{name}.request.json"))),
        )
        .await;
        let documented = example(&format!("{name}.response.json"));
        for key in documented.as_object().unwrap().keys() {
            let beta_only = ["backupReviewers", "@odata.context"].contains(&key.as_str());
            assert!(
                beta_only || def.get(key).is_some(),
                "{name}: no {key} in {def}"
            );
        }
    }
    // The update example replaces a definition of the same group.
    let mut license = helpdesk_review(true, once());
    license["scope"]["query"] = json!(format!("/groups/{LICENSE}/transitiveMembers"));
    license["reviewers"] =
        json!([{"query": format!("/users/{DIEGO}"), "queryType": "MicrosoftGraph"}]);
    license["fallbackReviewers"] =
        json!([{"query": format!("/users/{MEGAN}"), "queryType": "MicrosoftGraph"}]);
    let def = create(&e, &megan, license).await;
    let id = def["id"].as_str().unwrap();
    let update = localise(example(
        "accessReviewScheduleDefinition-update.request.json",
    ));
    let (status, body) = e
        .call(&megan, "PUT", &format!("{DEFS}/{id}"), Some(update))
        .await;
    assert_eq!(status, 204, "{body}");
    let (_, got) = e.call(&megan, "GET", &format!("{DEFS}/{id}"), None).await;
    assert_eq!(got["displayName"], "Test world UPDATED NAME!");
    assert_conforms(&got, "microsoft.graph.accessReviewScheduleDefinition");

    let inst = first_instance(&e, &megan, id).await;
    let inst = inst["id"].as_str().unwrap();
    let at = |rest: &str| format!("{DEFS}/{id}/instances/{inst}{rest}");
    let (status, body) = e
        .call(
            &megan,
            "PUT",
            &at(""),
            Some(localise(example(
                "accessReviewInstance-update.request.json",
            ))),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_conforms(&body, "microsoft.graph.accessReviewInstance");
    let (status, _) = e
        .call(
            &megan,
            "PUT",
            &at(""),
            Some(json!({"scope": body["scope"], "fallbackReviewers": []})),
        )
        .await;
    assert_eq!(status, 409, "a fallback reviewer cannot be removed");

    let diego = e.sign_in(DIEGO).await;
    let (status, body) = e
        .call(
            &diego,
            "POST",
            &at("/batchRecordDecisions"),
            Some(localise(example(
                "accessReviewInstance-batchRecordDecisions.request.json",
            ))),
        )
        .await;
    assert_eq!(status, 204, "{body}");
    let (_, items) = e
        .call(
            &diego,
            "GET",
            &at("/decisions/filterByCurrentUser(on='reviewer')"),
            None,
        )
        .await;
    assert!(
        items["value"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["decision"] == "Approve"),
        "{items}"
    );
    let first = items["value"][0]["id"].as_str().unwrap().to_owned();
    let (status, _) = e
        .call(
            &diego,
            "PATCH",
            &at(&format!("/decisions/{first}")),
            Some(example(
                "accessReviewInstanceDecisionItem-update.request.json",
            )),
        )
        .await;
    assert_eq!(status, 204);
    for action in ["acceptRecommendations"] {
        let (status, body) = e
            .call(&diego, "POST", &at(&format!("/{action}")), None)
            .await;
        assert_eq!(status, 204, "{action}: {body}");
    }
    let (status, _) = e.call(&megan, "POST", &at("/applyDecisions"), None).await;
    assert_eq!(status, 400, "a running instance cannot be applied");
    // The updated definition applies by hand (autoApplyDecisionsEnabled false).
    for action in ["sendReminder", "resetDecisions", "stop", "applyDecisions"] {
        let (status, body) = e
            .call(&megan, "POST", &at(&format!("/{action}")), None)
            .await;
        assert_eq!(status, 204, "{action}: {body}");
    }
    let (_, applied) = e.call(&megan, "GET", &at(""), None).await;
    assert_eq!(applied["status"], "Applied");
    let (status, _) = e
        .call(&megan, "DELETE", &format!("{DEFS}/{id}"), None)
        .await;
    assert_eq!(status, 204);
    let (status, _) = e.call(&megan, "GET", &format!("{DEFS}/{id}"), None).await;
    assert_eq!(status, 404);
}
