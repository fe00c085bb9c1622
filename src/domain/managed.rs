//! Which groups PIM manages, and which it can: Graph has no list of onboarded groups, so this
//! reads the signals it does give (policy changes and schedules) for each candidate group.

use crate::graph::call::{Answers, Batch, Handle};
use crate::graph::error::GraphError;
use crate::graph::model::{Group, Page, PolicyAssignmentChange};
use crate::graph::pim::{list_ids_for_group, Collection};
use crate::graph::policies::list_role_management_policy_assignments;
use serde_json::Value;

/// Why a group can never be brought under PIM, in the portal's words; `None` when it can.
pub fn not_eligible_reason(g: &Group) -> Option<&'static str> {
    if g.group_types.iter().any(|t| t == "DynamicMembership") || g.membership_rule.is_some() {
        Some("Dynamic membership groups can't be managed by PIM.")
    } else if g.on_premises_sync_enabled == Some(true) {
        Some("Groups synchronized from on-premises can't be managed by PIM.")
    } else if g.security_enabled != Some(true) && !g.group_types.iter().any(|t| t == "Unified") {
        Some("Distribution lists can't be managed by PIM.")
    } else if g.is_management_restricted == Some(true) {
        Some("Groups in a restricted management administrative unit can't be managed by PIM.")
    } else {
        None
    }
}

/// "Security" or "Microsoft 365", as the portal names a group's type.
pub fn kind(g: &Group) -> &'static str {
    if g.group_types.iter().any(|t| t == "Unified") {
        "Microsoft 365"
    } else {
        "Security"
    }
}

/// What one group's scan found: whether a policy was ever changed, and how many eligibility and
/// active schedules it has (`more` when Graph paged them, so the count is a floor).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signals {
    pub policy_changed: bool,
    pub eligible: usize,
    pub active: usize,
    pub more: bool,
}

impl Signals {
    /// Onboarding happens at a group's first policy change or first request, so either leaves a
    /// trace: a `lastModifiedDateTime` on a policy, or a schedule. A group onboarded elsewhere that
    /// has neither is indistinguishable from one never onboarded; re-onboarding it is harmless.
    pub fn managed(&self) -> bool {
        self.policy_changed || self.eligible > 0 || self.active > 0
    }

    /// A count for the list: "12", or "100+" when Graph paged the schedules.
    pub fn count(&self, n: usize) -> String {
        if self.more {
            format!("{n}+")
        } else {
            n.to_string()
        }
    }
}

/// Whether `g` matches the search box (name, description or id, case-insensitively).
pub fn matches(g: &Group, search: &str) -> bool {
    let s = search.trim().to_lowercase();
    s.is_empty()
        || g.id.to_lowercase().contains(&s)
        || g.display_name
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(&s))
        || g.description
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(&s))
}

/// The two reads that count who holds a group (eligible, active), in a batch.
pub struct CountReads(Handle<Page<Value>>, Handle<Page<Value>>);

/// Adds the reads that count who holds `group`; a batch of them is sent first pages only.
pub fn add_counts(batch: &mut Batch, group: &str) -> CountReads {
    CountReads(
        batch.add(list_ids_for_group(Collection::EligibilitySchedules, group)),
        batch.add(list_ids_for_group(Collection::AssignmentSchedules, group)),
    )
}

/// Reads the answers to `add_counts`.
// GraphError keeps every detail support needs (as in graph/): errors are rare, so not boxed.
#[allow(clippy::result_large_err)]
pub fn counts(reads: CountReads, answers: &mut Answers) -> Result<Signals, GraphError> {
    let eligible = answers.take(reads.0)?;
    let active = answers.take(reads.1)?;
    Ok(Signals {
        policy_changed: false,
        eligible: eligible.value.len(),
        active: active.value.len(),
        more: eligible.next_link.is_some() || active.next_link.is_some(),
    })
}

/// The three reads that tell whether a group is managed and how many hold it.
pub struct Checks(Handle<Page<PolicyAssignmentChange>>, CountReads);

/// Adds the reads of `Checks` for `group`.
pub fn add_checks(batch: &mut Batch, group: &str) -> Checks {
    Checks(
        batch.add(list_role_management_policy_assignments(group, None, false)),
        add_counts(batch, group),
    )
}

/// What the answers to `add_checks` say.
#[allow(clippy::result_large_err)]
pub fn signals(checks: Checks, answers: &mut Answers) -> Result<Signals, GraphError> {
    let policies = answers.take(checks.0)?;
    Ok(Signals {
        policy_changed: policies.value.iter().any(|a| {
            a.policy
                .as_ref()
                .is_some_and(|p| p.last_modified_date_time.is_some())
        }),
        ..counts(checks.1, answers)?
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    fn group(v: serde_json::Value) -> Group {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn dynamic_synced_and_distribution_groups_cannot_be_managed() {
        let dynamic = group(
            serde_json::json!({"id": "1", "groupTypes": ["DynamicMembership"], "securityEnabled": true, "membershipRule": "user.department -eq \"Sales\""}),
        );
        assert!(not_eligible_reason(&dynamic).unwrap().contains("Dynamic"));
        let synced = group(
            serde_json::json!({"id": "2", "groupTypes": [], "securityEnabled": true, "onPremisesSyncEnabled": true}),
        );
        assert!(not_eligible_reason(&synced)
            .unwrap()
            .contains("on-premises"));
        let dl = group(
            serde_json::json!({"id": "3", "groupTypes": [], "securityEnabled": false, "mailEnabled": true}),
        );
        assert!(not_eligible_reason(&dl).is_some());
        let m365 = group(
            serde_json::json!({"id": "4", "groupTypes": ["Unified"], "securityEnabled": false}),
        );
        assert_eq!(not_eligible_reason(&m365), None);
        assert_eq!(kind(&m365), "Microsoft 365");
        let sec =
            group(serde_json::json!({"id": "5", "securityEnabled": true, "groupTypes": null}));
        assert_eq!(not_eligible_reason(&sec), None);
        assert_eq!(kind(&sec), "Security");
        let restricted = group(
            serde_json::json!({"id": "6", "securityEnabled": true, "isManagementRestricted": true}),
        );
        assert!(not_eligible_reason(&restricted)
            .unwrap()
            .contains("restricted management administrative unit"));
    }

    #[test]
    fn a_policy_change_or_any_schedule_means_managed() {
        assert!(!Signals::default().managed());
        assert!(Signals {
            policy_changed: true,
            ..Default::default()
        }
        .managed());
        assert!(Signals {
            eligible: 1,
            ..Default::default()
        }
        .managed());
        assert!(Signals {
            active: 2,
            ..Default::default()
        }
        .managed());
        let paged = Signals {
            eligible: 100,
            more: true,
            ..Default::default()
        };
        assert_eq!(paged.count(paged.eligible), "100+");
    }

    #[test]
    fn search_matches_name_description_or_id() {
        let g = group(
            serde_json::json!({"id": "abc-123", "displayName": "Helpdesk Admin-Group", "description": "Tier 1"}),
        );
        assert!(matches(&g, ""));
        assert!(matches(&g, "helpdesk"));
        assert!(matches(&g, "TIER"));
        assert!(matches(&g, "abc-1"));
        assert!(!matches(&g, "exchange"));
    }
}
