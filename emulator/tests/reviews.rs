//! Access reviews of a PIM group, as Microsoft documents them: only active owners review (the
//! fallback when there is none), eligible and active members are in scope, decisions are the
//! reviewers' own, and applying a Deny ends the person's eligibility. Every answer is checked
//! against Graph's v1.0 schema and every documented request example is accepted.

mod support;
use serde_json::{json, Value};
use support::csdl::{assert_collection, assert_conforms};
use support::*;

const NESTOR: &str = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";
const DEFS: &str = "/v1.0/identityGovernance/accessReviews/definitions";

fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// Megan's review of Helpdesk Admin-Group (story S7): owners review, Megan is the fallback.
fn helpdesk_review(fallback: bool, recurrence: Value) -> Value {
    let mut body = json!({
        "displayName": "Helpdesk quarterly review",
        "descriptionForAdmins": "Who still needs the helpdesk roles",
        "descriptionForReviewers": "Keep only people who still work on the helpdesk.",
        "scope": {"@odata.type": "#microsoft.graph.accessReviewQueryScope",
            "query": format!("/groups/{HELPDESK}/transitiveMembers"), "queryType": "MicrosoftGraph"},
        "reviewers": [{"query": format!("/groups/{HELPDESK}/owners"), "queryType": "MicrosoftGraph"}],
        "settings": {"mailNotificationsEnabled": true, "reminderNotificationsEnabled": true,
            "justificationRequiredOnApproval": true, "defaultDecisionEnabled": false, "defaultDecision": "None",
            "instanceDurationInDays": 3, "autoApplyDecisionsEnabled": true, "recommendationsEnabled": true,
            "recurrence": recurrence},
    });
    if fallback {
        body["fallbackReviewers"] =
            json!([{"query": format!("/users/{MEGAN}"), "queryType": "MicrosoftGraph"}]);
    }
    body
}

fn once() -> Value {
    json!({"pattern": null, "range": {"type": "numbered", "numberOfOccurrences": 0, "startDate": today(), "endDate": today()}})
}

async fn create(e: &Emu, token: &str, body: Value) -> Value {
    let (status, def) = e.call(token, "POST", DEFS, Some(body)).await;
    assert_eq!(status, 201, "{def}");
    assert_conforms(&def, "microsoft.graph.accessReviewScheduleDefinition");
    def
}

async fn first_instance(e: &Emu, token: &str, def: &str) -> Value {
    let (status, list) = e
        .call(token, "GET", &format!("{DEFS}/{def}/instances"), None)
        .await;
    assert_eq!(status, 200, "{list}");
    assert_collection(&list, "microsoft.graph.accessReviewInstance");
    list["value"][0].clone()
}

#[tokio::test]
async fn owners_review_a_pim_group_and_a_deny_ends_the_eligibility() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let (status, refused) = e
        .call(&megan, "POST", DEFS, Some(helpdesk_review(false, once())))
        .await;
    assert_eq!(
        status, 400,
        "owners of a PIM group need a fallback reviewer: {refused}"
    );
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("fallback"));

    let def = create(&e, &megan, helpdesk_review(true, once())).await;
    let id = def["id"].as_str().unwrap();
    assert_eq!(
        def["status"], "InProgress",
        "a review starting today starts now"
    );
    let filter = format!("{DEFS}?$filter=contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/{HELPDESK}')");
    let (_, found) = e.call(&megan, "GET", &filter, None).await;
    assert_collection(&found, "microsoft.graph.accessReviewScheduleDefinition");
    assert_eq!(found["value"].as_array().unwrap().len(), 1);
    let (_, other) = e.call(&megan, "GET", &format!("{DEFS}?$filter=contains(scope/microsoft.graph.accessReviewQueryScope/query, '/groups/{LICENSE}')"), None).await;
    assert_eq!(other["value"], json!([]));

    // Diego, an active owner, is asked by email; Isaiah, an eligible owner, is not.
    let instance = first_instance(&e, &megan, id).await;
    let inst = instance["id"].as_str().unwrap();
    let outbox = e.control("GET", "outbox", None).await;
    let mail = outbox["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["rule"] == "AccessReview")
        .expect("a review email")
        .clone();
    assert!(
        mail["to"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().starts_with("DiegoS@")),
        "{mail}"
    );
    assert!(
        !mail["to"].to_string().contains("IsaiahL"),
        "eligible owners do not review: {mail}"
    );
    assert_eq!(mail["link"], format!("{APP}/my/reviews/{id}/{inst}"));
    let (_, contacted) = e
        .call(
            &megan,
            "GET",
            &format!("{DEFS}/{id}/instances/{inst}/contactedReviewers"),
            None,
        )
        .await;
    assert_collection(&contacted, "microsoft.graph.accessReviewReviewer");
    let names: Vec<&str> = contacted["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Adele Vance", "Diego Siciliani"]);

    let diego = e.sign_in(DIEGO).await;
    let (_, mine) = e
        .call(
            &diego,
            "GET",
            &format!("{DEFS}/filterByCurrentUser(on='reviewer')"),
            None,
        )
        .await;
    assert_eq!(mine["value"][0]["id"], id, "{mine}");
    let (_, insts) = e
        .call(
            &diego,
            "GET",
            &format!("{DEFS}/{id}/instances/filterByCurrentUser(on='reviewer')"),
            None,
        )
        .await;
    assert_eq!(insts["value"][0]["id"], inst);
    let url = format!("{DEFS}/{id}/instances/{inst}/decisions/filterByCurrentUser(on='reviewer')?$expand=insights");
    let (status, items) = e.call(&diego, "GET", &url, None).await;
    assert_eq!(status, 200, "{items}");
    assert_collection(&items, "microsoft.graph.accessReviewInstanceDecisionItem");
    let of = |who: &str| {
        items["value"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["principal"]["id"] == who)
            .cloned()
    };
    let (lidia, nestor) = (
        of(LIDIA).expect("eligible Lidia is in scope"),
        of(NESTOR).expect("eligible Nestor"),
    );
    assert_eq!(
        (
            lidia["recommendation"].as_str(),
            nestor["recommendation"].as_str()
        ),
        (Some("Approve"), Some("Deny"))
    );
    assert!(nestor["insights"][0]["lastSignInDateTime"].is_string());
    assert_eq!(lidia["decision"], "NotReviewed");

    // Lidia approved; the justification is required; Nestor denied with a reason.
    let one = |d: &Value| {
        format!(
            "{DEFS}/{id}/instances/{inst}/decisions/{}",
            d["id"].as_str().unwrap()
        )
    };
    let (status, _) = e
        .call(
            &diego,
            "PATCH",
            &one(&lidia),
            Some(json!({"decision": "Approve"})),
        )
        .await;
    assert_eq!(status, 400, "justification required");
    let (status, _) = e
        .call(
            &diego,
            "PATCH",
            &one(&lidia),
            Some(json!({"decision": "Approve", "justification": "Still on the helpdesk"})),
        )
        .await;
    assert_eq!(status, 204);
    let alex = e.sign_in(ALEX).await;
    let (status, _) = e
        .call(
            &alex,
            "PATCH",
            &one(&nestor),
            Some(json!({"decision": "Approve", "justification": "x"})),
        )
        .await;
    assert_eq!(status, 403, "only reviewers decide");
    let batch = json!({"decision": "Deny", "justification": "Left the helpdesk in October", "principalId": NESTOR});
    let (status, _) = e
        .call(
            &diego,
            "POST",
            &format!("{DEFS}/{id}/instances/{inst}/batchRecordDecisions"),
            Some(batch),
        )
        .await;
    assert_eq!(status, 204);
    let (_, got) = e.call(&megan, "GET", &one(&nestor), None).await;
    assert_conforms(&got, "microsoft.graph.accessReviewInstanceDecisionItem");
    assert_eq!(
        (
            got["decision"].as_str(),
            got["reviewedBy"]["displayName"].as_str()
        ),
        (Some("Deny"), Some("Diego Siciliani"))
    );

    // Auto-apply: applying by hand is refused; stopping completes and applies.
    let (status, _) = e
        .call(
            &megan,
            "POST",
            &format!("{DEFS}/{id}/instances/{inst}/applyDecisions"),
            None,
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = e
        .call(
            &megan,
            "POST",
            &format!("{DEFS}/{id}/instances/{inst}/stop"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (_, after) = e
        .call(
            &megan,
            "GET",
            &format!("{DEFS}/{id}/instances/{inst}"),
            None,
        )
        .await;
    assert_conforms(&after, "microsoft.graph.accessReviewInstance");
    assert_eq!(after["status"], "Applied");
    let (_, decided) = e
        .call(
            &megan,
            "GET",
            &format!("{DEFS}/{id}/instances/{inst}/decisions"),
            None,
        )
        .await;
    assert_collection(&decided, "microsoft.graph.accessReviewInstanceDecisionItem");
    let nestor_after = decided["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["principal"]["id"] == NESTOR)
        .unwrap();
    assert_eq!(nestor_after["applyResult"], "AppliedSuccessfully");

    let state = e.control("GET", "state", None).await;
    let current = |who: &str| {
        state["schedules"].as_array().unwrap().iter().any(|s| {
            s["groupId"] == HELPDESK
                && s["principalId"] == who
                && s["accessId"] == "member"
                && s["current"] == true
        })
    };
    assert!(!current(NESTOR), "the denied member is no longer eligible");
    assert!(current(LIDIA), "the approved member keeps the eligibility");
    let removal = state["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["principalId"] == NESTOR && r["action"] == "adminRemove")
        .expect("a removal request");
    assert!(
        removal["justification"]
            .as_str()
            .unwrap()
            .contains("Helpdesk quarterly review"),
        "{removal}"
    );
}

#[tokio::test]
async fn a_monthly_review_starts_its_next_instance_a_month_later() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let monthly = json!({"pattern": {"type": "absoluteMonthly", "interval": 1, "dayOfMonth": 0},
        "range": {"type": "noEnd", "startDate": today()}});
    let def = create(&e, &megan, helpdesk_review(true, monthly)).await;
    let id = def["id"].as_str().unwrap();
    let count = |v: &Value| v["value"].as_array().unwrap().len();
    let (_, list) = e
        .call(&megan, "GET", &format!("{DEFS}/{id}/instances"), None)
        .await;
    assert_eq!(count(&list), 1);
    e.control("POST", "clock", Some(json!({"days": 32}))).await;
    let megan = e.sign_in(MEGAN).await;
    let (_, list) = e
        .call(&megan, "GET", &format!("{DEFS}/{id}/instances"), None)
        .await;
    assert_eq!(count(&list), 2, "{list}");
    assert_eq!(
        list["value"][0]["status"], "Applied",
        "the first ended and applied itself"
    );
    assert_eq!(list["value"][1]["status"], "InProgress");
}

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
