//! `/my/requests`: the signed-in user's PIM requests (activations, extensions, renewals) with
//! their status, reason and schedule, newest first, and **Cancel** on a pending one.

use crate::client::{use_graph, Graph};
use crate::components::blade::Blade;
use crate::components::data_table::DataTable;
use crate::components::datetime::local;
use crate::components::loaded::Loaded;
use crate::components::submit::use_submit;
use crate::domain::assignments::{parse, span};
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::graph::model::PrivilegedAccessGroupScheduleRequest;
use crate::graph::pim::{
    cancel_schedule_request, filter_by_current_user, get_approval, get_schedule_request,
    Collection, On,
};
use crate::pages::Route;
use leptos::prelude::*;
use std::collections::HashMap;

type WithGroup = crate::graph::model::Expanded<PrivilegedAccessGroupScheduleRequest>;

/// A request and the collection it lives in (for Cancel).
#[derive(Clone, Debug)]
struct Mine {
    r: PrivilegedAccessGroupScheduleRequest,
    group: String,
    /// An eligibility request (renewal) rather than an assignment request.
    eligible: bool,
}

/// Who decided each decided request, by id, once read (`None` while it is being read).
type Decisions = LocalResource<HashMap<String, String>>;

async fn load(graph: Graph) -> Result<Vec<Mine>, GraphError> {
    let of = |c| filter_by_current_user::<WithGroup>(c, On::Principal, "group");
    let mut batch = Batch::new();
    let active = batch.add(of(Collection::AssignmentScheduleRequests));
    let eligible = batch.add(of(Collection::EligibilityScheduleRequests));
    let mut a = graph.run(&batch).await;
    let (active, eligible) = (a.take(active)?, a.take(eligible)?);
    let mut out: Vec<Mine> = active
        .value
        .into_iter()
        .map(|x| (x, false))
        .chain(eligible.value.into_iter().map(|x| (x, true)))
        // Only what the user asked for; what admins did to them is on My roles.
        .filter(|(x, _)| {
            x.item
                .action
                .is_some_and(|a| a.as_str().starts_with("self"))
        })
        .map(|(x, eligible)| Mine {
            group: x.group_name(&x.item.group_id),
            r: x.item,
            eligible,
        })
        .collect();
    out.sort_by(|a, b| b.r.created_date_time.cmp(&a.r.created_date_time));
    Ok(out)
}

/// Whether a request was decided by someone, so its approval says who and why.
fn decided(m: &Mine) -> bool {
    m.r.approval_id.is_some() && m.r.status != "PendingApproval"
}

/// Who decided each decided request and why, by request id: their approvals, in one batch read
/// after the rows are shown. One that can't be read says so, with what support needs.
async fn decisions(graph: Graph, mine: Vec<Mine>) -> HashMap<String, String> {
    let mine: Vec<Mine> = mine.into_iter().filter(decided).collect();
    if mine.is_empty() {
        return HashMap::new();
    }
    let asks = mine.iter().map(|m| get_approval(&m.r.id));
    let mut out = HashMap::new();
    for (m, answer) in mine.iter().zip(graph.each(asks).await) {
        let said = match answer {
            Ok(a) => {
                let me = &m.r.principal_id;
                let v = crate::domain::approval::verdict(&m.r.status, me, me, a.stages.first());
                matches!(v, crate::domain::approval::Verdict::Decided { .. })
                    .then(|| v.sentence())
                    .unwrap_or_default()
            }
            Err(e) => crate::domain::wording::unreadable("who decided", &e),
        };
        out.insert(m.r.id.clone(), said);
    }
    out
}

fn pending(status: &str) -> bool {
    matches!(
        status,
        "PendingApproval"
            | "PendingAdminDecision"
            | "PendingScheduleCreation"
            | "ScheduleCreated"
            | "Granted"
            | "PendingProvisioning"
    )
}

#[component]
fn Cancel(item: Mine, done: Callback<()>) -> impl IntoView {
    let graph = use_graph();
    let req = cancel_schedule_request(item.eligible, &item.r.id);
    let read = get_schedule_request(item.eligible, &item.r.id);
    let cancel = use_submit(
        move |_: ()| {
            let (graph, req, read) = (graph.clone(), req.clone(), read.clone());
            async move {
                match graph.send(&req, None).await {
                    // The answer was lost: the request, read again, says whether it was canceled.
                    Err(lost) if lost.outcome_unknown => match graph.call(&read).await {
                        Ok(r) if r.status.eq_ignore_ascii_case("Canceled") => {
                            Ok(serde_json::Value::Null)
                        }
                        Ok(_) => Err(crate::domain::readback::not_recorded(lost)),
                        Err(_) => Err(lost),
                    },
                    answer => answer,
                }
            }
        },
        move |_| done.run(()),
    );
    view! {
        <button class="pim-button pim-button--small" type="button" aria-label=format!("Cancel request for {}", item.group)
            disabled=move || cancel.pending().get() on:click=move |_| cancel.submit(())>"Cancel"</button>
        {cancel.error_bar()}
    }
}

fn row(m: Mine, done: Callback<()>, decisions: Decisions) -> impl IntoView {
    let (start, end) = span(
        m.r.schedule_info.as_ref(),
        parse(m.r.created_date_time.as_deref()),
    );
    let role = crate::domain::wording::role(m.r.access_id);
    let action =
        m.r.action
            .map(|a| match a.as_str() {
                "selfActivate" => "Activate",
                "selfDeactivate" => "Deactivate",
                "selfExtend" => "Extend",
                "selfRenew" => "Renew",
                other => other,
            })
            .unwrap_or_default();
    let can_cancel =
        pending(&m.r.status) && m.r.action.is_some_and(|a| a.as_str() != "selfDeactivate");
    view! {
        <tr>
            <td>{m.group.clone()}</td><td>{role}</td><td>{action}</td><td>{m.r.status.clone()}</td>
            <td>{m.r.justification.clone().unwrap_or_default()}</td>
            <td>{decided(&m).then(|| {
                let id = m.r.id.clone();
                move || match decisions.get() {
                    Some(d) => d.get(&id).cloned().unwrap_or_default(),
                    None => "Reading who decided…".into(),
                }
            })}</td>
            <td>{start.map(local).unwrap_or_default()} " – " {end.map(local).unwrap_or_else(|| "permanent".into())}</td>
            <td>{can_cancel.then(|| view! { <Cancel item=m.clone() done /> })}</td>
        </tr>
    }
}

/// My requests.
#[component]
pub fn MyRequests() -> impl IntoView {
    let (graph, g2) = (use_graph(), use_graph());
    let version = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        version.track();
        load(graph.clone())
    });
    let done = Callback::new(move |_| version.update(|v| *v += 1));
    // The rows show after the first batch; who decided them comes in a second.
    let decided_by: Decisions = LocalResource::new(move || {
        let rows = data.get().and_then(Result::ok).unwrap_or_default();
        decisions(g2.clone(), rows)
    });
    view! {
        <Blade title=Route::MyRequests.heading()>
            <Loaded resource=data loading="Loading your requests…" let:items>
                <DataTable caption="My requests" headers=vec!["Group", "Role", "Action", "Status", "Reason", "Decision", "Schedule", ""]
                    rows=Signal::stored(items) key=|m: &Mine| (m.r.id.clone(), m.r.status.clone())
                    row=move |m| row(m, done, decided_by) empty="You have made no requests. Activate a role from My roles to make one." />
            </Loaded>
        </Blade>
    }
}
