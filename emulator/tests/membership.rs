//! `checkMemberGroups`: a membership PIM adds is recorded at once but shows in membership checks
//! only after the propagation delay; seeded memberships show from the start.

mod support;
use serde_json::json;
use support::*;

#[tokio::test]
async fn an_active_assignment_shows_in_check_member_groups_after_the_delay() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let assign = pim_request(
        "adminAssign",
        TRAVEL,
        ALEX,
        "member",
        Some("PT2H"),
        Some("Trip"),
    );
    let (status, r) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(assign),
        )
        .await;
    assert_eq!(status, 201, "{r}");
    let alex = e.sign_in(ALEX).await;
    let check = json!({"groupIds": [TRAVEL, HELPDESK]});
    let path = "/v1.0/me/checkMemberGroups";
    let (status, seen) = e.call(&alex, "POST", path, Some(check.clone())).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["value"], json!([]), "recorded, not yet visible");
    e.control("POST", "clock", Some(json!({"minutes": 1})))
        .await;
    let (_, seen) = e.call(&alex, "POST", path, Some(check)).await;
    assert_eq!(seen["value"], json!([TRAVEL]));

    // No delay: visible at once; more than 20 ids are refused.
    e.control("POST", "propagation", Some(json!({"seconds": 0})))
        .await;
    let many: Vec<String> = (0..21)
        .map(|n| format!("{n:08}-0000-0000-0000-000000000000"))
        .collect();
    let (status, body) = e
        .call(&alex, "POST", path, Some(json!({"groupIds": many})))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("Request_BadRequest"))
    );
}
