//! Sending an activation: the requests built from the pane's form, the sign-in steps `domain::step_up` decides (carried out here), the `$batch`, and a read-back of any answer that was lost.

use super::data::MyRole;
use super::memory::recall;
use super::pane::PaneDraft;
use crate::auth::session::{current_location, Session};
use crate::client::Graph;
use crate::components::datetime::from_input;
use crate::domain::activation::{hours, minutes_for, request, ActivateForm, Outcome};
use crate::domain::settings::RoleSettings;
use crate::domain::step_up::{self, Step, SteppedUp};
use crate::graph::error::GraphError;
use crate::graph::model::PrivilegedAccessGroupScheduleRequest;
use crate::graph::pim::{create_schedule_request, filter_by_current_user, Collection, On};
use crate::graph::request::GraphRequest;
use chrono::Utc;
use leptos::prelude::*;

pub type Results = Vec<(MyRole, Outcome)>;

/// The pane's defaults for `roles`: the remembered duration and reason, else the maximum.
pub fn fresh(roles: &[(MyRole, RoleSettings)]) -> ActivateForm {
    let first = roles.first();
    let remembered = first.and_then(|(r, _)| recall(&r.group_id, r.access));
    let max = roles
        .iter()
        .map(|(_, s)| s.activation.max_minutes)
        .max()
        .unwrap_or(60);
    ActivateForm {
        hours: remembered
            .as_ref()
            .map(|r| r.hours.clone())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| crate::domain::stamp::hours_text(max)),
        reason: remembered.map(|r| r.reason).unwrap_or_default(),
        ..Default::default()
    }
}

/// Each role's outcome; where the answer was lost (5xx, dropped connection) the user's requests
/// are read back to say what Graph recorded, instead of sending again.
async fn read_back_lost(
    graph: &Graph,
    roles: Vec<(MyRole, RoleSettings)>,
    answers: Vec<Result<serde_json::Value, GraphError>>,
    sent: chrono::DateTime<Utc>,
) -> Results {
    let lost = answers
        .iter()
        .any(|a| matches!(a, Err(e) if e.outcome_unknown));
    let mine = if lost {
        let req = filter_by_current_user(
            Collection::AssignmentScheduleRequests,
            On::Principal,
            "group",
        );
        Some(
            graph
                .call_all::<PrivilegedAccessGroupScheduleRequest>(&req)
                .await,
        )
    } else {
        None
    };
    roles
        .into_iter()
        .map(|(r, _)| r)
        .zip(answers)
        .map(|(r, answer)| {
            let outcome = match (answer, &mine) {
                (Err(e), Some(Ok(mine))) if e.outcome_unknown => {
                    crate::domain::readback::activation(mine, &r.group_id, r.access, sent, e)
                }
                // The read-back failed too: the error says the outcome is unknown.
                (answer, _) => Outcome::of(answer),
            };
            (r, outcome)
        })
        .collect()
}

/// Activates `roles` as the draft's form says, with the contexts `acrs` the settings name.
/// `None` when the page is leaving for a sign-in first (the draft keeps what it asked for).
pub async fn activate(
    graph: Graph,
    session: Session,
    roles: Vec<(MyRole, RoleSettings)>,
    acrs: Option<String>,
    draft: RwSignal<PaneDraft>,
) -> Result<Option<Results>, GraphError> {
    let PaneDraft {
        form: f,
        stepped_up,
    } = draft.get_untracked();
    let done = SteppedUp::from_draft(stepped_up.as_deref());
    let acrs = match step_up::before(acrs.as_deref(), &done, |a| session.has_token(Some(a))) {
        Step::Send { acrs } => acrs,
        step => return leave(&session, step, draft),
    };
    let me = session.account().map(|a| a.object_id).unwrap_or_default();
    let start = from_input(&f.start).unwrap_or_else(crate::clock::service_now);
    let asked = hours(&f.hours).unwrap_or(1.0);
    let requests: Vec<GraphRequest> = roles
        .iter()
        .map(|(r, s)| {
            let minutes = minutes_for(asked, &s.activation);
            let body = request(&f, &r.group_id, &me, r.access, start, minutes);
            create_schedule_request(false, serde_json::to_value(body).unwrap_or_default())
        })
        .collect();
    let sent = crate::clock::service_now();
    let answers = graph.batch_as(&requests, acrs.as_deref()).await;
    let results = read_back_lost(&graph, roles, answers, sent).await;
    let outcomes: Vec<&Outcome> = results.iter().map(|(_, o)| o).collect();
    match step_up::after(&outcomes, acrs.as_deref(), &done) {
        Step::Show => Ok(Some(results)),
        step => leave(&session, step, draft),
    }
}

/// Carries out a step that leaves for sign-in, keeping in the draft what it asks for.
fn leave(
    session: &Session,
    step: Step,
    draft: RwSignal<PaneDraft>,
) -> Result<Option<Results>, GraphError> {
    let failed = |e: String| GraphError::transport(&e, "-");
    match step {
        Step::StepUp { acrs, remember } => {
            draft.update(|d| d.stepped_up = remember.to_draft());
            session
                .step_up(&acrs, &current_location())
                .map_err(|e| failed(e.to_string()))?;
        }
        Step::SignInWithMfa { acrs, remember } => {
            draft.update(|d| d.stepped_up = remember.to_draft());
            let hint = session.account().map(|a| a.username);
            let prompt = crate::auth::oidc::Prompt {
                login_hint: hint.as_deref(),
                prompt: Some("login"),
                acrs: acrs.as_deref(),
                ..Default::default()
            };
            session
                .sign_in(&current_location(), prompt)
                .map_err(|e| failed(e.to_string()))?;
        }
        Step::Send { .. } | Step::Show => {}
    }
    Ok(None)
}
