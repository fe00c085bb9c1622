//! The `$batch` side of the client: parts sent by twenty, refused parts refreshed and resent once,
//! throttled parts resent alone, lost writes marked, and the further pages of every collection.

use super::{cae, sign_in_error, sleep, GraphClient, TokenSource};
use crate::graph::batch::{self, SubResult};
use crate::graph::error::GraphError;
use crate::graph::request::GraphRequest;

impl<T: TokenSource> GraphClient<T> {
    /// Sends `ids` of `requests` in batches: parts refused for their token are sent again once
    /// with a new one, throttled parts alone after their `Retry-After`; a write in a batch that
    /// met a 5xx or lost its connection is reported as outcome unknown, never resent.
    pub(super) async fn parts(
        &self,
        requests: &[GraphRequest],
        ids: &[usize],
        acrs: Option<&str>,
    ) -> Vec<SubResult> {
        let mut results: Vec<Option<SubResult>> = vec![None; requests.len()];
        let mut refreshed = false;
        let mut todo: Vec<usize> = ids.to_vec();
        while !todo.is_empty() {
            let mut again = vec![];
            let mut throttled: Vec<(usize, Option<String>)> = vec![];
            for chunk in todo.chunks(batch::MAX_REQUESTS) {
                let parts: Vec<(usize, &GraphRequest)> =
                    chunk.iter().map(|&i| (i, &requests[i])).collect();
                let body = batch::body(&parts);
                // An entry page's first batch may be on its way already, sent by the loader.
                let early = match acrs {
                    None => super::early::take(&body).await,
                    Some(_) => None,
                };
                let answer = match early {
                    Some(a) => Ok(a),
                    None => self.send(&GraphRequest::post("/$batch", body), acrs).await,
                }
                .and_then(|a| batch::read(&a));
                let answers = match answer {
                    Ok(a) => batch::only(a, chunk),
                    Err(e) => {
                        for &i in chunk {
                            results[i] = Some(Err(e.clone()));
                        }
                        continue;
                    }
                };
                throttled.extend(batch::throttled(&answers));
                if !refreshed {
                    again.extend(batch::refused(&answers));
                }
                for (i, r) in answers {
                    let r = r.map_err(|e| {
                        if e.status >= 500 && !requests[i].is_idempotent() {
                            e.with_unknown_outcome()
                        } else {
                            e
                        }
                    });
                    results[i] = Some(r);
                }
            }
            let wait = throttled
                .iter()
                .filter_map(|(_, r)| {
                    self.policy
                        .delay_ms(429, r.as_deref(), 1, js_sys::Math::random())
                })
                .max();
            if let Some(ms) = wait {
                sleep(ms).await;
            }
            for (i, _) in throttled {
                results[i] = Some(self.send(&requests[i], acrs).await);
            }
            todo = vec![];
            if let Some(c) = results
                .iter()
                .flatten()
                .find_map(|r| r.as_ref().err().and_then(cae))
            {
                self.tokens.challenged(c);
            }
            if !again.is_empty() {
                refreshed = true;
                match self.tokens.refreshed(acrs).await {
                    // The next round sends exactly the refused parts, with the new token.
                    Ok(_) => todo = again,
                    Err(e) => {
                        for i in again {
                            results[i] = Some(Err(sign_in_error(e.clone(), "-")));
                        }
                    }
                }
            }
        }
        ids.iter()
            .map(|&i| {
                results[i]
                    .take()
                    .unwrap_or_else(|| Err(GraphError::transport("no answer in the batch", "-")))
            })
            .collect()
    }

    /// Reads the further pages of every collection answered in a batch, batched in turn, until
    /// none has a next link.
    pub(super) async fn read_further_pages(
        &self,
        requests: &[GraphRequest],
        results: &mut [SubResult],
        acrs: Option<&str>,
    ) {
        loop {
            let mut next: Vec<(usize, GraphRequest)> = vec![];
            for (i, r) in results.iter_mut().enumerate() {
                let Ok(answer) = r else { continue };
                let Some(link) = batch::next_link(answer).map(str::to_owned) else {
                    continue;
                };
                match self.next_request(&requests[i], &link) {
                    Ok(req) => next.push((i, req)),
                    Err(e) => *r = Err(e),
                }
            }
            if next.is_empty() {
                return;
            }
            let reqs: Vec<GraphRequest> = next.iter().map(|(_, r)| r.clone()).collect();
            let ids: Vec<usize> = (0..reqs.len()).collect();
            let pages = self.parts(&reqs, &ids, acrs).await;
            for ((i, _), page) in next.into_iter().zip(pages) {
                match (page, &mut results[i]) {
                    (Ok(page), Ok(answer)) => batch::append_page(answer, page),
                    (Err(e), slot) => *slot = Err(e),
                    _ => {}
                }
            }
        }
    }
}
