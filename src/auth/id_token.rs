//! The signed-in account, read from the id token for display and for `principalId`. The token's
//! signature is not checked here: it came straight from the token endpoint over TLS, as MSAL.js
//! also trusts it; what is checked is that it belongs to this sign-in (the `nonce`).

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
}

/// Reads the account from an id token and checks its nonce against this attempt's.
pub fn account(id_token: &str, expected_nonce: Option<&str>) -> Result<Account, AuthError> {
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
    Ok(Account {
        name: text("name"),
        username: text("preferred_username"),
        object_id: text("oid"),
        tenant_id: text("tid"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(claims: &str) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let bytes = claims.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for i in 0..=chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        format!("eyJhbGciOiJSUzI1NiJ9.{out}.sig")
    }

    #[test]
    fn reads_the_account_and_checks_the_nonce() {
        let t = token(
            r#"{"name":"Megan Bowen","preferred_username":"MeganB@contoso.onmicrosoft.com","oid":"o1","tid":"t1","nonce":"n-1"}"#,
        );
        let a = account(&t, Some("n-1")).unwrap();
        assert_eq!(a.name, "Megan Bowen");
        assert_eq!(a.object_id, "o1");
        assert_eq!(account(&t, Some("other")), Err(AuthError::NonceMismatch));
        assert!(account("garbage", None).is_err());
    }
}
