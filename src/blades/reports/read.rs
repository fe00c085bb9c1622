//! Reads a report's data: the managed groups, then six groups to a `$batch` (eligible and active
//! schedules and requests, every page), and the audit log's entries for the window, page after page.

use crate::client::Graph;
use crate::domain::reports::{GroupReads, Window};
use crate::graph::audit::list_directory_audits;
use crate::graph::call::Batch;
use crate::graph::directory::{get_groups_by_ids, get_users_by_ids, IDS_PER_CALL};
use crate::graph::error::GraphError;
use crate::graph::model::{DirectoryAudit, Group, Page, User};
use crate::graph::pim::{list_for_group, list_group_resources, Collection};
use futures::StreamExt;
use serde::Deserialize;
use std::collections::HashMap;

/// Three reads a group, so six groups fill a `$batch` of twenty as nearly as it can be filled.
const GROUPS_PER_BATCH: usize = 6;

/// Graph's largest page of the audit log.
const AUDIT_PAGE: u32 = 999;

/// A `groupResource`: a managed group's id.
#[derive(Deserialize)]
struct Resource {
    id: String,
}

/// Every group PIM manages, named, by name.
pub async fn managed(graph: &Graph) -> Result<Vec<Group>, GraphError> {
    let ids: Vec<String> = graph
        .call_all::<Resource>(&list_group_resources(false))
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut out = vec![];
    for chunk in ids.chunks(IDS_PER_CALL) {
        out.extend(
            graph
                .call::<Page<Group>>(&get_groups_by_ids(chunk))
                .await?
                .value,
        );
    }
    out.sort_by_key(|g| g.display_name.clone().unwrap_or_default().to_lowercase());
    Ok(out)
}

/// A group's name, else its id.
pub fn name(g: &Group) -> String {
    g.display_name.clone().unwrap_or_else(|| g.id.clone())
}

/// Batches sent side by side: a tenant of 2,500 groups is 417 batches, so one at a time would
/// be 417 round trips end to end; more at once would meet Graph's throttling sooner.
const BATCHES_AT_ONCE: usize = 3;

/// What each group holds, handed to `add` a batch at a time as it arrives; a group that could
/// not be read is handed with its error, never left out in silence.
pub async fn groups(
    graph: &Graph,
    groups: &[Group],
    add: impl Fn(Vec<GroupReads>, Vec<(String, GraphError)>),
) {
    let batches = groups.chunks(GROUPS_PER_BATCH).map(|chunk| async move {
        let mut batch = Batch::new();
        let handles: Vec<_> = chunk
            .iter()
            .map(|g| {
                let of = |c| list_for_group(c, &g.id, Some("principal"));
                (
                    batch.add(of(Collection::EligibilitySchedules)),
                    batch.add(of(Collection::AssignmentSchedules)),
                    batch.add(list_for_group(
                        Collection::AssignmentScheduleRequests,
                        &g.id,
                        Some("principal"),
                    )),
                )
            })
            .collect();
        let mut answers = graph.run(&batch).await;
        let (mut read, mut failed) = (vec![], vec![]);
        for (g, (eligible, active, requests)) in chunk.iter().zip(handles) {
            let one = (|| {
                Ok::<_, GraphError>(GroupReads {
                    id: g.id.clone(),
                    name: name(g),
                    eligible: answers.take(eligible)?.value,
                    active: answers.take(active)?.value,
                    requests: answers.take(requests)?.value,
                })
            })();
            match one {
                Ok(r) => read.push(r),
                Err(e) => failed.push((name(g), e)),
            }
        }
        (read, failed)
    });
    let mut answers = futures::stream::iter(batches).buffer_unordered(BATCHES_AT_ONCE);
    while let Some((read, failed)) = answers.next().await {
        add(read, failed);
    }
}

/// The names of `ids` (who made standing assignments), 1,000 a call; a failure is named as
/// what could not be read, and those people keep their ids.
pub async fn names(
    graph: &Graph,
    ids: &[String],
) -> (HashMap<String, String>, Option<(String, GraphError)>) {
    let mut names = HashMap::new();
    for chunk in ids.chunks(IDS_PER_CALL) {
        match graph.call::<Page<User>>(&get_users_by_ids(chunk)).await {
            Ok(page) => names.extend(
                page.value
                    .into_iter()
                    .filter_map(|u| Some((u.id, u.display_name?))),
            ),
            Err(e) => return (names, Some(("Who assigned standing access".into(), e))),
        }
    }
    (names, None)
}

/// Microsoft documents about five requests per ten seconds for the reporting APIs: the first
/// pages go at once, each later one two seconds after the one before.
const AUDIT_PAGES_AT_ONCE: usize = 5;
const AUDIT_PACE_MS: u64 = 2_000;

/// The PIM entries of the audit log in the window, one page after another, never two at once.
pub async fn audit(graph: &Graph, window: Window) -> Result<Vec<DirectoryAudit>, GraphError> {
    let last = window.end() - chrono::Duration::seconds(1);
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let filter = crate::domain::audit::filter(&stamp(window.start()), &stamp(last), None, None);
    let mut next = Some(list_directory_audits(&filter, AUDIT_PAGE).into_request());
    let (mut out, mut pages) = (vec![], 0);
    while let Some(req) = next.take() {
        if pages >= AUDIT_PAGES_AT_ONCE {
            crate::graph::client::sleep(AUDIT_PACE_MS).await;
        }
        let (items, more) = graph.get_page::<DirectoryAudit>(&req).await?;
        out.extend(items);
        next = more;
        pages += 1;
    }
    Ok(out)
}
