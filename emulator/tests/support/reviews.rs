//! Access review helpers shared by the review tests: Megan's Helpdesk review and its first
//! instance.

use super::csdl::{assert_collection, assert_conforms};
use super::*;
use serde_json::{json, Value};

pub const NESTOR: &str = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";
pub const DEFS: &str = "/v1.0/identityGovernance/accessReviews/definitions";

pub fn today() -> String {
    chrono::Utc::now().format("%Y-%m-%d").to_string()
}

/// Megan's review of Helpdesk Admin-Group (story S7): owners review, Megan is the fallback.
pub fn helpdesk_review(fallback: bool, recurrence: Value) -> Value {
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

pub fn once() -> Value {
    json!({"pattern": null, "range": {"type": "numbered", "numberOfOccurrences": 0, "startDate": today(), "endDate": today()}})
}

pub async fn create(e: &Emu, token: &str, body: Value) -> Value {
    let (status, def) = e.call(token, "POST", DEFS, Some(body)).await;
    assert_eq!(status, 201, "{def}");
    assert_conforms(&def, "microsoft.graph.accessReviewScheduleDefinition");
    def
}

pub async fn first_instance(e: &Emu, token: &str, def: &str) -> Value {
    let (status, list) = e
        .call(token, "GET", &format!("{DEFS}/{def}/instances"), None)
        .await;
    assert_eq!(status, 200, "{list}");
    assert_collection(&list, "microsoft.graph.accessReviewInstance");
    list["value"][0].clone()
}
