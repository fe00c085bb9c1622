//! A generated tenant for scale tests: many users, groups and eligible assignments, deterministic.

use super::*;

/// A GUID-shaped id from a kind tag and a number, so generated ids are stable between runs.
fn id(kind: u32, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

pub fn tenant(users: usize, groups: usize, assignments: usize) -> Tenant {
    let mut t = demo::tenant();
    t.display_name = "Contoso (large)".into();
    t.users.extend((0..users).map(|n| User {
        id: id(0x1, n),
        display_name: format!("Generated User {n:05}"),
        user_principal_name: format!("user{n:05}@{}", t.domain),
        mail: Some(format!("user{n:05}@{}", t.domain)),
        user_type: "Member".into(),
        job_title: None,
        demo: false,
        last_sign_in_days_ago: Some(n as i64 % 60),
    }));
    t.groups.extend((0..groups).map(|n| Group {
        id: id(0x2, n),
        display_name: format!("Generated Group {n:05}"),
        description: Some("Generated for scale tests".into()),
        mail_nickname: format!("gen{n:05}"),
        mail_enabled: false,
        security_enabled: true,
        group_types: if n % 10 == 0 {
            vec!["Unified".into()]
        } else {
            vec![]
        },
        is_assignable_to_role: n % 20 == 0,
        membership_rule: None,
        on_premises_sync_enabled: None,
        created_date_time: Some("2026-01-01T00:00:00Z".into()),
        members: vec![],
        owners: vec![],
        assigned_licenses: vec![],
        resource_provisioning_options: vec![],
        is_management_restricted: false,
    }));
    if users > 0 && groups > 0 {
        // One group in four is under PIM; the assignments are spread over those.
        let managed = groups.div_ceil(4);
        t.assignments
            .extend((0..assignments).map(|n| SeedAssignment {
                group_id: id(0x2, (n % managed) * 4),
                principal_id: id(0x1, (n * 7919) % users),
                access_id: if n % 5 == 0 {
                    "owner".into()
                } else {
                    "member".into()
                },
                kind: "eligible".into(),
                days: Some(30 + (n % 300) as i64),
            }));
        // Patti is eligible for 50 of the managed groups: the `/my/groups` benchmark's user.
        t.assignments
            .extend((0..50.min(managed)).map(|n| SeedAssignment {
                group_id: id(0x2, n * 4),
                principal_id: demo::PATTI.into(),
                access_id: "member".into(),
                kind: "eligible".into(),
                days: Some(180),
            }));
    }
    t
}

/// The demo tenant with 50 more groups, for tests of paging (run with `--page-size 20`): Patti
/// is eligible for all 50, Alex for the first 30, whose activation Diego must approve.
pub fn paging() -> Tenant {
    let mut t = demo::tenant();
    t.display_name = "Contoso (paging)".into();
    for n in 0..50 {
        let group = id(0x3, n);
        t.groups.push(Group {
            id: group.clone(),
            display_name: format!("Paged Group {n:02}"),
            description: Some("Generated for paging tests".into()),
            mail_nickname: format!("paged{n:02}"),
            mail_enabled: false,
            security_enabled: true,
            group_types: vec![],
            is_assignable_to_role: false,
            membership_rule: None,
            on_premises_sync_enabled: None,
            created_date_time: Some("2026-01-01T00:00:00Z".into()),
            members: vec![],
            owners: vec![],
            assigned_licenses: vec![],
            resource_provisioning_options: vec![],
            is_management_restricted: false,
        });
        t.assignments.push(SeedAssignment {
            group_id: group.clone(),
            principal_id: demo::PATTI.into(),
            access_id: "member".into(),
            kind: "eligible".into(),
            days: Some(180),
        });
        if n < 30 {
            t.assignments.push(SeedAssignment {
                group_id: group.clone(),
                principal_id: demo::ALEX.into(),
                access_id: "member".into(),
                kind: "eligible".into(),
                days: Some(180),
            });
            t.policies.push(SeedPolicy {
                group_id: group,
                access_id: "member".into(),
                rules: vec![super::demo_rules::approval(&[demo::DIEGO])],
            });
        }
    }
    t
}
