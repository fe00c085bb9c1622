//! Error reading: Graph's envelope, PIM's wrapped and claims-carrying variants, non-JSON, empty.

use super::*;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../shared/graph/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn reads_the_throttling_envelope() {
    let e = GraphError::from_response(
        429,
        ErrorHeaders {
            retry_after: Some("2.128"),
            ..Default::default()
        },
        &fixture("throttling-429.response.json"),
    );
    assert_eq!(e.code, "TooManyRequests");
    assert_eq!(e.inner_code.as_deref(), Some("429"));
    assert!(e.request_id.is_some());
    assert_eq!(e.retry_after.as_deref(), Some("2.128"));
}

#[test]
fn reads_pims_refusals_and_their_claims() {
    let e = GraphError::from_response(
        400,
        ErrorHeaders::default(),
        &fixture("field-reports/acrs-validation-failed.graph.400.json"),
    );
    assert_eq!(
        e.effective_code(),
        "RoleAssignmentRequestAcrsValidationFailed"
    );
    assert_eq!(e.claims.unwrap().acrs().as_deref(), Some("c1"));
    let w = GraphError::from_response(
        400,
        ErrorHeaders::default(),
        &fixture("field-reports/acrs-validation-failed.wrapped-variant.400.json"),
    );
    assert_eq!(w.code, "UnknownError");
    assert_eq!(
        w.effective_code(),
        "RoleAssignmentRequestAcrsValidationFailed"
    );
    assert!(w.message.starts_with("&claims="));
    assert!(w.claims.is_some());
    let p = GraphError::from_response(
        400,
        ErrorHeaders::default(),
        &fixture("field-reports/policy-validation-failed.400.json"),
    );
    assert_eq!(p.code, "RoleAssignmentRequestPolicyValidationFailed");
    assert!(p.claims.is_none());
}

#[test]
fn non_json_and_empty_bodies_still_make_an_error_with_the_header_ids() {
    let h = ErrorHeaders {
        request_id: Some("rid"),
        date: Some("Sun, 22 Nov 2026 20:00:00 GMT"),
        ..Default::default()
    };
    let e = GraphError::from_response(502, h.clone(), "<html>Bad Gateway</html>");
    assert_eq!(e.code, "HTTP502");
    assert!(e.message.contains("Bad Gateway"));
    assert_eq!(e.request_id.as_deref(), Some("rid"));
    let e = GraphError::from_response(503, h, "");
    assert_eq!(e.message, "HTTP 503 with an empty answer.");
    assert!(e.details().contains("Request id: rid"));
    let t = GraphError::transport("TypeError: Failed to fetch", "crid");
    assert_eq!(
        (t.status, t.client_request_id.as_deref()),
        (0, Some("crid"))
    );
}

#[test]
fn a_cae_challenge_in_www_authenticate_is_read_and_is_no_step_up() {
    let claims = r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#;
    let b64: String = {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in claims.as_bytes().chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for i in 0..4 {
                out.push(if i <= chunk.len() {
                    A[(n >> (18 - 6 * i) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
        out
    };
    let www = format!("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"{b64}\"");
    let e = GraphError::from_response(
        401,
        ErrorHeaders {
            www_authenticate: Some(&www),
            ..Default::default()
        },
        r#"{"error":{"code":"InvalidAuthenticationToken","message":"Continuous access evaluation resulted in challenge"}}"#,
    );
    let c = e.claims.expect("the challenge is read");
    assert_eq!(c.claims["access_token"]["nbf"]["value"], "1604106651");
    assert_eq!(c.acrs(), None);
}
