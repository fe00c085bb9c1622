//! Parsers of remote text never panic: claims challenges, Graph errors, `$batch` answers, id
//! tokens, sign-in callbacks and `config.json`, fed seeded random and mutated input (a
//! `cargo fuzz`-style run that needs no nightly toolchain and repeats exactly).

use pim_groups::auth::{callback, claims, id_token};
use pim_groups::config::AppConfig;
use pim_groups::graph::batch;
use pim_groups::graph::error::{ErrorHeaders, GraphError};

/// xorshift64*: small, seeded, the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that matter to these parsers, so random text often comes near valid input.
const ATOMS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\\\"",
    "error",
    "code",
    "message",
    "innerError",
    "claims",
    "access_token",
    "acrs",
    "value",
    "values",
    "essential",
    "c1",
    "c99",
    "c100",
    "responses",
    "id",
    "status",
    "body",
    "headers",
    "Retry-After",
    "WWW-Authenticate",
    "insufficient_claims",
    "Bearer ",
    "=",
    "&",
    "?",
    "%",
    "%7B",
    "%22",
    "state",
    "code=",
    "error_description",
    "eyJ",
    ".",
    "-",
    "_",
    "null",
    "true",
    "0",
    "18446744073709551616",
    "-1",
    "é",
    "\u{0}",
    "\n",
    "UnknownError",
    "RoleAssignmentRequestAcrsValidationFailed",
];

fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(40);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(4) == 0 {
            s.push(char::from_u32(rng.below(0x2FF) as u32).unwrap_or('?'));
        } else {
            s.push_str(ATOMS[rng.below(ATOMS.len())]);
        }
    }
    s
}

/// A valid sample with a few bytes cut, swapped or repeated.
fn mutate(rng: &mut Rng, sample: &str) -> String {
    let mut chars: Vec<char> = sample.chars().collect();
    for _ in 0..=rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let i = rng.below(chars.len());
        match rng.below(4) {
            0 => {
                chars.remove(i);
            }
            1 => chars[i] = ATOMS[rng.below(ATOMS.len())].chars().next().unwrap_or('x'),
            2 => chars.truncate(i),
            _ => {
                let extra: Vec<char> = random_text(rng).chars().collect();
                chars.splice(i..i, extra);
            }
        }
    }
    chars.into_iter().collect()
}

const SAMPLES: &[&str] = &[
    r#"{"error":{"code":"RoleAssignmentRequestAcrsValidationFailed","message":"The following policy rules failed: [\"AuthenticationContextRule\"]. Claims: {\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}","innerError":{"request-id":"r","date":"d"}}}"#,
    r#"{"responses":[{"id":"0","status":200,"body":{"value":[]}},{"id":"1","status":429,"headers":{"Retry-After":"2"},"body":{"error":{"code":"TooManyRequests","message":"later"}}}]}"#,
    "?code=0.abc&state=s1&session_state=x",
    "?error=access_denied&error_description=AADSTS65004%3A+declined&state=s1",
    r#"Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ==""#,
    "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcHAiLCJvaWQiOiJvMSJ9.sig",
    r#"{"authority":"https://login.microsoftonline.com/t","tenantId":"t","clientId":"c","redirectUri":"https://a/","scopes":["openid"],"graphBaseUrl":"https://graph.microsoft.com/v1.0"}"#,
];

fn inputs(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| {
            if i % 2 == 0 {
                random_text(&mut rng)
            } else {
                let sample = SAMPLES[rng.below(SAMPLES.len())];
                mutate(&mut rng, sample)
            }
        })
        .collect()
}

#[test]
fn graph_errors_and_claims_never_panic() {
    for text in inputs(0x5EED_0001, 20_000) {
        let e = GraphError::from_response(
            400,
            ErrorHeaders {
                www_authenticate: Some(&text),
                retry_after: Some(&text),
                ..Default::default()
            },
            &text,
        );
        let _ = e.effective_code();
        let _ = e.details();
        if let Some(c) = claims::parse(&text, Some(&text)) {
            // Whatever came, only valid contexts come out.
            if let Some(a) = c.acrs() {
                assert!(a.split(',').all(claims::valid_context), "{a}");
            }
        }
    }
}

#[test]
fn batch_answers_never_panic_whatever_ids_and_statuses_they_hold() {
    for text in inputs(0x5EED_0002, 20_000) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        if let Ok(parts) = batch::read(&v) {
            let kept = batch::only(parts, &[0, 1, 2]);
            assert!(kept.iter().all(|(i, _)| *i <= 2));
            let _ = batch::refused(&kept);
            let _ = batch::throttled(&kept);
        }
    }
    // Ids far outside the request cannot index past it.
    let wild = serde_json::json!({"responses": [{"id": "18446744073709551615", "status": 200}, {"id": "-3", "status": 500}, {"id": 7, "status": "x"}]});
    let parts = batch::read(&wild).unwrap();
    assert!(batch::only(parts, &[0]).is_empty());
}

#[test]
fn id_tokens_and_callbacks_never_panic() {
    let expected = id_token::Expected {
        nonce: Some("n"),
        client_id: "app",
        tenant: "9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f",
        now: 1_000,
    };
    for text in inputs(0x5EED_0003, 20_000) {
        let _ = id_token::account(&text, &expected);
        if let Some(cb) = callback::parse(&text) {
            let _ = callback::accept(cb, Some("s1"));
        }
        let back = callback::safe_return(&text);
        assert!(back.starts_with('/') && !back.starts_with("//"), "{back}");
        let _ = AppConfig::from_json(&text);
    }
}
