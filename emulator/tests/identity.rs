//! Sign-in endpoints: discovery, the picker, PKCE, single-use codes, refresh rotation, step-up,
//! CORS and AADSTS errors.

mod support;
use entra_emulator::tenant::demo::{CLIENT_ID, TENANT_ID};
use support::*;

#[tokio::test]
async fn discovery_and_keys_describe_the_authority() {
    let e = start().await;
    let d: serde_json::Value = e
        .http
        .get(format!(
            "{}/{TENANT_ID}/v2.0/.well-known/openid-configuration",
            e.base
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        d["authorization_endpoint"],
        format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", e.base)
    );
    assert_eq!(d["code_challenge_methods_supported"][0], "S256");
    let k: serde_json::Value = e
        .http
        .get(format!("{}/{TENANT_ID}/discovery/v2.0/keys", e.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(k["keys"][0]["kty"], "RSA");
}

#[tokio::test]
async fn the_picker_lists_the_demo_people_and_refuses_unregistered_redirects() {
    let e = start().await;
    let url = format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", e.base);
    let page = e
        .http
        .get(&url)
        .query(&e.authorize_params("x", &[]))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for name in [
        "Megan Bowen",
        "Alex Wilber",
        "Lidia Holloway",
        "Diego Siciliani",
        "Adele Vance",
        "Ext-Consultant",
    ] {
        assert!(page.contains(name), "{name} missing from the picker");
    }
    let res = e
        .http
        .get(&url)
        .query(&e.authorize_params("x", &[("redirect_uri", "https://evil.example/")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("AADSTS50011"));
    let res = e
        .http
        .get(&url)
        .query(&e.authorize_params("x", &[("code_challenge_method", "plain")]))
        .send()
        .await
        .unwrap();
    let loc = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        loc.starts_with(&format!("{APP}/?error=invalid_request")) && loc.contains("AADSTS9002325"),
        "{loc}"
    );
}

#[tokio::test]
async fn a_code_redeems_once_with_the_right_verifier_and_carries_the_claims() {
    let e = start().await;
    let code = e.code_for(MEGAN, &[], true).await;
    let redirect = format!("{APP}/");
    let bad = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
            ("code_verifier", "wrong"),
        ])
        .await;
    assert_eq!(bad.0, 400);
    assert_eq!(bad.1["error"], "invalid_grant");
    assert!(bad.1["error_description"]
        .as_str()
        .unwrap()
        .starts_with("AADSTS"));
    // The failed attempt used the code up, as Entra does.
    let again = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
            ("code_verifier", &"v".repeat(43)),
        ])
        .await;
    assert_eq!(again.0, 400);
    let t = e.sign_in_with(MEGAN, &[], true).await;
    let access = claims(&t.access);
    assert_eq!(access["oid"], MEGAN);
    assert_eq!(access["tid"], TENANT_ID);
    assert!(access["scp"]
        .as_str()
        .unwrap()
        .contains("RoleManagementPolicy.ReadWrite.AzureADGroup"));
    assert_eq!(access["amr"], serde_json::json!(["pwd", "mfa"]));
    assert!(access["wids"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w == "e8611ab8-c189-46e8-94e1-60213ab1f814"));
    assert!(access.get("acrs").is_none());
    let id = claims(&t.id);
    assert_eq!(id["nonce"], "n-1");
    assert_eq!(id["preferred_username"], "MeganB@contoso.onmicrosoft.com");
}

#[tokio::test]
async fn refresh_tokens_rotate_and_the_old_one_still_works_as_in_entra() {
    let e = start().await;
    let t = e.sign_in_with(ALEX, &[], false).await;
    let (status, body) = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", &t.refresh),
        ])
        .await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["refresh_token"].as_str().unwrap(), t.refresh);
    assert_eq!(
        claims(body["access_token"].as_str().unwrap())["amr"],
        serde_json::json!(["pwd"])
    );
    let (status, body) = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", &t.refresh),
        ])
        .await;
    // "The Microsoft identity platform doesn't revoke old refresh tokens when used."
    assert_eq!(status, 200, "{body}");
    let (status, body) = e
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", "not-a-refresh-token"),
        ])
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn token_redemption_needs_the_spa_origin_and_answers_cors() {
    let e = start().await;
    let url = format!("{}/{TENANT_ID}/oauth2/v2.0/token", e.base);
    let res = e
        .http
        .post(&url)
        .form(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
        ])
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .starts_with("AADSTS9002327"));
    let res = e
        .http
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", APP)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], APP);
}

#[tokio::test]
async fn a_claims_request_shows_the_step_up_page_and_the_token_carries_acrs() {
    let e = start().await;
    let url = format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", e.base);
    let claims_req = r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#;
    let mut form = e.authorize_params("x", &[("claims", claims_req)]);
    form.push(("emu_action".into(), "signin".into()));
    form.push(("emu_user".into(), ALEX.into()));
    let page = e
        .http
        .post(&url)
        .form(&form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Phishing-resistant MFA") && page.contains("Continue"),
        "{page}"
    );
    let token = e.step_up(ALEX, "c1").await;
    assert_eq!(claims(&token)["acrs"], serde_json::json!(["c1"]));
}

#[tokio::test]
async fn cancelling_the_picker_returns_access_denied_with_its_aadsts_code() {
    let e = start().await;
    let url = format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", e.base);
    let mut form = e.authorize_params("x", &[]);
    form.push(("emu_action".into(), "cancel".into()));
    let res = e.http.post(&url).form(&form).send().await.unwrap();
    let loc = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        loc.contains("error=access_denied")
            && loc.contains("AADSTS65004")
            && loc.contains("state=st-1"),
        "{loc}"
    );
}
