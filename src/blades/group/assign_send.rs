//! Add assignments' reads and writes (both roles' settings, the requests in one batch) and a row's
//! request, each with a read-back of those whose answer was lost.

use crate::client::Graph;
use crate::components::people_picker::Picked;
use crate::domain::assign_form::{request, AssignForm};
use crate::domain::assignments::Kind;
use crate::domain::role_policy;
use crate::domain::settings::RoleSettings;
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessId, NewScheduleRequest, PrivilegedAccessGroupScheduleRequest, ScheduleRequestAction,
};
use crate::graph::pim::{self, create_schedule_request};

/// Each person picked and how their assignment went.
pub type Outcome = Vec<(Picked, Result<(), GraphError>)>;

/// Member and Owner settings, in one batch.
pub async fn both_settings(
    graph: Graph,
    group: String,
) -> Result<(RoleSettings, RoleSettings), GraphError> {
    let mut batch = Batch::new();
    let (member, owner) = role_policy::add_both(&mut batch, &group);
    let mut a = graph.run(&batch).await;
    Ok((member.settings(&mut a)?, owner.settings(&mut a)?))
}

/// Assigns `access` of `group` to each of `who` in one `$batch`; where an answer was lost (5xx,
/// dropped connection) the group's requests are read to say whether it was made, never sent again.
pub async fn assign(
    graph: Graph,
    group: String,
    form: AssignForm,
    who: Vec<Picked>,
    access: AccessId,
) -> Result<Outcome, GraphError> {
    let requests: Vec<_> = who
        .iter()
        .map(|p| {
            let body = request(
                &form,
                &group,
                &p.id,
                access,
                ScheduleRequestAction::AdminAssign,
            );
            create_schedule_request(
                form.kind == Kind::Eligible,
                serde_json::to_value(body).unwrap_or_default(),
            )
        })
        .collect();
    let sent = crate::clock::service_now();
    let answers = graph.batch(&requests).await;
    let lost = answers
        .iter()
        .any(|a| matches!(a, Err(e) if e.outcome_unknown));
    let outcome: Outcome = who
        .into_iter()
        .zip(answers)
        .map(|(p, r)| (p, r.map(|_| ())))
        .collect();
    if !lost {
        return Ok(outcome);
    }
    // Answers were lost: the group's requests say which assignments were made.
    let c = pim::Collection::requests(form.kind == Kind::Eligible);
    let made: Vec<PrivilegedAccessGroupScheduleRequest> = graph
        .call_all(&pim::list_for_group(c, &group, None))
        .await?;
    Ok(outcome
        .into_iter()
        .map(|(p, r)| match r {
            Err(e) if e.outcome_unknown => {
                let found = made.iter().filter(|m| m.principal_id == p.id).any(|m| {
                    crate::domain::readback::made_since(
                        std::slice::from_ref(m),
                        &group,
                        access,
                        ScheduleRequestAction::AdminAssign,
                        sent,
                    )
                    .is_some()
                });
                let r = if found {
                    Ok(())
                } else {
                    Err(crate::domain::readback::not_recorded(e))
                };
                (p, r)
            }
            other => (p, other),
        })
        .collect())
}

/// Sends a row's request (Update, Remove, Extend, Renew). One whose answer was lost is read back:
/// the group's requests say whether it was made, and only a read can call it done.
pub(super) async fn send_row(
    graph: &Graph,
    kind: Kind,
    body: &NewScheduleRequest,
) -> Result<(), GraphError> {
    let json =
        serde_json::to_value(body).map_err(|e| GraphError::transport(&e.to_string(), "-"))?;
    let sent = crate::clock::service_now();
    let eligible = kind == Kind::Eligible;
    let lost = match graph
        .send(&pim::create_schedule_request(eligible, json), None)
        .await
    {
        Ok(_) => return Ok(()),
        Err(e) if e.outcome_unknown => e,
        Err(e) => return Err(e),
    };
    let c = pim::Collection::requests(eligible);
    let made: Vec<PrivilegedAccessGroupScheduleRequest> = match graph
        .call_all(&pim::list_for_group(c, &body.group_id, None))
        .await
    {
        Ok(made) => made,
        Err(_) => return Err(lost),
    };
    let theirs: Vec<_> = made
        .into_iter()
        .filter(|m| m.principal_id == body.principal_id)
        .collect();
    match crate::domain::readback::made_since(
        &theirs,
        &body.group_id,
        body.access_id,
        body.action,
        sent,
    ) {
        Some(_) => Ok(()),
        None => Err(crate::domain::readback::not_recorded(lost)),
    }
}
