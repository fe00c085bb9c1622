//! Which groups PIM manages: PIM's own list (ids only; v1.0, or beta where v1.0 lacks it) named
//! through `getByIds` page by page, or, when that list is refused, the scan of every group
//! (scan.rs), with the refusal kept to show.

use super::scan::{Row, Scanner};
use crate::client::Graph;
use crate::domain::managed::{not_eligible_reason, Signals};
use crate::graph::directory::{get_groups_by_ids, list_groups, GROUP_FIELDS, IDS_PER_CALL};
use crate::graph::error::GraphError;
use crate::graph::model::Group;
use crate::graph::pim::list_group_resources;
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::HashSet;

/// How the rows were found, which the page says.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// PIM's list of the groups it manages (v1.0).
    Listed,
    /// PIM's list from beta, because v1.0 answered that it has no such call here.
    ListedBeta(GraphError),
    /// Every group checked, because PIM's list was refused with this error.
    Scanned(GraphError),
}

/// A `groupResource`: a managed group's id and nothing else.
#[derive(Deserialize)]
struct Resource {
    id: String,
}

/// The list is refused when the token lacks its scope (403), the endpoint is not offered in
/// this cloud or was withdrawn (404, 400, 501): then the scan still answers, slower.
fn use_scan_instead(e: &GraphError) -> bool {
    matches!(e.status, 400 | 403 | 404 | 501)
}

/// v1.0 answering that it has no such segment (a tenant or cloud it has not reached yet): beta
/// may. A 403 is the permission, which beta would refuse too.
fn try_beta(e: &GraphError) -> bool {
    matches!(e.status, 404 | 501) || (e.status == 400 && e.message.contains("segment"))
}

fn row(group: Group) -> Row {
    Row {
        not_eligible: not_eligible_reason(&group),
        group,
        signals: Signals::default(),
    }
}

/// The groups among `ids`, 1,000 a call, the calls in one `$batch`: its CORS preflight was made
/// already (the loader's first read is a `$batch` too), where a POST of its own would wait for one.
async fn named(graph: &Graph, ids: &[String]) -> Result<Vec<Group>, GraphError> {
    let mut out = vec![];
    for page in graph
        .each(ids.chunks(IDS_PER_CALL).map(get_groups_by_ids))
        .await
    {
        out.extend(page?.value);
    }
    Ok(out)
}

/// Reads the managed groups, handing each page's rows to `add` as it is named, so the first rows
/// show after two round trips whatever the tenant's size. `progress` counts a fallback scan.
pub async fn read_managed(
    graph: Graph,
    add: impl Fn(Vec<Row>),
    progress: WriteSignal<(usize, usize)>,
    scan: Scanner,
) -> Result<Source, GraphError> {
    let mut next = Some(list_group_resources::<Resource>(false).into_request());
    let mut first = true;
    let mut from_beta = None;
    while let Some(req) = next.take() {
        // The first page may have been read by the loader already (pages/early.rs).
        let (page, more) = match graph.get_page::<Resource>(&req).await {
            Ok(answer) => answer,
            Err(e) if first && from_beta.is_none() && try_beta(&e) => {
                from_beta = Some(e);
                next = Some(list_group_resources::<Resource>(true).into_request());
                continue;
            }
            Err(e) if first && use_scan_instead(&e) => {
                let rows = scan(graph, progress).await?;
                add(rows.into_iter().filter(|r| r.signals.managed()).collect());
                return Ok(Source::Scanned(e));
            }
            Err(e) => return Err(e),
        };
        first = false;
        let ids: Vec<String> = page.into_iter().map(|r| r.id).collect();
        let mut groups = named(&graph, &ids).await?;
        groups.sort_by_cached_key(|g| g.display_name.clone().unwrap_or_default().to_lowercase());
        add(groups.into_iter().map(row).collect());
        next = more;
    }
    Ok(from_beta.map_or(Source::Listed, Source::ListedBeta))
}

/// PIM's list, v1.0 first and beta where v1.0 lacks it.
async fn listed(graph: &Graph) -> Result<(Vec<Resource>, Source), GraphError> {
    match graph
        .call_all::<Resource>(&list_group_resources(false))
        .await
    {
        Ok(all) => Ok((all, Source::Listed)),
        Err(e) if try_beta(&e) => {
            let all = graph
                .call_all::<Resource>(&list_group_resources(true))
                .await?;
            Ok((all, Source::ListedBeta(e)))
        }
        Err(e) => Err(e),
    }
}

/// Every group with whether PIM manages it, for Discover: the group list and PIM's list side by
/// side (two reads, each paged), or the scan when PIM's list is refused.
pub async fn read_all(
    graph: Graph,
    progress: WriteSignal<(usize, usize)>,
    scan: Scanner,
) -> Result<(Vec<(Row, bool)>, Source), GraphError> {
    let (groups, listed) = futures::future::join(
        graph.call_all::<Group>(&list_groups(GROUP_FIELDS)),
        listed(&graph),
    )
    .await;
    match listed {
        Ok((listed, source)) => {
            let managed: HashSet<String> = listed.into_iter().map(|r| r.id).collect();
            let rows = groups?
                .into_iter()
                .map(|g| {
                    let is = managed.contains(&g.id);
                    (row(g), is)
                })
                .collect();
            Ok((rows, source))
        }
        Err(e) if use_scan_instead(&e) => {
            let rows = scan(graph, progress).await?;
            let rows = rows
                .into_iter()
                .map(|r| {
                    let is = r.signals.managed();
                    (r, is)
                })
                .collect();
            Ok((rows, Source::Scanned(e)))
        }
        Err(e) => Err(e),
    }
}
