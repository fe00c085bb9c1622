//! What the demo tenant's groups give besides PIM: licences, a team, an enterprise application,
//! an eligible Entra role, access packages and a group in a restricted management unit.

use super::demo::{group, EX_INT, HELPDESK, LICENSE, NESTOR, TRAVEL};
use super::roles::REPORTS_READER;
use super::{AccessPackage, AppRoleGrant, RoleAssignment, Sku, Tenant};

/// Adds them to the demo tenant (the overview, the approval page and Discover show them).
pub fn what_groups_grant(t: &mut Tenant) {
    const POWER_AUTOMATE: &str = "eda1941c-3c4f-4995-b5eb-e85a42175ab9";
    let sku = |id: &str, part: &str, consumed: i32, enabled: i32| Sku {
        sku_id: id.into(),
        sku_part_number: part.into(),
        consumed_units: consumed,
        enabled_units: enabled,
    };
    t.skus = vec![
        sku(
            "6fd2c87f-b296-42f0-b197-1e91e994b900",
            "ENTERPRISEPACK",
            18,
            25,
        ),
        sku(
            "eec0eb4f-6444-4f95-aba0-50c24d67f998",
            "AAD_PREMIUM_P2",
            18,
            25,
        ),
        sku(POWER_AUTOMATE, "POWERAUTOMATE_ATTENDED_RPA", 2, 10),
    ];
    for g in t.groups.iter_mut() {
        match g.id.as_str() {
            LICENSE => g.assigned_licenses = vec![POWER_AUTOMATE.into()],
            HELPDESK => g.resource_provisioning_options = vec!["Team".into()],
            _ => {}
        }
    }
    t.app_role_grants = vec![AppRoleGrant {
        id: "QmtZnOq4n0yqrFfXaRNw8Xc0vR4k9nFCj8m2a9d3wHk".into(),
        group_id: TRAVEL.into(),
        resource_id: "5b3f1a9c-7d2e-4c8b-9a61-0e4f2d7c8b13".into(),
        resource_display_name: "Contoso Travel Portal".into(),
        app_role_id: "00000000-0000-0000-0000-000000000000".into(),
    }];
    // A role-assignable group can itself be eligible for a role, activated in PIM for roles.
    t.role_assignments.push(RoleAssignment {
        id: "c6a1d2e3-4f50-4b6a-9c7d-8e9f0a1b2c3d".into(),
        principal_id: EX_INT.into(),
        role_definition_id: REPORTS_READER.into(),
        eligible: true,
    });
    // In a restricted management administrative unit: Discover says why PIM can't take it.
    let mut executives = group(
        "e7c1b2a3-5d4f-4a6b-8c9d-0e1f2a3b4c5d",
        "Executive Assistants",
        "Protected by a restricted management administrative unit",
        false,
    );
    executives.is_management_restricted = true;
    t.groups.push(executives);
    // Membership that an access package also hands out, beside PIM.
    t.access_packages = vec![
        AccessPackage {
            id: "0e2c7a4b-93d1-4f6e-8a25-6b7c9d0e1f23".into(),
            display_name: "Travel abroad".into(),
            description: "For staff travelling outside the home country".into(),
            group_id: TRAVEL.into(),
            role: "Member".into(),
            assigned: vec![],
        },
        // PIM eligibility handed out by entitlement management: Nestor's comes from it, Lidia's not.
        AccessPackage {
            id: "5b8d2f4e-1a3c-4e6f-9b7d-2c4e6a8b0d13".into(),
            display_name: "Helpdesk on-call rota".into(),
            description: "Eligible for Helpdesk Admin-Group while on the rota".into(),
            group_id: HELPDESK.into(),
            role: "Eligible Member".into(),
            assigned: vec![NESTOR.into()],
        },
    ];
}
