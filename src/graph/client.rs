//! Sending Graph requests from the browser over gloo-net: token, `client-request-id`, one refresh
//! on 401, capped retries on 429/503/504, paging and batching. The token comes from a
//! `TokenSource`, so this module knows nothing of how sign-in works.

use super::batch;
use super::error::{ErrorHeaders, GraphError};
use super::model::Page;
use super::request::GraphRequest;
use super::retry::RetryPolicy;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;

/// Where access tokens come from (the sign-in session).
pub trait TokenSource: Clone + 'static {
    /// A token, carrying the authentication context `acrs` when given.
    fn token(&self, acrs: Option<&str>) -> impl Future<Output = Result<String, String>>;
    /// A new token after Graph said 401.
    fn refreshed(&self, acrs: Option<&str>) -> impl Future<Output = Result<String, String>>;
}

/// The Graph client; cheap to clone.
#[derive(Clone)]
pub struct GraphClient<T: TokenSource> {
    base: String,
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

async fn sleep(ms: u64) {
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

impl<T: TokenSource> GraphClient<T> {
    pub fn new(base: &str, tokens: T) -> Self {
        GraphClient {
            base: base.trim_end_matches('/').to_owned(),
            tokens,
            policy: RetryPolicy::default(),
        }
    }

    fn url(&self, url: &str) -> String {
        if url.starts_with("https://") || url.starts_with("http://") {
            url.to_owned()
        } else {
            format!("{}{url}", self.base)
        }
    }

    /// Sends one request; the answer's JSON (or `Null` for 204).
    pub async fn send(&self, req: &GraphRequest, acrs: Option<&str>) -> Result<Value, GraphError> {
        use gloo_net::http::{Method, RequestBuilder};
        let crid = new_id();
        let mut token = self
            .tokens
            .token(acrs)
            .await
            .map_err(|e| sign_in_error(e, &crid))?;
        let mut refreshed = false;
        let mut attempt = 1;
        loop {
            let method = match req.method {
                "POST" => Method::POST,
                "PATCH" => Method::PATCH,
                "DELETE" => Method::DELETE,
                "PUT" => Method::PUT,
                _ => Method::GET,
            };
            let mut b = RequestBuilder::new(&self.url(&req.url))
                .method(method)
                .header("Authorization", &format!("Bearer {token}"))
                .header("client-request-id", &crid);
            for (k, v) in &req.headers {
                b = b.header(k, v);
            }
            let sent = match &req.body {
                Some(body) => {
                    b.body(body.to_string())
                        .map_err(|e| GraphError::transport(&e.to_string(), &crid))?
                        .send()
                        .await
                }
                None => b.send().await,
            };
            let res = match sent {
                Ok(r) => r,
                // A dropped connection is worth the same capped retries as a 503.
                Err(e) => match self
                    .policy
                    .delay_ms(503, None, attempt, js_sys::Math::random())
                {
                    Some(ms) => {
                        sleep(ms).await;
                        attempt += 1;
                        continue;
                    }
                    None => return Err(GraphError::transport(&e.to_string(), &crid)),
                },
            };
            let status = res.status();
            if (200..300).contains(&status) {
                let text = res
                    .text()
                    .await
                    .map_err(|e| GraphError::transport(&e.to_string(), &crid))?;
                return Ok(if text.is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                });
            }
            let h = res.headers();
            let retry_after = h.get("retry-after");
            if status == 401 && !refreshed {
                refreshed = true;
                token = self
                    .tokens
                    .refreshed(acrs)
                    .await
                    .map_err(|e| sign_in_error(e, &crid))?;
                continue;
            }
            if let Some(ms) = self.policy.delay_ms(
                status,
                retry_after.as_deref(),
                attempt,
                js_sys::Math::random(),
            ) {
                sleep(ms).await;
                attempt += 1;
                continue;
            }
            let body = res.text().await.unwrap_or_default();
            let (rid, date, www) = (
                h.get("request-id"),
                h.get("date"),
                h.get("www-authenticate"),
            );
            let headers = ErrorHeaders {
                request_id: rid.as_deref(),
                client_request_id: Some(&crid),
                date: date.as_deref(),
                www_authenticate: www.as_deref(),
                retry_after: retry_after.as_deref(),
            };
            return Err(GraphError::from_response(status, headers, &body));
        }
    }

    /// Reads one typed answer.
    pub async fn get<R: DeserializeOwned>(&self, req: &GraphRequest) -> Result<R, GraphError> {
        let v = self.send(req, None).await?;
        serde_json::from_value(v).map_err(|e| {
            GraphError::from_response(
                200,
                ErrorHeaders::default(),
                &format!("unexpected answer shape: {e}"),
            )
        })
    }

    /// Follows `@odata.nextLink` to the end, resending the request's headers on every page.
    pub async fn get_all<R: DeserializeOwned>(
        &self,
        req: &GraphRequest,
    ) -> Result<Vec<R>, GraphError> {
        let mut out = vec![];
        let mut next = Some(req.clone());
        while let Some(r) = next {
            let page: Page<R> = self.get(&r).await?;
            out.extend(page.value);
            next = page.next_link.map(|link| req.next_page(&link));
        }
        Ok(out)
    }

    /// Sends many requests in `$batch` calls of 20; throttled ones are retried alone. One result
    /// per request, in order.
    pub async fn batch(&self, requests: &[GraphRequest]) -> Vec<Result<Value, GraphError>> {
        self.batch_as(requests, None).await
    }

    /// `batch` with the token of an authentication context (`acrs`), for writes that need one.
    pub async fn batch_as(
        &self,
        requests: &[GraphRequest],
        acrs: Option<&str>,
    ) -> Vec<Result<Value, GraphError>> {
        let mut results: Vec<Option<Result<Value, GraphError>>> = vec![None; requests.len()];
        for (chunk, body) in batch::bodies(requests).into_iter().enumerate() {
            let span = chunk * batch::MAX_REQUESTS
                ..((chunk + 1) * batch::MAX_REQUESTS).min(requests.len());
            match self
                .send(&GraphRequest::post("/$batch", body), acrs)
                .await
                .and_then(|a| batch::read(&a))
            {
                Ok(parts) => {
                    let waits = batch::throttled(&parts);
                    let throttled: Vec<usize> = waits.iter().map(|(i, _)| *i).collect();
                    // Wait out the longest Retry-After of the throttled parts before resending them.
                    let wait = waits
                        .iter()
                        .filter_map(|(_, r)| {
                            self.policy
                                .delay_ms(429, r.as_deref(), 1, js_sys::Math::random())
                        })
                        .max();
                    if let Some(ms) = wait {
                        sleep(ms).await;
                    }
                    for (i, r) in parts {
                        if i < results.len() && !throttled.contains(&i) {
                            results[i] = Some(r);
                        }
                    }
                    for i in throttled {
                        results[i] = Some(self.send(&requests[i], acrs).await);
                    }
                }
                Err(e) => {
                    for slot in &mut results[span] {
                        *slot = Some(Err(e.clone()));
                    }
                }
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(GraphError::transport("no answer in the batch", "-"))))
            .collect()
    }
}
