//! `/groups/bulk`: Bulk assignments from a CSV file: **Upload CSV**, **Download template**, a
//! preview of every row (live state against the file, problems named by row and field), a checkbox
//! per row, **Apply selected** in `$batch` calls of 20, the outcome per row, **Retry failed**
//! (a row whose answer was lost is read again first, not resent) and **Download results**.

use super::bulk_data::{landed, preview, send, Line};
use crate::client::use_graph;
use crate::components::data_table::DataTable;
use crate::components::draft::use_draft;
use crate::components::file::{chosen_text, download};
use crate::domain::assignments::Kind;
use crate::domain::bulk::landed::Landed;
use crate::domain::bulk::{results_csv, rows, template};
use crate::domain::wording::role;
use leptos::prelude::*;

fn schedule(l: &Line) -> String {
    let r = &l.row;
    let start = r.start.map_or("now".to_owned(), crate::domain::wording::at);
    match (r.end, r.duration_minutes) {
        (Some(e), _) => format!("{start} to {}", crate::domain::wording::at(e)),
        (None, Some(m)) => format!("{start} for {}", crate::domain::wording::duration(m)),
        (None, None) => format!("{start}, permanent"),
    }
}

fn outcome(l: &Line) -> String {
    match &l.result {
        Some(Ok(status)) => format!("Done: {status}"),
        Some(Err((e, _))) => e.clone(),
        None if l.problems.is_empty() && l.onboards => {
            "Ready; sending it brings the group under PIM".into()
        }
        None if l.problems.is_empty() => "Ready".into(),
        None => l.problems.join(" "),
    }
}

fn row(l: Line, lines: RwSignal<Vec<Line>>, busy: RwSignal<bool>) -> impl IntoView {
    let n = l.row.line;
    let toggle = move |e: leptos::ev::Event| {
        let on = event_target_checked(&e);
        lines.update(|ls| {
            if let Some(x) = ls.iter_mut().find(|x| x.row.line == n) {
                x.selected = on;
            }
        })
    };
    let can = l.ok() && !matches!(l.result, Some(Ok(_)));
    view! {
        <tr>
            <td><input type="checkbox" aria-label=format!("Select row {n}") prop:checked=l.selected
                disabled=move || !can || busy.get() on:change=toggle /></td>
            <td>{n}</td>
            <td>{l.group.clone().map_or_else(|| l.row.group.clone(), |g| g.1)}</td>
            <td>{l.principal.clone().map_or_else(|| l.row.principal.clone(), |p| p.1)}</td>
            <td>{role(l.row.access)}</td>
            <td>{if l.row.kind == Kind::Eligible { "Eligible" } else { "Active" }}</td>
            <td>{l.row.action.label()}</td>
            <td>{schedule(&l)}</td>
            <td>{l.live.clone()}</td>
            <td>{
                // Rows in flight say so while the run lasts; restored after a sign-in, they are unknown.
                let sending = matches!(&l.result, Some(Err((e, true))) if e == IN_FLIGHT);
                let said = outcome(&l);
                move || if sending && busy.get() { "Sending…".to_owned() } else { said.clone() }
            }</td>
        </tr>
    }
}

/// What a row sent but not yet answered says, if the page is left before the answer.
const IN_FLIGHT: &str =
    "Outcome unknown: sent, and the page was left before Graph answered. Retry failed reads it again first.";

/// Bulk assignments.
#[component]
pub fn BulkAssignments() -> impl IntoView {
    let graph = use_graph();
    let lines = RwSignal::new(Vec::<Line>::new());
    // The rows and their results are a journal in this tab: a sign-in in the middle of a run
    // brings them back, the rows in flight marked "Outcome unknown" for Retry failed to read.
    use_draft("bulk.run", lines);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let said = RwSignal::new(None::<String>);
    let onboard = RwSignal::new(false);
    if lines.with_untracked(|l| !l.is_empty()) {
        said.set(Some("The rows and results of this tab's last file are back (a sign-in or another page came between): Retry failed reads the ones marked Outcome unknown again before sending anything.".into()));
    }
    // Which file the rows come from: a run's results land only on the rows it was started on.
    let file = RwSignal::new(0u32);
    let g = graph.clone();
    let upload = move |ev: leptos::ev::Event| {
        let graph = g.clone();
        file.update(|n| *n += 1);
        busy.set(true);
        problem.set(None);
        said.set(Some("Reading the file, its groups and people…".into()));
        lines.set(vec![]);
        leptos::task::spawn_local(async move {
            match chosen_text(ev).await.and_then(|t| rows(&t)) {
                Ok(rows) => {
                    let checked = preview(graph, rows).await;
                    let ready = checked.iter().filter(|l| l.ok()).count();
                    said.try_set(Some(format!(
                        "{} rows: {ready} ready, {} with problems. Nothing has been sent.",
                        checked.len(),
                        checked.len() - ready
                    )));
                    lines.try_set(checked);
                }
                Err(e) => {
                    said.try_set(None);
                    problem.try_set(Some(e));
                }
            }
            busy.try_set(false);
        });
    };
    // Apply the selected rows, or retry the failed ones (those whose answer was lost are read
    // again first, and only what did not land is sent).
    let run = move |retry: bool| {
        let graph = graph.clone();
        let all = lines.get_untracked();
        let which: Vec<usize> = (0..all.len())
            .filter(|&i| {
                let l = &all[i];
                if retry {
                    matches!(l.result, Some(Err(_)))
                } else {
                    l.selected && l.ok() && !matches!(l.result, Some(Ok(_)))
                }
            })
            .collect();
        if which.is_empty() {
            return;
        }
        // A row for a group PIM does not manage brings it under PIM: only when asked to.
        let mut onboarding: Vec<String> = which
            .iter()
            .filter(|&&i| all[i].onboards)
            .filter_map(|&i| all[i].group.as_ref().map(|g| g.1.clone()))
            .collect();
        onboarding.dedup();
        if !onboarding.is_empty() && !onboard.get_untracked() {
            problem.set(Some(format!(
                "Not managed by PIM yet: {}. Sending these rows brings the groups under PIM; tick \"Bring groups not yet managed by PIM under PIM\" to go on, or clear their rows. Nothing was sent.",
                onboarding.join(", ")
            )));
            return;
        }
        problem.set(None);
        let from = file.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let unknown: Vec<usize> = which
                .iter()
                .copied()
                .filter(|&i| matches!(all[i].result, Some(Err((_, true)))))
                .collect();
            let read = if unknown.is_empty() {
                vec![]
            } else {
                landed(&graph, &all, &unknown).await
            };
            // Sent again only when a read shows it was not made; done only when a read shows it.
            let kept: Vec<usize> = read
                .iter()
                .filter(|(_, l)| *l != Landed::No)
                .map(|(i, _)| *i)
                .collect();
            let resend: Vec<usize> = which
                .iter()
                .copied()
                .filter(|i| !kept.contains(i))
                .collect();
            // In flight until Graph answers: a page left meanwhile finds them unknown, not unsent.
            lines.try_update(|ls| {
                for &i in &resend {
                    ls[i].result = Some(Err((IN_FLIGHT.to_owned(), true)));
                }
            });
            let results = send(graph, all, resend).await;
            if file.try_get_untracked() != Some(from) {
                return;
            }
            lines.try_update(|ls| {
                for (i, l) in read {
                    match l {
                        Landed::Yes => {
                            ls[i].result = Some(Ok("found done on reading again".into()));
                            ls[i].selected = false;
                        }
                        Landed::Unknown(why) => {
                            ls[i].result = Some(Err((format!("Outcome unknown: {why}"), true)));
                        }
                        Landed::No => {}
                    }
                }
                for (i, r) in results {
                    if r.is_ok() {
                        ls[i].selected = false;
                    }
                    ls[i].result = Some(r);
                }
            });
            let (done, failed) = lines
                .try_with_untracked(|ls| {
                    (
                        ls.iter()
                            .filter(|l| matches!(l.result, Some(Ok(_))))
                            .count(),
                        ls.iter()
                            .filter(|l| matches!(l.result, Some(Err(_))))
                            .count(),
                    )
                })
                .unwrap_or_default();
            said.try_set(Some(format!("{done} rows done, {failed} failed.")));
            busy.try_set(false);
        });
    };
    let run = StoredValue::new(run);
    let failed = move || lines.with(|ls| ls.iter().any(|l| matches!(l.result, Some(Err(_)))));
    let results = move |_| {
        let text = lines.with_untracked(|ls| {
            let rows: Vec<_> = ls.iter().map(|l| (l.row.clone(), outcome(l))).collect();
            results_csv(&rows)
        });
        download("bulk-assignments-results.csv", "text/csv", &text);
    };
    view! {
        <crate::components::blade::Blade title=crate::pages::Route::BulkAssignments.heading() commands=Box::new(move || view! {
            <span class="pim-upload">
                <label for="bulk-file">"Upload CSV"</label>
                <input id="bulk-file" type="file" accept=".csv,text/csv" disabled=move || busy.get() on:change=upload.clone() />
            </span>
            <button class="pim-command" type="button" on:click=move |_| download("bulk-assignments-template.csv", "text/csv", &template())>"Download template"</button>
        }.into_any())>
            <p>"One row per assignment: group (id or name), principal (id or UPN), role (member or owner), type (eligible or active), start, end or duration, justification, action (add, remove or extend). Every row is checked against its group's settings before anything is sent."</p>
            {move || problem.get().map(|p| view! { <div class="pim-alert pim-alert--error" role="alert"><p>{p}</p></div> })}
            <p role="status">{move || said.get()}</p>
            <DataTable caption="Preview" headers=vec!["", "Row", "Group", "Principal", "Role", "Type", "Action", "Schedule", "Now", "Problems or result"]
                rows=Signal::derive(move || lines.get())
                key=|l: &Line| (l.row.line, l.selected, outcome(l))
                row=move |l| row(l, lines, busy) empty="Upload a CSV file to preview its rows." />
            {move || lines.with(|ls| ls.iter().any(|l| l.onboards)).then(|| view! {
                <label class="pim-choice"><input type="checkbox" prop:checked=onboard on:change=move |e| onboard.set(event_target_checked(&e)) />
                    "Bring groups not yet managed by PIM under PIM"</label>
            })}
            <div class="pim-actions">
                <button class="pim-button pim-button--primary" type="button" disabled=move || busy.get() || !lines.with(|ls| ls.iter().any(|l| l.selected))
                    on:click=move |_| run.with_value(|r| r(false))>"Apply selected"</button>
                " "
                <button class="pim-button" type="button" disabled=move || busy.get() || !failed()
                    on:click=move |_| run.with_value(|r| r(true))>"Retry failed"</button>
                " "
                <button class="pim-button" type="button" disabled=move || lines.with(Vec::is_empty) on:click=results>"Download results"</button>
            </div>
        </crate::components::blade::Blade>
    }
}
