//! PIM for Groups behaviour: story S1 through the API (a new group onboarded, its settings, an
//! eligible member's approved activation that ends by itself), every body checked against
//! Graph's CSDL. Refusals: pim_refusals.rs; time and edges: pim_lifecycle.rs.

mod support;
use serde_json::json;
use support::csdl::{assert_collection, assert_conforms};
use support::*;

const REQ: &str = "microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest";

#[tokio::test]
async fn story_s1_from_a_new_group_to_an_approved_activation_that_ends_by_itself() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    // 1. A role-assignable security group.
    let body = json!({"displayName": "CA-Exclusion-LegacyMFA", "mailEnabled": false, "mailNickname": "ca-exclusion-legacymfa",
        "securityEnabled": true, "isAssignableToRole": true, "description": "Temporary escape from phishing-resistant MFA"});
    let (status, group) = e.call(&megan, "POST", "/v1.0/groups", Some(body)).await;
    assert_eq!(status, 201, "{group}");
    assert_conforms(&group, "microsoft.graph.group");
    let gid = group["id"].as_str().unwrap().to_owned();
    // The CA policy that excludes the group names it now.
    let (_, ca) = e
        .call(
            &megan,
            "GET",
            "/v1.0/identity/conditionalAccess/policies",
            None,
        )
        .await;
    assert_collection(&ca, "microsoft.graph.conditionalAccessPolicy");
    assert!(ca["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["conditions"]["users"]["excludeGroups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == gid.as_str())));

    // 2-3. Member settings; the first PATCH onboards the group and changes the policy id.
    let before = member_policy(&e, &megan, &gid).await;
    let policy_id = before["id"].as_str().unwrap().to_owned();
    let target = rule(&before, "Expiration_EndUser_Assignment")["target"].clone();
    let rules = json!({"rules": [
        {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "PT1H", "target": target},
        {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_EndUser_Assignment", "enabledRules": ["Justification"], "target": target},
        {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule", "id": "AuthenticationContext_EndUser_Assignment", "isEnabled": true, "claimValue": "c1", "target": target},
        {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment", "target": target, "setting": {
            "isApprovalRequired": true, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
            "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true, "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
                "primaryApprovers": [{"@odata.type": "#microsoft.graph.singleUser", "userId": DIEGO}, {"@odata.type": "#microsoft.graph.singleUser", "userId": ADELE}], "escalationApprovers": []}]}}
    ]});
    let (status, updated) = e
        .call(
            &megan,
            "PATCH",
            &format!("/v1.0/policies/roleManagementPolicies/{policy_id}"),
            Some(rules),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_conforms(&updated, "microsoft.graph.unifiedRoleManagementPolicy");
    assert!(updated.get("rules").is_none());
    let after = member_policy(&e, &megan, &gid).await;
    assert_ne!(after["id"], policy_id, "onboarding changes the policy id");
    assert_eq!(
        rule(&after, "Expiration_EndUser_Assignment")["maximumDuration"],
        "PT1H"
    );
    assert_eq!(
        rule(&after, "AuthenticationContext_EndUser_Assignment")["claimValue"],
        "c1"
    );
    let (status, _) = e
        .call(
            &megan,
            "GET",
            &format!("/v1.0/policies/roleManagementPolicies/{policy_id}"),
            None,
        )
        .await;
    assert_eq!(status, 404, "the old id is gone");

    // 4. Alex eligible for six months.
    let mut eligible = pim_request(
        "adminAssign",
        &gid,
        ALEX,
        "member",
        Some("P180D"),
        Some("Legacy tooling"),
    );
    let (status, r) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/eligibilityScheduleRequests"),
            Some(eligible.clone()),
        )
        .await;
    assert_eq!(status, 201, "{r}");
    assert_conforms(
        &r,
        "microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest",
    );
    assert_eq!(r["status"], "Provisioned");
    eligible["action"] = json!("AdminAssign");
    let (status, dup) = e
        .call(
            &megan,
            "POST",
            &format!("{PIM}/eligibilityScheduleRequests"),
            Some(eligible),
        )
        .await;
    assert_eq!(
        (status, dup["error"]["code"].as_str()),
        (400, Some("RoleAssignmentExists"))
    );

    // 5. Without the context, Graph refuses with the claims in the message.
    let alex = e.sign_in(ALEX).await;
    let activate = pim_request(
        "selfActivate",
        &gid,
        ALEX,
        "member",
        Some("PT1H"),
        Some("Run the legacy export"),
    );
    let (status, refusal) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(activate.clone()),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        refusal["error"]["code"],
        "RoleAssignmentRequestAcrsValidationFailed"
    );
    assert_eq!(refusal["error"]["message"], "&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D");
    assert!(refusal["error"]["innerError"]["request-id"].is_string());
    let alex = e.step_up(ALEX, "c1").await;
    let (status, pending) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(activate.clone()),
        )
        .await;
    assert_eq!(status, 201, "{pending}");
    assert_conforms(&pending, REQ);
    assert_eq!(pending["status"], "PendingApproval");
    let id = pending["id"].as_str().unwrap().to_owned();
    assert_eq!(pending["approvalId"], id.as_str());
    let (status, again) = e
        .call(
            &alex,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(activate),
        )
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (400, Some("PendingRoleAssignmentRequest"))
    );

    // 6. Diego's email links to the request in the app.
    let outbox = e.control("GET", "outbox", None).await;
    let mail = outbox["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["rule"] == "Notification_Approver_EndUser_Assignment")
        .cloned()
        .expect("approval email");
    assert!(mail["to"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "DiegoS@contoso.onmicrosoft.com"));
    assert_eq!(mail["link"], format!("{APP}/approvals/{id}"));
    let diego = e.sign_in(DIEGO).await;
    let (status, waiting) = e.call(&diego, "GET", &format!("{PIM}/assignmentScheduleRequests/filterByCurrentUser(on='approver')?$filter=status eq 'PendingApproval'"), None).await;
    assert_eq!(status, 200, "{waiting}");
    assert_collection(&waiting, REQ);
    assert_eq!(waiting["value"][0]["id"], id.as_str());
    let (status, approval) = e
        .call(
            &diego,
            "GET",
            &format!("{PIM}/assignmentApprovals/{id}"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_conforms(&approval, "microsoft.graph.approval");
    assert_eq!(approval["stages"][0]["assignedToMe"], true);
    let stage = approval["stages"][0]["id"].as_str().unwrap().to_owned();
    // Someone who is neither approver, requester nor reader of the group learns nothing by id,
    // nor by filtering on Alex's id.
    let lidia = e.sign_in(LIDIA).await;
    for path in [
        format!("{PIM}/assignmentApprovals/{id}"),
        format!("{PIM}/assignmentApprovals/{id}/stages"),
        format!("{PIM}/assignmentApprovals/{id}/stages/{stage}"),
        format!("{PIM}/assignmentScheduleRequests/{id}"),
    ] {
        let (status, body) = e.call(&lidia, "GET", &path, None).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert_eq!(body["error"]["code"], "Authorization_RequestDenied");
    }
    let (status, theirs) = e
        .call(
            &lidia,
            "GET",
            &format!("{PIM}/assignmentScheduleRequests?$filter=principalId eq '{ALEX}'"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{theirs}");
    assert!(
        !theirs["value"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id.as_str()),
        "another person's request in a group Lidia cannot read"
    );
    for (who, token) in [("Alex", &alex), ("Diego", &diego)] {
        let path = format!("{PIM}/assignmentScheduleRequests/{id}");
        let (status, _) = e.call(token, "GET", &path, None).await;
        assert_eq!(status, 200, "{who} reads the request");
    }
    let decide = |j: &str| json!({"reviewResult": "Approve", "justification": j});
    let (status, own) = e
        .call(
            &alex,
            "PATCH",
            &format!("{PIM}/assignmentApprovals/{id}/stages/{stage}"),
            Some(decide("me")),
        )
        .await;
    assert_eq!(status, 403, "{own}");
    let (status, _) = e
        .call(
            &diego,
            "PATCH",
            &format!("{PIM}/assignmentApprovals/{id}/stages/{stage}"),
            Some(decide("Approved for the export")),
        )
        .await;
    assert_eq!(status, 204);
    let adele = e.sign_in(ADELE).await;
    let (status, conflict) = e
        .call(
            &adele,
            "PATCH",
            &format!("{PIM}/assignmentApprovals/{id}/stages/{stage}"),
            Some(decide("late")),
        )
        .await;
    assert_eq!(
        (status, conflict["error"]["code"].as_str()),
        (409, Some("Conflict"))
    );

    // 7. Alex is a member, for an hour.
    let (_, members) = e
        .call(&megan, "GET", &format!("/v1.0/groups/{gid}/members"), None)
        .await;
    assert!(
        members["value"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == ALEX),
        "{members}"
    );
    let (_, active) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/assignmentScheduleInstances?$filter=groupId eq '{gid}'"),
            None,
        )
        .await;
    assert_collection(
        &active,
        "microsoft.graph.privilegedAccessGroupAssignmentScheduleInstance",
    );
    assert_eq!(active["value"][0]["assignmentType"], "activated");

    // 8. An hour later it has ended by itself.
    e.control("POST", "clock", Some(json!({"minutes": 61})))
        .await;
    let (status, expired) = e.call(&megan, "GET", "/v1.0/me", None).await;
    assert_eq!(
        (status, expired["error"]["code"].as_str()),
        (401, Some("InvalidAuthenticationToken")),
        "tokens expire on the emulator's clock too"
    );
    let megan = e.sign_in(MEGAN).await;
    let (_, members) = e
        .call(&megan, "GET", &format!("/v1.0/groups/{gid}/members"), None)
        .await;
    assert!(!members["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == ALEX));
    let (_, active) = e
        .call(
            &megan,
            "GET",
            &format!("{PIM}/assignmentScheduleInstances?$filter=groupId eq '{gid}'"),
            None,
        )
        .await;
    assert_eq!(active["value"].as_array().unwrap().len(), 0);
    let (_, audit) = e
        .call(
            &megan,
            "GET",
            "/v1.0/auditLogs/directoryAudits?$filter=loggedByService eq 'PIM'",
            None,
        )
        .await;
    assert_collection(&audit, "microsoft.graph.directoryAudit");
    let names: Vec<&str> = audit["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["activityDisplayName"].as_str())
        .collect();
    assert!(names.contains(&"Approve activation request"), "{names:?}");
    assert!(names.iter().any(|n| n.contains("expired")), "{names:?}");
}
