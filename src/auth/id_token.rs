//! The signed-in account, read from the id token for display and for `principalId`. The token's
//! signature is not checked here: it came straight from the token endpoint over TLS, as MSAL.js
//! also trusts it; what is checked is that it belongs to this sign-in (the `nonce`), this app
//! (`aud`), the configured tenant (`tid`, `iss`), this moment (`exp`) and somebody (`oid`).

use super::claims::base64_decode;
use super::errors::AuthError;
use serde::{Deserialize, Serialize};

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    /// `preferred_username`, usually the UPN.
    pub username: String,
    /// The user's object id (`oid`): Graph's `user.id` and PIM's `principalId`.
    pub object_id: String,
    pub tenant_id: String,
    /// Seconds to add to this browser's clock for Entra's (from the token's `iat`): every
    /// "active", "expired" and "time left" goes by service time (`crate::clock`).
    #[serde(default)]
    pub clock_offset_secs: i64,
}

/// What an id token must say to be this sign-in's.
#[derive(Clone, Debug, Default)]
pub struct Expected<'a> {
    pub nonce: Option<&'a str>,
    pub client_id: &'a str,
    /// The configured tenant: checked against `tid` and `iss` when it is a tenant id (a domain
    /// name or `organizations` cannot be compared).
    pub tenant: &'a str,
    /// Seconds since 1970, for `exp`.
    pub now: i64,
}

fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Clock skew allowed on `exp`, as MSAL allows.
const SKEW_SECS: i64 = 300;

/// Reads the account from an id token and checks it against this sign-in.
pub fn account(id_token: &str, expected: &Expected<'_>) -> Result<Account, AuthError> {
    let expected_nonce = expected.nonce;
    let payload = id_token
        .split('.')
        .nth(1)
        .ok_or_else(|| AuthError::Transport("the id token is malformed".into()))?;
    let bytes = base64_decode(payload)
        .ok_or_else(|| AuthError::Transport("the id token is not base64url".into()))?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|_| AuthError::Transport("the id token is not JSON".into()))?;
    if let Some(expected) = expected_nonce {
        if claims["nonce"].as_str() != Some(expected) {
            return Err(AuthError::NonceMismatch);
        }
    }
    let text = |k: &str| claims[k].as_str().unwrap_or_default().to_owned();
    let refuse = |why: &str| Err(AuthError::IdToken(why.to_owned()));
    let aud_ok = match &claims["aud"] {
        serde_json::Value::String(a) => a == expected.client_id,
        serde_json::Value::Array(a) => a.iter().any(|x| x.as_str() == Some(expected.client_id)),
        _ => false,
    };
    if !aud_ok {
        return refuse("it was issued to another application (aud)");
    }
    let tid = text("tid");
    if is_guid(expected.tenant) && !tid.eq_ignore_ascii_case(expected.tenant) {
        return refuse("it comes from another tenant (tid)");
    }
    // With `organizations` any tenant may sign in, but the issuer must still be the tenant the
    // token names, as Microsoft's multi-tenant validation asks.
    if !text("iss")
        .to_ascii_lowercase()
        .ends_with(&format!("/{}/v2.0", tid.to_ascii_lowercase()))
    {
        return refuse("its issuer is not the tenant's (iss)");
    }
    // The token was issued just now, by the service's clock: how far this browser's is off.
    // `now` is whole seconds, rounded down: one second later is never before the token arrived,
    // so the estimate never puts service time ahead (an activation sent "now" would otherwise
    // start up to a second in the future, which Graph schedules instead of activating).
    let offset = claims["iat"]
        .as_i64()
        .map_or(0, |iat| crate::clock::estimate(iat, expected.now + 1));
    match claims["exp"].as_i64() {
        Some(exp) if exp + SKEW_SECS > expected.now + offset => {}
        _ => return refuse("it has expired (exp)"),
    }
    if text("oid").is_empty() {
        return refuse("it names no user (oid)");
    }
    Ok(Account {
        name: text("name"),
        username: text("preferred_username"),
        object_id: text("oid"),
        tenant_id: text("tid"),
        clock_offset_secs: offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(claims: &str) -> String {
        let out = crate::auth::pkce::b64url(claims.as_bytes());
        format!("eyJhbGciOiJSUzI1NiJ9.{out}.sig")
    }

    const TID: &str = "9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f";

    fn expect(nonce: &str) -> Expected<'_> {
        Expected {
            nonce: Some(nonce),
            client_id: "app",
            tenant: TID,
            now: 1_000_000,
        }
    }

    fn claims(over: serde_json::Value) -> String {
        let mut c = serde_json::json!({"name": "Megan Bowen", "preferred_username": "MeganB@contoso.onmicrosoft.com",
            "oid": "o1", "tid": TID, "nonce": "n-1", "aud": "app", "exp": 1_000_100,
            "iss": format!("https://login.microsoftonline.com/{TID}/v2.0")});
        c.as_object_mut()
            .unwrap()
            .extend(over.as_object().unwrap().clone());
        token(&c.to_string())
    }

    #[test]
    fn a_wrong_browser_clock_is_measured_not_refused() {
        use serde_json::json;
        // The browser 65 minutes behind the service: the token was issued "in the future".
        // (A second less than iat - now: `now` is rounded down, and service time must never be
        // estimated ahead of the service's own.)
        let behind = claims(json!({"iat": 1_003_900, "exp": 1_007_500}));
        assert_eq!(
            account(&behind, &expect("n-1")).unwrap().clock_offset_secs,
            3_899
        );
        // 65 minutes ahead: its exp is "past" by the browser's clock, yet the token is new.
        let ahead = claims(json!({"iat": 996_100, "exp": 999_700}));
        assert_eq!(
            account(&ahead, &expect("n-1")).unwrap().clock_offset_secs,
            -3_901
        );
        let stale = claims(json!({"iat": 990_000, "exp": 993_600}));
        assert_eq!(
            account(&stale, &expect("n-1")).unwrap().clock_offset_secs,
            -10_001
        );
        let on_time = claims(json!({"iat": 999_998}));
        assert_eq!(
            account(&on_time, &expect("n-1")).unwrap().clock_offset_secs,
            0
        );
    }

    #[test]
    fn reads_the_account_and_checks_the_nonce() {
        let t = claims(serde_json::json!({}));
        let a = account(&t, &expect("n-1")).unwrap();
        assert_eq!(a.name, "Megan Bowen");
        assert_eq!(a.object_id, "o1");
        assert_eq!(account(&t, &expect("other")), Err(AuthError::NonceMismatch));
        assert!(account("garbage", &expect("n-1")).is_err());
    }

    #[test]
    fn a_token_for_another_app_tenant_time_or_nobody_is_refused() {
        use serde_json::json;
        let refused = |over: serde_json::Value| {
            matches!(
                account(&claims(over), &expect("n-1")),
                Err(AuthError::IdToken(_))
            )
        };
        assert!(refused(json!({"aud": "other-app"})));
        assert!(refused(
            json!({"tid": "00000000-0000-0000-0000-000000000000"})
        ));
        assert!(refused(json!({"iss": "https://evil.example/v2.0"})));
        assert!(refused(json!({"exp": 1_000_000 - 301})));
        assert!(refused(json!({"exp": null})));
        assert!(refused(json!({"oid": ""})));
        assert!(!refused(json!({"aud": ["x", "app"]})));
        // A domain-name tenant cannot be compared with tid; the rest still holds.
        let by_domain = Expected {
            tenant: "contoso.onmicrosoft.com",
            ..expect("n-1")
        };
        let other = "https://login.microsoftonline.com/other/v2.0";
        assert!(account(&claims(json!({"tid": "other", "iss": other})), &by_domain).is_ok());
        // Any organisation (`organizations`): any tid, but the issuer must be that tenant's.
        let any = Expected {
            tenant: "organizations",
            ..expect("n-1")
        };
        assert!(account(&claims(json!({"tid": "other", "iss": other})), &any).is_ok());
        assert!(account(&claims(json!({"tid": "other"})), &any).is_err());
    }
}
