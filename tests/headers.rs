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

/// The path patterns of `_headers` and their Cache-Control values.
fn netlify_caching() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut path = String::new();
    for l in read("_headers").lines() {
        if l.starts_with('/') {
            path = l.trim().to_owned();
        } else if let Some(v) = l.trim().strip_prefix("Cache-Control: ") {
            out.insert(path.clone(), v.to_owned());
        }
    }
    out
}

#[test]
fn both_files_cache_the_hashed_files_for_a_year_and_revalidate_the_page_and_config() {
    let v: serde_json::Value = serde_json::from_str(&read("staticwebapp.config.json")).unwrap();
    let azure: BTreeMap<String, String> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            let cache = r["headers"]["Cache-Control"].as_str()?;
            Some((r["route"].as_str()?.to_owned(), cache.to_owned()))
        })
        .collect();
    assert_eq!(azure, netlify_caching());
    let immutable = "public, max-age=31536000, immutable";
    // The names scripts/build gives content-hashed files (compress.mjs's isHashed).
    for hashed in ["/bundle-*", "/styles-*", "/favicon-*"] {
        assert_eq!(azure[hashed], immutable, "{hashed}");
    }
    assert_eq!(azure["/index.html"], "no-cache");
    assert_eq!(azure["/config.json"], "no-cache");
}
