//! The emulator's whole world behind one lock: directory, PIM state, sign-in state, outbox,
//! audit log, faults, request log and clock.

use crate::clock::Clock;
use crate::tenant::Tenant;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Eligibility or (active) assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Eligibility,
    Assignment,
}

/// A schedule request, as posted and then processed.
#[derive(Clone, Debug)]
pub struct Request {
    pub id: String,
    pub kind: Kind,
    pub access_id: String,
    pub principal_id: String,
    pub group_id: String,
    pub action: String,
    pub justification: Option<String>,
    pub ticket_number: Option<String>,
    pub ticket_system: Option<String>,
    pub custom_data: Option<String>,
    pub start: DateTime<Utc>,
    /// `afterDateTime`, `afterDuration` or `noExpiration`.
    pub expiration_type: String,
    pub end: Option<DateTime<Utc>>,
    pub duration: Option<String>,
    pub has_schedule: bool,
    pub created_by: String,
    pub created: DateTime<Utc>,
    pub completed: Option<DateTime<Utc>>,
    pub status: String,
    pub approval_id: Option<String>,
    pub target_schedule_id: Option<String>,
    pub is_validation_only: bool,
}

/// An eligibility or assignment schedule (and, while current, its one instance).
#[derive(Clone, Debug)]
pub struct Schedule {
    pub id: String,
    pub kind: Kind,
    pub access_id: String,
    pub principal_id: String,
    pub group_id: String,
    /// `assigned` or `activated` for assignments.
    pub assignment_type: Option<String>,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub created_using: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// The eligibility schedule an activation used.
    pub activated_using: Option<String>,
    /// Whether this schedule put the principal into members/owners (so its end takes them out).
    pub added_membership: bool,
    /// Expiry reminders sent: 1 for the 14-day one, 2 for the 1-day one.
    pub reminded: u8,
}

/// The approval of a request that needs one: a single stage with its approvers.
#[derive(Clone, Debug)]
pub struct Approval {
    pub id: String,
    pub approvers: Vec<String>,
    pub status: String,
    pub review_result: String,
    pub reviewed_by: Option<(String, String)>,
    pub reviewed: Option<DateTime<Utc>>,
    pub justification: String,
    pub expires: DateTime<Utc>,
}

/// A group's role management policy for one role.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The GUID in `Group_{groupId}_{guid}`; replaced when the group is onboarded.
    pub guid: String,
    pub rules: Vec<Value>,
    pub last_modified: Option<DateTime<Utc>>,
    pub last_modified_by: Option<String>,
}

/// A sent email, kept for tests and people to read.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Email {
    pub id: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub rule: String,
    pub request_id: Option<String>,
    pub sent_date_time: String,
}

/// What a fault may do. `applyThenError` and `applyThenDrop` run the request first, so its effect
/// stays while the caller sees a 5xx (`status`, 504 unless told) or a broken connection: the case
/// where a client that resends a write blindly makes it twice.
pub const FAULT_KINDS: [&str; 6] = [
    "latency",
    "throttle",
    "error",
    "drop",
    "applyThenError",
    "applyThenDrop",
];

/// A fault to inject on matching Graph paths, or on the token endpoint (`*/oauth2/v2.0/token`).
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// A path with `*` wildcards, matched against the path (without query).
    pub path: String,
    /// One of `FAULT_KINDS`.
    pub kind: String,
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// Only for requests that crossed the network, not the parts of a `$batch` (a real batch's
    /// parts run side by side, so the network's latency is paid once per batch).
    #[serde(default)]
    pub top_level_only: bool,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub retry_after: Option<f64>,
    #[serde(default)]
    pub method: Option<String>,
}

/// One Graph call as received.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    pub url: String,
    pub status: u16,
    pub client_request_id: Option<String>,
    pub in_batch: bool,
    pub date_time: String,
}

/// A pending authorization code.
#[derive(Clone, Debug)]
pub struct Code {
    pub user_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub acrs: Vec<String>,
    pub mfa: bool,
    pub expires: DateTime<Utc>,
}

/// A refresh token's grant: who, what, and the 24-hour deadline SPAs get.
#[derive(Clone, Debug)]
pub struct Grant {
    pub user_id: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub acrs: Vec<String>,
    pub mfa: bool,
    pub deadline: DateTime<Utc>,
}

/// Everything mutable.
pub struct World {
    pub tenant: Tenant,
    pub clock: Clock,
    pub requests: Vec<Request>,
    pub schedules: Vec<Schedule>,
    /// Ended schedules, visible to the state endpoint for 30 days.
    pub ended: Vec<Schedule>,
    pub approvals: HashMap<String, Approval>,
    pub policies: HashMap<(String, String), Policy>,
    pub onboarded: HashSet<String>,
    pub audit: Vec<Value>,
    pub outbox: Vec<Email>,
    pub faults: Vec<Fault>,
    pub log: Vec<LoggedRequest>,
    pub codes: HashMap<String, Code>,
    pub refresh_tokens: HashMap<String, Grant>,
    pub sessions: HashMap<String, (String, Vec<String>, bool)>,
    pub token_lifetime_secs: i64,
    /// How long a membership PIM adds takes to show in `checkMemberGroups` (30 s by default; the
    /// directory records it at once, reads that go through the group-membership cache lag).
    pub propagation_secs: i64,
    /// When each PIM-added membership (group, principal, `member`/`owner`) becomes visible to
    /// `checkMemberGroups`; seeded memberships have no entry and are visible from the start.
    pub visible_from: HashMap<(String, String, String), DateTime<Utc>>,
    /// CAE: access tokens issued before this time are refused with an `insufficient_claims`
    /// challenge (as after a revocation event), until the client signs in again.
    pub cae_not_before: Option<DateTime<Utc>>,
    /// When something next happens on its own (a schedule starts or ends, an approval expires);
    /// until then the clock changes nothing and `tick` has no work.
    pub next_event: Option<DateTime<Utc>>,
    /// The app's origin: emails link there.
    pub app_url: String,
    /// Access review definitions with their instances and decisions.
    pub reviews: Vec<crate::reviews::Review>,
    /// Whether applying a review's Deny ends the principal's PIM schedules for the group (what
    /// the emulator assumes; Microsoft does not document it: `POST /_emulator/reviews`).
    pub review_deny_removes_pim: bool,
    /// What a policy's pre-approval custom extension (a Logic App) answers: `None` lets the
    /// request go on to its approvers, `Some(reason)` denies it at once with that reason
    /// (`POST /_emulator/extension`).
    pub extension_denies: Option<String>,
    /// Applications, service principals, delegated permission grants and device codes.
    pub apps: crate::apps::Registry,
    /// Seconds a tool must wait between polls with a device code (Entra says 5).
    pub device_interval_secs: i64,
    /// How this tenant differs from the demo's (`/_emulator/differ`).
    pub differ: crate::differ::Differ,
}

impl World {
    pub fn new(tenant: Tenant, app_url: &str) -> World {
        let app_url = app_url.trim_end_matches('/');
        let apps = crate::apps::Registry::seed(&tenant, app_url);
        let mut world = World {
            apps,
            device_interval_secs: 5,
            differ: Default::default(),
            tenant,
            clock: Clock::default(),
            requests: vec![],
            schedules: vec![],
            ended: vec![],
            approvals: HashMap::new(),
            policies: HashMap::new(),
            onboarded: HashSet::new(),
            audit: vec![],
            outbox: vec![],
            faults: vec![],
            log: vec![],
            codes: HashMap::new(),
            refresh_tokens: HashMap::new(),
            sessions: HashMap::new(),
            token_lifetime_secs: 3599,
            propagation_secs: 30,
            visible_from: HashMap::new(),
            cae_not_before: None,
            extension_denies: None,
            app_url: app_url.to_owned(),
            next_event: None,
            reviews: vec![],
            review_deny_removes_pim: true,
        };
        crate::seed::apply(&mut world);
        world
    }

    pub fn user(&self, id: &str) -> Option<&crate::tenant::User> {
        self.tenant
            .users
            .iter()
            .find(|u| u.id.eq_ignore_ascii_case(id))
    }

    pub fn group(&self, id: &str) -> Option<&crate::tenant::Group> {
        self.tenant
            .groups
            .iter()
            .find(|g| g.id.eq_ignore_ascii_case(id))
    }

    pub fn group_mut(&mut self, id: &str) -> Option<&mut crate::tenant::Group> {
        self.tenant
            .groups
            .iter_mut()
            .find(|g| g.id.eq_ignore_ascii_case(id))
    }

    /// Directory roles a user holds now: direct, and through role-assignable groups.
    pub fn roles_of(&self, user_id: &str) -> Vec<String> {
        let groups: Vec<&str> = self
            .tenant
            .groups
            .iter()
            .filter(|g| g.is_assignable_to_role && g.members.iter().any(|m| m == user_id))
            .map(|g| g.id.as_str())
            .collect();
        self.tenant
            .role_assignments
            .iter()
            .filter(|a| !a.eligible)
            .filter(|a| a.principal_id == user_id || groups.contains(&a.principal_id.as_str()))
            .map(|a| a.role_definition_id.clone())
            .collect()
    }

    /// Whether `principal` is a member of `group` as `checkMemberGroups` sees it now.
    pub fn member_visible(&self, group: &str, principal: &str) -> bool {
        let key = (group.to_owned(), principal.to_owned(), "member".to_owned());
        self.group(group)
            .is_some_and(|g| g.members.iter().any(|m| m == principal))
            && self.visible_from.get(&key).is_none_or(|t| self.now() >= *t)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
