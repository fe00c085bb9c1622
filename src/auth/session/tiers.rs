//! The session's permission tiers: which tiers Graph calls carry (the page's), their tokens got
//! silently when consented, and Grant access when not.

use super::{current_location, now, post_form, sleep, Session};
use crate::auth::errors::AuthError;
use crate::auth::oidc::{self, Prompt};
use crate::config::Tier;

impl Session {
    /// Graph calls carry the token of the tiers of the page `route` shows: read when each call
    /// is made, so a page's calls never go with the previous page's token.
    pub fn follow(&self, route: leptos::prelude::Memo<crate::pages::Route>) {
        self.lock().route = Some(route);
    }

    /// The tiers Graph calls carry now.
    pub fn tiers(&self) -> Vec<Tier> {
        use leptos::prelude::WithUntracked;
        let s = self.lock();
        if let Some(t) = &s.tiers_for_now {
            return t.clone();
        }
        s.route
            .and_then(|r| r.try_with_untracked(|r| r.row().map(|row| row.tiers.to_vec())))
            .flatten()
            .unwrap_or_default()
    }

    /// Calls carry these tiers' token until `None` gives them back to the page.
    pub fn set_tiers_for_now(&self, tiers: Option<&[Tier]>) {
        self.lock().tiers_for_now = tiers.map(<[Tier]>::to_vec);
    }

    /// How long the current token lived when issued (seconds), for Check setup.
    pub fn token_lifetime(&self) -> Option<i64> {
        let scopes = self.scopes();
        self.lock().cache.get(&scopes, None).map(|t| t.lifetime)
    }

    /// Resolves once no token is being renewed (and the renewed one is kept).
    pub async fn settled(&self) {
        while self.lock().refreshing {
            sleep(25).await;
        }
    }

    /// Whether a token for these tiers is held already.
    pub fn has_tiers(&self, tiers: &[Tier]) -> bool {
        let s = self.lock();
        match s.cfg.scopes_for(tiers) {
            Ok(scopes) => s.cache.get(&scopes, None).is_some(),
            Err(_) => false,
        }
    }

    /// What the authority said when it refused these tiers on the way back, taken once.
    pub fn take_refusal(&self, tiers: &[Tier]) -> Option<AuthError> {
        let mut s = self.lock();
        match &s.refused {
            Some((t, _)) if t.as_slice() == tiers => s.refused.take().map(|(_, e)| e),
            _ => None,
        }
    }

    /// A token for the tiers without leaving the page: the session's refresh token asked for
    /// their scopes. Entra answers with the token when the permissions were consented, and
    /// refuses (AADSTS65001) when nobody consented yet: then the page asks the user.
    pub async fn acquire(&self, tiers: &[Tier]) -> Result<(), AuthError> {
        let cfg = self.cfg();
        let scopes = cfg
            .scopes_for(tiers)
            .map_err(|t| AuthError::TierMissing(t.name().into()))?;
        self.settled().await;
        if self.lock().cache.get(&scopes, None).is_some() {
            return Ok(());
        }
        let rt = self
            .lock()
            .cache
            .any_refresh_token(&cfg.scopes)
            .ok_or(AuthError::SignInRequired)?;
        // One renewal at a time, as in `refresh_with`; the flag falls with the guard.
        struct InFlight(Session);
        impl Drop for InFlight {
            fn drop(&mut self) {
                self.0.lock().refreshing = false;
            }
        }
        self.lock().refreshing = true;
        let flight = InFlight(self.clone());
        match oidc::refresh(&cfg, &scopes, &rt, None, now(), &post_form).await {
            Ok(tokens) => {
                self.keep(&scopes, tokens);
                Ok(())
            }
            // Not consented yet: the page asks, with Grant access.
            Err(e) if e.is_consent() => Err(e),
            // A dead refresh token: a new sign-in for the page's tiers, which keeps the route.
            Err(e) if e.needs_interaction() => {
                drop(flight);
                self.grant(tiers, &current_location())?;
                Err(AuthError::SignInRequired)
            }
            Err(e) => Err(e),
        }
    }

    /// Leaves for the authority to consent to (or sign in for) the tiers; back on `return_to`.
    pub fn grant(&self, tiers: &[Tier], return_to: &str) -> Result<(), AuthError> {
        let scopes = self
            .cfg()
            .scopes_for(tiers)
            .map_err(|t| AuthError::TierMissing(t.name().into()))?;
        let hint = self.account().map(|a| a.username);
        self.sign_in(
            return_to,
            Prompt {
                login_hint: hint.as_deref(),
                scopes: Some(&scopes),
                tiers,
                ..Default::default()
            },
        )
    }
}
