//! What PIM refuses, in Graph's words: each policy rule a request breaks names its code.

mod support;
use serde_json::json;
use support::*;

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
