//! An absolute http(s) URL from `config.json`, checked and normalised by a small parser of our own.
//!
//! The `url` crate's full WHATWG parser cost every bundle about 9 KB brotli for three URLs an
//! operator writes once; this accepts what Entra ID, Graph and a redirect URI look like and
//! refuses the rest with a reason, rather than guessing.

use std::fmt;

/// `scheme://host[:port]/path[?query]`, scheme and host in lower case, a default port dropped,
/// an empty path written as `/` (as browsers and Entra ID's redirect URI matching do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrl {
    text: String,
    /// Length of `scheme://host[:port]`.
    origin_len: usize,
    scheme_len: usize,
}

impl WebUrl {
    /// Parses `value`; the error says what is wrong in words an operator can act on.
    pub fn parse(value: &str) -> Result<Self, String> {
        let (scheme, rest) = value
            .split_once("://")
            .ok_or("not an absolute URL (it has no scheme://)")?;
        let scheme = scheme.to_ascii_lowercase();
        let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !scheme_ok {
            return Err(format!("not an absolute URL (bad scheme {scheme:?})"));
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("a URL has no spaces or control characters".into());
        }
        if rest.contains('#') {
            return Err("a fragment (#...) is not allowed here".into());
        }
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return Err("user names or passwords in a URL are not allowed".into());
        }
        let (host, port) = split_port(authority)?;
        let host = host.to_ascii_lowercase();
        let port = match (port, scheme.as_str()) {
            (Some("443"), "https") | (Some("80"), "http") | (None, _) => String::new(),
            (Some(p), _) => format!(":{p}"),
        };
        let path = if tail.starts_with('/') { "" } else { "/" };
        let origin = format!("{scheme}://{host}{port}");
        Ok(WebUrl {
            origin_len: origin.len(),
            scheme_len: scheme.len(),
            text: format!("{origin}{path}{tail}"),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn scheme(&self) -> &str {
        &self.text[..self.scheme_len]
    }

    /// The host as written between `://` and the port (`[::1]` keeps its brackets).
    pub fn host(&self) -> &str {
        let authority = &self.text[self.scheme_len + 3..self.origin_len];
        split_port(authority).map_or(authority, |(host, _)| host)
    }

    /// `scheme://host[:port]`, as a Content-Security-Policy names a source.
    pub fn origin(&self) -> &str {
        &self.text[..self.origin_len]
    }

    /// The same URL without trailing slashes on its path (a base other paths are appended to).
    pub fn trimmed(self) -> Self {
        if self.text.contains('?') {
            return self;
        }
        let keep = self.text.trim_end_matches('/').len().max(self.origin_len);
        WebUrl {
            text: self.text[..keep].to_owned(),
            ..self
        }
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Splits `host[:port]`, checking both: an ASCII host name, an IPv4 address or a bracketed IPv6
/// address (an internationalised name must be written in its punycode form), a numeric port.
fn split_port(authority: &str) -> Result<(&str, Option<&str>), String> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let close = v6.find(']').ok_or("an IPv6 host needs its closing ]")?;
        let after = &v6[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(format!("unexpected {after:?} after the host")),
        };
        if !v6[..close]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return Err("not an IPv6 address between [ ]".into());
        }
        (&authority[..close + 2], port)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("the URL has no host".into());
    }
    let name_ok = host.starts_with('[')
        || host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !name_ok {
        return Err(format!(
            "the host {host:?} is not a plain ASCII name (write an international name in punycode)"
        ));
    }
    if let Some(p) = port {
        if p.is_empty() || p.len() > 5 || !p.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("the port {p:?} is not a number"));
        }
        if p.parse::<u32>().map_or(true, |n| n > 65535) {
            return Err(format!("the port {p} is out of range"));
        }
    }
    Ok((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> WebUrl {
        WebUrl::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn normalises_case_default_ports_and_an_empty_path() {
        let u = ok("HTTPS://Login.MicrosoftOnline.com:443");
        assert_eq!(u.as_str(), "https://login.microsoftonline.com/");
        assert_eq!(u.origin(), "https://login.microsoftonline.com");
        assert_eq!(u.scheme(), "https");
        assert_eq!(u.host(), "login.microsoftonline.com");
        assert_eq!(ok("http://localhost:80/x").as_str(), "http://localhost/x");
        assert_eq!(
            ok("https://pim.contoso.com?a=1").as_str(),
            "https://pim.contoso.com/?a=1"
        );
    }

    #[test]
    fn keeps_ports_paths_and_ipv6_hosts() {
        let u = ok("http://127.0.0.1:8081/v1.0/");
        assert_eq!(u.origin(), "http://127.0.0.1:8081");
        assert_eq!(u.host(), "127.0.0.1");
        assert_eq!(u.trimmed().as_str(), "http://127.0.0.1:8081/v1.0");
        let v6 = ok("http://[::1]:8080/");
        assert_eq!(v6.host(), "[::1]");
        assert_eq!(v6.origin(), "http://[::1]:8080");
        assert_eq!(
            ok("https://graph.microsoft.com/").trimmed().as_str(),
            "https://graph.microsoft.com"
        );
    }

    #[test]
    fn refuses_what_it_cannot_vouch_for() {
        for bad in [
            "/callback",
            "login.microsoftonline.com/t",
            "https://",
            "https://:443/",
            "https://user:pw@example.com/",
            "https://exa mple.com/",
            "https://example.com/#frag",
            "https://bücher.example/",
            "https://example.com:99999/",
            "https://example.com:44a/",
            "https://[::1/",
            "1http://example.com/",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
