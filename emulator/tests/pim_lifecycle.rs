//! PIM for Groups over time and at its edges: lists that need a filter, groups PIM can't manage,
//! cancelling, approvals that expire, the documented rule updates, scheduled assignments.

mod support;
use serde_json::{json, Value};
use support::csdl::assert_collection;
use support::*;

#[tokio::test]
async fn lists_need_a_filter_and_dynamic_groups_cannot_be_managed() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let (status, body) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/eligibilityScheduleInstances"),
            None,
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/eligibilityScheduleInstances?$filter=groupId eq '{HELPDESK}'"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_collection(
        &body,
        "microsoft.graph.privilegedAccessGroupEligibilityScheduleInstance",
    );
    assert!(body["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["principalId"] == LIDIA));
    let (status, body) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/eligibilityScheduleRequests"),
            Some(pim_request(
                "adminAssign",
                DYNAMIC,
                ALEX,
                "member",
                Some("P30D"),
                Some("x"),
            )),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("dynamic"),
        "{body}"
    );
    let alex = e.sign_in(ALEX).await;
    let (status, _) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/eligibilityScheduleRequests"),
            Some(pim_request(
                "adminAssign",
                TRAVEL,
                ALEX,
                "member",
                Some("P30D"),
                Some("x"),
            )),
        )
        .await;
    assert_eq!(status, 403, "Alex holds no admin role");
}

#[tokio::test]
async fn a_pending_request_can_be_cancelled_by_its_requester() {
    let e = start().await;
    let alex = e.sign_in(ALEX).await;
    let (status, r) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                LICENSE,
                ALEX,
                "member",
                Some("PT2H"),
                Some("Flow for the quarterly report"),
            )),
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (201, Some("PendingApproval")),
        "{r}"
    );
    let id = r["id"].as_str().unwrap();
    let (status, _) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests/{id}/cancel"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (_, r) = e
        .call(
            &alex,
            "GET",
            &format!("{PIM}/assignmentScheduleRequests/{id}"),
            None,
        )
        .await;
    assert_eq!(r["status"], "Canceled");
    let (status, _) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests/{id}/cancel"),
            None,
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn approvals_expire_after_24_hours() {
    let e = start().await;
    let alex = e.sign_in(ALEX).await;
    let (_, r) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                LICENSE,
                ALEX,
                "member",
                Some("PT2H"),
                Some("x"),
            )),
        )
        .await;
    let id = r["id"].as_str().unwrap().to_owned();
    e.control("POST", "clock", Some(json!({"hours": 25}))).await;
    let diego = e.sign_in(DIEGO).await;
    let (status, body) = e
        .call(
            &diego,
            "PATCH",
            &format!("{PIM}/assignmentApprovals/{id}/stages/{id}"),
            Some(json!({"reviewResult": "Approve", "justification": "ok"})),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
}

#[tokio::test]
async fn documented_rule_updates_are_accepted() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/graph/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(rule_id) = name
            .strip_prefix("policyRule-update-")
            .and_then(|n| n.strip_suffix(".request.json"))
        else {
            continue;
        };
        let body: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let policy = member_policy(&e, &megan, TRAVEL).await;
        let (status, answer) = e
            .call(
                &megan,
                "PATCH",
                &format!(
                    "/v1.0/policies/roleManagementPolicies/{}/rules/{rule_id}",
                    policy["id"].as_str().unwrap()
                ),
                Some(body.clone()),
            )
            .await;
        assert_eq!(status, 204, "{name}: {answer}");
        // The change is really there when the policy is read again.
        let stored = rule(&member_policy(&e, &megan, TRAVEL).await, rule_id);
        for (key, value) in body.as_object().unwrap() {
            if !["@odata.type", "id", "target"].contains(&key.as_str()) {
                assert_eq!(&stored[key], value, "{name}: {key}");
            }
        }
        seen += 1;
    }
    assert!(seen >= 5, "found {seen} rule examples");
    let bad = json!({"id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "PT2H"});
    let policy_id = member_policy(&e, &megan, TRAVEL).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = e.call(&megan, "PATCH", &format!("/v1.0/policies/roleManagementPolicies/{policy_id}/rules/Expiration_EndUser_Assignment"), Some(bad)).await;
    assert_eq!(status, 400, "a rule without @odata.type is refused");
}

#[tokio::test]
async fn a_scheduled_assignment_starts_on_time_and_can_be_called_off_before() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let tomorrow = chrono::Utc::now() + chrono::Duration::days(1);
    let trip = |who: &str| {
        json!({"accessId": "member", "principalId": who, "groupId": TRAVEL, "action": "adminAssign",
        "justification": "Trip to the Lisbon office",
        "scheduleInfo": {"startDateTime": tomorrow.to_rfc3339(), "expiration": {"type": "afterDateTime", "endDateTime": (tomorrow + chrono::Duration::days(10)).to_rfc3339()}}})
    };
    let (status, r) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(trip(ALEX)),
        )
        .await;
    assert_eq!(
        (status, r["status"].as_str()),
        (201, Some("ScheduleCreated")),
        "{r}"
    );
    let (_, other) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(trip(LIDIA)),
        )
        .await;
    let cancelled = other["id"].as_str().unwrap();
    assert_eq!(
        e.call(
            &megan,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests/{cancelled}/cancel"),
            None
        )
        .await
        .0,
        204
    );
    assert!(
        travel_members(&e, &megan).await["value"]
            .as_array()
            .unwrap()
            .is_empty(),
        "not before the start"
    );
    e.control("POST", "clock", Some(json!({"hours": 25}))).await;
    let megan = e.sign_in(MEGAN).await;
    let now_members = travel_members(&e, &megan).await;
    let ids: Vec<&str> = now_members["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [ALEX],
        "Alex is in from the start; the cancelled trip never began"
    );
    let id = r["id"].as_str().unwrap();
    let (status, _) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests/{id}/cancel"),
            None,
        )
        .await;
    assert_eq!(
        status, 400,
        "a started assignment is removed, not cancelled"
    );
    e.control("POST", "clock", Some(json!({"days": 10}))).await;
    let megan = e.sign_in(MEGAN).await;
    assert!(
        travel_members(&e, &megan).await["value"]
            .as_array()
            .unwrap()
            .is_empty(),
        "it ends by itself"
    );
}

async fn travel_members(e: &Emu, token: &str) -> Value {
    e.call(
        token,
        "GET",
        &format!("/v1.0/groups/{TRAVEL}/members"),
        None,
    )
    .await
    .1
}
