//! Claims challenges: reading every shape of refusal that asks for a stronger token, and writing
//! the `claims` request for `/authorize` (the authentication context merged with `cp1`).

use serde_json::{json, Value};

/// The client capability that tells Entra this app can answer claims challenges.
pub const CLIENT_CAPABILITY: &str = "cp1";

/// A stronger token is needed: the `claims` request the authority must satisfy.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimsChallenge {
    /// The claims request, as JSON (`{"access_token":{"acrs":{...}}}`).
    pub claims: Value,
}

impl ClaimsChallenge {
    /// The authentication contexts asked for, if any: every valid one (`c1`..`c99`) of `value`
    /// and `values`, joined as `c1,c2`. Anything else in a challenge is not sent on to the
    /// authority, since the challenge is remote text.
    pub fn acrs(&self) -> Option<String> {
        let acrs = &self.claims["access_token"]["acrs"];
        let mut found: Vec<&str> = vec![];
        let listed = acrs["values"].as_array().into_iter().flatten();
        for v in std::iter::once(&acrs["value"]).chain(listed) {
            if let Some(c) = v.as_str().filter(|c| valid_context(c)) {
                if !found.contains(&c) {
                    found.push(c);
                }
            }
        }
        (!found.is_empty()).then(|| found.join(","))
    }
}

/// An authentication context id as Entra defines them: `c1` to `c99`.
pub fn valid_context(c: &str) -> bool {
    c.strip_prefix('c')
        .filter(|n| !n.starts_with('0'))
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=99).contains(&n))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// PIM puts the claims request URL-encoded after `&claims=` inside the error message, sometimes
/// inside a JSON string inside an `UnknownError`; search for it rather than trust one layout.
fn from_text(text: &str) -> Option<ClaimsChallenge> {
    let start = text.find("claims=")? + "claims=".len();
    let rest = &text[start..];
    let end = rest.find(['"', '\\', '&', ' ']).unwrap_or(rest.len());
    let decoded = percent_decode(&rest[..end])?;
    let claims: Value = serde_json::from_str(&decoded).ok()?;
    claims
        .get("access_token")
        .is_some()
        .then_some(ClaimsChallenge { claims })
}

/// A CAE-style `WWW-Authenticate: Bearer ... claims="<base64>"` header.
fn from_www_authenticate(header: &str) -> Option<ClaimsChallenge> {
    let start = header.find("claims=\"")? + "claims=\"".len();
    let end = header[start..].find('"')? + start;
    let raw = base64_decode(&header[start..end])?;
    let claims: Value = serde_json::from_str(std::str::from_utf8(&raw).ok()?).ok()?;
    Some(ClaimsChallenge { claims })
}

pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = vec![];
    let (mut buf, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        let c = match c {
            b'-' => b'+',
            b'_' => b'/',
            c => c,
        };
        buf = (buf << 6) | A.iter().position(|x| *x == c)? as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    Some(out)
}

/// Finds a claims challenge in a refusal: the body (any of PIM's shapes) or the header.
pub fn parse(body: &str, www_authenticate: Option<&str>) -> Option<ClaimsChallenge> {
    www_authenticate
        .and_then(from_www_authenticate)
        .or_else(|| {
            // The message may be JSON inside JSON; unescape one level so the search sees the text.
            from_text(body).or_else(|| from_text(&body.replace("\\\"", "\"")))
        })
}

/// The `claims` parameter for `/authorize`: always `cp1`, plus the authentication context when
/// one is needed. Built with a serializer, as a hand-written string is easy to get wrong.
pub fn request(acrs: Option<&str>) -> String {
    request_with(acrs, None)
}

/// `request`, merged with the claims of a challenge Graph sent (CAE's `insufficient_claims`
/// asks for a token issued after a time: `{"access_token":{"nbf":{...}}}`): its `access_token`
/// members are added as they came; `xms_cc` and `acrs` stay ours.
pub fn request_with(acrs: Option<&str>, challenge: Option<&ClaimsChallenge>) -> String {
    let mut access = json!({"xms_cc": {"values": [CLIENT_CAPABILITY]}});
    if let Some(asked) = challenge.and_then(|c| c.claims["access_token"].as_object()) {
        for (k, v) in asked {
            if k != "xms_cc" && k != "acrs" {
                access[k.as_str()] = v.clone();
            }
        }
    }
    // Several contexts at once ("c1,c2", for activating several groups) go as `values`.
    match acrs.map(|c| c.split(',').collect::<Vec<_>>()) {
        Some(v) if v.len() > 1 => access["acrs"] = json!({"essential": true, "values": v}),
        Some(v) => access["acrs"] = json!({"essential": true, "value": v[0]}),
        None => {}
    }
    json!({"access_token": access}).to_string()
}

#[cfg(test)]
mod tests;
