//! Rules -> settings -> minimal patch, against Microsoft's documented group policy and rule bodies.

use super::*;
use crate::graph::model::{Page, UnifiedRoleManagementPolicyAssignment};

fn example_text(name: &str) -> String {
    let path = format!(
        "{}/../shared/graph/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn documented_rules() -> Vec<PolicyRule> {
    let page: Page<UnifiedRoleManagementPolicyAssignment> = serde_json::from_str(&example_text(
        "policyAssignments-list-group-owner-expand-policy-rules.response.json",
    ))
    .unwrap();
    page.value[0].policy.clone().unwrap().rules
}

#[test]
fn reads_the_defaults_of_a_group_policy() {
    let s = RoleSettings::from_rules(&documented_rules());
    assert_eq!(s.activation.max_minutes, 480);
    assert_eq!(s.activation.require, OnActivation::None);
    assert!(s.activation.justification && !s.activation.ticket && !s.activation.approval);
    assert_eq!(s.assignment.eligible_max_minutes, Some(365 * 1440));
    assert_eq!(s.assignment.active_max_minutes, Some(180 * 1440));
    assert!(s.assignment.justification_on_active && !s.assignment.mfa_on_active);
    assert_eq!(s.notifications.len(), 9);
    assert!(s
        .notifications
        .iter()
        .all(|n| n.default_recipients && !n.critical_only && n.additional.is_empty()));
    assert!(!s.conflicting_requirements);
}

#[test]
fn unchanged_settings_patch_nothing() {
    let rules = documented_rules();
    assert_eq!(patch(&rules, &RoleSettings::from_rules(&rules)), vec![]);
}

#[test]
fn story_s1_member_settings_patch_exactly_the_three_rules_that_change() {
    let rules = documented_rules();
    let mut s = RoleSettings::from_rules(&rules);
    s.activation.max_minutes = 60;
    s.activation.require = OnActivation::AuthContext("c1".into());
    s.activation.approval = true;
    s.activation.approvers = vec![
        Approver::User("diego".into()),
        Approver::User("adele".into()),
    ];
    let p = patch(&rules, &s);
    let ids: Vec<&str> = p.iter().map(PolicyRule::id).collect();
    assert_eq!(
        ids,
        [
            "Expiration_EndUser_Assignment",
            "Approval_EndUser_Assignment",
            "AuthenticationContext_EndUser_Assignment"
        ]
    );
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(
        json[0]["@odata.type"],
        "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule"
    );
    assert_eq!(json[0]["maximumDuration"], "PT1H");
    assert_eq!(
        json[0]["target"]["caller"], "EndUser",
        "the rule's target goes back as it was"
    );
    assert_eq!(
        json[1]["setting"]["approvalStages"][0]["primaryApprovers"][0],
        serde_json::json!({"@odata.type": "#microsoft.graph.singleUser", "userId": "diego"})
    );
    assert_eq!(json[2]["claimValue"], "c1");
    assert_eq!(
        RoleSettings::from_rules(&apply(&rules, &p)),
        s,
        "reading the patched policy gives the settings back"
    );
}

fn apply(rules: &[PolicyRule], patch: &[PolicyRule]) -> Vec<PolicyRule> {
    rules
        .iter()
        .map(|r| {
            patch
                .iter()
                .find(|p| p.id() == r.id())
                .cloned()
                .unwrap_or_else(|| r.clone())
        })
        .collect()
}

#[test]
fn switching_from_context_to_mfa_turns_the_context_off_in_the_same_patch() {
    let mut rules = documented_rules();
    let mut s = RoleSettings::from_rules(&rules);
    s.activation.require = OnActivation::AuthContext("c2".into());
    rules = apply(&rules, &patch(&rules, &s));
    s.activation.require = OnActivation::Mfa;
    let p = patch(&rules, &s);
    let ids: Vec<&str> = p.iter().map(PolicyRule::id).collect();
    assert_eq!(
        ids,
        [
            "Enablement_EndUser_Assignment",
            "AuthenticationContext_EndUser_Assignment"
        ]
    );
    let after = RoleSettings::from_rules(&apply(&rules, &p));
    assert_eq!(after.activation.require, OnActivation::Mfa);
    assert!(!after.conflicting_requirements);
}

#[test]
fn a_policy_with_both_mfa_and_a_context_is_resolved_by_the_settings_written() {
    let mut rules = documented_rules();
    let mut s = RoleSettings::from_rules(&rules);
    s.activation.require = OnActivation::AuthContext("c2".into());
    rules = apply(&rules, &patch(&rules, &s));
    // MFA switched on beside the context, as old policies set elsewhere have it.
    for r in &mut rules {
        if let PolicyRule::Enablement {
            id, enabled_rules, ..
        } = r
        {
            if id == "Enablement_EndUser_Assignment" {
                enabled_rules.push("MultiFactorAuthentication".into());
            }
        }
    }
    assert!(RoleSettings::from_rules(&rules).conflicting_requirements);
    s.activation.require = OnActivation::None;
    let after = RoleSettings::from_rules(&apply(&rules, &patch(&rules, &s)));
    assert_eq!(after.activation.require, OnActivation::None);
    assert!(!after.conflicting_requirements, "MFA is gone too");
}

#[test]
fn permanent_assignments_drop_the_maximum() {
    let rules = documented_rules();
    let mut s = RoleSettings::from_rules(&rules);
    s.assignment.eligible_max_minutes = None;
    let p = patch(&rules, &s);
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json[0]["id"], "Expiration_Admin_Eligibility");
    assert_eq!(json[0]["isExpirationRequired"], false);
    assert!(json[0].get("maximumDuration").is_none());
}

#[test]
fn documented_rule_bodies_read_as_settings() {
    let rules = documented_rules();
    let mut applied = rules.clone();
    for name in [
        "Expiration_EndUser_Assignment",
        "Enablement_EndUser_Assignment",
        "Approval_EndUser_Assignment",
        "Expiration_Admin_Assignment",
        "Expiration_Admin_Eligibility",
    ] {
        let path = format!("policyRule-update-{name}.request.json");
        let Ok(text) = std::fs::read_to_string(format!(
            "{}/../shared/graph/examples/{path}",
            env!("CARGO_MANIFEST_DIR")
        )) else {
            continue;
        };
        let rule: PolicyRule = serde_json::from_str(&text).unwrap();
        applied = apply(&applied, &[rule]);
    }
    let s = RoleSettings::from_rules(&applied);
    assert_ne!(
        s,
        RoleSettings::from_rules(&rules),
        "the documented bodies change the settings"
    );
    // And writing those settings back over the defaults reproduces a policy with the same meaning.
    assert_eq!(
        RoleSettings::from_rules(&apply(&rules, &patch(&rules, &s))),
        s
    );
}

#[test]
fn notifications_are_read_and_written_per_row() {
    let rules = documented_rules();
    let mut s = RoleSettings::from_rules(&rules);
    s.notifications[6] = NotificationSetting {
        default_recipients: false,
        additional: vec!["pim-alerts@contoso.com".into()],
        critical_only: true,
    };
    let p = patch(&rules, &s);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].id(), "Notification_Admin_EndUser_Assignment");
    let json = serde_json::to_value(&p[0]).unwrap();
    assert_eq!(
        (
            json["notificationLevel"].as_str(),
            json["isDefaultRecipientsEnabled"].as_bool()
        ),
        (Some("Critical"), Some(false))
    );
}
