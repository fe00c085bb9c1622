//! The admin's overview across every managed group: what ends in the next 14 days, who activated
//! in the last 7, which settings have problems, which approvals have waited over 12 hours. Pure.

use super::assignments::{parse, span};
use super::settings::RoleSettings;
use super::validate::validate;
use crate::graph::model::{
    AccessId, ConditionalAccessPolicy, Expanded, PrivilegedAccessGroupSchedule,
    PrivilegedAccessGroupScheduleRequest, ScheduleRequestAction, UnifiedRoleAssignment,
    UnifiedRoleManagementPolicyAssignment,
};
use chrono::{DateTime, Duration, Utc};

/// What the overview reads of one group.
#[derive(Clone, Debug, Default)]
pub struct GroupState {
    pub id: String,
    pub name: String,
    pub eligible: Vec<Expanded<PrivilegedAccessGroupSchedule>>,
    pub active: Vec<Expanded<PrivilegedAccessGroupSchedule>>,
    pub requests: Vec<Expanded<PrivilegedAccessGroupScheduleRequest>>,
    pub policies: Vec<UnifiedRoleManagementPolicyAssignment>,
}

/// One line of a dashboard table.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Unique within its table.
    pub key: String,
    pub group_id: String,
    pub group: String,
    pub who: String,
    pub access: AccessId,
    pub when: DateTime<Utc>,
    /// Eligible/Active, the reason, or the problem.
    pub what: String,
}

fn who(principal: Option<&serde_json::Value>, id: &str) -> String {
    principal
        .and_then(super::principals::label)
        .unwrap_or_else(|| id.to_owned())
}

/// Eligible and active assignments ending between now and `days` from now, soonest first.
pub fn ending_within(groups: &[GroupState], now: DateTime<Utc>, days: i64) -> Vec<Line> {
    let mut out = vec![];
    for g in groups {
        for (kind, list) in [("Eligible", &g.eligible), ("Active", &g.active)] {
            for s in list {
                let (_, end) = span(s.item.schedule_info.as_ref(), None);
                let Some(end) = end.filter(|e| *e > now && *e <= now + Duration::days(days)) else {
                    continue;
                };
                out.push(Line {
                    key: format!(
                        "{}|{}|{kind}|{:?}",
                        g.id, s.item.principal_id, s.item.access_id
                    ),
                    group_id: g.id.clone(),
                    group: g.name.clone(),
                    who: who(s.principal.as_ref(), &s.item.principal_id),
                    access: s.item.access_id,
                    when: end,
                    what: kind.to_owned(),
                });
            }
        }
    }
    out.sort_by_key(|l| l.when);
    out
}

fn requests_where<'a>(
    groups: &'a [GroupState],
    keep: impl Fn(&PrivilegedAccessGroupScheduleRequest, DateTime<Utc>) -> bool + Copy + 'a,
) -> impl Iterator<
    Item = (
        &'a GroupState,
        &'a Expanded<PrivilegedAccessGroupScheduleRequest>,
        DateTime<Utc>,
    ),
> + 'a {
    groups.iter().flat_map(move |g| {
        g.requests.iter().filter_map(move |r| {
            let created = parse(r.item.created_date_time.as_deref())?;
            keep(&r.item, created).then_some((g, r, created))
        })
    })
}

fn line(
    g: &GroupState,
    r: &Expanded<PrivilegedAccessGroupScheduleRequest>,
    when: DateTime<Utc>,
) -> Line {
    Line {
        key: r.item.id.clone(),
        group_id: g.id.clone(),
        group: g.name.clone(),
        who: who(r.principal.as_ref(), &r.item.principal_id),
        access: r.item.access_id,
        when,
        what: r.item.justification.clone().unwrap_or_default(),
    }
}

/// Activations granted in the last `days`, newest first (when each started).
pub fn activations_within(groups: &[GroupState], now: DateTime<Utc>, days: i64) -> Vec<Line> {
    let mut out: Vec<Line> = requests_where(groups, move |r, created| {
        r.action == Some(ScheduleRequestAction::SelfActivate)
            && matches!(
                r.status.as_str(),
                "Provisioned" | "Granted" | "ScheduleCreated"
            )
            && created > now - Duration::days(days)
    })
    .map(|(g, r, created)| {
        let (start, _) = span(r.item.schedule_info.as_ref(), Some(created));
        line(g, r, start.unwrap_or(created))
    })
    .collect();
    out.sort_by_key(|l| std::cmp::Reverse(l.when));
    out
}

/// Requests still waiting for an approver after `hours`, oldest first.
pub fn waiting_longer_than(groups: &[GroupState], now: DateTime<Utc>, hours: i64) -> Vec<Line> {
    let mut out: Vec<Line> = requests_where(groups, move |r, created| {
        r.status == "PendingApproval" && now - created > Duration::hours(hours)
    })
    .map(|(g, r, created)| line(g, r, created))
    .collect();
    out.sort_by_key(|l| l.when);
    out
}

/// Each problem of each role's settings, by the same rules the settings editor applies before
/// saving (approval without approvers, a context no enabled Conditional Access policy uses, MFA
/// and a context both). `when` is the policy's last change, or `now`.
pub fn setting_problems(
    groups: &[GroupState],
    policies: Option<&[ConditionalAccessPolicy]>,
    now: DateTime<Utc>,
) -> Vec<Line> {
    let mut out = vec![];
    for g in groups {
        for a in &g.policies {
            let Some(p) = &a.policy else { continue };
            let access = if a.role_definition_id.eq_ignore_ascii_case("owner") {
                AccessId::Owner
            } else {
                AccessId::Member
            };
            let settings = RoleSettings::from_rules(&p.rules);
            let problems = validate(&settings, policies)
                .into_iter()
                .filter(|p| p.severity != super::validate::Severity::Advice);
            for (n, problem) in problems.enumerate() {
                out.push(Line {
                    key: format!("{}|{}|{n}", g.id, a.role_definition_id),
                    group_id: g.id.clone(),
                    group: g.name.clone(),
                    who: String::new(),
                    access,
                    when: parse(p.last_modified_date_time.as_deref()).unwrap_or(now),
                    what: problem.message,
                });
            }
        }
    }
    out
}

/// Directory roles whose holders administer PIM for Groups: Global Administrator, Privileged
/// Role Administrator, Identity Governance Administrator (built-in template ids).
const ADMIN_ROLES: [&str; 3] = [
    "62e90394-69f5-4237-9190-012177145e10",
    "e8611ab8-c189-46e8-94e1-60213ab1f814",
    "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e",
];

/// Whether `/` opens the Overview for someone holding these role assignments: one of the admin
/// roles over the whole directory (an administrative unit's scope is not the whole picture).
pub fn opens_overview(assignments: &[UnifiedRoleAssignment]) -> bool {
    assignments.iter().any(|a| {
        ADMIN_ROLES.contains(&a.role_definition_id.to_ascii_lowercase().as_str())
            && a.directory_scope_id.as_deref().is_none_or(|s| s == "/")
    })
}

#[cfg(test)]
mod tests;
