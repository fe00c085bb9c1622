//! `/groups/ID/history`: who held Member or Owner and when, ended activations included, as a
//! timeline (one row per person) and a table with **Download CSV**, and who could have held a
//! role at a chosen moment. Read from the schedule requests and the last 30 days of audit.

use crate::client::run_prefetched;
use crate::client::{use_graph, Graph};
use crate::components::data_table::DataTable;
use crate::components::download::Download;
use crate::components::loaded::Loaded;
use crate::domain::audit::filter;
use crate::domain::history::{approvers, csv, held_at, periods, Period};
use crate::domain::wording::{at as stamp, role};
use crate::graph::audit::list_directory_audits;
use crate::graph::call::Batch;
use crate::graph::call::Handle;
use crate::graph::error::GraphError;
use crate::graph::model::Page;
use crate::graph::model::{DirectoryAudit, Expanded, PrivilegedAccessGroupScheduleRequest};
use crate::graph::pim::{list_for_group, Collection};
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use std::collections::HashMap;

type Request = Expanded<PrivilegedAccessGroupScheduleRequest>;

/// How far back approvers can be named: Entra keeps audit entries for 30 days.
const AUDIT_DAYS: i64 = 30;

type Requests = Handle<Page<Request>>;

/// The group's activation and eligibility requests with their principals (active, eligible), in
/// one `$batch`: sent by the tab, or while its code downloads (`client::prefetch`).
pub fn reads(group: &str) -> (Batch, (Requests, Requests)) {
    let mut batch = Batch::new();
    let requests = |c| list_for_group::<Request>(c, group, Some("principal"));
    let active = batch.add(requests(Collection::AssignmentScheduleRequests));
    let eligible = batch.add(requests(Collection::EligibilityScheduleRequests));
    (batch, (active, eligible))
}

async fn load(graph: Graph, group: String) -> Result<Vec<Period>, GraphError> {
    let now = crate::clock::service_now();
    let stamp = crate::domain::stamp::utc;
    let audit = list_directory_audits(
        &filter(
            &stamp(now - Duration::days(AUDIT_DAYS)),
            &stamp(now),
            Some(&group),
            None,
        ),
        999,
    );
    let (batch, (active, eligible)) = reads(&group);
    let (mut a, entries) = futures::future::join(
        run_prefetched(&graph, &batch),
        graph.call_all::<DirectoryAudit>(&audit),
    )
    .await;
    let (active, eligible) = (a.take(active)?, a.take(eligible)?);
    let mut names = HashMap::new();
    let mut requests = vec![];
    for (is_eligible, r) in active
        .value
        .into_iter()
        .map(|r| (false, r))
        .chain(eligible.value.into_iter().map(|r| (true, r)))
    {
        if let Some(label) = r
            .principal
            .as_ref()
            .and_then(crate::domain::principals::label)
        {
            names.insert(r.item.principal_id.clone(), label);
        }
        requests.push((is_eligible, r.item));
    }
    Ok(periods(&requests, &approvers(&entries?), &names))
}

/// One bar per period on one row per person, placed by percentage of the drawn range.
#[component]
fn Timeline(periods: Vec<Period>, now: DateTime<Utc>) -> impl IntoView {
    let first = periods.iter().map(|p| p.start).min().unwrap_or(now);
    let last = periods
        .iter()
        .filter_map(|p| p.end)
        .max()
        .unwrap_or(now)
        .max(now);
    // Positions in basis points (10,000 = the whole span), written without float formatting.
    let span = (last - first).num_seconds().max(1);
    let at = move |t: DateTime<Utc>| ((t - first).num_seconds() * 10_000 / span).clamp(0, 10_000);
    let mut people: Vec<String> = periods.iter().map(|p| p.principal.clone()).collect();
    people.dedup();
    let rows = people.into_iter().map(|person| {
        let bars = periods.iter().filter(|p| p.principal == person).map(|p| {
            let left = at(p.start);
            let width = (at(p.end.unwrap_or(last)) - left).max(60);
            let class = if p.eligible { "pim-timeline__bar pim-timeline__bar--eligible" } else { "pim-timeline__bar pim-timeline__bar--active" };
            view! { <span class=class style:left=crate::domain::stamp::percent(left) style:width=crate::domain::stamp::percent(width)></span> }
        }).collect_view();
        view! { <div class="pim-timeline__row"><span class="pim-timeline__who">{person}</span><span class="pim-timeline__track">{bars}</span></div> }
    }).collect_view();
    view! {
        <figure class="pim-timeline">
            <figcaption>{format!("From {} to {}: active periods dark, eligible periods light. The table below lists every period.", stamp(first), stamp(last))}</figcaption>
            <div aria-hidden="true">{rows}</div>
        </figure>
    }
}

/// Who held or could activate a role at a moment the user picks.
#[component]
fn HeldAt(periods: Vec<Period>) -> impl IntoView {
    let moment = RwSignal::new(String::new());
    let answer = move || {
        let text = moment.get();
        let at = crate::domain::stamp::parse_local(&text)?;
        let who = held_at(&periods, at.and_utc());
        Some(if who.is_empty() {
            format!("No one held or could activate a role of this group at {text} UTC.")
        } else {
            format!("At {text} UTC: {}.", who.join(", "))
        })
    };
    view! {
        <div class="pim-field">
            <label for="history-at">"Who could have held a role at (UTC)"</label>
            <input id="history-at" type="datetime-local" prop:value=moment on:change=move |e| moment.set(event_target_value(&e)) />
        </div>
        <p role="status">{answer}</p>
    }
}

/// The group's History section.
#[component]
pub fn History(
    /// The group.
    #[prop(into)]
    group_id: Signal<String>,
) -> impl IntoView {
    let graph = use_graph();
    let data = LocalResource::new(move || load(graph.clone(), group_id.get()));
    view! {
        <h2>"History"</h2>
        <Loaded resource=data loading="Reading the group's history…" let:found>
            {
                let now = crate::clock::service_now();
                let all = found.clone();
                let make = Callback::new(move |()| csv(&all, now));
                let row = move |p: Period| view! {
                    <tr>
                        <td>{p.principal.clone()}</td>
                        <td>{role(p.access)}</td>
                        <td>{if p.eligible { "Eligible" } else { "Active" }}</td>
                        <td>{p.how}</td>
                        <td>{stamp(p.start)}</td>
                        <td>{p.end.map_or_else(|| "Permanent".to_owned(), stamp)}</td>
                        <td>{p.state(now)}</td>
                        <td>{p.reason.clone()}</td>
                        <td>{p.ticket.clone()}</td>
                        <td>{p.approver.clone().unwrap_or_else(|| "—".into())}</td>
                        <td>{p.ended_because.clone()}</td>
                    </tr>
                };
                view! {
                    <Timeline periods=found.clone() now />
                    <HeldAt periods=found.clone() />
                    <Download file="pim-group-history.csv" mime="text/csv" make label="Download CSV" />
                    <DataTable caption="Periods" rows=Signal::stored(found) key=|p: &Period| p.id.clone() row
                        headers=vec!["Name", "Role", "Type", "How", "Start", "End", "State", "Reason", "Ticket", "Approved by", "Ended because"]
                        empty="No one has held or been eligible for a role of this group." />
                    <p class="pim-muted">"Approvers are named from the audit log, which Microsoft Entra keeps for 30 days."</p>
                }
            }
        </Loaded>
    }
}
