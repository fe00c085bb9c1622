//! The redirect back from `/authorize`: a code or an error, and the check of `state`.

use super::errors::AuthError;

/// What the authority put on the redirect URI.
#[derive(Clone, Debug, PartialEq)]
pub enum Callback {
    Code {
        code: String,
        state: String,
    },
    Error {
        error: String,
        description: String,
        state: Option<String>,
    },
}

/// Reads a query string (`?code=...&state=...`); `None` when it is no sign-in response.
pub fn parse(query: &str) -> Option<Callback> {
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if let Some(error) = get("error") {
        return Some(Callback::Error {
            error,
            description: get("error_description").unwrap_or_default(),
            state: get("state"),
        });
    }
    Some(Callback::Code {
        code: get("code")?,
        state: get("state")?,
    })
}

/// Where to land after sign-in: a path of this app only. Anything that would leave the origin
/// (`//evil.example/x`, `/\\evil`, `https:...`) or is not a path becomes `/`, so the page can
/// always put it in the address bar and the code never stays there.
pub fn safe_return(path: &str) -> String {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control());
    if ok {
        path.to_owned()
    } else {
        "/".to_owned()
    }
}

/// The code, if the state is the one this browser sent; the authority's error otherwise.
pub fn accept(callback: Callback, expected_state: Option<&str>) -> Result<String, AuthError> {
    match callback {
        Callback::Code { code, state } => {
            if expected_state != Some(state.as_str()) {
                return Err(AuthError::StateMismatch);
            }
            Ok(code)
        }
        Callback::Error {
            error,
            description,
            state,
        } => {
            // Entra returns the state with its errors too. An error without it, or with another,
            // is a link anyone could craft (`/?error=...&error_description=<any text>`): refused,
            // so no attacker-chosen text is shown in the app's chrome.
            if state.is_none() || state.as_deref() != expected_state {
                return Err(AuthError::StateMismatch);
            }
            Err(AuthError::authority(&error, &description))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_the_state_it_sent() {
        let cb = parse("?code=0.abc&state=s1&session_state=x").unwrap();
        assert_eq!(accept(cb.clone(), Some("s1")), Ok("0.abc".into()));
        assert_eq!(
            accept(cb.clone(), Some("s2")),
            Err(AuthError::StateMismatch)
        );
        assert_eq!(accept(cb, None), Err(AuthError::StateMismatch));
    }

    #[test]
    fn reads_errors_with_their_aadsts_code() {
        let cb =
            parse("error=access_denied&error_description=AADSTS65004%3A+User+declined&state=s1")
                .unwrap();
        match accept(cb, Some("s1")) {
            Err(AuthError::Authority { code, .. }) => assert_eq!(code, Some(65004)),
            other => panic!("{other:?}"),
        }
        let forged = parse("error=access_denied&error_description=x&state=evil").unwrap();
        assert_eq!(accept(forged, Some("s1")), Err(AuthError::StateMismatch));
        let stateless = parse("error=access_denied&error_description=Call+0800+now").unwrap();
        assert_eq!(
            accept(stateless.clone(), Some("s1")),
            Err(AuthError::StateMismatch)
        );
        assert_eq!(accept(stateless, None), Err(AuthError::StateMismatch));
    }

    #[test]
    fn only_paths_of_this_app_are_returned_to() {
        assert_eq!(
            safe_return("/approvals/r1?from=email#x"),
            "/approvals/r1?from=email#x"
        );
        for bad in [
            "//evil.example/x",
            "/\\evil.example",
            "https://evil.example/",
            "evil",
            "",
            "/a\nb",
        ] {
            assert_eq!(safe_return(bad), "/", "{bad}");
        }
    }

    #[test]
    fn other_queries_are_not_callbacks() {
        assert_eq!(parse("?tab=eligible"), None);
        assert_eq!(parse(""), None);
    }
}
