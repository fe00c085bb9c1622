//! `/audit`: PIM activity for groups from the directory audit log: Resource audit (all groups or
//! one) and My audit, over a date range: every page read, rows shown as each page arrives, and a
//! CSV of them all.

use crate::auth::session::Session;
use crate::client::{use_graph, Graph};
use crate::components::blade::Blade;
use crate::components::data_table::DataTable;
use crate::components::download::Download;
use crate::components::error_bar::ErrorBar;
use crate::components::tabs::{use_tab, Tab, Tabs};
use crate::domain::audit::{csv, filter, AuditRow};
use crate::domain::stamp::parse_date;
use crate::graph::audit::list_directory_audits;
use crate::graph::directory::list_groups;
use crate::graph::error::GraphError;
use crate::graph::model::{DirectoryAudit, Group};
use crate::graph::request::GraphRequest;
use crate::pages::Route;
use chrono::Duration;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const TABS: &[Tab] = &[
    Tab {
        key: "resource",
        label: "Resource audit",
    },
    Tab {
        key: "mine",
        label: "My audit",
    },
];

/// Entries asked for per page: Graph's largest for the audit log, so a busy week of 10,000
/// entries is 11 round trips.
const PAGE: u32 = 999;

fn first_page(from: &str, to: &str, group: Option<&str>, me: Option<&str>) -> GraphRequest {
    let start = format!("{from}T00:00:00Z");
    let end = format!("{to}T23:59:59Z");
    list_directory_audits(&filter(&start, &end, group, me), PAGE).into_request()
}

async fn fetch(
    graph: Graph,
    req: GraphRequest,
) -> Result<(Vec<AuditRow>, Option<GraphRequest>), GraphError> {
    let (items, next) = graph.get_page::<DirectoryAudit>(&req).await?;
    Ok((items.iter().map(AuditRow::from).collect(), next))
}

/// Audit.
#[component]
pub fn Audit() -> impl IntoView {
    let graph = use_graph();
    let session = expect_context::<Session>();
    let query = use_query_map();
    let tab = use_tab("tab", TABS);
    let today = crate::clock::service_now().date_naive();
    let from = RwSignal::new((today - Duration::days(7)).to_string());
    let to = RwSignal::new(today.to_string());
    let group = RwSignal::new(query.with_untracked(|q| q.get("group")).unwrap_or_default());
    let g1 = graph.clone();
    let groups = LocalResource::new(move || {
        let graph = g1.clone();
        async move {
            graph
                .call_all::<Group>(&list_groups("id,displayName"))
                .await
        }
    });
    let rows = RwSignal::new(Vec::<AuditRow>::new());
    let error = RwSignal::new(None::<GraphError>);
    let done = RwSignal::new(false);
    // Which reading is current: one whose filters have changed since stops appending.
    let reading = StoredValue::new(0u32);
    // Pages are read outside any Suspense, so each shows as it arrives instead of all at the end.
    Effect::new(move |_| {
        let me = session.account().map(|a| a.object_id);
        let (f, t, g) = (from.get(), to.get(), group.get());
        let valid = parse_date(&f).is_some() && parse_date(&t).is_some();
        let req = match tab.get() {
            "mine" => first_page(&f, &t, None, me.as_deref()),
            _ => first_page(&f, &t, Some(g.as_str()).filter(|g| !g.is_empty()), None),
        };
        reading.update_value(|n| *n += 1);
        let this = reading.get_value();
        rows.set(vec![]);
        error.set(None);
        done.set(!valid);
        if !valid {
            return;
        }
        let graph = graph.clone();
        let current = move || reading.try_get_value() == Some(this);
        leptos::task::spawn_local(async move {
            let mut next = Some(req);
            while let Some(req) = next.take() {
                let answer = fetch(graph.clone(), req).await;
                if !current() {
                    return;
                }
                match answer {
                    Ok((page, more)) => {
                        rows.update(|all| all.extend(page));
                        next = more;
                    }
                    Err(e) => {
                        error.set(Some(e));
                        return;
                    }
                }
            }
            done.set(true);
        });
    });
    let reading_now = Signal::derive(move || !done.get() && error.with(Option::is_none));
    // A file made before the reading ended, or after it stopped on an error, says so.
    let make = Callback::new(move |()| {
        let why = match error.get_untracked() {
            Some(e) => Some(format!(
                "the audit log could not be read past these entries ({}: {}, request id {})",
                e.effective_code(),
                e.message,
                e.request_id.as_deref().unwrap_or("-")
            )),
            None if !done.get_untracked() => {
                Some("downloaded while the audit log was still being read".to_owned())
            }
            None => None,
        };
        rows.with(|r| csv(r, why.as_deref()))
    });
    let row = |r: AuditRow| {
        view! {
            <tr><td>{r.time}</td><td>{r.activity}</td><td>{r.initiated_by}</td><td>{r.group}</td><td>{r.principal}</td><td>{r.result}</td><td>{r.reason}</td></tr>
        }
    };
    view! {
        <Blade title=Route::Audit.heading()>
            <Tabs param="tab" tabs=TABS label="Audit" selected=tab>
            <div class="pim-filters">
                <div class="pim-field"><label for="audit-from">"From"</label>
                    <input id="audit-from" type="date" prop:value=from on:change=move |e| from.set(event_target_value(&e)) /></div>
                <div class="pim-field"><label for="audit-to">"To"</label>
                    <input id="audit-to" type="date" prop:value=to on:change=move |e| to.set(event_target_value(&e)) /></div>
                {move || (tab.get() == "resource").then(|| view! {
                    <div class="pim-field"><label for="audit-group">"Group"</label>
                        <select id="audit-group" on:change=move |e| group.set(event_target_value(&e))>
                            <option value="" selected=move || group.get().is_empty()>"All groups"</option>
                            <For each=move || groups.get().and_then(|r| r.ok()).unwrap_or_default() key=|g| g.id.clone() children=move |g| {
                                let (id, value) = (g.id.clone(), g.id.clone());
                                view! { <option value=value selected=move || group.get() == id>{g.display_name.unwrap_or(g.id)}</option> }
                            } />
                        </select></div>
                })}
                <Download file="pim-audit.csv" mime="text/csv" make label="Download CSV" />
            </div>
            {move || groups.get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            {move || error.get().map(|error| view! { <ErrorBar error /> })}
            {move || reading_now.get().then(|| view! {
                <p role="status" class="pim-loading">{move || match rows.with(Vec::len) {
                    0 => "Reading the audit log…".to_owned(),
                    n => format!("Reading the audit log… {n} entries so far"),
                }}</p>
            })}
            <DataTable caption="Audit entries" headers=vec!["Time", "Activity", "Initiated by", "Group", "Principal", "Result", "Reason"]
                rows=rows key=|r: &AuditRow| r.id.clone() row empty="No PIM activity in this range."
                loading=reading_now />
            </Tabs>
        </Blade>
    }
}
