//! Test helpers: start an emulator on a free port, sign people in through the real endpoints,
//! and call Graph.
#![allow(dead_code, unused_imports)]

pub mod csdl;
pub mod reviews;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use entra_emulator::tenant::demo::{CLIENT_ID, TENANT_ID};
use entra_emulator::{spawn, Options, Running};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub const APP: &str = "http://127.0.0.1:18080";
pub use entra_emulator::tenant::demo::{ADELE, ALEX, DIEGO, EXT, LIDIA, MEGAN};
pub const HELPDESK: &str = "347ea741-b4c8-4d9e-8111-87902089734f";
pub const EX_EXT: &str = "b3c7d634-1627-454b-875b-fa1ed5210e5d";
pub const LICENSE: &str = "d1ea7894-ac63-4cab-82c6-24b892ed7ef1";
pub const TRAVEL: &str = "778c3149-d224-49ad-b4b3-772733a19fa6";
pub const DYNAMIC: &str = "ec09b6f5-7cbb-41eb-a1fe-d755e665edc8";
pub const PIM: &str = "/v1.0/identityGovernance/privilegedAccess/group";

pub struct Emu {
    pub running: Running,
    pub base: String,
    pub http: reqwest::Client,
}

pub async fn start() -> Emu {
    start_with(Options {
        app_url: APP.into(),
        ..Options::default()
    })
    .await
}

pub async fn start_with(options: Options) -> Emu {
    let running = spawn(options).await.expect("emulator starts");
    let base = running.base_url();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Emu {
        running,
        base,
        http,
    }
}

pub struct Tokens {
    pub access: String,
    pub refresh: String,
    pub id: String,
    pub raw: Value,
}

pub fn claims(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&B64.decode(part).unwrap()).unwrap()
}

pub const SCOPES: &str = "openid profile offline_access https://graph.microsoft.com/User.Read https://graph.microsoft.com/User.ReadBasic.All https://graph.microsoft.com/Group.ReadWrite.All https://graph.microsoft.com/RoleManagement.ReadWrite.Directory https://graph.microsoft.com/PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup https://graph.microsoft.com/PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup https://graph.microsoft.com/RoleManagementPolicy.ReadWrite.AzureADGroup https://graph.microsoft.com/Policy.Read.All https://graph.microsoft.com/Policy.Read.ConditionalAccess https://graph.microsoft.com/AuditLog.Read.All https://graph.microsoft.com/Directory.Read.All https://graph.microsoft.com/PrivilegedAccess.Read.AzureADGroup https://graph.microsoft.com/EntitlementManagement.Read.All https://graph.microsoft.com/AccessReview.ReadWrite.All";

impl Emu {
    pub fn authorize_params(
        &self,
        verifier: &str,
        extra: &[(&str, &str)],
    ) -> Vec<(String, String)> {
        let challenge = B64.encode(Sha256::digest(verifier.as_bytes()));
        let mut p: Vec<(String, String)> = [
            ("client_id", CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", &format!("{APP}/")),
            ("scope", SCOPES),
            ("state", "st-1"),
            ("nonce", "n-1"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in extra {
            p.retain(|(x, _)| x != k);
            p.push((k.to_string(), v.to_string()));
        }
        p
    }

    /// Picks `user` on the account picker (and Continue on a step-up page) and returns the code.
    pub async fn code_for(&self, user: &str, extra: &[(&str, &str)], mfa: bool) -> String {
        let verifier = "v".repeat(43);
        let mut form = self.authorize_params(&verifier, extra);
        form.push((
            "emu_action".into(),
            if extra.iter().any(|(k, _)| *k == "claims") {
                "stepup"
            } else {
                "signin"
            }
            .into(),
        ));
        form.push(("emu_user".into(), user.into()));
        if mfa {
            form.push(("emu_mfa".into(), "1".into()));
        }
        let url = format!("{}/{TENANT_ID}/oauth2/v2.0/authorize", self.base);
        let res = self.http.post(&url).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 302, "authorize answered {}", res.status());
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        let q: std::collections::HashMap<String, String> =
            serde_urlencoded::from_str(location.split_once('?').unwrap().1).unwrap();
        assert_eq!(q.get("state").map(String::as_str), Some("st-1"));
        q.get("code")
            .unwrap_or_else(|| panic!("no code in {location}"))
            .clone()
    }

    pub async fn redeem(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let url = format!("{}/{TENANT_ID}/oauth2/v2.0/token", self.base);
        let res = self
            .http
            .post(&url)
            .header("origin", APP)
            .form(form)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    pub async fn sign_in_with(&self, user: &str, extra: &[(&str, &str)], mfa: bool) -> Tokens {
        let code = self.code_for(user, extra, mfa).await;
        let verifier = "v".repeat(43);
        let redirect = format!("{APP}/");
        let (status, body) = self
            .redeem(&[
                ("client_id", CLIENT_ID),
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", &redirect),
                ("code_verifier", &verifier),
            ])
            .await;
        assert_eq!(status, 200, "{body}");
        Tokens {
            access: body["access_token"].as_str().unwrap().into(),
            refresh: body["refresh_token"].as_str().unwrap().into(),
            id: body["id_token"].as_str().unwrap().into(),
            raw: body,
        }
    }

    pub async fn sign_in(&self, user: &str) -> String {
        self.sign_in_with(user, &[], true).await.access
    }

    /// A token carrying the authentication context `acr` (the step-up page was passed).
    pub async fn step_up(&self, user: &str, acr: &str) -> String {
        let claims = json!({"access_token": {"acrs": {"essential": true, "value": acr}, "xms_cc": {"values": ["cp1"]}}}).to_string();
        self.sign_in_with(user, &[("claims", &claims)], true)
            .await
            .access
    }

    pub async fn call(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.call_with(token, method, path, body, &[]).await
    }

    pub async fn call_with(
        &self,
        token: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self
            .http
            .request(method.parse().unwrap(), url)
            .bearer_auth(token);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (
            status,
            if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap_or(Value::String(text))
            },
        )
    }

    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let mut req = self
            .http
            .request(
                method.parse().unwrap(),
                format!("{}/_emulator/{path}", self.base),
            )
            .header("x-emulator-control", "1");
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        res.json().await.unwrap_or(Value::Null)
    }
}

/// A request body for PIM with a duration.
pub fn pim_request(
    action: &str,
    group: &str,
    principal: &str,
    access: &str,
    duration: Option<&str>,
    justification: Option<&str>,
) -> Value {
    let mut v =
        json!({"accessId": access, "principalId": principal, "groupId": group, "action": action});
    if let Some(d) = duration {
        v["scheduleInfo"] = json!({"startDateTime": chrono::Utc::now().to_rfc3339(), "expiration": {"type": "afterDuration", "duration": d}});
    }
    if let Some(j) = justification {
        v["justification"] = json!(j);
    }
    v
}

/// A group's Member policy with its rules, as the app reads it.
pub async fn member_policy(e: &Emu, token: &str, group: &str) -> Value {
    let path = format!("/v1.0/policies/roleManagementPolicyAssignments?$filter=scopeId eq '{group}' and scopeType eq 'Group' and roleDefinitionId eq 'member'&$expand=policy($expand=rules)");
    let (status, body) = e.call(token, "GET", &path, None).await;
    assert_eq!(status, 200, "{body}");
    csdl::assert_collection(
        &body,
        "microsoft.graph.unifiedRoleManagementPolicyAssignment",
    );
    body["value"][0]["policy"].clone()
}

/// One rule of a policy read with its rules.
pub fn rule(policy: &Value, id: &str) -> Value {
    policy["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap()
}
