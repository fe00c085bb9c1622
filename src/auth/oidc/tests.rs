//! PKCE, state, nonce and token redemption against a fake token endpoint.

use super::*;
use crate::auth::pkce::b64url as encode;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

fn cfg() -> AppConfig {
    AppConfig::from_json(r#"{"authority":"https://login.microsoftonline.com/t1","tenantId":"t1","clientId":"6731de76-14a6-49ae-97bc-6eba6914391e","redirectUri":"https://pim.contoso.com/","scopes":["openid","https://graph.microsoft.com/User.Read"],"graphBaseUrl":"https://graph.microsoft.com/v1.0"}"#).unwrap()
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the fake client is synchronous"),
    }
}

fn b64url(s: &str) -> String {
    encode(s.as_bytes())
}

fn query(url: &str) -> std::collections::HashMap<String, String> {
    let q = url.split_once('?').unwrap().1;
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

#[test]
fn the_authorize_url_carries_pkce_state_nonce_and_claims() {
    let (url, attempt) = begin(
        &cfg(),
        "/approvals/r1?x=1",
        Prompt {
            acrs: Some("c1"),
            login_hint: Some("a@b"),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(url.starts_with("https://login.microsoftonline.com/t1/oauth2/v2.0/authorize?"));
    let q = query(&url);
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["state"], attempt.state);
    assert_eq!(q["nonce"], attempt.nonce);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["login_hint"], "a@b");
    assert!(q["scope"].contains("https://graph.microsoft.com/User.Read"));
    let claims: serde_json::Value = serde_json::from_str(&q["claims"]).unwrap();
    assert_eq!(claims["access_token"]["acrs"]["value"], "c1");
    assert_eq!(claims["access_token"]["xms_cc"]["values"][0], "cp1");
    // The challenge is the S256 of the verifier kept for the redirect.
    assert_eq!(q["code_challenge"], pkce::challenge(&attempt.verifier));
    assert_eq!(q["client_id"], "6731de76-14a6-49ae-97bc-6eba6914391e");
    assert_eq!(q["redirect_uri"], "https://pim.contoso.com/");
    assert_eq!(q["response_mode"], "query");
    assert_eq!(attempt.verifier.len(), 43, "RFC 7636: 43 to 128 characters");
    let (_, second) = begin(&cfg(), "/", Prompt::default()).unwrap();
    assert_ne!(
        second.state, attempt.state,
        "every attempt has its own state"
    );
    assert_ne!(second.nonce, attempt.nonce);
    assert_eq!(attempt.return_to, "/approvals/r1?x=1");
}

fn token_answer(nonce: &str) -> String {
    let id = format!(
        "e30.{}.sig",
        b64url(&format!(
            r#"{{"name":"Megan Bowen","preferred_username":"m@c","oid":"o1","tid":"t1","nonce":"{nonce}","aud":"6731de76-14a6-49ae-97bc-6eba6914391e","exp":4600,"iss":"https://login.microsoftonline.com/t1/v2.0"}}"#
        ))
    );
    serde_json::json!({"token_type":"Bearer","scope":"https://graph.microsoft.com/User.Read","expires_in":3599,"access_token":"AT","refresh_token":"RT","id_token":id}).to_string()
}

#[test]
fn a_code_is_redeemed_with_the_verifier_and_the_nonce_checked() {
    let (_, attempt) = begin(&cfg(), "/", Prompt::default()).unwrap();
    let sent = std::cell::RefCell::new(String::new());
    let nonce = attempt.nonce.clone();
    let to = std::cell::RefCell::new(String::new());
    let http = |url: String, form: String| {
        *to.borrow_mut() = url;
        *sent.borrow_mut() = form;
        let body = token_answer(&nonce);
        async move { Ok((200, body)) }
    };
    let (tokens, who) = block_on(redeem(&cfg(), &attempt, "CODE", 1_000, &http)).unwrap();
    assert_eq!(
        (
            tokens.access_token.as_str(),
            tokens.refresh_token.as_deref(),
            tokens.expires_at
        ),
        ("AT", Some("RT"), 4_599)
    );
    assert_eq!(who.name, "Megan Bowen");
    let form: std::collections::HashMap<String, String> =
        form_urlencoded::parse(sent.borrow().as_bytes())
            .into_owned()
            .collect();
    assert_eq!(form["code_verifier"], attempt.verifier);
    assert_eq!(form["client_id"], "6731de76-14a6-49ae-97bc-6eba6914391e");
    assert_eq!(form["grant_type"], "authorization_code");
    assert_eq!(form["code"], "CODE");
    assert_eq!(form["redirect_uri"], "https://pim.contoso.com/");
    assert_eq!(
        *to.borrow(),
        "https://login.microsoftonline.com/t1/oauth2/v2.0/token"
    );
    let wrong = |_: String, _: String| {
        let body = token_answer("someone-else");
        async move { Ok((200, body)) }
    };
    assert_eq!(
        block_on(redeem(&cfg(), &attempt, "CODE", 0, &wrong)).unwrap_err(),
        AuthError::NonceMismatch
    );
}

#[test]
fn authority_errors_keep_their_aadsts_code() {
    let (_, attempt) = begin(&cfg(), "/", Prompt::default()).unwrap();
    let refuse = |_: String, _: String| async move {
        let body = r#"{"error":"invalid_grant","error_description":"AADSTS54005: OAuth2 Authorization code was already redeemed.","error_codes":[54005]}"#;
        Ok((400, body.to_owned()))
    };
    match block_on(redeem(&cfg(), &attempt, "CODE", 0, &refuse)) {
        Err(AuthError::Authority { code, error, .. }) => {
            assert_eq!((code, error.as_str()), (Some(54005), "invalid_grant"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        block_on(refresh(&cfg(), &cfg().scopes, "RT", None, 0, &refuse)),
        Err(AuthError::Authority { .. })
    ));
}

#[test]
fn a_refresh_asks_for_the_same_scopes_and_unreadable_answers_are_named() {
    let sent = std::cell::RefCell::new(String::new());
    let http = |_: String, form: String| {
        *sent.borrow_mut() = form;
        async move {
            Ok((200, r#"{"token_type":"Bearer","expires_in":600,"access_token":"AT2","refresh_token":"RT2"}"#.to_owned()))
        }
    };
    let t = block_on(refresh(
        &cfg(),
        &cfg().scopes,
        "RT",
        Some("c1".into()),
        100,
        &http,
    ))
    .unwrap();
    assert_eq!(
        (
            t.access_token.as_str(),
            t.refresh_token.as_deref(),
            t.expires_at,
            t.acrs.as_deref()
        ),
        ("AT2", Some("RT2"), 700, Some("c1"))
    );
    let form: std::collections::HashMap<String, String> =
        form_urlencoded::parse(sent.borrow().as_bytes())
            .into_owned()
            .collect();
    assert_eq!(form["grant_type"], "refresh_token");
    assert_eq!(form["refresh_token"], "RT");
    assert_eq!(
        form["scope"],
        "openid profile offline_access https://graph.microsoft.com/User.Read"
    );
    let html =
        |_: String, _: String| async move { Ok((502, "<html>Bad gateway</html>".to_owned())) };
    assert_eq!(
        block_on(refresh(&cfg(), &cfg().scopes, "RT", None, 0, &html)).unwrap_err(),
        AuthError::Transport("unreadable token response (HTTP 502)".into())
    );
    let down =
        |_: String, _: String| async move { Err::<(u16, String), _>("network down".to_owned()) };
    assert_eq!(
        block_on(refresh(&cfg(), &cfg().scopes, "RT", None, 0, &down)).unwrap_err(),
        AuthError::Transport("network down".into())
    );
}

#[test]
fn the_logout_url_returns_to_the_app() {
    assert_eq!(logout_url(&cfg()), "https://login.microsoftonline.com/t1/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fpim.contoso.com%2F&state=signed-out");
    assert!(is_signed_out("?state=signed-out"));
    assert!(!is_signed_out("?code=x&state=signed-out"));
    assert!(!is_signed_out("?state=s1"));
}
