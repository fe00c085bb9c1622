//! Role settings in PIM's words, read from a group policy's rules and written back as the
//! smallest PATCH: only the rules that changed, each with its type, id and original target.

use super::duration;
use crate::graph::model::{ApprovalSettings, ApprovalStageSetting, PolicyRule, SubjectSet};

/// What an activation must bring besides the request itself.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OnActivation {
    None,
    Mfa,
    /// A Conditional Access authentication context (`c1`...).
    AuthContext(String),
}

/// Who may approve: a user, or the members of a group.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Approver {
    User(String),
    Group(String),
}

/// The Activation tab.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActivationSettings {
    pub max_minutes: u32,
    pub require: OnActivation,
    pub justification: bool,
    pub ticket: bool,
    pub approval: bool,
    pub approvers: Vec<Approver>,
}

/// The Assignment tab: `None` means permanent assignments are allowed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AssignmentSettings {
    pub eligible_max_minutes: Option<u32>,
    pub active_max_minutes: Option<u32>,
    pub mfa_on_active: bool,
    pub justification_on_active: bool,
}

/// One row of the Notification tab.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NotificationSetting {
    pub default_recipients: bool,
    pub additional: Vec<String>,
    pub critical_only: bool,
}

/// The nine notification rules, in the portal's order (eligible, active, activation) x (admin,
/// assignee, approver).
pub const NOTIFICATION_RULES: [&str; 9] = [
    "Notification_Admin_Admin_Eligibility",
    "Notification_Requestor_Admin_Eligibility",
    "Notification_Approver_Admin_Eligibility",
    "Notification_Admin_Admin_Assignment",
    "Notification_Requestor_Admin_Assignment",
    "Notification_Approver_Admin_Assignment",
    "Notification_Admin_EndUser_Assignment",
    "Notification_Requestor_EndUser_Assignment",
    "Notification_Approver_EndUser_Assignment",
];

/// Everything the settings blade shows and edits for one role of one group.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RoleSettings {
    pub activation: ActivationSettings,
    pub assignment: AssignmentSettings,
    /// In the order of `NOTIFICATION_RULES`.
    pub notifications: Vec<NotificationSetting>,
    /// Graph stores MFA and the authentication context in two rules; both on is a conflict the
    /// portal never makes, kept visible rather than silently resolved.
    pub conflicting_requirements: bool,
}

fn find<'a>(rules: &'a [PolicyRule], id: &str) -> Option<&'a PolicyRule> {
    rules.iter().find(|r| r.id().eq_ignore_ascii_case(id))
}

fn expiry(rules: &[PolicyRule], id: &str) -> Option<u32> {
    match find(rules, id) {
        Some(PolicyRule::Expiration {
            is_expiration_required: Some(true),
            maximum_duration,
            ..
        }) => maximum_duration.as_deref().and_then(duration::minutes),
        _ => None,
    }
}

fn enabled(rules: &[PolicyRule], id: &str, check: &str) -> bool {
    matches!(find(rules, id), Some(PolicyRule::Enablement { enabled_rules, .. }) if enabled_rules.iter().any(|r| r.eq_ignore_ascii_case(check)))
}

impl RoleSettings {
    /// Reads the settings from a policy's rules.
    pub fn from_rules(rules: &[PolicyRule]) -> RoleSettings {
        let mfa = enabled(
            rules,
            "Enablement_EndUser_Assignment",
            "MultiFactorAuthentication",
        );
        let context = match find(rules, "AuthenticationContext_EndUser_Assignment") {
            Some(PolicyRule::AuthenticationContext {
                is_enabled: Some(true),
                claim_value: Some(c),
                ..
            }) if !c.is_empty() => Some(c.clone()),
            _ => None,
        };
        let (approval, approvers) = match find(rules, "Approval_EndUser_Assignment") {
            Some(PolicyRule::Approval {
                setting: Some(s), ..
            }) => {
                let approvers = s
                    .approval_stages
                    .first()
                    .map(|st| st.primary_approvers.iter().filter_map(approver).collect())
                    .unwrap_or_default();
                (s.is_approval_required == Some(true), approvers)
            }
            _ => (false, vec![]),
        };
        let notifications = NOTIFICATION_RULES
            .iter()
            .map(|id| match find(rules, id) {
                Some(PolicyRule::Notification {
                    is_default_recipients_enabled,
                    notification_recipients,
                    notification_level,
                    ..
                }) => NotificationSetting {
                    default_recipients: is_default_recipients_enabled.unwrap_or(true),
                    additional: notification_recipients.clone(),
                    critical_only: notification_level
                        .as_deref()
                        .is_some_and(|l| l.eq_ignore_ascii_case("Critical")),
                },
                _ => NotificationSetting {
                    default_recipients: true,
                    additional: vec![],
                    critical_only: false,
                },
            })
            .collect();
        RoleSettings {
            activation: ActivationSettings {
                max_minutes: expiry(rules, "Expiration_EndUser_Assignment").unwrap_or(480),
                require: match (&context, mfa) {
                    (Some(c), _) => OnActivation::AuthContext(c.clone()),
                    (None, true) => OnActivation::Mfa,
                    (None, false) => OnActivation::None,
                },
                justification: enabled(rules, "Enablement_EndUser_Assignment", "Justification"),
                ticket: enabled(rules, "Enablement_EndUser_Assignment", "Ticketing"),
                approval,
                approvers,
            },
            assignment: AssignmentSettings {
                eligible_max_minutes: expiry(rules, "Expiration_Admin_Eligibility"),
                active_max_minutes: expiry(rules, "Expiration_Admin_Assignment"),
                mfa_on_active: enabled(
                    rules,
                    "Enablement_Admin_Assignment",
                    "MultiFactorAuthentication",
                ),
                justification_on_active: enabled(
                    rules,
                    "Enablement_Admin_Assignment",
                    "Justification",
                ),
            },
            notifications,
            conflicting_requirements: context.is_some() && mfa,
        }
    }
}

fn approver(s: &SubjectSet) -> Option<Approver> {
    match s {
        SubjectSet::SingleUser { user_id, id, .. } => {
            user_id.clone().or_else(|| id.clone()).map(Approver::User)
        }
        SubjectSet::GroupMembers { group_id, id, .. } => {
            group_id.clone().or_else(|| id.clone()).map(Approver::Group)
        }
    }
}

fn subject(a: &Approver) -> SubjectSet {
    match a {
        Approver::User(id) => SubjectSet::SingleUser {
            user_id: Some(id.clone()),
            id: None,
            description: None,
            is_backup: None,
        },
        Approver::Group(id) => SubjectSet::GroupMembers {
            group_id: Some(id.clone()),
            id: None,
            description: None,
            is_backup: None,
        },
    }
}

fn enablement(checks: &[(&str, bool)]) -> Vec<String> {
    checks
        .iter()
        .filter(|(_, on)| *on)
        .map(|(c, _)| c.to_string())
        .collect()
}

/// The rule `before` rewritten to say what `s` says; its id, target and anything else kept.
fn rewrite(before: &PolicyRule, s: &RoleSettings) -> PolicyRule {
    let a = &s.activation;
    let mut r = before.clone();
    match &mut r {
        PolicyRule::Expiration {
            id,
            is_expiration_required,
            maximum_duration,
            ..
        } => {
            let max = match id.as_str() {
                "Expiration_EndUser_Assignment" => Some(a.max_minutes),
                "Expiration_Admin_Eligibility" => s.assignment.eligible_max_minutes,
                "Expiration_Admin_Assignment" => s.assignment.active_max_minutes,
                _ => return r,
            };
            *is_expiration_required = Some(max.is_some());
            // Omitted when not required: some services refuse a maximum on a permanent rule.
            *maximum_duration = max.map(duration::iso);
        }
        PolicyRule::Enablement {
            id, enabled_rules, ..
        } => match id.as_str() {
            "Enablement_EndUser_Assignment" => {
                *enabled_rules = enablement(&[
                    ("MultiFactorAuthentication", a.require == OnActivation::Mfa),
                    ("Justification", a.justification),
                    ("Ticketing", a.ticket),
                ]);
            }
            "Enablement_Admin_Assignment" => {
                *enabled_rules = enablement(&[
                    ("MultiFactorAuthentication", s.assignment.mfa_on_active),
                    ("Justification", s.assignment.justification_on_active),
                ]);
            }
            _ => {}
        },
        PolicyRule::AuthenticationContext {
            is_enabled,
            claim_value,
            ..
        } => match &a.require {
            OnActivation::AuthContext(c) => {
                *is_enabled = Some(true);
                *claim_value = Some(c.clone());
            }
            _ => {
                *is_enabled = Some(false);
                *claim_value = None;
            }
        },
        PolicyRule::Approval { setting, .. } => {
            let mut st = setting.clone().unwrap_or_default();
            st.is_approval_required = Some(a.approval);
            st.approval_mode = Some(
                if a.approval {
                    "SingleStage"
                } else {
                    "NoApproval"
                }
                .into(),
            );
            if st.approval_stages.is_empty() {
                st.approval_stages.push(ApprovalStageSetting {
                    approval_stage_time_out_in_days: Some(1),
                    is_approver_justification_required: Some(true),
                    escalation_time_in_minutes: Some(0),
                    is_escalation_enabled: Some(false),
                    ..Default::default()
                });
            }
            st.approval_stages[0].primary_approvers = a.approvers.iter().map(subject).collect();
            *setting = Some(ApprovalSettings { ..st });
        }
        PolicyRule::Notification {
            id,
            is_default_recipients_enabled,
            notification_recipients,
            notification_level,
            ..
        } => {
            if let Some(i) = NOTIFICATION_RULES
                .iter()
                .position(|n| n.eq_ignore_ascii_case(id))
            {
                let n = &s.notifications[i];
                *is_default_recipients_enabled = Some(n.default_recipients);
                *notification_recipients = n.additional.clone();
                *notification_level = Some(if n.critical_only { "Critical" } else { "All" }.into());
            }
        }
    }
    r
}

/// The rules to PATCH so the policy says `after`: only those that change, in the policy's order.
pub fn patch(before: &[PolicyRule], after: &RoleSettings) -> Vec<PolicyRule> {
    let unchanged = RoleSettings::from_rules(before);
    before
        .iter()
        .filter_map(|rule| {
            let new = rewrite(rule, after);
            // Compare meaning, not spelling: a rule rewritten from unchanged settings is not sent.
            let same_meaning = rewrite(rule, &unchanged) == new;
            // Settings can't hold MFA and an authentication context both on; a policy that has
            // them gets both rules written from `after`, which resolves the conflict.
            let conflict = unchanged.conflicting_requirements
                && matches!(
                    rule.id(),
                    "Enablement_EndUser_Assignment" | "AuthenticationContext_EndUser_Assignment"
                );
            (!same_meaning || conflict).then_some(new)
        })
        .collect()
}

#[cfg(test)]
mod tests;
