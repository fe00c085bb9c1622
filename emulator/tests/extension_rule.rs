//! A rule PIM doesn't add by default (License - Power Automate's pre-approval custom extension):
//! listed with the others, untouched by a PATCH of other rules, changed only when named.

mod support;
use serde_json::{json, Value};
use support::*;

const EXTENSION: &str = "CustomExtension_PreApproval_EndUser_Assignment";

/// The Member policy with its rules, unchecked against the CSDL: v1.0's schema has no custom
/// extension rule type (support's `member_policy` would refuse it).
async fn member_policy(e: &Emu, token: &str) -> Value {
    let path = format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{LICENSE}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)");
    let (status, body) = e.call(token, "GET", &path, None).await;
    assert_eq!(status, 200, "{body}");
    body["value"][0]["policy"].clone()
}

/// The rule, or null when the policy has none of that id.
fn rule(policy: &Value, id: &str) -> Value {
    let rules = policy["rules"].as_array().unwrap();
    rules
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_custom_extension_rule_is_listed_and_kept_when_other_rules_change() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let before = member_policy(&e, &megan).await;
    let extension = rule(&before, EXTENSION);
    assert_eq!(
        extension["@odata.type"],
        "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule"
    );
    assert_eq!(
        extension["displayName"],
        "Check Power Automate licence stock"
    );
    assert_eq!(before["rules"].as_array().unwrap().len(), 18);

    let id = before["id"].as_str().unwrap();
    let expiry = json!({"rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
        "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "PT3H"}]});
    let path = format!("/v1.0/policies/roleManagementPolicies/{id}");
    let (status, body) = e.call(&megan, "PATCH", &path, Some(expiry)).await;
    assert_eq!(status, 200, "{body}");
    let after = member_policy(&e, &megan).await;
    assert_eq!(
        rule(&after, "Expiration_EndUser_Assignment")["maximumDuration"],
        "PT3H"
    );
    assert_eq!(rule(&after, EXTENSION), extension, "left as it was");

    // Named with its type, it changes like any rule; a property it doesn't have is refused.
    let off = json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule",
        "id": EXTENSION, "isEnabled": false});
    let path = format!("/v1.0/policies/roleManagementPolicies/{id}/rules/{EXTENSION}");
    let (status, body) = e.call(&megan, "PATCH", &path, Some(off)).await;
    assert_eq!(status, 204, "{body}");
    let changed = member_policy(&e, &megan).await;
    assert_eq!(rule(&changed, EXTENSION)["isEnabled"], false);
    assert_eq!(
        rule(&changed, EXTENSION)["displayName"],
        extension["displayName"]
    );
    let bad = json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule",
        "id": EXTENSION, "claimValue": "c1"});
    let (status, body) = e.call(&megan, "PATCH", &path, Some(bad)).await;
    assert_eq!(status, 400, "{body}");

    // Other groups' policies have only PIM's 17 rules.
    let path = format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{HELPDESK}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)");
    let (_, body) = e.call(&megan, "GET", &path, None).await;
    assert_eq!(
        body["value"][0]["policy"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        17
    );
}

#[tokio::test]
async fn the_pre_approval_extension_denies_before_an_approver_is_asked_when_told_to() {
    let e = start().await;
    let alex = e.sign_in(ALEX).await;
    let ask = pim_request(
        "selfActivate",
        LICENSE,
        ALEX,
        "member",
        Some("PT1H"),
        Some("Month-end flow"),
    );
    let why = "No Power Automate licence is free: 25 of 25 are in use.";
    e.control("POST", "extension", Some(json!({"deny": why})))
        .await;
    let path = format!("{PIM}/assignmentScheduleRequests");
    let (status, r) = e.call(&alex, "POST", &path, Some(ask.clone())).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["status"], "Denied");
    let approval = r["approvalId"]
        .as_str()
        .expect("an approval records the denial");
    let (status, a) = e
        .call(
            &alex,
            "GET",
            &format!("{PIM}/assignmentApprovals/{approval}"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{a}");
    let stage = &a["stages"][0];
    assert_eq!(stage["reviewResult"], "Denied");
    assert_eq!(stage["justification"], why);
    assert_eq!(
        stage["reviewedBy"]["displayName"],
        "Check Power Automate licence stock"
    );
    let mail = e.control("GET", "outbox", None).await;
    let told: Vec<&Value> = mail["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["requestId"] == r["id"])
        .collect();
    assert_eq!(told.len(), 1, "only Alex is told: {told:?}");
    assert_eq!(
        told[0]["subject"],
        "PIM: your request for member of License - Power Automate was denied"
    );

    // Told to let requests through, the extension leaves the decision to Diego.
    e.control("POST", "extension", Some(json!({"deny": null})))
        .await;
    let (status, r) = e.call(&alex, "POST", &path, Some(ask)).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(r["status"], "PendingApproval");
}
