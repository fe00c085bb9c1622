//! Checking a role-settings draft before Update, as PIM would, with the field each problem
//! concerns; warnings do not block.

use super::settings::{OnActivation, RoleSettings, NOTIFICATION_RULES};
use crate::graph::model::ConditionalAccessPolicy;

/// Blocks the update, or only warns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// A recommendation, not a problem: the editor shows it, the Overview doesn't list it.
    Advice,
}

/// A problem with one field of the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The field's accessible name, as the form labels it.
    pub field: &'static str,
    pub message: String,
    pub severity: Severity,
}

fn error(field: &'static str, message: impl Into<String>) -> ValidationError {
    ValidationError {
        field,
        message: message.into(),
        severity: Severity::Error,
    }
}

/// A plausible mail address: one `@`, a dotted domain, no spaces.
pub fn is_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// Everything wrong with `s`; `policies` are the tenant's CA policies, to warn about an
/// authentication context that nothing enforces (PIM then falls back to MFA). `None` when they
/// could not be read: then nothing is claimed about them either way.
pub fn validate(
    s: &RoleSettings,
    policies: Option<&[ConditionalAccessPolicy]>,
) -> Vec<ValidationError> {
    let mut out = vec![];
    let a = &s.activation;
    if !(30..=1440).contains(&a.max_minutes) {
        out.push(error(
            "Activation maximum duration (hours)",
            "Choose between 0.5 and 24 hours.",
        ));
    }
    if s.conflicting_requirements {
        out.push(error(
            "On activation, require",
            "Azure MFA and an authentication context cannot both be required; choose one.",
        ));
    }
    if a.approval && a.approvers.is_empty() {
        out.push(error(
            "Select approver(s)",
            "Approval needs at least one approver.",
        ));
    }
    // One person can be away: Microsoft recommends two approvers (a group may hold several).
    if a.approval && matches!(a.approvers.as_slice(), [super::settings::Approver::User(_)]) {
        out.push(ValidationError {
            field: "Select approver(s)",
            message: "Only one approver: requests wait while they are away. At least two are recommended.".into(),
            severity: Severity::Advice,
        });
    }
    if let (OnActivation::AuthContext(c), Some(policies)) = (&a.require, policies) {
        let enforced = policies.iter().any(|p| {
            p.state.as_deref() == Some("enabled")
                && p.conditions
                    .as_ref()
                    .and_then(|c| c.applications.as_ref())
                    .is_some_and(|apps| {
                        apps.include_authentication_context_class_references
                            .iter()
                            .any(|x| x == c)
                    })
        });
        if !enforced {
            out.push(ValidationError {
                field: "Microsoft Entra Conditional Access authentication context",
                message: format!("No enabled Conditional Access policy uses {c}: PIM will ask for Azure MFA instead."),
                severity: Severity::Warning,
            });
        }
    }
    for (field, max) in [
        (
            "Expire eligible assignments after",
            s.assignment.eligible_max_minutes,
        ),
        (
            "Expire active assignments after",
            s.assignment.active_max_minutes,
        ),
    ] {
        if max == Some(0) {
            out.push(error(field, "A time-limited assignment needs a maximum."));
        }
    }
    for (i, n) in s.notifications.iter().enumerate() {
        if let Some(bad) = n.additional.iter().find(|a| !is_address(a)) {
            out.push(error(
                "Additional recipients",
                format!(
                    "'{bad}' is not an email address ({}).",
                    NOTIFICATION_RULES[i]
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::{
        ActivationSettings, Approver, AssignmentSettings, NotificationSetting,
    };

    fn draft() -> RoleSettings {
        RoleSettings {
            activation: ActivationSettings {
                max_minutes: 60,
                require: OnActivation::None,
                justification: true,
                ticket: false,
                approval: false,
                approvers: vec![],
            },
            assignment: AssignmentSettings {
                eligible_max_minutes: Some(525_600),
                active_max_minutes: Some(259_200),
                mfa_on_active: false,
                justification_on_active: true,
            },
            notifications: vec![
                NotificationSetting {
                    default_recipients: true,
                    additional: vec![],
                    critical_only: false
                };
                9
            ],
            conflicting_requirements: false,
        }
    }

    fn ca(state: &str, contexts: &[&str]) -> ConditionalAccessPolicy {
        serde_json::from_value(serde_json::json!({"id": "p", "state": state, "conditions": {"applications": {"includeAuthenticationContextClassReferences": contexts}}})).unwrap()
    }

    #[test]
    fn a_good_draft_passes() {
        assert_eq!(validate(&draft(), Some(&[])), vec![]);
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut d = draft();
        d.activation.max_minutes = 25 * 60;
        d.activation.approval = true;
        d.conflicting_requirements = true;
        d.assignment.active_max_minutes = Some(0);
        d.notifications[2].additional = vec!["ops@contoso.com".into(), "not an address".into()];
        let fields: Vec<&str> = validate(&d, Some(&[])).iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "Activation maximum duration (hours)",
                "On activation, require",
                "Select approver(s)",
                "Expire active assignments after",
                "Additional recipients"
            ]
        );
        d = draft();
        d.activation.approval = true;
        d.activation.approvers = vec![Approver::Group("g".into())];
        assert_eq!(validate(&d, Some(&[])), vec![]);
        d.activation.approvers = vec![Approver::User("diego".into())];
        let advice = validate(&d, Some(&[]));
        assert_eq!(advice.len(), 1);
        assert_eq!(advice[0].severity, Severity::Advice);
        d.activation.approvers.push(Approver::User("adele".into()));
        assert_eq!(validate(&d, Some(&[])), vec![]);
    }

    #[test]
    fn a_context_no_enabled_policy_uses_only_warns() {
        let mut d = draft();
        d.activation.require = OnActivation::AuthContext("c2".into());
        let w = validate(&d, Some(&[ca("disabled", &["c2"]), ca("enabled", &["c1"])]));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].severity, Severity::Warning);
        assert!(validate(&d, Some(&[ca("enabled", &["c2"])])).is_empty());
        assert!(
            validate(&d, None).is_empty(),
            "policies that could not be read are not claimed to miss the context"
        );
    }

    #[test]
    fn addresses() {
        assert!(is_address("exchange-pim@contoso.onmicrosoft.com"));
        for bad in ["", "a@b", "@contoso.com", "a b@c.com", "a@@c.com", "a@.com"] {
            assert!(!is_address(bad), "{bad}");
        }
    }
}
