//! Access reviews of a PIM group, as Microsoft documents them: only active owners review (the
//! fallback when there is none), eligible and active members are in scope, decisions are the
//! reviewers' own, and applying a Deny ends the person's eligibility. Every answer is checked
//! against Graph's v1.0 schema and every documented request example is accepted.

mod support;
use serde_json::{json, Value};
use support::csdl::{assert_collection, assert_conforms};
use support::reviews::*;
use support::*;

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
