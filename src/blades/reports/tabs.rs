//! The three tabs of a report read: what could not be read, where each column comes from, the
//! tables, the downloads, and Start an access review for the unused eligibility.

use super::{charts, Found};
use crate::auth::session::{clear_draft, save_draft, Session};
use crate::components::data_table::DataTable;
use crate::components::download::Download;
use crate::components::error_bar::ErrorBar;
use crate::domain::reports::export::*;
use crate::domain::reports::query::ReportQuery;
use crate::domain::reports::{
    activations, per_day, standing, top_groups, unused, Activation, Ended, Standing, Unused, Window,
};
use crate::domain::reviews::{Chosen, ReviewForm};
use crate::domain::wording::{at, duration, role};
use crate::pages::Route;
use leptos::prelude::*;

/// Where each tab's data comes from and how far back it can go.
const NOTES: [&str; 3] = [
    "Activations are PIM's requests, as far back as Graph still holds them; approvers and \
     decision times come from the audit log, which keeps 30 days.",
    "Active assignments with no end date, made by an administrator, as PIM lists them now; who \
     assigned each is the request that made it.",
    "People eligible for at least the days asked, as of the window's end, who asked for no \
     activation of that role in the window (PIM's requests).",
];

/// The tab's two files, CSV and JSON, each made when clicked.
fn downloads(
    files: [&'static str; 2],
    csv: Callback<(), String>,
    json: Callback<(), String>,
) -> impl IntoView {
    view! {
        <div class="pim-commandbar" role="toolbar" aria-label="Report commands">
            <Download file=files[0] mime="text/csv" make=csv label="Download CSV" />
            <Download file=files[1] mime="application/json" make=json label="Download JSON" />
        </div>
    }
}

/// The report's tabs over what has been read so far.
pub fn shown(f: Found, q: ReportQuery, tab: Memo<&'static str>) -> impl IntoView {
    let window = q.window;
    let now = crate::clock::service_now();
    let acts = Memo::new(move |_| {
        f.groups.with(|g| {
            f.audit.with(|a| {
                let log = a.as_ref().and_then(|r| r.as_ref().ok());
                activations(g, log.map_or(&[][..], Vec::as_slice), window, now)
            })
        })
    });
    let stand = Memo::new(move |_| {
        f.names.with(|n| {
            f.groups
                .with(|g| standing(g, n.as_ref().unwrap_or(&Default::default())))
        })
    });
    let idle = Memo::new(move |_| f.groups.with(|g| unused(g, window, q.days)));
    let reading = Signal::derive(move || !f.complete());
    let failed = move || {
        f.failed
            .get()
            .into_iter()
            .map(|(group, error)| {
                view! {
                    <div class="pim-message">
                        <p>{format!("{group} could not be read: the report is without it.")}</p>
                        <ErrorBar error />
                    </div>
                }
            })
            .collect_view()
    };
    let audit_error = move || {
        f.audit.get().and_then(|a| a.err()).map(|error| view! {
        <div class="pim-message">
            <p>"The audit log could not be read: approvers and decision times are missing."</p>
            <ErrorBar error />
        </div>
    })
    };
    let p = move || f.partial();
    view! {
        {failed}
        {audit_error}
        {move || match tab.get() {
            "standing" => view! {
                <p class="pim-note">{NOTES[1]}</p>
                {downloads(["pim-report-standing-access.csv", "pim-report-standing-access.json"],
                    Callback::new(move |()| stand.with_untracked(|l| standing_csv(l, p().as_deref()))),
                    Callback::new(move |()| stand.with_untracked(|l| json_file("standingAccess", window, p().as_deref(), standing_json(l)))))}
                {standing_table(stand, reading)}
            }.into_any(),
            "unused" => view! {
                <p class="pim-note">{NOTES[2]}</p>
                {downloads(["pim-report-unused-eligibility.csv", "pim-report-unused-eligibility.json"],
                    Callback::new(move |()| idle.with_untracked(|l| unused_csv(l, p().as_deref()))),
                    Callback::new(move |()| idle.with_untracked(|l| json_file("unusedEligibility", window, p().as_deref(), unused_json(l)))))}
                {unused_table(idle, reading, window)}
            }.into_any(),
            _ => view! {
                <p class="pim-note">{NOTES[0]}</p>
                {downloads(["pim-report-activations.csv", "pim-report-activations.json"],
                    Callback::new(move |()| acts.with_untracked(|l| activations_csv(l, now, p().as_deref()))),
                    Callback::new(move |()| acts.with_untracked(|l| json_file("activations", window, p().as_deref(), activations_json(l, now)))))}
                <div class="pim-charts">
                    {move || charts::per_day(acts.with(|l| per_day(l, window)))}
                    {move || charts::top_groups(acts.with(|l| top_groups(l, 10)))}
                </div>
                {activation_table(acts, reading, now)}
            }.into_any(),
        }}
    }
}

/// How an activation ended, as a badge: the word carries the meaning, colour repeats it.
fn badge(ended: Ended) -> &'static str {
    match ended {
        Ended::StillActive => "pim-status pim-status--passed",
        Ended::PendingApproval => "pim-status pim-status--warning",
        Ended::Denied => "pim-status pim-status--failed",
        _ => "pim-status",
    }
}

// The rows' keys hold what a later read fills in (the approver from the audit log, who assigned
// from the directory): a keyed row is drawn once, so a key of the id alone would keep the blank.
fn activation_table(
    list: Memo<Vec<Activation>>,
    reading: Signal<bool>,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let row = move |a: Activation| {
        let end = match a.ended {
            Ended::StillActive => "Still active".to_owned(),
            _ => a.end.map(at).unwrap_or_default(),
        };
        let took = a
            .minutes(now)
            .map(|m| duration(u32::try_from(m).unwrap_or(u32::MAX)))
            .unwrap_or_default();
        view! {
            <tr><td>{a.person}</td><td>{a.group}</td><td>{role(a.role)}</td><td>{at(a.start)}</td><td>{end}</td>
                <td>{took}</td><td>{a.reason}</td><td>{a.ticket}</td><td>{a.approver}</td>
                <td>{a.decided.map(at).unwrap_or_default()}</td><td><span class=badge(a.ended)>{a.ended.label()}</span></td></tr>
        }
    };
    view! {
        <DataTable caption="Activations" headers=vec!["Person", "Group", "Role", "Start", "End", "Duration", "Reason", "Ticket number", "Approver", "Decision time", "Outcome"]
            rows=list key=|a: &Activation| (a.request_id.clone(), a.approver.clone()) row empty="No one activated in this window." loading=reading />
    }
}

fn standing_table(list: Memo<Vec<Standing>>, reading: Signal<bool>) -> impl IntoView {
    let row = |s: Standing| {
        view! {
            <tr><td>{s.person}</td><td><a href=Route::GroupAssignments(s.group_id.clone()).path()>{s.group}</a></td>
                <td>{role(s.role)}</td><td>{s.since.map(at).unwrap_or_default()}</td><td>"Permanent"</td><td>{s.assigned_by}</td></tr>
        }
    };
    view! {
        <DataTable caption="Standing access" headers=vec!["Person", "Group", "Role", "Start time", "End time", "Assigned by"]
            rows=list key=|s: &Standing| (s.schedule_id.clone(), s.assigned_by.clone()) row loading=reading
            empty="No one holds a permanent active membership or ownership." />
    }
}

fn unused_table(list: Memo<Vec<Unused>>, reading: Signal<bool>, span: Window) -> impl IntoView {
    let me = use_context::<Session>()
        .and_then(|s| s.account())
        .map(|a| Chosen {
            id: a.object_id,
            name: a.name,
            is_group: false,
        });
    // Offered once the report is whole: a review started from half a list would miss people.
    let start = move || {
        (!reading.get() && list.with(|l| !l.is_empty())).then(|| {
        let me = me.clone();
        view! { <button type="button" class="pim-button pim-button--primary"
            on:click=move |_| list.with_untracked(|l| start_review(l, span, me.clone()))>"Start an access review"</button> }
    })
    };
    let row = |u: Unused| {
        view! {
            <tr><td>{u.person}</td><td>{u.group}</td><td>{role(u.role)}</td><td>{at(u.since)}</td>
                <td>{u.last_activation.map_or_else(|| "Never (that Graph holds)".to_owned(), at)}</td></tr>
        }
    };
    view! {
        {start}
        <DataTable caption="Unused eligibility" headers=vec!["Person", "Group", "Role", "Eligible since", "Last activation"]
            rows=list key=|u: &Unused| format!("{}{}{}", u.group_id, u.person_id, u.role.as_str()) row loading=reading
            empty="Everyone eligible long enough activated in this window." />
    }
}

/// Opens New access review with a draft made for these people: their groups, and the people
/// named for the reviewers. Graph scopes a PIM group's review to the group's members (eligible
/// and active); no documented scope narrows it to named people, so the names go in the review's
/// words. The signed-in admin is the fallback reviewer, which a PIM group's owners review needs.
fn start_review(people: &[Unused], span: Window, me: Option<Chosen>) {
    let mut form = ReviewForm::default();
    for u in people {
        if !form.groups.iter().any(|g| g.id == u.group_id) {
            form.groups.push(Chosen {
                id: u.group_id.clone(),
                name: u.group.clone(),
                is_group: true,
            });
        }
    }
    let names: Vec<String> = people
        .iter()
        .map(|u| format!("{} ({} of {})", u.person, role(u.role), u.group))
        .collect();
    let (from, to) = (span.from, span.to);
    form.name = format!("Unused eligibility {from} to {to}");
    form.description =
        format!("Started from Reports: eligible people who did not activate from {from} to {to}.");
    form.reviewer_content = format!("Never activated from {from} to {to}: {}.", names.join(", "));
    form.fallback.extend(me);
    if let Ok(json) = serde_json::to_string(&form) {
        clear_draft("review.new.made");
        save_draft("review.new", &json);
    }
    let _ = window().location().set_href(&Route::NewReview.path());
}
