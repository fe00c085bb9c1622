//! A continuation: an activation that starts when the current one ends is accepted; one that
//! overlaps it is the same assignment again and refused.

mod support;
use chrono::{Duration, Utc};
use serde_json::{json, Value};
use support::*;

fn activation(start: chrono::DateTime<Utc>) -> Value {
    json!({"accessId": "member", "principalId": LIDIA, "groupId": HELPDESK, "action": "selfActivate",
        "justification": "Monday queue",
        "scheduleInfo": {"startDateTime": start.to_rfc3339(), "expiration": {"type": "afterDuration", "duration": "PT1H"}}})
}

#[tokio::test]
async fn an_activation_may_follow_the_current_one_but_not_overlap_it() {
    let e = start().await;
    let lidia = e.step_up(LIDIA, "c1").await;
    let path = format!("{PIM}/assignmentScheduleRequests");
    let now = Utc::now();
    let (status, first) = e.call(&lidia, "POST", &path, Some(activation(now))).await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = e
        .call(
            &lidia,
            "POST",
            &path,
            Some(activation(now + Duration::minutes(30))),
        )
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (400, Some("RoleAssignmentExists"))
    );
    // The current activation's end, as Graph has it.
    let (_, current) = e
        .call(
            &lidia,
            "GET",
            &format!("{PIM}/assignmentScheduleInstances/filterByCurrentUser(on='principal')"),
            None,
        )
        .await;
    let end = current["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["groupId"] == HELPDESK)
        .and_then(|i| i["endDateTime"].as_str())
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .unwrap()
        .with_timezone(&Utc);
    let (status, next) = e.call(&lidia, "POST", &path, Some(activation(end))).await;
    assert_eq!(status, 201, "{next}");
    assert_eq!(next["status"], "ScheduleCreated", "it starts later");
    let (_, schedules) = e
        .call(
            &lidia,
            "GET",
            &format!("{PIM}/assignmentSchedules/filterByCurrentUser(on='principal')"),
            None,
        )
        .await;
    let starts: Vec<&str> = schedules["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["groupId"] == HELPDESK)
        .filter_map(|s| s["scheduleInfo"]["startDateTime"].as_str())
        .collect();
    assert_eq!(starts.len(), 2, "{schedules}");
}
