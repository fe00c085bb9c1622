//! The demo tenant's past activity (Reports, S10): activations as Graph lists them, each step in
//! the audit log under the request's id, the audit log's 30 days, and no Nestor among them.

mod support;
use entra_emulator::tenant::demo::NESTOR;
use serde_json::{json, Value};
use support::*;

fn list(v: &Value) -> &Vec<Value> {
    v["value"].as_array().unwrap()
}

#[tokio::test]
async fn ninety_days_of_activations_as_requests_and_the_last_thirty_in_the_audit_log() {
    let e = start().await;
    e.control("POST", "history", Some(json!({"days": 90})))
        .await;
    // Asked twice, it is still one history.
    e.control("POST", "history", Some(json!({"days": 90})))
        .await;
    let megan = e.sign_in(MEGAN).await;
    let (status, requests) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/assignmentScheduleRequests?$filter=groupId eq '{HELPDESK}'"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{requests}");
    let activations: Vec<&Value> = list(&requests)
        .iter()
        .filter(|r| r["action"] == "selfActivate" && r["principalId"] == LIDIA)
        .collect();
    assert!(
        activations.len() >= 25,
        "Lidia every third day for 90 days: {}",
        activations.len()
    );
    assert!(activations.iter().any(|r| r["status"] == "Canceled"));
    assert!(activations
        .iter()
        .all(|r| r["justification"].as_str().is_some_and(|j| !j.is_empty())));
    assert!(list(&requests)
        .iter()
        .any(|r| r["action"] == "selfDeactivate"));
    assert!(!list(&requests)
        .iter()
        .any(|r| r["principalId"] == NESTOR && r["action"] == "selfActivate"));

    let (status, audit) = e
        .call(
            &megan,
            "GET",
            "/v1.0/auditLogs/directoryAudits?$filter=loggedByService eq 'PIM'&$top=999",
            None,
        )
        .await;
    assert_eq!(status, 200, "{audit}");
    let now = chrono::Utc::now();
    let entries = list(&audit);
    let oldest = entries
        .iter()
        .filter_map(|a| a["activityDateTime"].as_str())
        .filter_map(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .min()
        .unwrap();
    assert!(
        now.signed_duration_since(oldest) <= chrono::Duration::days(30),
        "the log keeps 30 days"
    );
    assert!(now.signed_duration_since(oldest) >= chrono::Duration::days(25));
    // Each step of a request carries its id; a denial is by an approver.
    let request_of = |a: &Value| {
        a["additionalDetails"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["key"] == "RequestId")
            .map(|d| d["value"].clone())
    };
    let denial = entries
        .iter()
        .find(|a| a["activityDisplayName"] == "Deny activation request")
        .expect("a denial");
    let id = request_of(denial).unwrap();
    assert!(
        entries
            .iter()
            .filter(|a| request_of(a).as_ref() == Some(&id))
            .count()
            >= 2
    );
    assert!(["Adele Vance", "Diego Siciliani"].contains(
        &denial["initiatedBy"]["user"]["displayName"]
            .as_str()
            .unwrap()
    ));

    // Patti's standing membership, assigned by Megan with no end.
    let (_, active) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/assignmentSchedules?$filter=groupId eq '{HELPDESK}'"),
            None,
        )
        .await;
    let patti = list(&active)
        .iter()
        .find(|s| s["principalId"] == entra_emulator::tenant::demo::PATTI)
        .expect("Patti's assignment");
    assert_eq!(patti["scheduleInfo"]["expiration"]["type"], "noExpiration");
    assert_eq!(patti["assignmentType"], "assigned");
}
