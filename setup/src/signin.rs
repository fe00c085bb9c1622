//! Signs the administrator in with the OAuth 2.0 device authorization grant (RFC 8628) on the
//! `oauth2` crate: prints the code and the page, waits for the token. The token stays in memory.

use oauth2::basic::BasicClient;
use oauth2::http::{header, Response, StatusCode};
use oauth2::{
    AuthType, ClientId, DeviceAuthorizationUrl, HttpRequest, HttpResponse, RequestTokenError,
    Scope, StandardDeviceAuthorizationResponse, TokenResponse, TokenUrl,
};
use std::io::Read;
use std::time::Duration;

/// Why a request to Entra got no answer at all.
#[derive(Debug)]
pub struct NoAnswer(String);
impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for NoAnswer {}

/// One form POST to Entra over ureq. A 4xx is an answer here (the device grant's "pending" is a
/// 400), where ureq calls it an error and the crate's own ureq adapter would lose the body.
fn send(agent: &ureq::Agent, request: HttpRequest) -> Result<HttpResponse, NoAnswer> {
    let mut req = agent.request(request.method().as_str(), &request.uri().to_string());
    for (name, value) in request.headers() {
        req = req.set(
            name.as_str(),
            value.to_str().map_err(|e| NoAnswer(e.to_string()))?,
        );
    }
    let answer = match req.send_bytes(request.body()) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => return Err(NoAnswer(e.to_string())),
    };
    let status = StatusCode::from_u16(answer.status()).map_err(|e| NoAnswer(e.to_string()))?;
    let mut body = vec![];
    answer
        .into_reader()
        .take(1 << 20)
        .read_to_end(&mut body)
        .map_err(|e| NoAnswer(e.to_string()))?;
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .map_err(|e| NoAnswer(e.to_string()))
}

/// The tenant's id: its discovery document names it in the issuer, for a domain name too.
pub fn tenant_id(agent: &ureq::Agent, login: &str, tenant: &str) -> Result<String, String> {
    let url = format!("{login}/{tenant}/v2.0/.well-known/openid-configuration");
    let answer = agent.get(&url).call();
    let doc: serde_json::Value = match answer {
        Ok(r) => r
            .into_json()
            .map_err(|e| format!("{url}: unreadable answer ({e})"))?,
        Err(ureq::Error::Status(_, r)) => {
            let body: serde_json::Value = r.into_json().unwrap_or_default();
            return Err(format!(
                "tenant {tenant} not found: {} {}",
                body["error"].as_str().unwrap_or("(no error)"),
                body["error_description"].as_str().unwrap_or("")
            ));
        }
        Err(e) => return Err(format!("{url}: {e}")),
    };
    let issuer = doc["issuer"].as_str().unwrap_or("");
    issuer
        .trim_end_matches("/v2.0")
        .rsplit('/')
        .next()
        .filter(|id| id.len() == 36)
        .map(str::to_owned)
        .ok_or_else(|| {
            format!("the discovery document of {tenant} names no tenant id (issuer {issuer})")
        })
}

/// The device code sign-in; returns the access token for Microsoft Graph.
pub fn device_code(
    agent: &ureq::Agent,
    login: &str,
    tenant: &str,
    client_id: &str,
    scopes: &[String],
) -> Result<String, String> {
    let base = format!("{login}/{tenant}/oauth2/v2.0");
    let client = BasicClient::new(ClientId::new(client_id.to_owned()))
        // A public client has no secret: its id travels in the body.
        .set_auth_type(AuthType::RequestBody)
        .set_token_uri(TokenUrl::new(format!("{base}/token")).map_err(|e| e.to_string())?)
        .set_device_authorization_url(
            DeviceAuthorizationUrl::new(format!("{base}/devicecode")).map_err(|e| e.to_string())?,
        );
    let mut ask = client.exchange_device_code();
    for s in scopes {
        ask = ask.add_scope(Scope::new(s.clone()));
    }
    let http = |r: HttpRequest| send(agent, r);
    let details: StandardDeviceAuthorizationResponse = ask.request(&http).map_err(explain)?;
    println!(
        "To sign in, open {} in any browser and enter the code {}",
        details.verification_uri().as_str(),
        details.user_code().secret()
    );
    let token = client
        .exchange_device_access_token(&details)
        .request(&http, std::thread::sleep, Some(Duration::from_secs(900)))
        .map_err(explain)?;
    println!("Signed in.");
    Ok(token.access_token().secret().clone())
}

/// The token endpoint's refusal in its own words: error, description (Entra's AADSTS code,
/// trace and correlation ids are in it).
fn explain<RE: std::error::Error + 'static, T: oauth2::ErrorResponse + 'static>(
    e: RequestTokenError<RE, T>,
) -> String {
    match e {
        RequestTokenError::ServerResponse(r) => format!("sign-in refused: {r}"),
        RequestTokenError::Request(r) => format!("sign-in: no answer from Entra ID: {r}"),
        RequestTokenError::Parse(p, body) => format!(
            "sign-in: unreadable answer ({p}): {}",
            String::from_utf8_lossy(&body)
        ),
        RequestTokenError::Other(o) => format!("sign-in: {o}"),
    }
}
