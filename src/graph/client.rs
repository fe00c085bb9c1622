//! Sending Graph requests from the browser over gloo-net: token, `client-request-id`, one refresh
//! on 401 (top level or inside a `$batch`), capped retries for what may be resent, "outcome
//! unknown" for a write that may have landed, every page of a collection. The token comes from a
//! `TokenSource`, so this module knows nothing of how sign-in works.

mod batching;
mod early;

use super::call::{batch_of, Answers, Batch, Call};
use super::error::{ErrorHeaders, GraphError};
use super::model::Page;
use super::request::{beta_root, under_base, GraphRequest};
use super::retry::{Failure, Next, RetryPolicy};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;

/// Where access tokens come from (the sign-in session).
pub trait TokenSource: Clone + 'static {
    /// A token, carrying the authentication context `acrs` when given.
    fn token(&self, acrs: Option<&str>) -> impl Future<Output = Result<String, String>>;
    /// A new token after Graph said 401.
    fn refreshed(&self, acrs: Option<&str>) -> impl Future<Output = Result<String, String>>;
    /// Graph asked for other claims (CAE): start a sign-in that meets them; true when the page is
    /// leaving for it, false when this challenge was already met once.
    fn challenged(&self, challenge: &crate::auth::claims::ClaimsChallenge) -> bool;
}

/// A refusal that asks for claims other than a step-up: CAE's `insufficient_claims`.
fn cae(e: &GraphError) -> Option<&crate::auth::claims::ClaimsChallenge> {
    e.claims
        .as_ref()
        .filter(|c| e.status == 401 && c.acrs().is_none())
}

/// The Graph client; cheap to clone.
#[derive(Clone)]
pub struct GraphClient<T: TokenSource> {
    base: String,
    beta: String,
    tokens: T,
    policy: RetryPolicy,
}

fn new_id() -> String {
    let hex = |n: usize| {
        (0..n)
            .map(|_| format!("{:x}", (js_sys::Math::random() * 16.0) as u8))
            .collect::<String>()
    };
    format!("{}-{}-4{}-a{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12))
}

/// Waits `ms` milliseconds (a retry's back-off, a paced read).
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u64) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn sign_in_error(why: String, crid: &str) -> GraphError {
    let mut e = GraphError::transport(&why, crid);
    e.status = 401;
    e.code = "SignInRequired".into();
    e.message = format!("Sign in again to continue ({why}).");
    e
}

fn foreign_link(link: &str) -> GraphError {
    let mut e = GraphError::transport("a next-page link outside Microsoft Graph", "-");
    e.code = "UntrustedNextLink".into();
    e.message = format!(
        "Graph's answer pointed to another site for its next page ({}); it was not followed.",
        link.chars().take(80).collect::<String>()
    );
    e
}

/// One attempt's outcome before it is judged.
enum Attempt {
    Answer(Value),
    Failed(Failure, Option<String>, Option<GraphError>),
}

impl<T: TokenSource> GraphClient<T> {
    pub fn new(base: &str, tokens: T) -> Self {
        GraphClient {
            base: base.trim_end_matches('/').to_owned(),
            beta: beta_root(base),
            tokens,
            policy: RetryPolicy::default(),
        }
    }

    /// Sends once with `token`.
    async fn attempt(&self, req: &GraphRequest, token: &str, crid: &str) -> Attempt {
        use gloo_net::http::{Method, RequestBuilder};
        let method = match req.method {
            "POST" => Method::POST,
            "PATCH" => Method::PATCH,
            "DELETE" => Method::DELETE,
            "PUT" => Method::PUT,
            _ => Method::GET,
        };
        // Paths are relative to the configured root; a next link was checked against it already.
        let url = format!("{}{}", self.root(req), req.url);
        let mut b = RequestBuilder::new(&url)
            .method(method)
            .header("Authorization", &format!("Bearer {token}"))
            .header("client-request-id", crid);
        for (k, v) in &req.headers {
            b = b.header(k, v);
        }
        let sent = match &req.body {
            Some(body) => match b.body(body.to_string()) {
                Ok(r) => r.send().await,
                Err(e) => {
                    let e = GraphError::transport(&e.to_string(), crid);
                    return Attempt::Failed(Failure::Status(0), None, Some(e));
                }
            },
            None => b.send().await,
        };
        let res = match sent {
            Ok(r) => r,
            Err(e) => {
                let e = GraphError::transport(&e.to_string(), crid);
                return Attempt::Failed(Failure::Dropped, None, Some(e));
            }
        };
        let status = res.status();
        let h = res.headers();
        let retry_after = h.get("retry-after");
        // Reading the body can fail too: the connection broke after the status line.
        let text = match res.text().await {
            Ok(t) => t,
            Err(e) => {
                let e = GraphError::transport(&e.to_string(), crid);
                return Attempt::Failed(Failure::Dropped, retry_after, Some(e));
            }
        };
        if (200..300).contains(&status) {
            return Attempt::Answer(if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap_or(Value::String(text))
            });
        }
        let (rid, date, www) = (
            h.get("request-id"),
            h.get("date"),
            h.get("www-authenticate"),
        );
        let headers = ErrorHeaders {
            request_id: rid.as_deref(),
            client_request_id: Some(crid),
            date: date.as_deref(),
            www_authenticate: www.as_deref(),
            retry_after: retry_after.as_deref(),
        };
        let e = GraphError::from_response(status, headers, &text);
        Attempt::Failed(Failure::Status(status), retry_after, Some(e))
    }

    /// Sends one request; the answer's JSON (or `Null` for 204). GET, PUT and DELETE are retried
    /// on 429/503/504 and dropped connections; a POST or PATCH only on 429, and one that met a
    /// 5xx or lost its connection comes back with `outcome_unknown` set.
    pub async fn send(&self, req: &GraphRequest, acrs: Option<&str>) -> Result<Value, GraphError> {
        let crid = new_id();
        let mut token = self
            .tokens
            .token(acrs)
            .await
            .map_err(|e| sign_in_error(e, &crid))?;
        let idempotent = req.is_idempotent();
        let (mut refreshed, mut attempt) = (false, 1);
        loop {
            let (failure, retry_after, error) = match self.attempt(req, &token, &crid).await {
                Attempt::Answer(v) => return Ok(v),
                Attempt::Failed(f, r, e) => (f, r, e),
            };
            let error = error.unwrap_or_else(|| GraphError::transport("no answer", &crid));
            // The page leaves for a sign-in that meets the claims; the blade reads again on return.
            if let Some(c) = cae(&error) {
                self.tokens.challenged(c);
                return Err(error);
            }
            let jitter = js_sys::Math::random();
            let step = self.policy.next(
                idempotent,
                failure,
                retry_after.as_deref(),
                attempt,
                refreshed || error.claims.is_some(),
                jitter,
            );
            match step {
                Next::Refresh => {
                    refreshed = true;
                    token = self
                        .tokens
                        .refreshed(acrs)
                        .await
                        .map_err(|e| sign_in_error(e, &crid))?;
                }
                Next::Wait(ms) => {
                    sleep(ms).await;
                    attempt += 1;
                }
                Next::Unknown => return Err(error.with_unknown_outcome()),
                Next::GiveUp => return Err(error),
            }
        }
    }

    /// Reads one typed answer.
    pub async fn get<R: DeserializeOwned>(&self, req: &GraphRequest) -> Result<R, GraphError> {
        let v = self.send(req, None).await?;
        decode_value(v)
    }

    /// Follows `@odata.nextLink` to the end (only under the Graph root), resending the request's
    /// headers on every page.
    pub async fn get_all<R: DeserializeOwned>(
        &self,
        req: &GraphRequest,
    ) -> Result<Vec<R>, GraphError> {
        let mut out = vec![];
        let mut next = Some(req.clone());
        while let Some(r) = next {
            let page: Page<R> = self.get(&r).await?;
            out.extend(page.value);
            next = match page.next_link {
                Some(link) => Some(self.next_request(req, &link)?),
                None => None,
            };
        }
        Ok(out)
    }

    /// One page and the request for the next, for blades that show "Load more".
    pub async fn get_page<R: DeserializeOwned>(
        &self,
        req: &GraphRequest,
    ) -> Result<(Vec<R>, Option<GraphRequest>), GraphError> {
        let page: Page<R> = decode_value(self.read_page(req).await?)?;
        let next = match page.next_link {
            Some(link) => Some(self.next_request(req, &link)?),
            None => None,
        };
        Ok((page.value, next))
    }

    /// A page that index.html's loader may have read already, as an entry page's first `$batch`
    /// of this one request (`pages/early.rs`: the groups list's); else read now.
    async fn read_page(&self, req: &GraphRequest) -> Result<Value, GraphError> {
        let body = super::batch::body(&[(0, req)]);
        match early::take(&body).await.map(|a| super::batch::read(&a)) {
            Some(Ok(mut parts)) if parts.len() == 1 => parts.remove(0).1,
            _ => self.send(req, None).await,
        }
    }

    /// The root a request's path is under: the configured one, or beta for a beta request.
    fn root(&self, req: &GraphRequest) -> &str {
        if req.beta {
            &self.beta
        } else {
            &self.base
        }
    }

    fn next_request(&self, req: &GraphRequest, link: &str) -> Result<GraphRequest, GraphError> {
        under_base(self.root(req), link)
            .map(|path| req.next_page(&path))
            .ok_or_else(|| foreign_link(link))
    }

    /// Sends many requests in `$batch` calls of 20. One result per request, in order, each
    /// collection with every page read.
    pub async fn batch(&self, requests: &[GraphRequest]) -> Vec<Result<Value, GraphError>> {
        self.batch_as(requests, None).await
    }

    /// `batch` reading only the first page of each collection: for suggestions, where `$top`
    /// is the point ("the first 10 matches"), not a page size.
    pub async fn batch_first_pages(
        &self,
        requests: &[GraphRequest],
    ) -> Vec<Result<Value, GraphError>> {
        let all: Vec<usize> = (0..requests.len()).collect();
        self.parts(requests, &all, None).await
    }

    /// `batch` with the token of an authentication context (`acrs`), for writes that need one.
    pub async fn batch_as(
        &self,
        requests: &[GraphRequest],
        acrs: Option<&str>,
    ) -> Vec<Result<Value, GraphError>> {
        let all: Vec<usize> = (0..requests.len()).collect();
        let mut results = self.parts(requests, &all, acrs).await;
        self.read_further_pages(requests, &mut results, acrs).await;
        results
    }
}

impl<T: TokenSource> GraphClient<T> {
    /// Reads one call's answer, as its type.
    pub async fn call<R: DeserializeOwned>(&self, call: &Call<R>) -> Result<R, GraphError> {
        self.get(call).await
    }

    /// Reads every page of a collection call.
    pub async fn call_all<R: DeserializeOwned>(
        &self,
        call: &Call<Page<R>>,
    ) -> Result<Vec<R>, GraphError> {
        self.get_all(call).await
    }

    /// Sends a batch's calls (`$batch` requests of 20, every page of each collection read); each
    /// answer is taken by its handle.
    pub async fn run(&self, batch: &Batch) -> Answers {
        Answers::new(self.batch(batch.requests()).await)
    }

    /// `run` with the token of an authentication context (`acrs`), for writes that need one.
    pub async fn run_as(&self, batch: &Batch, acrs: Option<&str>) -> Answers {
        Answers::new(self.batch_as(batch.requests(), acrs).await)
    }

    /// `run` reading only the first page of each collection (suggestions: `$top` is the point).
    pub async fn run_first_pages(&self, batch: &Batch) -> Answers {
        Answers::new(self.batch_first_pages(batch.requests()).await)
    }

    /// Sends calls of one type together; their answers in the calls' order.
    pub async fn each<R: DeserializeOwned>(
        &self,
        calls: impl IntoIterator<Item = Call<R>>,
    ) -> Vec<Result<R, GraphError>> {
        let (batch, handles) = batch_of(calls);
        self.run(&batch).await.take_all(&handles)
    }
}

/// An answer read as `R`; a shape that does not fit is an error, never a default.
pub fn decode_value<R: DeserializeOwned>(v: Value) -> Result<R, GraphError> {
    serde_json::from_value(v).map_err(|e| {
        GraphError::from_response(
            200,
            ErrorHeaders::default(),
            &format!("unexpected answer shape: {e}"),
        )
    })
}
