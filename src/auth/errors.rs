//! `AuthError`: what went wrong with sign-in, in words a person can act on, with the AADSTS code.

use std::fmt;

/// A sign-in failure.
#[derive(Clone, Debug, PartialEq)]
pub enum AuthError {
    /// The `state` that came back is not the one this browser sent: a forged or stale redirect.
    StateMismatch,
    /// The id token's `nonce` is not this attempt's: a replayed token.
    NonceMismatch,
    /// The authority refused, with its `error`, optional `AADSTSnnnnn` code and description.
    Authority {
        error: String,
        code: Option<u32>,
        description: String,
    },
    /// The token endpoint could not be reached or answered nonsense.
    Transport(String),
    /// No session: the user has to sign in.
    SignInRequired,
}

/// Reads `AADSTS50011: text` at the start of an `error_description`.
pub fn aadsts_code(description: &str) -> Option<u32> {
    let rest = description.trim_start().strip_prefix("AADSTS")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

impl AuthError {
    /// An error from the authority's redirect or token endpoint.
    pub fn authority(error: &str, description: &str) -> AuthError {
        AuthError::Authority {
            error: error.to_owned(),
            code: aadsts_code(description),
            description: description.to_owned(),
        }
    }

    /// One sentence saying what to do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            AuthError::StateMismatch => "The sign-in response did not come from the sign-in this page started. Sign in again from here.",
            AuthError::NonceMismatch => "The identity token was not issued for this sign-in. Sign in again.",
            AuthError::Transport(_) => "The sign-in service could not be reached. Check the network and try again.",
            AuthError::SignInRequired => "Sign in to continue.",
            AuthError::Authority { code, error, .. } => match (code, error.as_str()) {
                (Some(65001), _) | (_, "consent_required") => "An administrator must grant consent to this app's permissions in Entra ID (Enterprise applications > Permissions).",
                (Some(65004), _) | (_, "access_denied") => "Sign-in was cancelled or consent was declined. Sign in again and accept, or ask an administrator.",
                (Some(50011), _) => "The redirect URI in config.json is not registered for this app as a Single-page application.",
                (Some(700016), _) => "The client id in config.json is not an app registered in this tenant.",
                (Some(90002), _) => "The tenant in config.json does not exist.",
                (Some(9002325), _) | (Some(9002327), _) => "The app must be registered as a Single-page application (PKCE and cross-origin redemption).",
                (Some(700084), _) | (Some(70008), _) => "The session has expired. Sign in again.",
                (_, "interaction_required" | "login_required") => "Sign in again to continue.",
                _ => "Sign-in failed. Sign in again; if it keeps failing, give the code below to an administrator.",
            },
        }
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::StateMismatch => write!(f, "The sign-in response's state does not match."),
            AuthError::NonceMismatch => write!(f, "The identity token's nonce does not match."),
            AuthError::Transport(why) => write!(f, "Could not complete sign-in: {why}"),
            AuthError::SignInRequired => write!(f, "Not signed in."),
            AuthError::Authority {
                error, description, ..
            } => write!(f, "{error}: {description}"),
        }
    }
}

impl std::error::Error for AuthError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_aadsts_codes_and_gives_advice() {
        let e = AuthError::authority(
            "access_denied",
            "AADSTS65004: User declined to consent to access the app. Trace ID: x",
        );
        assert_eq!(
            e,
            AuthError::Authority {
                error: "access_denied".into(),
                code: Some(65004),
                description: "AADSTS65004: User declined to consent to access the app. Trace ID: x"
                    .into()
            }
        );
        assert!(e.advice().contains("consent"));
        assert_eq!(aadsts_code("AADSTS50011: The redirect URI"), Some(50011));
        assert_eq!(aadsts_code("no code here"), None);
        assert!(AuthError::authority("invalid_request", "AADSTS50011: x")
            .advice()
            .contains("redirect URI"));
    }
}
