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
    /// The id token is not for this app, this tenant or this moment, or names nobody.
    IdToken(String),
    /// A page needs a permission tier this deployment was not set up with.
    TierMissing(String),
    /// A multi-tenant deployment that lets in listed tenants only; this one is not listed.
    TenantNotAllowed(String),
}

/// Reads `AADSTS50011: text` at the start of an `error_description`.
pub fn aadsts_code(description: &str) -> Option<u32> {
    let rest = description.trim_start().strip_prefix("AADSTS")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

impl AuthError {
    /// Whether only a new interactive sign-in can mend this: the refresh token is dead or the
    /// authority wants the user. A network blip or a server error is worth trying again first,
    /// and never by sending the user away from what they typed.
    pub fn needs_interaction(&self) -> bool {
        match self {
            AuthError::SignInRequired => true,
            AuthError::Authority { error, .. } => matches!(
                error.as_str(),
                "invalid_grant" | "interaction_required" | "login_required" | "consent_required"
            ),
            _ => false,
        }
    }

    /// Entra's answer when a permission was never consented (AADSTS65001), not a dead session.
    pub fn is_consent(&self) -> bool {
        matches!(
            self,
            AuthError::Authority {
                code: Some(65001),
                ..
            }
        ) || matches!(self, AuthError::Authority { error, .. } if error == "consent_required")
    }

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
            AuthError::TierMissing(_) => "This deployment was set up without these permissions. An administrator can add them by running the setup command again with this tier in --tiers.",
            AuthError::TenantNotAllowed(_) => "This deployment of pim-groups is not open to your organisation. Ask whoever runs it to add your tenant to allowedTenants, or use your organisation's own.",
            AuthError::IdToken(_) => "The identity token does not belong to this app and tenant. Check tenant and client id in config.json, then sign in again.",
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
            AuthError::IdToken(why) => write!(f, "The identity token was refused: {why}"),
            AuthError::TierMissing(tier) => write!(f, "config.json has no \"{tier}\" tier."),
            AuthError::TenantNotAllowed(tid) => write!(f, "Tenant {tid} is not in allowedTenants."),
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
    fn only_a_dead_grant_or_a_demand_for_the_user_leads_to_sign_in() {
        assert!(AuthError::authority("invalid_grant", "AADSTS700084: expired").needs_interaction());
        assert!(
            AuthError::authority("interaction_required", "AADSTS50076: MFA").needs_interaction()
        );
        assert!(
            !AuthError::authority("temporarily_unavailable", "AADSTS90033").needs_interaction()
        );
        assert!(!AuthError::authority("server_error", "").needs_interaction());
        assert!(!AuthError::Transport("connection reset".into()).needs_interaction());
    }

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
