//! The emulator is as strict as Entra: exact post-logout redirects, refreshes that cannot widen
//! the scopes granted, and control endpoints no other site can drive.

mod support;

use entra_emulator::tenant::demo::{CLIENT_ID, TENANT_ID};
use support::*;

#[tokio::test]
async fn the_logout_redirect_must_be_the_app_exactly() {
    let e = start().await;
    let logout = |target: &str| {
        let url = format!("{}/{TENANT_ID}/oauth2/v2.0/logout", e.base);
        e.http
            .get(url)
            .query(&[("post_logout_redirect_uri", target)])
            .send()
    };
    let ok = logout(&format!("{APP}/")).await.unwrap();
    assert_eq!(ok.status(), 303);
    let with_state = e
        .http
        .get(format!("{}/{TENANT_ID}/oauth2/v2.0/logout", e.base))
        .query(&[
            ("post_logout_redirect_uri", format!("{APP}/").as_str()),
            ("state", "signed-out"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        with_state.headers()["location"],
        format!("{APP}/?state=signed-out"),
        "state comes back"
    );
    for bad in [
        format!("{APP}.evil.example/"),
        format!("{APP}/../x"),
        format!("{APP}/x"),
    ] {
        let r = logout(&bad).await.unwrap();
        assert_eq!(r.status(), 200, "{bad} is not followed");
        assert!(r.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn a_refresh_cannot_widen_the_scopes_granted() {
    let e = start().await;
    let t = e.sign_in_with(ALEX, &[], true).await;
    let (status, body) = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", &t.refresh),
            (
                "scope",
                "openid https://graph.microsoft.com/Directory.ReadWrite.All",
            ),
        ])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    assert_eq!(body["error_codes"][0], 65001);
    let (status, _) = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", &t.refresh),
            (
                "scope",
                "openid offline_access https://graph.microsoft.com/User.Read",
            ),
        ])
        .await;
    assert_eq!(
        status, 200,
        "the refresh token was not spent by the refused try, and a narrower set is fine"
    );
}

#[tokio::test]
async fn control_endpoints_refuse_what_another_site_could_send() {
    let e = start().await;
    let form = e
        .http
        .post(format!("{}/_emulator/reset", e.base))
        .header("content-type", "text/plain")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 403);
    let plain_delete = e
        .http
        .delete(format!("{}/_emulator/faults", e.base))
        .send()
        .await
        .unwrap();
    assert_eq!(plain_delete.status(), 403);
    let json = e
        .http
        .post(format!("{}/_emulator/clock", e.base))
        .json(&serde_json::json!({"minutes": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 200);
    let read = e
        .http
        .get(format!("{}/_emulator/state", e.base))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200, "reads stay open to tests");
}

#[tokio::test]
async fn cae_challenges_tokens_issued_before_a_revocation_until_a_new_sign_in() {
    let e = start().await;
    let old = e.sign_in(ALEX).await;
    e.control("POST", "clock", Some(serde_json::json!({"minutes": 1})))
        .await;
    e.control("POST", "cae", Some(serde_json::json!({"revoke": true})))
        .await;
    let res = e
        .http
        .get(format!("{}/v1.0/me", e.base))
        .bearer_auth(&old)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let www = res.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(www.contains("error=\"insufficient_claims\""), "{www}");
    assert!(www.contains("claims=\""), "{www}");
    // Inside a batch too, with the header on the part.
    let batch = serde_json::json!({"requests": [{"id": "1", "method": "GET", "url": "/me"}]});
    let (status, body) = e.call(&old, "POST", "/v1.0/$batch", Some(batch)).await;
    assert_eq!(status, 200);
    assert_eq!(body["responses"][0]["status"], 401);
    assert!(body["responses"][0]["headers"]["WWW-Authenticate"]
        .as_str()
        .unwrap()
        .contains("insufficient_claims"));
    // A token issued after the event passes.
    let fresh = e.sign_in(ALEX).await;
    assert_eq!(e.call(&fresh, "GET", "/v1.0/me", None).await.0, 200);
}

#[tokio::test]
async fn the_audit_log_needs_a_reader_role_and_not_just_the_scope() {
    let e = start().await;
    let alex = e.sign_in(ALEX).await;
    let (status, body) = e
        .call(&alex, "GET", "/v1.0/auditLogs/directoryAudits", None)
        .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "Authorization_RequestDenied");
    let megan = e.sign_in(MEGAN).await;
    assert_eq!(
        e.call(&megan, "GET", "/v1.0/auditLogs/directoryAudits", None)
            .await
            .0,
        200,
        "Megan is a Reports Reader"
    );
}

#[tokio::test]
async fn scopes_are_checked_on_cancel_stages_me_and_removal_only_apps() {
    let e = start().await;
    let narrow = "openid offline_access https://graph.microsoft.com/PrivilegedAssignmentSchedule.Remove.AzureADGroup";
    let t = e
        .sign_in_with(MEGAN, &[("scope", narrow)], true)
        .await
        .access;
    let claims = claims(&t);
    assert!(
        !claims["scp"].as_str().unwrap().contains("ReadWrite"),
        "signed in with the narrow scope: {claims}"
    );
    assert_eq!(
        e.call(&t, "GET", "/v1.0/me", None).await.0,
        403,
        "no User.Read"
    );
    let assign = pim_request(
        "adminAssign",
        HELPDESK,
        ALEX,
        "member",
        Some("PT8H"),
        Some("x"),
    );
    let (status, body) = e
        .call(
            &t,
            "POST",
            &format!("{PIM}/assignmentScheduleRequests"),
            Some(assign),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "PermissionScopeNotGranted");
    let cancel = format!("{PIM}/assignmentScheduleRequests/whatever/cancel");
    assert_eq!(e.call(&t, "POST", &cancel, None).await.0, 403);
    let stages = format!("{PIM}/assignmentApprovals/whatever/stages");
    assert_eq!(e.call(&t, "GET", &stages, None).await.0, 403);
    let remove = pim_request("adminRemove", HELPDESK, LIDIA, "member", None, None);
    let (status, body) = e
        .call(
            &t,
            "POST",
            &format!("{PIM}/eligibilityScheduleRequests"),
            Some(remove),
        )
        .await;
    assert_ne!(status, 403, "a removal is what the scope allows: {body}");
}

#[tokio::test]
async fn another_groups_pim_data_needs_rights_on_that_group() {
    let e = start().await;
    let list = format!("{PIM}/eligibilitySchedules?$filter=groupId%20eq%20'{HELPDESK}'");
    let alex = e.sign_in(ALEX).await;
    let (status, body) = e.call(&alex, "GET", &list, None).await;
    assert_eq!(
        status, 403,
        "Alex is neither owner, member nor admin of Helpdesk: {body}"
    );
    let mine = format!("{PIM}/eligibilitySchedules?$filter=groupId%20eq%20'{HELPDESK}'%20and%20principalId%20eq%20'{ALEX}'");
    assert_eq!(
        e.call(&alex, "GET", &mine, None).await.0,
        200,
        "his own are his to read"
    );
    let diego = e.sign_in(DIEGO).await;
    assert_eq!(
        e.call(&diego, "GET", &list, None).await.0,
        200,
        "Diego owns Helpdesk"
    );
    let megan = e.sign_in(MEGAN).await;
    assert_eq!(
        e.call(&megan, "GET", &list, None).await.0,
        200,
        "Megan is a Privileged Role Administrator"
    );
}
