//! `/audit`: PIM activity for groups from the directory audit log: Resource audit (all groups or
//! one) and My audit, over a date range, a page at a time, with a CSV of what is shown.

use crate::auth::session::{Graph, Session};
use crate::components::blade::Blade;
use crate::components::error_bar::ErrorBar;
use crate::domain::audit::{csv, filter, AuditRow};
use crate::graph::audit::list_directory_audits;
use crate::graph::directory::list_groups;
use crate::graph::error::GraphError;
use crate::graph::model::{DirectoryAudit, Group};
use crate::graph::request::GraphRequest;
use crate::routes::Route;
use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Resource,
    Mine,
}

/// Entries asked for per page.
const PAGE: u32 = 50;

fn first_page(from: &str, to: &str, group: Option<&str>, me: Option<&str>) -> GraphRequest {
    let start = format!("{from}T00:00:00Z");
    let end = format!("{to}T23:59:59Z");
    list_directory_audits(&filter(&start, &end, group, me), PAGE)
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
    let graph = expect_context::<Graph>();
    let session = expect_context::<Session>();
    let query = use_query_map();
    let tab = RwSignal::new(Tab::Resource);
    let today = Utc::now().date_naive();
    let from = RwSignal::new((today - Duration::days(7)).to_string());
    let to = RwSignal::new(today.to_string());
    let group = RwSignal::new(query.with_untracked(|q| q.get("group")).unwrap_or_default());
    let g1 = graph.clone();
    let groups = LocalResource::new(move || {
        let graph = g1.clone();
        async move { graph.get_all::<Group>(&list_groups("id,displayName")).await }
    });
    let rows = RwSignal::new(Vec::<AuditRow>::new());
    let next = RwSignal::new(None::<GraphRequest>);
    let g2 = graph.clone();
    let first = LocalResource::new(move || {
        let me = session.account().map(|a| a.object_id);
        let (f, t, g) = (from.get(), to.get(), group.get());
        let valid = NaiveDate::parse_from_str(&f, "%Y-%m-%d").is_ok()
            && NaiveDate::parse_from_str(&t, "%Y-%m-%d").is_ok();
        let req = match tab.get() {
            Tab::Resource => first_page(&f, &t, Some(g.as_str()).filter(|g| !g.is_empty()), None),
            Tab::Mine => first_page(&f, &t, None, me.as_deref()),
        };
        let graph = g2.clone();
        async move {
            if !valid {
                return Ok(None);
            }
            fetch(graph, req).await.map(Some)
        }
    });
    // The first page replaces what is shown; "Load more" appends.
    Effect::new(move |_| {
        if let Some(Ok(Some((r, n)))) = first.get() {
            rows.set(r);
            next.set(n);
        }
    });
    let more = Action::new_local(move |req: &GraphRequest| fetch(graph.clone(), req.clone()));
    Effect::new(move |_| {
        if let Some(Ok((r, n))) = more.value().get() {
            rows.update(|all| all.extend(r));
            next.set(n);
        }
    });
    let tab_button = move |t: Tab, label: &'static str| {
        view! { <button type="button" role="tab" class="pim-tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| tab.set(t)>{label}</button> }
    };
    let download = move || {
        let text = rows.with(|r| csv(r));
        format!(
            "data:text/csv;charset=utf-8,{}",
            js_sys::encode_uri_component(&text)
        )
    };
    view! {
        <Blade title=Route::Audit.heading()>
            <div role="tablist" aria-label="Audit" class="pim-tabs">
                {tab_button(Tab::Resource, "Resource audit")}
                {tab_button(Tab::Mine, "My audit")}
            </div>
            <div class="pim-filters">
                <div class="pim-field"><label for="audit-from">"From"</label>
                    <input id="audit-from" type="date" prop:value=from on:change=move |e| from.set(event_target_value(&e)) /></div>
                <div class="pim-field"><label for="audit-to">"To"</label>
                    <input id="audit-to" type="date" prop:value=to on:change=move |e| to.set(event_target_value(&e)) /></div>
                {move || (tab.get() == Tab::Resource).then(|| view! {
                    <div class="pim-field"><label for="audit-group">"Group"</label>
                        <select id="audit-group" on:change=move |e| group.set(event_target_value(&e))>
                            <option value="" selected=move || group.get().is_empty()>"All groups"</option>
                            {move || groups.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|g| {
                                let (id, value) = (g.id.clone(), g.id.clone());
                                view! { <option value=value selected=move || group.get() == id>{g.display_name.unwrap_or(g.id)}</option> }
                            }).collect_view()}
                        </select></div>
                })}
                <a class="pim-button" href=download download="pim-audit.csv">"Download CSV"</a>
            </div>
            {move || groups.get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            {move || first.get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            {move || more.value().get().and_then(|r| r.err()).map(|error| view! { <ErrorBar error /> })}
            {move || first.get().is_none().then(|| view! { <p role="status">"Loading the audit log…"</p> })}
            <table class="pim-table">
                <caption>"Audit entries"</caption>
                <thead><tr><th scope="col">"Time"</th><th scope="col">"Activity"</th><th scope="col">"Initiated by"</th><th scope="col">"Group"</th><th scope="col">"Principal"</th><th scope="col">"Result"</th><th scope="col">"Reason"</th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| view! {
                        <tr><td>{r.time}</td><td>{r.activity}</td><td>{r.initiated_by}</td><td>{r.group}</td><td>{r.principal}</td><td>{r.result}</td><td>{r.reason}</td></tr>
                    }).collect_view()}
                    {move || (rows.with(Vec::is_empty) && first.get().is_some()).then(|| view! { <tr><td colspan="7">"No PIM activity in this range."</td></tr> })}
                </tbody>
            </table>
            {move || next.get().map(|req| view! {
                <button class="pim-button" type="button" disabled=move || more.pending().get() on:click=move |_| { more.dispatch(req.clone()); }>"Load more"</button>
            })}
        </Blade>
    }
}
