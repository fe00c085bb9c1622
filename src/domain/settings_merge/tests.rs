//! Two admins editing one policy: different settings both survive, the same one is asked.

use super::*;
use crate::domain::settings::{patch, Approver, OnActivation};
use crate::graph::model::{Page, PolicyRule, UnifiedRoleManagementPolicyAssignment};

fn documented_rules() -> Vec<PolicyRule> {
    let path = format!(
        "{}/../shared/graph/examples/policyAssignments-list-group-owner-expand-policy-rules.response.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let page: Page<UnifiedRoleManagementPolicyAssignment> = serde_json::from_str(&text).unwrap();
    page.value[0].policy.clone().unwrap().rules
}

fn base() -> RoleSettings {
    RoleSettings::from_rules(&documented_rules())
}

fn name(a: &Approver) -> String {
    let (Approver::User(id) | Approver::Group(id)) = a;
    id.to_uppercase()
}

#[test]
fn different_settings_both_survive_and_only_mine_are_sent() {
    let base = base();
    let mut mine = base.clone();
    mine.activation.ticket = true;
    let mut theirs = base.clone();
    theirs.activation.justification = false; // the same Enablement rule, another setting
    theirs.activation.approval = true;
    theirs.activation.approvers = vec![Approver::User("diego".into())];
    assert_eq!(conflicts(&base, &mine, &theirs, &name), vec![]);
    let out = merged(&base, &mine, &theirs);
    assert!(out.activation.ticket && !out.activation.justification);
    assert_eq!(out.activation.approvers, theirs.activation.approvers);
    // Written over the policy as it is now, only the Enablement rule changes, and it keeps theirs.
    let mut now = documented_rules();
    now = patch(&now, &theirs).into_iter().fold(now, |mut rules, r| {
        let at = rules.iter().position(|x| x.id() == r.id()).unwrap();
        rules[at] = r;
        rules
    });
    let sent = patch(&now, &out);
    let ids: Vec<&str> = sent.iter().map(PolicyRule::id).collect();
    assert_eq!(ids, ["Enablement_EndUser_Assignment"]);
    assert!(RoleSettings::from_rules(&sent).activation.ticket);
}

#[test]
fn a_setting_only_they_changed_is_never_set_back() {
    let base = base();
    let mine = base.clone();
    let mut theirs = base.clone();
    theirs.activation.require = OnActivation::Mfa;
    assert_eq!(merged(&base, &mine, &theirs), theirs);
}

#[test]
fn the_same_setting_changed_alike_is_no_conflict() {
    let base = base();
    let mut mine = base.clone();
    mine.activation.max_minutes = 60;
    let theirs = mine.clone();
    assert_eq!(conflicts(&base, &mine, &theirs, &name), vec![]);
    assert_eq!(merged(&base, &mine, &theirs), theirs);
}

#[test]
fn the_same_setting_changed_differently_is_asked_with_both_values() {
    let base = base();
    let mut mine = base.clone();
    mine.activation.approvers = vec![Approver::User("adele".into())];
    mine.activation.max_minutes = 120;
    let mut theirs = base.clone();
    theirs.activation.approvers = vec![Approver::User("diego".into())];
    let c = conflicts(&base, &mine, &theirs, &name);
    assert_eq!(c.len(), 1);
    assert_eq!(
        c[0].shown,
        Difference {
            setting: "Approvers".into(),
            before: "DIEGO".into(),
            after: "ADELE".into()
        }
    );
}

#[test]
fn settling_keeps_either_value_and_ends_the_conflict() {
    let base0 = base();
    let mut mine0 = base0.clone();
    mine0.notifications[4].additional = vec!["a@contoso.com".into()];
    mine0.assignment.mfa_on_active = true;
    let mut theirs = base0.clone();
    theirs.notifications[4].additional = vec!["b@contoso.com".into()];
    let c = conflicts(&base0, &mine0, &theirs, &name);
    assert_eq!(c.len(), 1);
    assert!(
        c[0].shown.setting.contains("active"),
        "{}",
        c[0].shown.setting
    );

    let (mut base, mut mine) = (base0.clone(), mine0.clone());
    settle(&mut base, &mut mine, &theirs, c[0].field, Keep::Mine);
    assert_eq!(conflicts(&base, &mine, &theirs, &name), vec![]);
    let out = merged(&base, &mine, &theirs);
    assert_eq!(out.notifications[4].additional, ["a@contoso.com"]);
    assert!(out.assignment.mfa_on_active);

    let (mut base, mut mine) = (base0, mine0);
    settle(&mut base, &mut mine, &theirs, c[0].field, Keep::Current);
    assert_eq!(conflicts(&base, &mine, &theirs, &name), vec![]);
    let out = merged(&base, &mine, &theirs);
    assert_eq!(out.notifications[4].additional, ["b@contoso.com"]);
    assert!(
        out.assignment.mfa_on_active,
        "the other change is still sent"
    );
}

#[test]
fn every_setting_differences_names_is_a_field_of_the_merge() {
    // A setting the merge did not know would be sent from `mine` unseen: count them alike.
    let a = base();
    let mut b = a.clone();
    b.activation.max_minutes += 60;
    b.activation.require = OnActivation::Mfa;
    b.activation.justification ^= true;
    b.activation.ticket ^= true;
    b.activation.approval ^= true;
    b.activation.approvers = vec![Approver::User("x".into())];
    b.assignment.eligible_max_minutes = None;
    b.assignment.active_max_minutes = None;
    b.assignment.mfa_on_active ^= true;
    b.assignment.justification_on_active ^= true;
    for n in &mut b.notifications {
        n.critical_only ^= true;
    }
    assert_eq!(differences(&a, &b, &name).len(), fields(count(&a)).len());
    assert_eq!(merged(&a, &b, &a), b);
}
