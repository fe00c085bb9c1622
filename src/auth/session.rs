//! The browser side of sign-in: the redirect to the authority and back, tokens in memory and
//! sessionStorage (never localStorage), refresh, step-up, sign-out. No Leptos here.

pub use super::http::current_location;
pub use super::storage::{clear_draft, load_draft, save_draft, stored_account};

use super::callback;
use super::errors::AuthError;
use super::http::post_form;
use super::id_token::Account;
use super::oidc::{self, Attempt, Prompt};
use super::storage::{forget_everything, load, remove, save, ACCOUNT, ATTEMPT, CHALLENGE, TOKENS};
use super::tokens::TokenCache;
use crate::config::{AppConfig, Tier};
use futures::future::LocalBoxFuture;
use std::sync::{Arc, Mutex, MutexGuard};

mod tiers;

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

struct State {
    cfg: AppConfig,
    cache: TokenCache,
    account: Option<Account>,
    /// A refresh is in flight: others wait for it rather than spend the same refresh token.
    refreshing: bool,
    /// The page is leaving for the authority: no second sign-in may start.
    leaving: bool,
    /// The page shown, whose tiers' token Graph calls carry (`None` before the router starts).
    route: Option<leptos::prelude::Memo<crate::pages::Route>>,
    /// Tiers set for a while instead of the page's (Check setup trying each tier in turn).
    tiers_for_now: Option<Vec<Tier>>,
    /// A page's tiers the authority refused on the way back (consent), to say on that page.
    refused: Option<(Vec<Tier>, AuthError)>,
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The signed-in session; cheap to clone, one per app.
#[derive(Clone)]
pub struct Session {
    // Arc and Mutex only because Leptos contexts must be Send + Sync; the browser has one thread.
    state: Arc<Mutex<State>>,
}

impl Session {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Session {
    /// Picks up the session this tab already had.
    pub fn restore(cfg: AppConfig) -> Session {
        let cache = load(TOKENS).unwrap_or_default();
        let account: Option<Account> = load(ACCOUNT);
        if let Some(a) = &account {
            crate::clock::set_offset_secs(a.clock_offset_secs);
        }
        Session {
            state: Arc::new(Mutex::new(State {
                cfg,
                cache,
                account,
                refreshing: false,
                leaving: false,
                route: None,
                tiers_for_now: None,
                refused: None,
            })),
        }
    }

    pub fn account(&self) -> Option<Account> {
        self.lock().account.clone()
    }

    fn cfg(&self) -> AppConfig {
        self.lock().cfg.clone()
    }

    /// The scopes of the page's tiers (sign-in's when it needs no more, or names a tier this
    /// deployment lacks: its gate says so and sends nothing).
    fn scopes(&self) -> Vec<String> {
        let tiers = self.tiers();
        let s = self.lock();
        s.cfg
            .scopes_for(&tiers)
            .unwrap_or_else(|_| s.cfg.scopes.clone())
    }

    /// Keeps a new token set, and its refresh token for every entry (Entra rotates them).
    fn keep(&self, scopes: &[String], tokens: super::tokens::TokenSet) {
        {
            let mut s = self.lock();
            if let Some(rt) = tokens.refresh_token.clone() {
                s.cache.share_refresh_token(&rt);
            }
            s.cache.put(scopes, tokens);
        }
        self.persist();
    }

    fn persist(&self) {
        let s = self.lock();
        save(TOKENS, &s.cache);
        match &s.account {
            Some(a) => save(ACCOUNT, a),
            None => remove(ACCOUNT),
        }
    }

    /// Leaves for the authority; `return_to` is where to land afterwards.
    pub fn sign_in(&self, return_to: &str, prompt: Prompt<'_>) -> Result<(), AuthError> {
        // The page is already on its way to the authority (a double click on Activate during a
        // step-up): a second attempt would replace the first one's state, and the sign-in that
        // comes back would be refused as forged.
        if std::mem::replace(&mut self.lock().leaving, true) {
            return Ok(());
        }
        // A step-up or a new sign-in on a page of more tiers asks for that page's scopes, so the
        // token that comes back is the one its calls look for.
        let tiers = self.tiers();
        let scopes = self.scopes();
        let prompt = if prompt.scopes.is_none() && !tiers.is_empty() {
            Prompt {
                scopes: Some(&scopes),
                tiers: &tiers,
                ..prompt
            }
        } else {
            prompt
        };
        let left = oidc::begin(&self.cfg(), return_to, prompt).and_then(|(url, attempt)| {
            save(ATTEMPT, &attempt);
            let window =
                web_sys::window().ok_or_else(|| AuthError::Transport("no window".into()))?;
            window
                .location()
                .assign(&url)
                .map_err(|_| AuthError::Transport("cannot leave for the sign-in page".into()))
        });
        if left.is_err() {
            self.lock().leaving = false;
        }
        left
    }

    /// The page came back from the back/forward cache: the sign-in it left for did not finish
    /// here, so another may start (else every later sign-in would wait for it forever).
    pub fn came_back(&self) {
        self.lock().leaving = false;
    }

    /// Step-up: a fresh interactive sign-in whose token carries the authentication context.
    pub fn step_up(&self, acrs: &str, return_to: &str) -> Result<(), AuthError> {
        let hint = self.account().map(|a| a.username);
        self.sign_in(
            return_to,
            Prompt {
                acrs: Some(acrs),
                login_hint: hint.as_deref(),
                ..Default::default()
            },
        )
    }

    /// Finishes a sign-in when the page is the authority's redirect; returns where to go next.
    /// The attempt is used once: a reload or a second tab cannot replay it.
    pub async fn complete_redirect(&self) -> Result<Option<String>, AuthError> {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Some(cb) = callback::parse(&search) else {
            return Ok(None);
        };
        let attempt: Option<Attempt> = load(ATTEMPT);
        remove(ATTEMPT);
        let code = match callback::accept(cb, attempt.as_ref().map(|a| a.state.as_str())) {
            Ok(code) => code,
            // A page's tiers refused (no consent, or the user declined) while still signed in:
            // back to that page, which says so; the session goes on.
            Err(e @ AuthError::Authority { .. })
                if self.account().is_some()
                    && attempt
                        .as_ref()
                        .is_some_and(|a| !a.tiers.is_empty() && a.acrs.is_none()) =>
            {
                let attempt = attempt.expect("checked");
                self.lock().refused = Some((attempt.tiers.clone(), e));
                return Ok(Some(callback::safe_return(&attempt.return_to)));
            }
            Err(e) => return Err(e),
        };
        let attempt = attempt.ok_or(AuthError::StateMismatch)?;
        let cfg = self.cfg();
        let redeeming = redeem(cfg.clone(), attempt.clone(), code, now()).await;
        let (tokens, account) = redeeming
            .map_err(|_| {
                AuthError::Transport(
                    "the code that finishes signing in could not be fetched (check the connection and sign in again)".into(),
                )
            })?
            .await?;
        if cfg.multi_tenant() && !cfg.tenant_allowed(&account.tenant_id) {
            return Err(AuthError::TenantNotAllowed(account.tenant_id));
        }
        crate::clock::set_offset_secs(account.clock_offset_secs);
        // Another person signed in in this tab (after a dead session, or another account picked
        // at a step-up): nothing of the one before (tokens, drafts, remembered reasons) is used.
        let someone_else = self.account().is_some_and(|before| {
            before.object_id != account.object_id || before.tenant_id != account.tenant_id
        });
        if someone_else {
            self.lock().cache = TokenCache::default();
            forget_everything();
        }
        let scopes = if attempt.scopes.is_empty() {
            cfg.scopes.clone()
        } else {
            attempt.scopes.clone()
        };
        self.lock().account = Some(account);
        self.keep(&scopes, tokens);
        Ok(Some(callback::safe_return(&attempt.return_to)))
    }

    /// A Graph token, refreshed first when it is about to expire. `acrs` asks for the stepped-up
    /// token kept for the operation that needed it.
    pub async fn access_token(&self, acrs: Option<&str>) -> Result<String, AuthError> {
        let scopes = self.scopes();
        let current = self.lock().cache.get(&scopes, acrs).cloned();
        match current {
            Some(t) if !t.needs_refresh(now()) => Ok(t.access_token),
            Some(t) => self.refresh_with(t.refresh_token, acrs).await,
            // The first call of a page of more tiers: their token, got silently when consented.
            None if acrs.is_none() && !self.lock().cache.is_empty() => {
                self.acquire(&self.tiers()).await?;
                let got = self.lock().cache.get(&scopes, None).cloned();
                got.map(|t| t.access_token).ok_or(AuthError::SignInRequired)
            }
            None => Err(AuthError::SignInRequired),
        }
    }

    /// Whether a token for `acrs` (an authentication context, or several as "c1,c2") is held, so
    /// a request needing it can go without a step-up first.
    pub fn has_token(&self, acrs: Option<&str>) -> bool {
        let scopes = self.scopes();
        self.lock().cache.get(&scopes, acrs).is_some()
    }

    /// After a 401: drop the token and refresh once.
    pub async fn refresh_now(&self, acrs: Option<&str>) -> Result<String, AuthError> {
        let scopes = self.scopes();
        let rt = self
            .lock()
            .cache
            .get(&scopes, acrs)
            .and_then(|t| t.refresh_token.clone());
        self.refresh_with(rt, acrs).await
    }

    async fn refresh_with(
        &self,
        rt: Option<String>,
        acrs: Option<&str>,
    ) -> Result<String, AuthError> {
        // Entra rotates refresh tokens, so two refreshes at once would spend one token twice and
        // the second would fail: the first refresh runs, the others take its token.
        let mut rt = rt;
        if self.lock().refreshing {
            while self.lock().refreshing {
                sleep(25).await;
            }
            let scopes = self.scopes();
            let latest = self.lock().cache.get(&scopes, acrs).cloned();
            match latest {
                Some(t) if !t.needs_refresh(now()) => return Ok(t.access_token),
                Some(t) => rt = t.refresh_token,
                None => return Err(AuthError::SignInRequired),
            }
        }
        // The flag falls with the guard, so a refresh whose future is dropped (the blade closed)
        // does not leave every later caller waiting for it.
        struct InFlight(Session);
        impl Drop for InFlight {
            fn drop(&mut self) {
                self.0.lock().refreshing = false;
            }
        }
        self.lock().refreshing = true;
        let _flight = InFlight(self.clone());
        self.refresh_once(rt, acrs).await
    }

    async fn refresh_once(
        &self,
        rt: Option<String>,
        acrs: Option<&str>,
    ) -> Result<String, AuthError> {
        let cfg = self.cfg();
        let scopes = self.scopes();
        let rt = rt.ok_or(AuthError::SignInRequired)?;
        let mut attempt = 0;
        let answer = loop {
            match oidc::refresh(
                &cfg,
                &scopes,
                &rt,
                acrs.map(str::to_owned),
                now(),
                &post_form,
            )
            .await
            {
                // A blip or a server error: back off and try again (0.5, 1, 2 s), and if it still
                // fails, say so where the user is, their edits intact.
                Err(e) if !e.needs_interaction() && attempt < 3 => {
                    sleep(500 << attempt).await;
                    attempt += 1;
                }
                Err(e) if !e.needs_interaction() => return Err(e),
                other => break other,
            }
        };
        match answer {
            Ok(tokens) => {
                let access = tokens.access_token.clone();
                self.keep(&scopes, tokens);
                Ok(access)
            }
            Err(_) => {
                // A dead refresh token means a new interactive sign-in, which keeps the route.
                self.lock().cache.remove(&scopes, acrs);
                self.persist();
                let hint = self.account().map(|a| a.username);
                let prompt = Prompt {
                    login_hint: hint.as_deref(),
                    acrs,
                    ..Default::default()
                };
                self.sign_in(&current_location(), prompt)?;
                Err(AuthError::SignInRequired)
            }
        }
    }

    /// Graph refused the token with a claims challenge that is no step-up (CAE: the token was
    /// issued before a revocation): sign in again with those claims, once per challenge. True
    /// when the page is leaving for the authority; false when this challenge was met already and
    /// came back anyway, so the error is shown instead of looping.
    pub fn challenged(&self, challenge: &super::claims::ClaimsChallenge) -> bool {
        let key = challenge.claims.to_string();
        if load::<String>(CHALLENGE).as_deref() == Some(key.as_str()) {
            return false;
        }
        save(CHALLENGE, &key);
        let hint = self.account().map(|a| a.username);
        let prompt = Prompt {
            login_hint: hint.as_deref(),
            challenge: Some(challenge),
            ..Default::default()
        };
        self.sign_in(&current_location(), prompt).is_ok()
    }

    /// Forgets every token and ends the session at the authority too.
    pub fn sign_out(&self) {
        {
            let mut s = self.lock();
            s.cache = TokenCache::default();
            s.account = None;
        }
        forget_everything();
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&oidc::logout_url(&self.cfg()));
        }
    }
}

impl crate::graph::client::TokenSource for Session {
    async fn token(&self, acrs: Option<&str>) -> Result<String, String> {
        self.access_token(acrs).await.map_err(|e| e.to_string())
    }

    async fn refreshed(&self, acrs: Option<&str>) -> Result<String, String> {
        self.refresh_now(acrs).await.map_err(|e| e.to_string())
    }

    fn challenged(&self, challenge: &super::claims::ClaimsChallenge) -> bool {
        Session::challenged(self, challenge)
    }
}

/// Redeeming the code and reading the id token come in a chunk of their own: they run once per
/// sign-in, and every other page load skips them.
#[leptos::wasm_split::wasm_split(sign_in_redeem, wasm_split_path = ::leptos::wasm_split, fallible)]
fn redeem(
    cfg: AppConfig,
    attempt: Attempt,
    code: String,
    now: i64,
) -> Result<Redeeming, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(async move {
        oidc::redeem(&cfg, &attempt, &code, now, &post_form).await
    }))
}

type Redeeming = LocalBoxFuture<'static, Result<(super::tokens::TokenSet, Account), AuthError>>;
