//! `/setup`: Check setup. Every check a first deployment needs, run with the signed-in user's
//! own token, each Passed, Warning or Failed with how to fix it; Copy diagnostics for a ticket.

mod basics;
mod checks;

use crate::auth::session::Session;
use crate::client::use_graph;
use crate::components::blade::Blade;
use crate::components::data_table::DataTable;
use crate::config::AppConfig;
use crate::domain::setup::{diagnostics, Check, Status};
use checks::{run, Part, PARTS};
use leptos::prelude::*;

/// One row: a check's verdict, or a part still being checked.
#[derive(Clone, PartialEq)]
struct Row {
    part: Part,
    key: String,
    check: Option<Check>,
}

/// Check setup.
#[component]
pub fn CheckSetup() -> impl IntoView {
    let graph = use_graph();
    let session = expect_context::<Session>();
    let cfg = expect_context::<AppConfig>();
    let results: RwSignal<Vec<(Part, Option<Vec<Check>>)>> =
        RwSignal::new(PARTS.iter().map(|p| (*p, None)).collect());
    let busy = RwSignal::new(0usize);
    let copied = RwSignal::new(false);

    let set = move |part: Part, found: Option<Vec<Check>>| {
        results.update(|r| {
            if let Some(slot) = r.iter_mut().find(|(p, _)| *p == part) {
                slot.1 = found;
            }
        });
    };
    let (g, s, c) = (graph.clone(), session.clone(), cfg.clone());
    let check = move |parts: Vec<Part>| {
        let (graph, session, cfg) = (g.clone(), s.clone(), c.clone());
        parts.iter().for_each(|p| set(*p, None));
        busy.update(|b| *b += 1);
        copied.set(false);
        leptos::task::spawn_local(async move {
            // Parts of the user's own token run side by side; each further tier runs alone, as
            // the page's calls carry one tier's token at a time.
            let (alone, together): (Vec<Part>, Vec<Part>) = parts
                .into_iter()
                .partition(|p| matches!(p, Part::AdminApis | Part::AuditApis | Part::ReviewApis));
            let side_by_side = together.into_iter().map(|p| {
                let (graph, session, cfg) = (graph.clone(), session.clone(), cfg.clone());
                async move { set(p, Some(run(p, graph, session, cfg).await)) }
            });
            futures::future::join_all(side_by_side).await;
            for p in alone {
                set(
                    p,
                    Some(run(p, graph.clone(), session.clone(), cfg.clone()).await),
                );
            }
            busy.update(|b| *b -= 1);
        });
    };
    let check_all = check.clone();
    check_all(PARTS.to_vec());

    let rows = Signal::derive(move || {
        results.with(|r| {
            r.iter()
                .flat_map(|(part, found)| match found {
                    None => vec![Row {
                        part: *part,
                        key: format!("{part:?}-pending"),
                        check: None,
                    }],
                    Some(list) => list
                        .iter()
                        .map(|c| Row {
                            part: *part,
                            key: format!("{part:?}-{}", c.name),
                            check: Some(c.clone()),
                        })
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let again = check.clone();
    let row = move |r: Row| {
        let again = again.clone();
        let Some(c) = r.check else {
            return view! { <tr><td colspan="3" role="status">"Checking…"</td></tr> }.into_any();
        };
        let status_class = match c.status {
            Status::Passed => "pim-status pim-status--passed",
            Status::Warning => "pim-status pim-status--warning",
            Status::Failed => "pim-status pim-status--failed",
        };
        let label = format!("Check again: {}", c.name);
        let part = r.part;
        view! {
            <tr>
                <th scope="row"><span class="pim-check__name">{c.name.clone()}</span><br /><span class="pim-muted">{c.found.clone()}</span></th>
                <td><span class=status_class>{c.status.label()}</span></td>
                <td>
                    {c.fix.clone().map(|(text, link)| view! {
                        <p>{text} {link.map(|(words, url)| view! { " " <a href=url target="_blank" rel="noopener noreferrer">{words}</a> })}</p>
                    })}
                    <button class="pim-button" type="button" aria-label=label disabled=move || { busy.get() > 0 } on:click=move |_| again(vec![part])>"Check again"</button>
                </td>
            </tr>
        }
        .into_any()
    };
    let header = {
        let (s, c) = (session.clone(), cfg.clone());
        move || {
            let who = s
                .account()
                .map(|a| (a.username, a.tenant_id))
                .unwrap_or_default();
            vec![
                ("Tenant", who.1),
                ("Account", who.0),
                ("Client id", c.client_id.clone()),
                ("Site", window().location().origin().unwrap_or_default()),
                ("Service time", crate::clock::service_now().to_rfc3339()),
            ]
        }
    };
    let copy = move |_| {
        let all: Vec<Check> = results.with_untracked(|r| {
            r.iter()
                .flat_map(|(_, f)| f.clone().unwrap_or_default())
                .collect()
        });
        let text = diagnostics(&header(), &all);
        let _ = window().navigator().clipboard().write_text(&text);
        copied.set(true);
    };
    let summary = move || {
        let (mut failed, mut warned, mut pending) = (0, 0, 0);
        results.with(|r| {
            for (_, f) in r {
                match f {
                    None => pending += 1,
                    Some(list) => list.iter().for_each(|c| match c.status {
                        Status::Failed => failed += 1,
                        Status::Warning => warned += 1,
                        Status::Passed => {}
                    }),
                }
            }
        });
        if pending > 0 {
            "Checking…".to_owned()
        } else {
            format!("{failed} failed, {warned} with a warning.")
        }
    };
    let commands = move || {
        let check_all = check.clone();
        view! {
            <button class="pim-button" type="button" disabled=move || { busy.get() > 0 } on:click=move |_| check_all(PARTS.to_vec())>"Check again"</button>
            <button class="pim-button" type="button" on:click=copy>"Copy diagnostics"</button>
            <span role="status">{move || copied.get().then_some("Copied: no token, no secret.")}</span>
        }
    };
    view! {
        <Blade title="Check setup" commands=Box::new(move || commands().into_any())>
            <p>"Each check runs with your own sign-in, so it shows what this deployment can do for you."</p>
            <p role="status">{summary}</p>
            <DataTable caption="Checks" headers=vec!["Check", "Status", "How to fix"] rows key=|r: &Row| r.key.clone() row empty="No checks." />
        </Blade>
    }
}
