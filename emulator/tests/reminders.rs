//! PIM's expiry emails: 14 days and 1 day before an assignment an administrator made ends, and
//! when it has ended, to the administrators and the assignee as the notification rules name them.

mod support;
use serde_json::{json, Value};
use support::*;

fn sent<'a>(outbox: &'a Value, words: &str) -> Vec<&'a Value> {
    outbox["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["subject"].as_str().unwrap_or("").contains(words))
        .collect()
}

/// The demo tenant seeds Ext-Consultant eligible for Exchange Admins - External for 21 days
/// (story S3), made by Megan a week ago: its 14-day reminder is due a week from now.
async fn seeded_ext_eligibility(e: &Emu) {
    let state = e.control("GET", "state", None).await;
    let ext =
        state["schedules"].as_array().unwrap().iter().find(|s| {
            s["groupId"] == EX_EXT && s["principalId"] == EXT && s["kind"] == "Eligibility"
        });
    assert!(ext.is_some(), "seeded by the demo tenant: {state}");
}

#[tokio::test]
async fn reminders_go_at_14_days_1_day_and_the_end() {
    let e = start().await;
    seeded_ext_eligibility(&e).await;
    e.control("POST", "clock", Some(json!({"days": 6, "hours": 23})))
        .await;
    let outbox = e.control("GET", "outbox", None).await;
    assert!(sent(&outbox, "expires in 14 days").is_empty(), "not yet");

    e.control("POST", "clock", Some(json!({"hours": 1, "minutes": 1})))
        .await;
    let outbox = e.control("GET", "outbox", None).await;
    let fourteen = sent(&outbox, "expires in 14 days");
    let rules: Vec<&str> = fourteen.iter().filter_map(|m| m["rule"].as_str()).collect();
    assert_eq!(
        rules,
        [
            "Notification_Admin_Admin_Eligibility",
            "Notification_Requestor_Admin_Eligibility"
        ]
    );
    assert!(fourteen[0]["to"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "MeganB@contoso.onmicrosoft.com"));
    assert_eq!(fourteen[1]["to"], json!(["ext-consultant@fabrikam.com"]));

    e.control("POST", "clock", Some(json!({"days": 13}))).await;
    let outbox = e.control("GET", "outbox", None).await;
    assert_eq!(sent(&outbox, "expires in 1 day").len(), 2);
    assert_eq!(sent(&outbox, "expires in 14 days").len(), 2, "each once");

    e.control("POST", "clock", Some(json!({"days": 1}))).await;
    let outbox = e.control("GET", "outbox", None).await;
    assert_eq!(sent(&outbox, "has expired").len(), 2);
}

#[tokio::test]
async fn critical_emails_only_leaves_out_reminders() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let path = format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{EX_EXT}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)");
    let (_, found) = e.call(&megan, "GET", &path, None).await;
    let policy = &found["value"][0]["policy"];
    let mut rule = policy["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "Notification_Admin_Admin_Eligibility")
        .unwrap()
        .clone();
    rule["notificationLevel"] = json!("Critical");
    let rule_path = format!(
        "/v1.0/policies/roleManagementPolicies/{}/rules/Notification_Admin_Admin_Eligibility",
        policy["id"].as_str().unwrap()
    );
    let (status, body) = e.call(&megan, "PATCH", &rule_path, Some(rule)).await;
    assert!(status < 300, "{status} {body}");
    seeded_ext_eligibility(&e).await;
    e.control("POST", "clock", Some(json!({"days": 7, "minutes": 1})))
        .await;
    let outbox = e.control("GET", "outbox", None).await;
    let rules: Vec<&str> = sent(&outbox, "expires in 14 days")
        .iter()
        .filter_map(|m| m["rule"].as_str())
        .collect();
    assert_eq!(
        rules,
        ["Notification_Requestor_Admin_Eligibility"],
        "the administrators asked for critical emails only"
    );
}
