//! The fallback for finding the groups PIM manages, when PIM's own list (inventory.rs) is refused:
//! every group that could be managed is checked: its policy assignments (was a policy ever changed?) and its eligibility and active
//! schedules (counted), three requests per group, 18 to a `$batch`, three batches in flight. The
//! answer is kept for the session and dropped whenever this app onboards or creates a group.

use crate::client::Graph;
use crate::domain::managed::{add_checks, not_eligible_reason, signals, Checks, Signals};
pub use crate::domain::managed::{add_counts, counts};
use crate::graph::call::Batch;
use crate::graph::directory::{list_groups, GROUP_FIELDS};
use crate::graph::error::GraphError;
use crate::graph::model::Group;
use leptos::prelude::*;
use std::cell::RefCell;

/// Groups checked per `$batch` (three requests each; Graph allows 20 per batch).
const GROUPS_PER_BATCH: usize = 6;
/// Batches in flight at once: enough to hide latency, few enough not to be throttled.
const LANES: usize = 3;

/// One group and what the scan found.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub group: Group,
    /// Why PIM can never manage it, if so.
    pub not_eligible: Option<&'static str>,
    pub signals: Signals,
}

thread_local! {
    static CACHE: RefCell<Option<Vec<Row>>> = const { RefCell::new(None) };
}

/// Forgets the answer: the next blade to ask scans again.
pub fn invalidate() {
    CACHE.with(|c| c.borrow_mut().take());
}

/// How a page scans when PIM's list is refused: `on_demand` from the groups list (the scan's code
/// is a chunk fetched then), `in_place` from pages that are chunks themselves (a chunk never calls
/// a split function: see components/deferred.rs).
pub type Scanner =
    fn(Graph, WriteSignal<(usize, usize)>) -> futures::future::LocalBoxFuture<'static, Scanned>;
type Scanned = Result<Vec<Row>, GraphError>;

/// The scan from its own chunk.
pub fn on_demand(graph: Graph, progress: WriteSignal<(usize, usize)>) -> Scanning {
    Box::pin(scan_when_refused(graph, progress))
}

/// The scan from the calling page's own code.
pub fn in_place(graph: Graph, progress: WriteSignal<(usize, usize)>) -> Scanning {
    Box::pin(scan(graph, progress))
}

/// `scan`, whose code is fetched only when PIM's list of managed groups is refused (most tenants
/// never need it); a chunk that can't be fetched is an error like Graph's, never an empty list.
async fn scan_when_refused(
    graph: Graph,
    progress: WriteSignal<(usize, usize)>,
) -> Result<Vec<Row>, GraphError> {
    match scanner(graph, progress).await {
        Ok(scanning) => scanning.await,
        Err(_) => Err(GraphError::unexpected(
            "chunkLoadFailed",
            "The code that checks every group could not be fetched. Check the connection and reload the page.",
        )),
    }
}

type Scanning = futures::future::LocalBoxFuture<'static, Scanned>;

#[leptos::wasm_split::wasm_split(groups_scan, wasm_split_path = ::leptos::wasm_split, fallible)]
fn scanner(
    graph: Graph,
    progress: WriteSignal<(usize, usize)>,
) -> Result<Scanning, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(scan(graph, progress)))
}

/// Every group of the tenant with what PIM makes of it; `progress` counts groups checked.
async fn scan(graph: Graph, progress: WriteSignal<(usize, usize)>) -> Result<Vec<Row>, GraphError> {
    if let Some(rows) = CACHE.with(|c| c.borrow().clone()) {
        return Ok(rows);
    }
    let list = list_groups(GROUP_FIELDS);
    let groups: Vec<Group> = graph.call_all(&list).await?;
    let mut rows: Vec<Row> = groups
        .into_iter()
        .map(|group| Row {
            not_eligible: not_eligible_reason(&group),
            group,
            signals: Signals::default(),
        })
        .collect();
    let candidates: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].not_eligible.is_none())
        .collect();
    progress.set((0, candidates.len()));
    let chunks: Vec<&[usize]> = candidates.chunks(GROUPS_PER_BATCH).collect();
    for round in chunks.chunks(LANES) {
        let work = round.iter().map(|chunk| {
            let mut batch = Batch::new();
            let checks: Vec<Checks> = chunk
                .iter()
                .map(|&i| add_checks(&mut batch, &rows[i].group.id))
                .collect();
            let graph = graph.clone();
            async move { (graph.run(&batch).await, checks) }
        });
        let answers = futures::future::join_all(work).await;
        for (chunk, (mut answers, checks)) in round.iter().zip(answers) {
            for (&i, check) in chunk.iter().zip(checks) {
                rows[i].signals = signals(check, &mut answers)?;
            }
            progress.update(|(done, _)| *done += chunk.len());
        }
    }
    CACHE.with(|c| *c.borrow_mut() = Some(rows.clone()));
    Ok(rows)
}
