//! A tenant that differs from the demo one (`/_emulator/differ`), and the calls Check setup
//! makes: licences, PIM's list of managed groups in v1.0 and beta.

mod support;

use serde_json::json;
use support::csdl::assert_collection;
use support::*;

const RESOURCES: &str = "/identityGovernance/privilegedAccess/group/resources";

#[tokio::test]
async fn the_managed_groups_are_listed_in_v1_and_beta_until_a_tenant_lacks_v1() {
    let emu = start().await;
    let token = emu.sign_in(MEGAN).await;
    let (s, v1) = emu
        .call(&token, "GET", &format!("/v1.0{RESOURCES}"), None)
        .await;
    assert_eq!(s, 200, "{v1}");
    assert!(v1["@odata.context"]
        .as_str()
        .unwrap()
        .contains("/v1.0/$metadata"));
    let (s, beta) = emu
        .call(&token, "GET", &format!("/beta{RESOURCES}"), None)
        .await;
    assert_eq!((s, &beta["value"]), (200, &v1["value"]));
    emu.control(
        "POST",
        "differ",
        Some(json!({"missing": [format!("/v1.0{RESOURCES}")]})),
    )
    .await;
    let (s, e) = emu
        .call(&token, "GET", &format!("/v1.0{RESOURCES}"), None)
        .await;
    assert_eq!((s, e["error"]["code"].as_str()), (400, Some("BadRequest")));
    assert_eq!(
        e["error"]["message"],
        "Resource not found for the segment 'resources'."
    );
    assert!(e["error"]["innerError"]["request-id"].is_string());
    assert_eq!(
        emu.call(&token, "GET", &format!("/beta{RESOURCES}"), None)
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn a_licence_taken_away_and_a_call_refused_are_what_graph_answers() {
    let emu = start().await;
    let token = emu.sign_in(ALEX).await;
    let (s, l) = emu
        .call(&token, "GET", "/v1.0/me/licenseDetails", None)
        .await;
    assert_eq!(s, 200, "{l}");
    assert_collection(&l, "microsoft.graph.licenseDetails");
    assert_eq!(l["value"][0]["skuPartNumber"], "AAD_PREMIUM_P2");
    emu.control("POST", "differ", Some(json!({"unlicensed": [ALEX], "forbidden": ["/v1.0/identity/conditionalAccess/authenticationContextClassReferences"]}))).await;
    let (_, l) = emu
        .call(&token, "GET", "/v1.0/me/licenseDetails", None)
        .await;
    assert_eq!(l["value"], json!([]));
    let (s, e) = emu
        .call(
            &token,
            "GET",
            "/v1.0/identity/conditionalAccess/authenticationContextClassReferences",
            None,
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );
}

#[tokio::test]
async fn a_consent_withheld_is_missing_from_the_next_token() {
    let emu = start().await;
    emu.control(
        "POST",
        "differ",
        Some(json!({"withhold": ["AuditLog.Read.All"]})),
    )
    .await;
    let scope = "openid offline_access https://graph.microsoft.com/User.Read https://graph.microsoft.com/AuditLog.Read.All";
    let verifier = "v".repeat(43);
    let mut p = emu.authorize_params(&verifier, &[("scope", scope)]);
    p.extend([
        ("emu_action".into(), "signin".into()),
        ("emu_user".into(), LIDIA.into()),
    ]);
    let url = format!(
        "{}/{}/oauth2/v2.0/authorize",
        emu.base,
        entra_emulator::tenant::demo::TENANT_ID
    );
    let res = emu.http.post(&url).form(&p).send().await.unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("error=consent_required"), "{location}");
}
