//! `/groups`: the groups PIM manages, searchable, shown as PIM's list is read, a hundred at a time,
//! with eligible and active counts read only for the rows shown.

use super::inventory::{read_managed, Source};
use super::scan::{add_counts, counts, Row};
use crate::client::use_graph;
use crate::components::data_table::DataTable;
use crate::components::deferred::{lazy, Deferred};
use crate::components::error_bar::ErrorBar;
use crate::domain::managed::{kind, matches, Signals};
use crate::domain::wording::yes_no;
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::pages::Route;
use leptos::prelude::*;
use std::collections::HashMap;

/// Rows rendered per "Show more".
pub const PAGE: usize = 100;

/// "Checking 12 of 40 groups…" while a scan runs.
pub fn progress_text((done, total): (usize, usize)) -> String {
    format!("Checking which groups PIM manages: {done} of {total} groups checked…")
}

/// Each shown group's counts: `None` while asked for, then the answer.
type Counts = RwSignal<HashMap<String, Option<Result<Signals, GraphError>>>>;

/// What the page says when it had to scan: why, with Graph's own words for the refusal.
#[component]
pub fn ScanNotice(error: GraphError) -> impl IntoView {
    view! {
        <div class="pim-notice" role="status">
            <p>"PIM's list of the groups it manages could not be read, so every group was checked instead. \
                This is slower, and a group onboarded without a settings change or an assignment is not found. \
                Grant PrivilegedAccess.Read.AzureADGroup to this app to use PIM's list."</p>
            <p class="pim-notice__meta">
                "Graph answered: " <code>{error.effective_code().to_owned()}</code> " " {error.message.clone()}
                " · Request id: " <code>{error.request_id.clone().unwrap_or_else(|| "-".into())}</code>
            </p>
        </div>
    }
}

/// What the page says when PIM's list came from beta: v1.0's answer, so an admin knows why.
#[component]
pub fn BetaNotice(error: GraphError) -> impl IntoView {
    view! {
        <p class="pim-notice" role="status">
            "PIM's list of the groups it manages was read from Graph's beta version: v1.0 answered "
            <code>{error.effective_code().to_owned()}</code> " " {error.message.clone()}
            " (request id " <code>{error.request_id.clone().unwrap_or_else(|| "-".into())}</code> ")."
        </p>
    }
}

/// The notice's code comes in the scan's chunk: only a refused list needs either.
fn scan_notice(error: GraphError) -> impl IntoView {
    let load = lazy!(groups_scan(error: GraphError = error) => view! { <ScanNotice error /> });
    view! { <Deferred load what="why every group was checked" /> }
}

/// Reads the counts of the shown groups that have none yet, 10 groups to a `$batch`.
fn count_shown(graph: crate::client::Graph, shown: Vec<String>, known: Counts) {
    let missing: Vec<String> =
        known.with_untracked(|k| shown.into_iter().filter(|id| !k.contains_key(id)).collect());
    if missing.is_empty() {
        return;
    }
    // Marked as asked for at once, so a re-render does not ask again while the answer is out.
    known.update(|k| k.extend(missing.iter().map(|id| (id.clone(), None))));
    let mut batch = Batch::new();
    let reads: Vec<_> = missing
        .iter()
        .map(|id| add_counts(&mut batch, id))
        .collect();
    leptos::task::spawn_local(async move {
        let mut answers = graph.run(&batch).await;
        let found: Vec<_> = missing
            .into_iter()
            .zip(reads)
            .map(|(id, read)| (id, Some(counts(read, &mut answers))))
            .collect();
        known.update(|k| k.extend(found));
    });
}

/// The managed groups table.
#[component]
pub fn ManagedGroups(refresh: ReadSignal<u32>) -> impl IntoView {
    let graph = use_graph();
    let (progress, set_progress) = signal((0usize, 0usize));
    let rows = RwSignal::new(Vec::<Row>::new());
    let source = RwSignal::new(None::<Source>);
    let error = RwSignal::new(None::<GraphError>);
    let known: Counts = RwSignal::new(HashMap::new());
    let reading = StoredValue::new(0u32);
    let g = graph.clone();
    Effect::new(move |_| {
        refresh.track();
        reading.update_value(|n| *n += 1);
        let this = reading.get_value();
        let current = move || reading.try_get_value() == Some(this);
        rows.set(vec![]);
        source.set(None);
        error.set(None);
        known.set(HashMap::new());
        let graph = g.clone();
        leptos::task::spawn_local(async move {
            let add = move |more: Vec<Row>| {
                if current() {
                    rows.update(|r| r.extend(more));
                }
            };
            let result = read_managed(graph, add, set_progress, super::scan::on_demand).await;
            if !current() {
                return;
            }
            match result {
                Ok(found) => {
                    if let Source::Scanned(_) = found {
                        // The scan counted every group already.
                        known.set(rows.with_untracked(|r| {
                            r.iter()
                                .map(|r| (r.group.id.clone(), Some(Ok(r.signals.clone()))))
                                .collect()
                        }));
                    }
                    source.set(Some(found));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let search = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let hits = Memo::new(move |_| {
        search.with(|s| {
            rows.with(|r| {
                r.iter()
                    .filter(|r| matches(&r.group, s))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let visible = Signal::derive(move || {
        hits.with(|h| h.iter().take(shown.get()).cloned().collect::<Vec<_>>())
    });
    Effect::new(move |_| {
        let ids: Vec<String> = visible.with(|v| v.iter().map(|r| r.group.id.clone()).collect());
        if source.with(|s| !matches!(s, Some(Source::Scanned(_)))) {
            count_shown(graph.clone(), ids, known);
        }
    });
    let reading_now =
        Signal::derive(move || source.with(Option::is_none) && error.with(Option::is_none));
    let count_error = move || {
        known.with(|k| {
            k.values()
                .find_map(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned()))
        })
    };
    let row = move |r: Row| {
        let id = r.group.id.clone();
        let cell = move |pick: fn(&Signals) -> usize| {
            let id = id.clone();
            move || {
                known.with(|k| match k.get(&id) {
                    Some(Some(Ok(s))) => s.count(pick(s)),
                    Some(Some(Err(_))) => "Unknown".to_owned(),
                    _ => "…".to_owned(),
                })
            }
        };
        let name = r
            .group
            .display_name
            .clone()
            .unwrap_or_else(|| r.group.id.clone());
        view! {
            <tr>
                <td><a href=Route::GroupOverview(r.group.id.clone()).path()>{name}</a></td>
                <td>{kind(&r.group)}</td>
                <td>{yes_no(r.group.is_assignable_to_role == Some(true))}</td>
                <td>{cell(|s| s.eligible)}</td>
                <td>{cell(|s| s.active)}</td>
            </tr>
        }
    };
    view! {
        <div class="pim-field pim-field--search">
            <label for="groups-search">"Search by group name or ID"</label>
            <input id="groups-search" type="search" prop:value=search on:input=move |e| { search.set(event_target_value(&e)); shown.set(PAGE); } />
        </div>
        {move || source.get().and_then(|s| match s {
            Source::Scanned(error) => Some(scan_notice(error).into_any()),
            Source::ListedBeta(error) => Some(view! { <BetaNotice error /> }.into_any()),
            Source::Listed => None,
        })}
        {move || error.get().map(|error| view! { <ErrorBar error /> })}
        {move || count_error().map(|error| view! { <ErrorBar error /> })}
        <p role="status">{move || match (reading_now.get(), rows.with(Vec::len), progress.get()) {
            (true, 0, (_, 0)) => "Reading the groups PIM manages…".to_owned(),
            (true, 0, p) => progress_text(p),
            (true, n, _) => format!("{} of {n} managed groups shown; reading more…", hits.with(Vec::len)),
            (false, n, _) => format!("{} of {n} managed groups shown.", hits.with(Vec::len)),
        }}</p>
        <DataTable caption="Groups managed by PIM"
            headers=vec!["Group", "Type", "Role-assignable", "Eligible assignments", "Active assignments"]
            rows=visible key=|r: &Row| r.group.id.clone() row loading=reading_now
            empty=Signal::derive(move || if rows.with(Vec::is_empty) { "No group is managed by PIM yet. Use Discover groups to bring one under management." } else { "No managed group matches the search." }) />
        {move || (hits.with(Vec::len) > shown.get()).then(|| view! {
            <button class="pim-button" type="button" on:click=move |_| shown.update(|s| *s += PAGE)>"Show more"</button>
        })}
    }
}
