//! Every static-host header file carries the full set of security headers, with the same values.

use std::collections::BTreeMap;

const REQUIRED: [&str; 7] = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
];

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{}/public/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn netlify() -> BTreeMap<String, String> {
    read("_headers")
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.trim().split_once(": "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn azure() -> BTreeMap<String, String> {
    let v: serde_json::Value = serde_json::from_str(&read("staticwebapp.config.json")).unwrap();
    v["globalHeaders"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn both_header_files_carry_every_security_header_with_the_same_values() {
    let (a, b) = (netlify(), azure());
    for h in REQUIRED {
        assert!(a.contains_key(h), "_headers lacks {h}");
        assert!(b.contains_key(h), "staticwebapp.config.json lacks {h}");
        assert_eq!(a[h], b[h], "{h} differs");
    }
    assert_eq!(a["X-Frame-Options"], "DENY");
    assert!(a["Content-Security-Policy"].contains("frame-ancestors 'none'"));
    assert!(a["Strict-Transport-Security"].starts_with("max-age="));
    assert_eq!(a["X-Content-Type-Options"], "nosniff");
}
