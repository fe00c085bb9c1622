//! Building Graph requests: paths, query options encoded once, OData string literals escaped,
//! and the `ConsistencyLevel: eventual` header wherever `$search` or `$count` need it.

use serde_json::Value;

/// An OData string literal: quotes doubled, so `O'Brien's admins` stays one value.
pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `prop eq 'value'`, escaped.
pub fn eq(prop: &str, value: &str) -> String {
    format!("{prop} eq {}", literal(value))
}

/// A `$search` clause (`"displayName:ops"`); double quotes inside the term are dropped, as the
/// directory does not accept them escaped, and so are backslashes, which would escape the
/// closing quote and leave the clause unterminated.
pub fn search_term(prop: &str, term: &str) -> String {
    format!("\"{prop}:{}\"", term.replace(['"', '\\'], ""))
}

/// An id or name as one path segment: everything but letters, digits and `-._~` is
/// percent-encoded, so an id from a link can never add a path, a query or a fragment.
pub fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    // `.` and `..` alone would walk the path, and so would `%2E` and `%2E%2E`: the URL standard
    // reads those as dot segments too. Encoded twice they are plain text to every URL parser
    // and name nothing at Graph (no id is a dot), which answers 404.
    match out.as_str() {
        "." => "%252E".into(),
        ".." => "%252E%252E".into(),
        _ => out,
    }
}

/// One Graph call, before it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphRequest {
    pub method: &'static str,
    /// Path relative to the Graph root, with its query (`/groups?$top=10`).
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    /// Sent to Graph's beta root instead of the configured one (never inside a v1.0 `$batch`).
    pub beta: bool,
}

fn encode(s: &str) -> String {
    // Graph wants `$` and `,` as they are; everything else that is not plain is percent-encoded.
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'$'
            | b','
            | b'('
            | b')'
            | b'='
            | b'/'
            | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl GraphRequest {
    pub fn new(method: &'static str, path: &str) -> GraphRequest {
        GraphRequest {
            method,
            url: path.to_owned(),
            headers: vec![],
            body: None,
            beta: false,
        }
    }

    /// The same call on Graph's beta endpoint, for what v1.0 does not have yet.
    pub fn beta(mut self) -> GraphRequest {
        self.beta = true;
        self
    }

    pub fn get(path: &str) -> GraphRequest {
        GraphRequest::new("GET", path)
    }

    pub fn post(path: &str, body: Value) -> GraphRequest {
        GraphRequest::new("POST", path).json(body)
    }

    pub fn patch(path: &str, body: Value) -> GraphRequest {
        GraphRequest::new("PATCH", path).json(body)
    }

    pub fn json(mut self, body: Value) -> GraphRequest {
        self.headers
            .push(("Content-Type", "application/json".into()));
        self.body = Some(body);
        self
    }

    /// Adds a query option, encoded; `$search` and `$count` bring `ConsistencyLevel: eventual`.
    pub fn query(mut self, key: &str, value: &str) -> GraphRequest {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        self.url = format!("{}{sep}{}={}", self.url, key, encode(value));
        if matches!(key, "$search" | "$count") {
            self.eventual();
        }
        self
    }

    fn eventual(&mut self) {
        if !self.headers.iter().any(|(k, _)| *k == "ConsistencyLevel") {
            self.headers.push(("ConsistencyLevel", "eventual".into()));
        }
    }

    /// Whether this request is an advanced query (its next pages need the header too).
    pub fn is_eventual(&self) -> bool {
        self.headers.iter().any(|(k, _)| *k == "ConsistencyLevel")
    }

    /// Whether sending this twice does no harm: GET, PUT and DELETE, actions that only read
    /// (`getByIds`), and a `$batch` made only of such requests. POST and PATCH are not.
    pub fn is_idempotent(&self) -> bool {
        match self.method {
            "POST" if self.url == "/$batch" => self
                .body
                .as_ref()
                .and_then(|b| b["requests"].as_array())
                .is_some_and(|parts| {
                    parts.iter().all(|p| {
                        let method = p["method"].as_str().unwrap_or("POST");
                        let url = p["url"].as_str().unwrap_or("");
                        matches!(method, "GET" | "PUT" | "DELETE") || read_only_action(url)
                    })
                }),
            "POST" => read_only_action(&self.url),
            "PATCH" => false,
            _ => true,
        }
    }

    /// The request for the next page: Graph's link verbatim, with this request's headers, which
    /// `@odata.nextLink` does not carry.
    pub fn next_page(&self, next_link: &str) -> GraphRequest {
        GraphRequest {
            method: "GET",
            url: next_link.to_owned(),
            headers: self.headers.clone(),
            body: None,
            beta: self.beta,
        }
    }
}

/// POST actions that change nothing.
fn read_only_action(url: &str) -> bool {
    url.split('?')
        .next()
        .is_some_and(|p| p.ends_with("/getByIds"))
}

/// Graph's beta root beside the configured one: `https://graph.microsoft.com/v1.0` gives
/// `https://graph.microsoft.com/beta` (the last path segment is the version).
pub fn beta_root(base: &str) -> String {
    let base = base.trim_end_matches('/');
    let host_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|p| start + p));
    match host_end {
        Some(path_start) => {
            let last = base.rfind('/').unwrap_or(path_start);
            format!("{}/beta", &base[..last])
        }
        None => format!("{base}/beta"),
    }
}

/// `link` as a path under `base` (`https://graph.microsoft.com/v1.0`), or `None` when it points
/// anywhere else: an `@odata.nextLink` is followed with the user's token only to Graph itself.
pub fn under_base(base: &str, link: &str) -> Option<String> {
    let base = base.trim_end_matches('/');
    let rest = link.strip_prefix(base)?;
    (rest.starts_with('/') && !rest.starts_with("//")).then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dot_id_can_never_be_a_dot_segment() {
        use super::segment;
        assert_eq!(segment(".."), "%252E%252E");
        assert_eq!(segment("."), "%252E");
        assert_eq!(segment("a.b"), "a.b");
        // Whatever the encoding, no segment is one the URL standard resolves as `.` or `..`.
        for id in [".", "..", "%2e%2e", "%2E.", ".%2e"] {
            let s = segment(id).to_ascii_lowercase();
            assert!(
                ![".", "..", "%2e", "%2e%2e", ".%2e", "%2e."].contains(&s.as_str()),
                "{id} -> {s}"
            );
        }
    }

    use super::*;

    #[test]
    fn the_beta_root_replaces_the_version() {
        assert_eq!(
            beta_root("https://graph.microsoft.com/v1.0"),
            "https://graph.microsoft.com/beta"
        );
        assert_eq!(
            beta_root("http://127.0.0.1:8081/v1.0/"),
            "http://127.0.0.1:8081/beta"
        );
        assert_eq!(
            beta_root("https://graph.microsoft.us"),
            "https://graph.microsoft.us/beta"
        );
        let r = GraphRequest::get("/x").beta();
        assert!(r.beta && r.next_page("/x?$skiptoken=1").beta);
    }

    #[test]
    fn search_terms_stay_one_clause_whatever_is_typed() {
        assert_eq!(search_term("displayName", "ad\\"), "\"displayName:ad\"");
        assert_eq!(
            search_term("displayName", "a\"b\\\"c"),
            "\"displayName:abc\""
        );
    }

    #[test]
    fn only_reads_and_batches_of_reads_are_idempotent() {
        assert!(GraphRequest::get("/groups").is_idempotent());
        assert!(GraphRequest::new("DELETE", "/x").is_idempotent());
        assert!(!GraphRequest::post("/groups", Value::Null).is_idempotent());
        assert!(!GraphRequest::patch("/policies/x", Value::Null).is_idempotent());
        assert!(GraphRequest::post("/directoryObjects/getByIds", Value::Null).is_idempotent());
        let reads =
            crate::graph::batch::bodies(&[GraphRequest::get("/a"), GraphRequest::get("/b")]);
        assert!(GraphRequest::post("/$batch", reads[0].clone()).is_idempotent());
        let mixed = crate::graph::batch::bodies(&[
            GraphRequest::get("/a"),
            GraphRequest::post("/b", Value::Null),
        ]);
        assert!(!GraphRequest::post("/$batch", mixed[0].clone()).is_idempotent());
    }

    #[test]
    fn next_links_are_followed_only_under_the_graph_root() {
        let base = "https://graph.microsoft.com/v1.0";
        assert_eq!(
            under_base(base, "https://graph.microsoft.com/v1.0/groups?$skiptoken=X").as_deref(),
            Some("/groups?$skiptoken=X")
        );
        assert_eq!(under_base(base, "https://evil.example/v1.0/groups"), None);
        assert_eq!(
            under_base(base, "https://graph.microsoft.com.evil.example/v1.0/x"),
            None
        );
        assert_eq!(
            under_base(base, "https://graph.microsoft.com/v1.0.evil/x"),
            None
        );
        assert_eq!(under_base(base, "https://graph.microsoft.com/beta/x"), None);
        assert_eq!(
            under_base(base, "https://graph.microsoft.com/v1.0//evil.example/x"),
            None
        );
    }

    #[test]
    fn literals_double_their_quotes() {
        assert_eq!(literal("O'Brien's admins"), "'O''Brien''s admins'");
        assert_eq!(eq("displayName", "O'Brien"), "displayName eq 'O''Brien'");
    }

    #[test]
    fn query_options_are_encoded_and_search_brings_consistency_level() {
        let r = GraphRequest::get("/groups")
            .query("$filter", &eq("displayName", "O'Brien's admins"))
            .query("$top", "50");
        assert_eq!(
            r.url,
            "/groups?$filter=displayName%20eq%20%27O%27%27Brien%27%27s%20admins%27&$top=50"
        );
        assert!(!r.is_eventual());
        let s = GraphRequest::get("/users")
            .query("$search", &search_term("displayName", "ad\"a"))
            .query("$count", "true");
        assert!(s.url.contains("$search=%22displayName:ada%22"));
        assert_eq!(
            s.headers
                .iter()
                .filter(|(k, _)| *k == "ConsistencyLevel")
                .count(),
            1
        );
        let next = s.next_page("https://graph.microsoft.com/v1.0/users?$skiptoken=X");
        assert!(
            next.is_eventual(),
            "every page of an advanced query carries the header"
        );
    }
}
