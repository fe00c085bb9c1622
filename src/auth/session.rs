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
use crate::config::AppConfig;
use futures::future::LocalBoxFuture;
use std::sync::{Arc, Mutex, MutexGuard};

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
        let account = load(ACCOUNT);
        Session {
            state: Arc::new(Mutex::new(State {
                cfg,
                cache,
                account,
                refreshing: false,
                leaving: false,
            })),
        }
    }

    pub fn account(&self) -> Option<Account> {
        self.lock().account.clone()
    }

    fn cfg(&self) -> AppConfig {
        self.lock().cfg.clone()
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
        let code = callback::accept(cb, attempt.as_ref().map(|a| a.state.as_str()))?;
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
        {
            let mut s = self.lock();
            s.cache.put(&cfg.scopes, tokens);
            s.account = Some(account);
        }
        self.persist();
        Ok(Some(callback::safe_return(&attempt.return_to)))
    }

    /// A Graph token, refreshed first when it is about to expire. `acrs` asks for the stepped-up
    /// token kept for the operation that needed it.
    pub async fn access_token(&self, acrs: Option<&str>) -> Result<String, AuthError> {
        let cfg = self.cfg();
        let current = self.lock().cache.get(&cfg.scopes, acrs).cloned();
        match current {
            Some(t) if !t.needs_refresh(now()) => Ok(t.access_token),
            Some(t) => self.refresh_with(t.refresh_token, acrs).await,
            None => Err(AuthError::SignInRequired),
        }
    }

    /// Whether a token for `acrs` (an authentication context, or several as "c1,c2") is held, so
    /// a request needing it can go without a step-up first.
    pub fn has_token(&self, acrs: Option<&str>) -> bool {
        let cfg = self.cfg();
        self.lock().cache.get(&cfg.scopes, acrs).is_some()
    }

    /// After a 401: drop the token and refresh once.
    pub async fn refresh_now(&self, acrs: Option<&str>) -> Result<String, AuthError> {
        let cfg = self.cfg();
        let rt = self
            .lock()
            .cache
            .get(&cfg.scopes, acrs)
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
            let cfg = self.cfg();
            let latest = self.lock().cache.get(&cfg.scopes, acrs).cloned();
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
        let rt = rt.ok_or(AuthError::SignInRequired)?;
        let mut attempt = 0;
        let answer = loop {
            match oidc::refresh(&cfg, &rt, acrs.map(str::to_owned), now(), &post_form).await {
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
                self.lock().cache.put(&cfg.scopes, tokens);
                self.persist();
                Ok(access)
            }
            Err(_) => {
                // A dead refresh token means a new interactive sign-in, which keeps the route.
                self.lock().cache.remove(&cfg.scopes, acrs);
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
