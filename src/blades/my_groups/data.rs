//! What My roles shows, read in one `$batch` (instances, requests, contexts, groups expanded) and
//! then the roles' settings in a second, so rows paint after one round trip.

use super::SettingsMap;
use crate::client::Graph;
use crate::domain::assignments::{expired_by_group, parse, Kind, Row};
use crate::domain::role_policy;
use crate::domain::settings::RoleSettings;
use crate::graph::batch::decode;
use crate::graph::call::Batch;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessId, AssignmentType, AuthenticationContextClassReference, Expanded,
    PrivilegedAccessGroupScheduleInstance, PrivilegedAccessGroupScheduleRequest,
};
use chrono::{DateTime, Utc};
use futures::future::LocalBoxFuture;
use serde::Deserialize;
use std::collections::HashMap;

/// One of the user's group roles.
#[derive(Clone, Debug, PartialEq)]
pub struct MyRole {
    pub group_id: String,
    pub group_name: String,
    pub access: AccessId,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    /// Active ones: activated by the user, or assigned by an admin.
    pub activated: bool,
    /// An activation waiting for approval (for an active one: its continuation).
    pub pending: bool,
    /// Active ones: the next activation is made and starts later (a continuation).
    pub next_scheduled: bool,
    /// Eligible ones: an activation is on now.
    pub active_now: bool,
}

impl MyRole {
    pub fn role(&self) -> &'static str {
        crate::domain::wording::role(self.access)
    }
    pub fn key(&self) -> (String, AccessId) {
        (self.group_id.clone(), self.access)
    }
}

/// The Eligible and Active tabs, what the Expired tab is worked out from, and the names of
/// authentication contexts.
#[derive(Clone, Debug, Default)]
pub struct Mine {
    pub eligible: Vec<MyRole>,
    pub active: Vec<MyRole>,
    /// The user's eligibility requests as Graph sent them: the Expired tab's chunk reads them
    /// (`expired`), so the entry page does not carry the requests' full decoder.
    pub eligibility_requests: Vec<serde_json::Value>,
    pub contexts: Vec<AuthenticationContextClassReference>,
}

/// What My roles' first screen needs of an activation request: whether one is waiting.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Asked {
    group_id: String,
    access_id: AccessId,
    status: String,
}

impl Mine {
    pub fn context_name(&self, id: &str) -> String {
        self.contexts
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.display_name.clone())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// Round one: everything but the settings.
pub async fn load(graph: Graph) -> Result<Mine, GraphError> {
    type I = Expanded<PrivilegedAccessGroupScheduleInstance>;
    // The page's first batch, which index.html's loader may have sent already (pages/early.rs).
    // The requests are kept as JSON: the Expired tab's chunk decodes them, so this module carries
    // no decoder.
    let first = crate::pages::early::my_roles::<I, Asked, serde_json::Value>();
    let mut batch = Batch::new();
    let eligible = batch.add(first.eligible);
    let active = batch.add(first.active);
    let activations = batch.add(first.activations);
    let requests = batch.add(first.requests);
    let contexts = batch.add(first.contexts);
    let mut a = graph.run(&batch).await;
    let (eligible, active) = (a.take(eligible)?, a.take(active)?);
    let activations = a.take(activations)?;
    let eligibility_requests = a.take(requests)?;
    let contexts = a.take(contexts)?;
    let pending = |g: &str, acc: AccessId| {
        activations
            .value
            .iter()
            .any(|r| r.group_id == g && r.access_id == acc && r.status == "PendingApproval")
    };
    let scheduled = |g: &str, acc: AccessId| {
        activations.value.iter().any(|r| {
            r.group_id == g
                && r.access_id == acc
                && matches!(
                    r.status.as_str(),
                    "ScheduleCreated" | "PendingScheduleCreation"
                )
        })
    };
    let on = |g: &str, acc: AccessId| {
        active
            .value
            .iter()
            .any(|x| x.item.group_id == g && x.item.access_id == acc)
    };
    let to_role = |x: &I| MyRole {
        group_id: x.item.group_id.clone(),
        group_name: x.group_name(&x.item.group_id),
        access: x.item.access_id,
        start: parse(x.item.start_date_time.as_deref()),
        end: parse(x.item.end_date_time.as_deref()),
        activated: x.item.assignment_type == Some(AssignmentType::Activated),
        pending: pending(&x.item.group_id, x.item.access_id),
        next_scheduled: scheduled(&x.item.group_id, x.item.access_id),
        active_now: on(&x.item.group_id, x.item.access_id),
    };
    Ok(Mine {
        eligible: eligible.value.iter().map(to_role).collect(),
        active: active.value.iter().map(to_role).collect(),
        eligibility_requests: eligibility_requests.value,
        contexts: contexts.value,
    })
}

/// The Expired tab: eligibilities that ran out, from the requests that granted them (Graph keeps
/// no ended schedule). Called from that tab's chunk only.
pub fn expired(
    requests: Vec<serde_json::Value>,
    eligible: &[MyRole],
    now: DateTime<Utc>,
) -> Result<Vec<MyRole>, GraphError> {
    type R = Expanded<PrivilegedAccessGroupScheduleRequest>;
    let requests: Vec<R> = decode(Some(Ok(serde_json::Value::Array(requests))))?;
    let mut names: HashMap<String, String> = HashMap::new();
    for r in requests.iter() {
        names.insert(r.item.group_id.clone(), r.group_name(&r.item.group_id));
    }
    let reqs: Vec<PrivilegedAccessGroupScheduleRequest> =
        requests.into_iter().map(|r| r.item).collect();
    let me = reqs
        .first()
        .map(|q| q.principal_id.clone())
        .unwrap_or_default();
    let current: Vec<(String, Row)> = eligible
        .iter()
        .map(|e| {
            let row = Row {
                kind: Kind::Eligible,
                principal_id: me.clone(),
                access: e.access,
                state: "Eligible",
                start: e.start,
                end: e.end,
                created: None,
                assigned_by: None,
            };
            (e.group_id.clone(), row)
        })
        .collect();
    Ok(expired_by_group(Kind::Eligible, &reqs, &current, now)
        .into_iter()
        .map(|(g, row)| MyRole {
            group_name: names.get(&g).cloned().unwrap_or_else(|| g.clone()),
            group_id: g,
            access: row.access,
            start: row.start,
            end: row.end,
            activated: false,
            pending: false,
            next_scheduled: false,
            active_now: false,
        })
        .collect())
}

/// Round two: the settings of every role the user may activate, batches in parallel.
/// Reading the settings comes in a chunk of its own (the policy rules' decoder is the largest code
/// My roles has): the rows paint first, and a chunk that can't be fetched is each role's error.
pub async fn settings_of(graph: Graph, roles: Vec<(String, AccessId)>) -> SettingsMap {
    match settings_reader(graph, roles.clone()).await {
        Ok(read) => read.await,
        Err(_) => roles
            .into_iter()
            .map(|k| {
                let e = GraphError::unexpected(
                    "chunkLoadFailed",
                    "The code that reads the role settings could not be fetched. Check the connection and reload the page.",
                );
                (k, Err(e))
            })
            .collect(),
    }
}

#[leptos::wasm_split::wasm_split(my_settings, wasm_split_path = ::leptos::wasm_split, fallible)]
fn settings_reader(
    graph: Graph,
    roles: Vec<(String, AccessId)>,
) -> Result<LocalBoxFuture<'static, SettingsMap>, leptos::wasm_split::SplitLoaderError> {
    Ok(Box::pin(settings(graph, roles)))
}

async fn settings(
    graph: Graph,
    roles: Vec<(String, AccessId)>,
) -> HashMap<(String, AccessId), Result<RoleSettings, GraphError>> {
    // The batches go side by side: 50 roles cost one round trip's wait, not three.
    let work = roles
        .chunks(crate::graph::batch::MAX_REQUESTS)
        .map(|chunk| {
            let mut batch = Batch::new();
            let reads: Vec<_> = chunk
                .iter()
                .map(|(g, a)| role_policy::add_named(&mut batch, g, a.as_str()))
                .collect();
            let graph = graph.clone();
            async move {
                let mut answers = graph.run(&batch).await;
                let settings: Vec<_> = reads
                    .into_iter()
                    .map(|r| r.settings(&mut answers))
                    .collect();
                settings
            }
        });
    let settings = futures::future::join_all(work).await.into_iter().flatten();
    roles.into_iter().zip(settings).collect()
}
