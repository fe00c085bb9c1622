//! Settings files: export and read back to the same settings, bad files named by their place,
//! people resolved or reported, and differences in the portal's words.

use super::*;
use crate::domain::settings::RoleSettings;

fn example() -> RoleSettings {
    let text = std::fs::read_to_string(format!(
        "{}/../shared/graph/examples/policyAssignments-list-group-owner-expand-policy-rules.response.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let page: crate::graph::model::Page<
        crate::graph::model::UnifiedRoleManagementPolicyAssignment,
    > = serde_json::from_str(&text).unwrap();
    RoleSettings::from_rules(&page.value[0].policy.clone().unwrap().rules)
}

fn person(a: &Approver) -> PersonRef {
    match a {
        Approver::User(id) => PersonRef {
            kind: "user".into(),
            id: id.clone(),
            display_name: format!("User {id}"),
            user_principal_name: format!("{id}@contoso.com"),
        },
        Approver::Group(id) => PersonRef {
            kind: "group".into(),
            id: id.clone(),
            display_name: format!("Group {id}"),
            user_principal_name: String::new(),
        },
    }
}

fn by_id(p: &PersonRef) -> Found {
    match p.kind.as_str() {
        "user" => Found::Here(Approver::User(p.id.clone()), p.id.clone()),
        "group" => Found::Here(Approver::Group(p.id.clone()), p.id.clone()),
        _ => Found::Missing,
    }
}

fn file(s: &RoleSettings) -> SettingsFile {
    SettingsFile {
        schema: SCHEMA.into(),
        group: Some(GroupRef {
            id: "g-1".into(),
            display_name: "Helpdesk Admin-Group".into(),
        }),
        exported_date_time: Some("2026-12-03T14:00:00Z".into()),
        member: Some(role_file(
            s,
            vec![
                serde_json::json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule", "id": "Ext"}),
            ],
            &person,
        )),
        owner: None,
    }
}

#[test]
fn an_export_reads_back_to_the_same_settings() {
    let mut s = example();
    s.activation.require = OnActivation::AuthContext("c1".into());
    s.activation.approval = true;
    s.activation.approvers = vec![
        Approver::User("diego".into()),
        Approver::Group("g-approvers".into()),
    ];
    s.assignment.eligible_max_minutes = None;
    s.notifications[6].additional = vec!["soc@contoso.com".into()];
    s.notifications[6].critical_only = true;
    let text = serde_json::to_string_pretty(&file(&s)).unwrap();
    assert!(text.contains("\"$schema\": \"/schema/pim-group-settings.v1.json\""));
    assert!(text.contains("\"maximumDuration\": \"PT8H\""));
    assert!(
        text.contains("\"eligibleMaximumDuration\": null"),
        "permanent is null"
    );
    assert!(
        text.contains("\"displayName\": \"User diego\""),
        "people by name too"
    );
    assert!(
        text.contains("unifiedRoleManagementPolicyCustomExtensionRule"),
        "unknown rules carried verbatim"
    );
    assert!(text.contains(
        "Send notifications when eligible members activate this role: Role activation alert"
    ));
    let back = read(&format!("\u{feff}{text}")).unwrap();
    let (settings, unresolved) =
        settings_of("Member", back.member.as_ref().unwrap(), &by_id).unwrap();
    assert_eq!(settings, s);
    assert!(unresolved.is_empty());
}

#[test]
fn a_bad_file_is_named_by_its_place_and_nothing_is_guessed() {
    assert!(read("{").unwrap_err().contains("line 1"));
    let wrong = read(r#"{"$schema": "/schema/other.json", "member": null}"#).unwrap_err();
    assert!(wrong.contains("pim-group-settings.v1.json"), "{wrong}");
    assert!(read(r#"{"$schema": "/schema/pim-group-settings.v1.json"}"#)
        .unwrap_err()
        .contains("neither Member nor Owner"));
    let unknown =
        read(r#"{"$schema": "/schema/pim-group-settings.v1.json", "colour": 1}"#).unwrap_err();
    assert!(unknown.contains("colour"), "{unknown}");
    let mut f = file(&example()).member.unwrap();
    f.activation.maximum_duration = "eight hours".into();
    f.activation.require = "authenticationContext".into();
    f.notifications.remove(0);
    let problems = settings_of("Member", &f, &by_id).unwrap_err();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("activation.maximumDuration \"eight hours\""));
    assert!(problems[1].contains("no authenticationContext"));
    assert!(problems[2].contains("Notification_Admin_Admin_Eligibility"));
}

#[test]
fn people_who_cannot_be_found_are_reported_not_dropped_silently() {
    let mut s = example();
    s.activation.approvers = vec![
        Approver::User("diego".into()),
        Approver::User("gone".into()),
    ];
    let f = file(&s).member.unwrap();
    let only_diego = |p: &PersonRef| match p.id.as_str() {
        "diego" => Found::Here(Approver::User(p.id.clone()), "Diego".into()),
        _ => Found::Missing,
    };
    let (settings, unresolved) = settings_of("Member", &f, &only_diego).unwrap();
    assert_eq!(
        settings.activation.approvers,
        vec![Approver::User("diego".into())]
    );
    assert_eq!(unresolved.len(), 1);
    assert!(
        unresolved[0].contains("User gone") && unresolved[0].contains("gone@contoso.com"),
        "{}",
        unresolved[0]
    );
}

#[test]
fn differences_are_listed_rule_by_rule_in_the_portals_words() {
    let a = example();
    let mut b = a.clone();
    assert!(differences(&a, &b, &|_| String::new()).is_empty());
    b.activation.max_minutes = 60;
    b.activation.approval = true;
    b.activation.approvers = vec![Approver::User("diego".into())];
    b.assignment.active_max_minutes = None;
    b.notifications[8].critical_only = true;
    let d = differences(&a, &b, &|x| match x {
        Approver::User(id) | Approver::Group(id) => format!("User {id}"),
    });
    let settings: Vec<&str> = d.iter().map(|x| x.setting.as_str()).collect();
    assert_eq!(
        settings,
        [
            "Activation maximum duration",
            "Require approval to activate",
            "Approvers",
            "Active assignments",
            "Send notifications when eligible members activate this role: Request to approve an activation",
        ]
    );
    assert_eq!(
        (d[0].before.as_str(), d[0].after.as_str()),
        ("8 hours", "1 hour")
    );
    assert_eq!(d[2].after, "User diego");
    assert_eq!(d[3].after, "Permanent allowed");
    assert!(d[4].after.ends_with("critical emails only"));
}

#[test]
fn drift_names_the_settings_that_differ_from_a_template() {
    let template = example();
    assert!(drift(&template, &template).is_empty());
    let mut group = template.clone();
    group.activation.ticket = true;
    group.assignment.eligible_max_minutes = None;
    assert_eq!(
        drift(&template, &group),
        [
            "Require ticket information on activation",
            "Eligible assignments"
        ]
    );
}

#[test]
fn a_person_who_could_not_be_read_stops_the_file_instead_of_being_left_out() {
    let mut s = example();
    s.activation.approvers = vec![Approver::User("diego".into())];
    let f = file(&s).member.unwrap();
    let throttled = |_: &PersonRef| Found::Unread("Couldn't read approver diego: 429".into());
    let problems = settings_of("Member", &f, &throttled).unwrap_err();
    assert_eq!(problems, ["Member: Couldn't read approver diego: 429"]);
}
