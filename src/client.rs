//! The Graph client the blades use, signed in through the session: `Graph` and `use_graph()`.

use crate::auth::session::Session;
use crate::graph::client::GraphClient;

/// The Graph client every blade reads and writes with.
pub type Graph = GraphClient<Session>;

/// The app's Graph client, provided once in `app.rs`.
pub fn use_graph() -> Graph {
    leptos::prelude::expect_context::<Graph>()
}

/// Reads a page starts while its code (a chunk) downloads, kept until the page takes them: a
/// page fetched on demand never waits for its code and then for Graph in turn.
mod prefetch {
    use crate::graph::batch::SubResult;
    use futures::channel::oneshot;
    use std::cell::RefCell;

    /// How long a prefetch may wait for its page: a page that comes later (its chunk failed and
    /// was tried again) reads afresh.
    const FRESH_MS: f64 = 30_000.0;

    /// The one prefetch in flight: the requests it sent (method and URL), when, and its answers.
    type Slot = Option<(String, f64, oneshot::Receiver<Vec<SubResult>>)>;

    thread_local! {
        static SLOT: RefCell<Slot> = const { RefCell::new(None) };
    }

    pub fn key(requests: &[crate::graph::request::GraphRequest]) -> String {
        requests
            .iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn put(key: String, answers: oneshot::Receiver<Vec<SubResult>>) {
        SLOT.with(|s| *s.borrow_mut() = Some((key, js_sys::Date::now(), answers)));
    }

    /// The answers for exactly these requests, if they were asked for moments ago.
    pub fn take(key: &str) -> Option<oneshot::Receiver<Vec<SubResult>>> {
        SLOT.with(|s| {
            let mut s = s.borrow_mut();
            let fits = s
                .as_ref()
                .is_some_and(|(k, at, _)| k == key && js_sys::Date::now() - at < FRESH_MS);
            if fits {
                s.take().map(|(_, _, rx)| rx)
            } else {
                None
            }
        })
    }
}

/// Sends `batch` now, for the page about to be shown, which takes the answers with
/// [`run_prefetched`] once its code has come.
pub fn prefetch(batch: crate::graph::call::Batch) {
    let graph = use_graph();
    let (tx, rx) = futures::channel::oneshot::channel();
    prefetch::put(prefetch::key(batch.requests()), rx);
    leptos::task::spawn_local(async move {
        let _ = tx.send(graph.batch(batch.requests()).await);
    });
}

/// `graph.run(batch)`, taking the answers a [`prefetch`] of the same requests already has on
/// the way; without one (a refresh, a later visit), sent now.
pub async fn run_prefetched(
    graph: &Graph,
    batch: &crate::graph::call::Batch,
) -> crate::graph::call::Answers {
    if let Some(rx) = prefetch::take(&prefetch::key(batch.requests())) {
        if let Ok(answers) = rx.await {
            return crate::graph::call::Answers::new(answers);
        }
    }
    graph.run(batch).await
}

/// The people a settings file names, found in this directory by id and then by UPN, each named
/// by the directory (Import, Copy to groups and Drift all find them this way).
pub async fn find_people(
    graph: &Graph,
    refs: &[crate::domain::settings_file::PersonRef],
) -> crate::domain::file_people::People {
    use crate::domain::file_people::{after_ids, after_upns, by_id, by_upn, retry};
    let mut people = after_ids(refs, graph.each(by_id(refs)).await);
    let again = retry(refs, &people);
    if !again.is_empty() {
        let answers = graph.each(by_upn(&again)).await;
        after_upns(&mut people, &again, answers);
    }
    people
}

/// Whether each of `groups` is managed by PIM: PIM's own list of the groups it manages (v1.0,
/// else beta), or where that list is refused, what Graph shows of each (`managed::Signals`). A
/// write to one it does not manage brings it under PIM, which its page must say and ask first.
pub async fn which_managed(
    graph: &Graph,
    groups: &[String],
) -> Vec<Result<bool, crate::graph::error::GraphError>> {
    use crate::domain::managed::{add_checks, signals};
    use crate::graph::pim::list_group_resources;
    let listed = match graph
        .call_all::<serde_json::Value>(&list_group_resources(false))
        .await
    {
        Err(e) if matches!(e.status, 400 | 404 | 501) => {
            graph
                .call_all::<serde_json::Value>(&list_group_resources(true))
                .await
        }
        answer => answer,
    };
    if let Ok(listed) = listed {
        let ids: Vec<String> = listed
            .iter()
            .filter_map(|r| r["id"].as_str().map(str::to_ascii_lowercase))
            .collect();
        return groups
            .iter()
            .map(|g| Ok(ids.contains(&g.to_ascii_lowercase())))
            .collect();
    }
    let mut out = vec![];
    // Three reads a group: six groups fill a `$batch` of 18.
    for chunk in groups.chunks(6) {
        let mut batch = crate::graph::call::Batch::new();
        let checks: Vec<_> = chunk.iter().map(|g| add_checks(&mut batch, g)).collect();
        let mut answers = graph.run(&batch).await;
        out.extend(
            checks
                .into_iter()
                .map(|c| signals(c, &mut answers).map(|s| s.managed())),
        );
    }
    out
}
