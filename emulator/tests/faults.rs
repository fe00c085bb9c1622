//! Faults that let the app's write rules be tested: a write applied and then answered with a 5xx
//! or a broken connection, faults on the token endpoint, and server-driven paging.

mod support;

use entra_emulator::tenant::demo::{CLIENT_ID, TENANT_ID};
use entra_emulator::Options;
use serde_json::{json, Value};
use support::*;

async fn groups_named(e: &Emu, t: &str, name: &str) -> usize {
    let path = format!("/v1.0/groups?$filter=displayName%20eq%20'{name}'");
    let (status, body) = e.call(t, "GET", &path, None).await;
    assert_eq!(status, 200, "{body}");
    body["value"].as_array().unwrap().len()
}

#[tokio::test]
async fn apply_then_error_keeps_the_write_and_answers_504() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    e.control(
        "POST",
        "faults",
        Some(
            json!({"path": "/v1.0/groups", "method": "POST", "kind": "applyThenError", "count": 1}),
        ),
    )
    .await;
    let body = json!({"displayName": "Fault One", "mailEnabled": false, "mailNickname": "faultone", "securityEnabled": true});
    let (status, answer) = e.call(&t, "POST", "/v1.0/groups", Some(body)).await;
    assert_eq!(status, 504, "{answer}");
    assert_eq!(answer["error"]["code"], "GatewayTimeout");
    assert!(answer["error"]["innerError"]["request-id"].is_string());
    assert_eq!(
        groups_named(&e, &t, "Fault One").await,
        1,
        "the group was made"
    );
}

#[tokio::test]
async fn apply_then_drop_keeps_the_write_and_breaks_the_connection() {
    let e = start().await;
    let t = e.sign_in(MEGAN).await;
    e.control(
        "POST",
        "faults",
        Some(
            json!({"path": "/v1.0/groups", "method": "POST", "kind": "applyThenDrop", "count": 1}),
        ),
    )
    .await;
    let body = json!({"displayName": "Fault Two", "mailEnabled": false, "mailNickname": "faulttwo", "securityEnabled": true});
    let sent = e
        .http
        .post(format!("{}/v1.0/groups", e.base))
        .bearer_auth(&t)
        .json(&body)
        .send()
        .await;
    let broken = match sent {
        Ok(r) => r.text().await.is_err(),
        Err(_) => true,
    };
    assert!(broken, "the caller never reads an answer");
    assert_eq!(
        groups_named(&e, &t, "Fault Two").await,
        1,
        "the group was made"
    );
}

#[tokio::test]
async fn the_token_endpoint_fails_as_told_and_apply_faults_redeem_first() {
    let e = start().await;
    let tokens = e.sign_in_with(ALEX, &[], true).await;
    let refresh = |rt: String| {
        let e = &e;
        async move {
            e.redeem(&[
                ("client_id", CLIENT_ID),
                ("grant_type", "refresh_token"),
                ("refresh_token", &rt),
            ])
            .await
        }
    };
    let token_path = format!("/{TENANT_ID}/oauth2/v2.0/token");
    e.control(
        "POST",
        "faults",
        Some(json!({"path": token_path, "kind": "error", "status": 503, "count": 1})),
    )
    .await;
    let (status, body) = refresh(tokens.refresh.clone()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (503, Some("temporarily_unavailable"))
    );
    let (status, body) = refresh(tokens.refresh.clone()).await;
    assert_eq!(status, 200, "a plain error redeems nothing: {body}");
    let rotated = body["refresh_token"].as_str().unwrap().to_owned();
    e.control(
        "POST",
        "faults",
        Some(json!({"path": "*/oauth2/v2.0/token", "kind": "applyThenError", "count": 1})),
    )
    .await;
    assert_eq!(refresh(rotated.clone()).await.0, 504);
    // A lost refresh leaves the refresh token used valid, as in Entra.
    assert_eq!(refresh(rotated).await.0, 200);
    // A code is single-use: one redeemed before the error cannot be redeemed again.
    let code = e.code_for(ALEX, &[], true).await;
    let (verifier, redirect) = ("v".repeat(43), format!("{APP}/"));
    let form = [
        ("client_id", CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect.as_str()),
        ("code_verifier", verifier.as_str()),
    ];
    e.control(
        "POST",
        "faults",
        Some(json!({"path": "*/oauth2/v2.0/token", "kind": "applyThenError", "count": 1})),
    )
    .await;
    assert_eq!(e.redeem(&form).await.0, 504);
    let (status, body) = e.redeem(&form).await;
    assert_eq!(
        status, 400,
        "the code was redeemed before the error: {body}"
    );
    assert_eq!(body["error"], "invalid_grant");
}

async fn ids_of_every_page(e: &Emu, t: &str, first: &str) -> (usize, Vec<String>) {
    let (mut pages, mut ids, mut next) = (0, vec![], Some(first.to_owned()));
    while let Some(url) = next {
        let (status, body) = e.call(t, "GET", &url, None).await;
        assert_eq!(status, 200, "{body}");
        pages += 1;
        let value = body["value"].as_array().unwrap();
        assert!(value.len() <= 3, "no page holds more than the page size");
        ids.extend(value.iter().map(|g| g["id"].as_str().unwrap().to_owned()));
        next = body["@odata.nextLink"].as_str().map(str::to_owned);
    }
    (pages, ids)
}

#[tokio::test]
async fn page_size_forces_paging_even_when_top_asks_for_more() {
    let e = start_with(Options {
        app_url: APP.into(),
        page_size: Some(3),
        ..Options::default()
    })
    .await;
    let t = e.sign_in(MEGAN).await;
    let (_, all) = e
        .call(&t, "GET", "/v1.0/groups?$top=999&$select=id", None)
        .await;
    assert!(all["@odata.nextLink"].is_string());
    let (pages, ids) = ids_of_every_page(&e, &t, "/v1.0/groups?$top=999&$select=id").await;
    let total = e.running.shared.world().tenant.groups.len();
    assert_eq!(ids.len(), total, "every group once, over every page");
    assert_eq!(pages, total.div_ceil(3));
    e.control("POST", "page-size", Some(json!({"size": null})))
        .await;
    let (_, one) = e.call(&t, "GET", "/v1.0/groups?$select=id", None).await;
    assert_eq!(one["value"].as_array().map(Vec::len), Some(total.min(100)));
    e.control("POST", "page-size", Some(json!({"size": 3})))
        .await;
    let (_, again): (u16, Value) = e.call(&t, "GET", "/v1.0/groups?$select=id", None).await;
    assert_eq!(again["value"].as_array().map(Vec::len), Some(3));
}
