//! PIM for Groups behaviour: story S1 through the API, policy refusals in Graph's shapes, the
//! clock, the outbox, onboarding and its changing policy ids. Every body is checked against
//! Graph's CSDL.

mod support;
use serde_json::{json, Value};
use support::csdl::{assert_collection, assert_conforms};
use support::*;

const REQ: &str = "microsoft.graph.privilegedAccessGroupAssignmentScheduleRequest";

async fn member_policy(e: &Emu, token: &str, group: &str) -> Value {
    let path = format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{group}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)");
    let (status, body) = e.call(token, "GET", &path, None).await;
    assert_eq!(status, 200, "{body}");
    assert_collection(
        &body,
        "microsoft.graph.unifiedRoleManagementPolicyAssignment",
    );
    body["value"][0]["policy"].clone()
}

fn rule(policy: &Value, id: &str) -> Value {
    policy["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap()
}

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

#[tokio::test]
async fn policy_refusals_use_graphs_codes() {
    let e = start().await;
    let lidia = e.sign_in(LIDIA).await;
    // Helpdesk Admin-Group member: at most 4 hours, justification, context c1.
    let lidia_c1 = e.step_up(LIDIA, "c1").await;
    let (status, too_long) = e
        .call(
            &lidia_c1,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                HELPDESK,
                LIDIA,
                "member",
                Some("PT5H"),
                Some("x"),
            )),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        too_long["error"]["code"],
        "RoleAssignmentRequestPolicyValidationFailed"
    );
    assert_eq!(
        too_long["error"]["message"],
        "The following policy rules failed: [\"ExpirationRule\"]"
    );
    let (_, no_reason) = e
        .call(
            &lidia_c1,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                HELPDESK,
                LIDIA,
                "member",
                Some("PT4H"),
                None,
            )),
        )
        .await;
    assert_eq!(
        no_reason["error"]["message"],
        "The following policy rules failed: [\"JustificationRule\"]"
    );
    let (_, short) = e
        .call(
            &lidia_c1,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                HELPDESK,
                LIDIA,
                "member",
                Some("PT4M"),
                Some("x"),
            )),
        )
        .await;
    assert_eq!(short["error"]["code"], "ActiveDurationTooShort");
    let (status, ok) = e
        .call(
            &lidia_c1,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                HELPDESK,
                LIDIA,
                "member",
                Some("PT4H"),
                Some("Ticket 42"),
            )),
        )
        .await;
    assert_eq!(
        (status, ok["status"].as_str()),
        (201, Some("Provisioned")),
        "{ok}"
    );
    // Lidia now holds the group's three roles through membership.
    let (_, roles) = e.call(&e.sign_in(MEGAN).await, "GET", &format!("/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '{HELPDESK}'&$expand=roleDefinition"), None).await;
    assert_eq!(roles["value"].as_array().unwrap().len(), 3);
    let (_, early) = e
        .call(
            &lidia,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfDeactivate",
                HELPDESK,
                LIDIA,
                "member",
                None,
                None,
            )),
        )
        .await;
    assert_eq!(early["error"]["code"], "ActiveDurationTooShort");
    e.control("POST", "clock", Some(json!({"minutes": 6})))
        .await;
    let (status, done) = e
        .call(
            &lidia,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfDeactivate",
                HELPDESK,
                LIDIA,
                "member",
                None,
                None,
            )),
        )
        .await;
    assert_eq!(
        (status, done["status"].as_str()),
        (201, Some("Revoked")),
        "{done}"
    );
    // Exchange Admins - Internal requires MFA: a password-only token is refused.
    let ex_int = "13aecbc1-b516-42a4-b1de-e12daa190492";
    // Alex is eligible for it in the demo tenant.
    let alex_pwd = e.sign_in_with(ALEX, &[], false).await.access;
    let (_, no_mfa) = e
        .call(
            &alex_pwd,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                ex_int,
                ALEX,
                "member",
                Some("PT1H"),
                Some("Migration batch 3"),
            )),
        )
        .await;
    assert_eq!(
        no_mfa["error"]["message"],
        "The following policy rules failed: [\"MfaRule\"]"
    );
    let alex_mfa = e.sign_in(ALEX).await;
    let (status, ok) = e
        .call(
            &alex_mfa,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(pim_request(
                "selfActivate",
                ex_int,
                ALEX,
                "member",
                Some("PT1H"),
                Some("Migration batch 3"),
            )),
        )
        .await;
    assert_eq!(
        (status, ok["status"].as_str()),
        (201, Some("Provisioned")),
        "{ok}"
    );
}

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
