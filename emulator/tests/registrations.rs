//! App registrations, service principals, admin consent and the device code grant, as Graph and
//! Entra ID document them; answers checked against the CSDL.

mod support;

use entra_emulator::tenant::demo::{CLIENT_ID, TENANT_ID};
use serde_json::{json, Value};
use support::csdl::{assert_collection, assert_conforms};
use support::*;

async fn form(emu: &Emu, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let res = emu
        .http
        .post(format!("{}{path}", emu.base))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

const CLI: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

#[tokio::test]
async fn graphs_service_principal_publishes_its_delegated_permissions_and_the_app_is_consented() {
    let emu = start().await;
    let token = emu.sign_in(MEGAN).await;
    let (s, graph) = emu.call(&token, "GET", "/v1.0/servicePrincipals?$filter=appId%20eq%20%2700000003-0000-0000-c000-000000000000%27", None).await;
    assert_eq!(s, 200, "{graph}");
    assert_collection(&graph, "microsoft.graph.servicePrincipal");
    let scopes = graph["value"][0]["oauth2PermissionScopes"]
        .as_array()
        .unwrap()
        .clone();
    let user_read = scopes.iter().find(|x| x["value"] == "User.Read").unwrap();
    assert_eq!(user_read["type"], "User");
    let admin = scopes
        .iter()
        .find(|x| x["value"] == "Group.ReadWrite.All")
        .unwrap();
    assert_eq!(admin["type"], "Admin");
    let (s, apps) = emu
        .call(
            &token,
            "GET",
            &format!("/v1.0/applications?$filter=appId%20eq%20%27{CLIENT_ID}%27"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{apps}");
    assert_collection(&apps, "microsoft.graph.application");
    assert_eq!(
        apps["value"][0]["spa"]["redirectUris"],
        json!([format!("{APP}/")])
    );
    let (s, grants) = emu
        .call(&token, "GET", "/v1.0/oauth2PermissionGrants", None)
        .await;
    assert_eq!(s, 200, "{grants}");
    assert_collection(&grants, "microsoft.graph.oAuth2PermissionGrant");
    assert_eq!(grants["value"][0]["consentType"], "AllPrincipals");
}

#[tokio::test]
async fn a_refresh_may_reach_any_consented_scope_but_nothing_more() {
    let emu = start().await;
    let narrow = "openid profile offline_access https://graph.microsoft.com/User.Read";
    let t = emu.sign_in_with(LIDIA, &[("scope", narrow)], true).await;
    let wider = "openid offline_access https://graph.microsoft.com/AuditLog.Read.All";
    let (s, body) = emu
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", &t.refresh),
            ("scope", wider),
        ])
        .await;
    assert_eq!(s, 200, "{body}");
    assert!(claims(body["access_token"].as_str().unwrap())["scp"]
        .as_str()
        .unwrap()
        .contains("AuditLog.Read.All"));
    let unconsented = "openid offline_access https://graph.microsoft.com/Application.ReadWrite.All";
    let rt = body["refresh_token"].as_str().unwrap();
    let (s, body) = emu
        .redeem(&[
            ("client_id", CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
            ("scope", unconsented),
        ])
        .await;
    assert_eq!(s, 400);
    assert_eq!(body["error"], "invalid_grant");
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .starts_with("AADSTS65001: The user or administrator has not consented"));
}

#[tokio::test]
async fn a_sign_in_for_scopes_nobody_consented_to_is_refused_unless_an_admin_consents() {
    let emu = start().await;
    let scope = "openid https://graph.microsoft.com/Application.ReadWrite.All";
    let verifier = "v".repeat(43);
    let mut p = emu.authorize_params(&verifier, &[("scope", scope)]);
    p.push(("emu_action".into(), "signin".into()));
    p.push(("emu_user".into(), LIDIA.into()));
    let url = format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", emu.base);
    let res = emu.http.post(&url).form(&p).send().await.unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.contains("error=consent_required") && location.contains("AADSTS65001"),
        "{location}"
    );
    // Megan (Privileged Role Administrator) is shown the consent page, and may consent for all.
    let mut p = emu.authorize_params(&verifier, &[("scope", scope)]);
    p.push(("emu_action".into(), "signin".into()));
    p.push(("emu_user".into(), MEGAN.into()));
    let page = emu
        .http
        .post(&url)
        .form(&p)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Permissions requested")
            && page.contains("Consent on behalf of your organization")
    );
    p.retain(|(k, _)| k != "emu_action");
    p.push(("emu_action".into(), "consent".into()));
    p.push(("emu_org".into(), "1".into()));
    let res = emu.http.post(&url).form(&p).send().await.unwrap();
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .contains("code="));
    // Now Lidia gets through without a page: the consent was the organisation's.
    let code = emu.code_for(LIDIA, &[("scope", scope)], true).await;
    assert!(!code.is_empty());
}

#[tokio::test]
async fn the_device_code_grant_answers_pending_slow_down_declined_expired_and_tokens() {
    let emu = start().await;
    let dc = format!("/{TENANT_ID}/oauth2/v2.0/devicecode");
    let start_flow = || {
        form(
            &emu,
            &dc,
            &[
                ("client_id", CLI),
                (
                    "scope",
                    "openid https://graph.microsoft.com/Application.Read.All",
                ),
            ],
        )
    };
    let (s, d) = start_flow().await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["interval"], 5);
    let device = d["device_code"].as_str().unwrap().to_owned();
    let user_code = d["user_code"].as_str().unwrap().to_owned();
    assert!(d["message"].as_str().unwrap().contains(&user_code));
    let token = format!("/{TENANT_ID}/oauth2/v2.0/token");
    let poll = |code: String| {
        let (emu, token) = (&emu, token.clone());
        async move {
            form(
                emu,
                &token,
                &[
                    ("client_id", CLI),
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("device_code", &code),
                ],
            )
            .await
        }
    };
    assert_eq!(
        poll(device.clone()).await.1["error"],
        "authorization_pending"
    );
    assert_eq!(poll(device.clone()).await.1["error"], "slow_down");
    // The person enters the code and approves as Megan, consenting for the organisation.
    let (_, page) = form(
        &emu,
        "/devicelogin",
        &[("code", &user_code), ("emu_user", MEGAN)],
    )
    .await;
    assert!(page.as_str().unwrap().contains("Permissions requested"));
    form(
        &emu,
        "/devicelogin",
        &[
            ("code", &user_code),
            ("emu_user", MEGAN),
            ("emu_action", "consent"),
            ("emu_org", "1"),
        ],
    )
    .await;
    emu.control("POST", "clock", Some(json!({"minutes": 1})))
        .await;
    let (s, t) = poll(device.clone()).await;
    assert_eq!(s, 200, "{t}");
    assert!(claims(t["access_token"].as_str().unwrap())["scp"]
        .as_str()
        .unwrap()
        .contains("Application.Read.All"));
    assert_eq!(
        poll(device).await.1["error"],
        "invalid_grant",
        "a device code is used once"
    );
    // Declined, then expired.
    let (_, d) = start_flow().await;
    form(
        &emu,
        "/devicelogin",
        &[
            ("code", d["user_code"].as_str().unwrap()),
            ("emu_user", LIDIA),
            ("emu_action", "decline"),
        ],
    )
    .await;
    assert_eq!(
        poll(d["device_code"].as_str().unwrap().into()).await.1["error"],
        "authorization_declined"
    );
    let (_, d) = start_flow().await;
    emu.control("POST", "clock", Some(json!({"minutes": 16})))
        .await;
    assert_eq!(
        poll(d["device_code"].as_str().unwrap().into()).await.1["error"],
        "expired_token"
    );
}

#[tokio::test]
async fn registering_an_app_and_granting_consent_takes_the_right_roles() {
    let emu = start().await;
    let scope = "openid https://graph.microsoft.com/Application.ReadWrite.All https://graph.microsoft.com/DelegatedPermissionGrant.ReadWrite.All";
    // Consent first, as an admin would on the consent page.
    let verifier = "v".repeat(43);
    let mut p = emu.authorize_params(&verifier, &[("scope", scope)]);
    p.extend([
        ("emu_action".into(), "consent".into()),
        ("emu_user".into(), MEGAN.into()),
        ("emu_org".into(), "1".into()),
        ("emu_mfa".into(), "1".into()),
    ]);
    emu.http
        .post(format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", emu.base))
        .form(&p)
        .send()
        .await
        .unwrap();
    let megan = emu
        .sign_in_with(MEGAN, &[("scope", scope)], true)
        .await
        .access;
    let lidia = emu
        .sign_in_with(LIDIA, &[("scope", scope)], true)
        .await
        .access;
    let body = json!({"displayName": "pim-groups (test)", "spa": {"redirectUris": ["https://pim.contoso.com/"]}});
    let (s, app) = emu
        .call(&megan, "POST", "/v1.0/applications", Some(body))
        .await;
    assert_eq!(s, 201, "{app}");
    assert_conforms(&app, "microsoft.graph.application");
    let bad = json!({"displayName": "x", "spa": {"redirectUris": ["http://pim.contoso.com/"]}});
    assert_eq!(
        emu.call(&megan, "POST", "/v1.0/applications", Some(bad))
            .await
            .0,
        400
    );
    let path = format!("/v1.0/applications/{}", app["id"].as_str().unwrap());
    let (s, e) = emu
        .call(
            &lidia,
            "PATCH",
            &path,
            Some(json!({"signInAudience": "AzureADMultipleOrgs"})),
        )
        .await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (403, Some("Authorization_RequestDenied"))
    );
    assert!(e["error"]["innerError"]["request-id"].is_string());
    assert_eq!(
        emu.call(
            &megan,
            "PATCH",
            &path,
            Some(json!({"signInAudience": "AzureADMultipleOrgs"}))
        )
        .await
        .0,
        204
    );
    let (s, sp) = emu
        .call(
            &megan,
            "POST",
            "/v1.0/servicePrincipals",
            Some(json!({"appId": app["appId"]})),
        )
        .await;
    assert_eq!(s, 201, "{sp}");
    assert_conforms(&sp, "microsoft.graph.servicePrincipal");
    assert_eq!(
        emu.call(
            &megan,
            "POST",
            "/v1.0/servicePrincipals",
            Some(json!({"appId": app["appId"]}))
        )
        .await
        .0,
        409
    );
    let graph_sp = entra_emulator::apps::catalogue::stable_id("sp:microsoft-graph");
    let grant = json!({"clientId": sp["id"], "consentType": "AllPrincipals", "resourceId": graph_sp, "scope": "openid User.Read"});
    assert_eq!(
        emu.call(
            &lidia,
            "POST",
            "/v1.0/oauth2PermissionGrants",
            Some(grant.clone())
        )
        .await
        .0,
        403
    );
    let (s, g) = emu
        .call(
            &megan,
            "POST",
            "/v1.0/oauth2PermissionGrants",
            Some(grant.clone()),
        )
        .await;
    assert_eq!(s, 201, "{g}");
    assert_conforms(&g, "microsoft.graph.oAuth2PermissionGrant");
    assert_eq!(
        emu.call(&megan, "POST", "/v1.0/oauth2PermissionGrants", Some(grant))
            .await
            .0,
        409
    );
    let unknown = json!({"scope": "openid Nope.All"});
    let gpath = format!("/v1.0/oauth2PermissionGrants/{}", g["id"].as_str().unwrap());
    assert_eq!(
        emu.call(&megan, "PATCH", &gpath, Some(unknown)).await.0,
        400
    );
    assert_eq!(
        emu.call(
            &megan,
            "PATCH",
            &gpath,
            Some(json!({"scope": "openid User.Read Group.Read.All"}))
        )
        .await
        .0,
        204
    );
}
