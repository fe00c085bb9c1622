//! The demo tenant of ../shared/SCENARIOS.md: its people, groups, roles, contexts and policies.

use super::demo_ca::{auth_contexts, ca_policies};
use super::demo_rules::*;
use super::roles::*;
use super::*;

pub const TENANT_ID: &str = "9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f";
pub const CLIENT_ID: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const DOMAIN: &str = "contoso.onmicrosoft.com";

pub const MEGAN: &str = "31ff0c2d-6046-4cf2-8dab-0ad1735f8e7f";
pub const ALEX: &str = "afdbf62f-c30c-40e8-8efe-7b1d90508dc8";
pub const LIDIA: &str = "dd94208e-b2f8-4b2a-8304-b8e331587cf3";
pub const DIEGO: &str = "78890470-07eb-4a38-a83b-e077d2784790";
pub const ADELE: &str = "39738082-5e48-49e4-a432-8712d48f4d6a";
pub const EXT: &str = "40fbe2a6-fd29-48dd-b0f3-e8699fe006ef";
const ISAIAH: &str = "324ba1e0-33ec-45de-b71b-f021cba0acb4";
const GRADY: &str = "7f75ab02-c3e7-4ef5-80a8-5a92a73ae0ba";
pub const NESTOR: &str = "fb1dc507-7dc2-4cb9-98a4-e72ea4751605";
pub const PATTI: &str = "8935cffe-8a7f-45ca-971d-0341af6510ed";

pub const HELPDESK: &str = "347ea741-b4c8-4d9e-8111-87902089734f";
pub const EX_INT: &str = "13aecbc1-b516-42a4-b1de-e12daa190492";
pub const EX_EXT: &str = "b3c7d634-1627-454b-875b-fa1ed5210e5d";
pub const LICENSE: &str = "d1ea7894-ac63-4cab-82c6-24b892ed7ef1";
pub const TRAVEL: &str = "778c3149-d224-49ad-b4b3-772733a19fa6";

fn user(id: &str, name: &str, alias: &str, title: &str, demo: bool) -> User {
    let upn = format!("{alias}@{DOMAIN}");
    User {
        id: id.into(),
        display_name: name.into(),
        user_principal_name: upn.clone(),
        mail: Some(upn),
        user_type: "Member".into(),
        job_title: Some(title.into()),
        demo,
        last_sign_in_days_ago: None,
    }
}

pub(super) fn group(id: &str, name: &str, description: &str, role_assignable: bool) -> Group {
    let nickname: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    Group {
        id: id.into(),
        display_name: name.into(),
        description: Some(description.into()),
        mail_nickname: nickname.to_lowercase(),
        mail_enabled: false,
        security_enabled: true,
        group_types: vec![],
        is_assignable_to_role: role_assignable,
        membership_rule: None,
        on_premises_sync_enabled: None,
        created_date_time: Some("2026-01-12T09:30:00Z".into()),
        members: vec![],
        owners: vec![],
        assigned_licenses: vec![],
        resource_provisioning_options: vec![],
        is_management_restricted: false,
    }
}

fn role(id: &str, name: &str) -> RoleDefinition {
    RoleDefinition {
        id: id.into(),
        display_name: name.into(),
        description: String::new(),
    }
}

fn assign(id: &str, principal: &str, role: &str) -> RoleAssignment {
    RoleAssignment {
        id: id.into(),
        principal_id: principal.into(),
        role_definition_id: role.into(),
        eligible: false,
    }
}

fn seed(group_id: &str, access: &str, rules: Vec<serde_json::Value>) -> SeedPolicy {
    SeedPolicy {
        group_id: group_id.into(),
        access_id: access.into(),
        rules,
    }
}

fn eligible(group_id: &str, principal: &str, access: &str, days: i64) -> SeedAssignment {
    SeedAssignment {
        group_id: group_id.into(),
        principal_id: principal.into(),
        access_id: access.into(),
        kind: "eligible".into(),
        days: Some(days),
    }
}

pub fn tenant() -> Tenant {
    let mut helpdesk = group(
        HELPDESK,
        "Helpdesk Admin-Group",
        "Helpdesk, password and user administration in one activation",
        true,
    );
    helpdesk.owners = vec![ADELE.into(), DIEGO.into()];
    let mut finance = group(
        "f448cf1f-5c75-473e-9679-d57908b6957f",
        "Finance Team",
        "Finance department",
        false,
    );
    finance.group_types = vec!["Unified".into()];
    finance.mail_enabled = true;
    finance.members = vec![PATTI.into(), GRADY.into()];
    let mut sales = group(
        "ec09b6f5-7cbb-41eb-a1fe-d755e665edc8",
        "All Sales (dynamic)",
        "Everyone in Sales",
        false,
    );
    sales.group_types = vec!["DynamicMembership".into()];
    sales.membership_rule = Some("user.department -eq \"Sales\"".into());
    let mut hr = group(
        "8ff6ab00-d68d-4cb8-8e47-925e5d5cf934",
        "HR-Onprem-Sync",
        "Synchronised from Active Directory",
        false,
    );
    hr.on_premises_sync_enabled = Some(true);

    let mut ext = user(
        EXT,
        "Ext-Consultant",
        "ext-consultant_fabrikam.com#EXT#",
        "Exchange consultant (Fabrikam)",
        true,
    );
    ext.user_type = "Guest".into();
    ext.mail = Some("ext-consultant@fabrikam.com".into());

    let mut t = Tenant {
        id: TENANT_ID.into(),
        domain: DOMAIN.into(),
        display_name: "Contoso".into(),
        app: Some(AppRegistration {
            client_id: CLIENT_ID.into(),
            display_name: "pim-groups".into(),
            scopes: [
                "User.Read",
                "User.ReadBasic.All",
                "User.Read.All",
                "Group.Read.All",
                "Group.ReadWrite.All",
                "GroupMember.Read.All",
                "RoleManagement.Read.Directory",
                "RoleManagement.ReadWrite.Directory",
                "PrivilegedEligibilitySchedule.Read.AzureADGroup",
                "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
                "PrivilegedAssignmentSchedule.Read.AzureADGroup",
                "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
                "RoleManagementPolicy.Read.AzureADGroup",
                "RoleManagementPolicy.ReadWrite.AzureADGroup",
                // Consented for tools that only end assignments; the app itself never asks for it.
                "PrivilegedAssignmentSchedule.Remove.AzureADGroup",
                "Policy.Read.All",
                "Policy.Read.ConditionalAccess",
                "Organization.Read.All",
                "AuditLog.Read.All",
                "Directory.Read.All",
                "PrivilegedAccess.Read.AzureADGroup",
                "EntitlementManagement.Read.All",
                "AccessReview.ReadWrite.All",
            ]
            .map(String::from)
            .to_vec(),
        }),
        users: vec![
            user(
                MEGAN,
                "Megan Bowen",
                "MeganB",
                "Privileged Role Administrator",
                true,
            ),
            user(ALEX, "Alex Wilber", "AlexW", "Systems administrator", true),
            user(LIDIA, "Lidia Holloway", "LidiaH", "Helpdesk engineer", true),
            user(DIEGO, "Diego Siciliani", "DiegoS", "IT manager", true),
            user(ADELE, "Adele Vance", "AdeleV", "Security lead", true),
            ext,
            user(ISAIAH, "Isaiah Langer", "IsaiahL", "Helpdesk lead", false),
            user(GRADY, "Grady Archie", "GradyA", "Accountant", false),
            user(
                NESTOR,
                "Nestor Wilke",
                "NestorW",
                "Operations engineer",
                false,
            ),
            user(PATTI, "Patti Fernandez", "PattiF", "Finance manager", true),
        ],
        groups: vec![
            helpdesk,
            group(
                EX_INT,
                "Exchange Admins - Internal",
                "Exchange Administrator for employees",
                true,
            ),
            group(
                EX_EXT,
                "Exchange Admins - External",
                "Exchange Administrator for external consultants",
                true,
            ),
            group(
                LICENSE,
                "License - Power Automate",
                "Carries a Power Automate Premium licence",
                false,
            ),
            group(
                TRAVEL,
                "Travel - Allow abroad",
                "Excluded from Block outside home country",
                false,
            ),
            finance,
            group(
                "a9577da7-03d4-48fb-ac35-f8a62bd10157",
                "Marketing",
                "Marketing department",
                false,
            ),
            group(
                "9fa708ff-2d81-47d2-91b6-886d92117a24",
                "O'Brien's admins",
                "A name with apostrophes",
                false,
            ),
            sales,
            hr,
        ],
        role_definitions: vec![
            role(GLOBAL_ADMIN, "Global Administrator"),
            role(PRIVILEGED_ROLE_ADMIN, "Privileged Role Administrator"),
            role(HELPDESK_ADMIN, "Helpdesk Administrator"),
            role(PASSWORD_ADMIN, "Password Administrator"),
            role(USER_ADMIN, "User Administrator"),
            role(EXCHANGE_ADMIN, "Exchange Administrator"),
            role(GROUPS_ADMIN, "Groups Administrator"),
            role(
                IDENTITY_GOVERNANCE_ADMIN,
                "Identity Governance Administrator",
            ),
            role(DIRECTORY_WRITERS, "Directory Writers"),
            role(REPORTS_READER, "Reports Reader"),
        ],
        role_assignments: vec![
            assign(
                "7e4ad481-2dfc-4182-82ce-b5efc7b473a8",
                MEGAN,
                PRIVILEGED_ROLE_ADMIN,
            ),
            // She reads PIM's audit too, which the directory audit log needs a reader role for.
            assign(
                "b1f0c7a2-5d3e-4c8b-9a61-2e7f4d9c0a13",
                MEGAN,
                REPORTS_READER,
            ),
            assign(
                "15df876d-42cc-40bf-8a18-9990f95ac19b",
                HELPDESK,
                HELPDESK_ADMIN,
            ),
            assign(
                "d83200a1-1fa5-4578-9488-1f53ed4761b4",
                HELPDESK,
                PASSWORD_ADMIN,
            ),
            assign("ab2b9ab7-901b-48f3-868a-6076ae0acdfd", HELPDESK, USER_ADMIN),
            assign(
                "3b4f9e9d-a42a-4bd1-a28b-7b941739c348",
                EX_INT,
                EXCHANGE_ADMIN,
            ),
            assign(
                "5c7de03e-2f68-49b9-9530-8ed2574fb081",
                EX_EXT,
                EXCHANGE_ADMIN,
            ),
        ],
        auth_contexts: auth_contexts(),
        ca_policies: ca_policies(),
        policies: vec![
            seed(
                HELPDESK,
                "member",
                vec![
                    max_activation(4),
                    enablement(&["Justification"]),
                    auth_context("c1"),
                    eligible_max(90),
                ],
            ),
            seed(
                HELPDESK,
                "owner",
                vec![
                    max_activation(2),
                    enablement(&["Justification"]),
                    auth_context("c1"),
                    approval(&[ADELE, DIEGO]),
                    eligible_max(180),
                ],
            ),
            seed(
                EX_INT,
                "member",
                vec![
                    max_activation(8),
                    enablement(&["MultiFactorAuthentication", "Justification"]),
                    activation_alert_to("exchange-pim@contoso.onmicrosoft.com"),
                ],
            ),
            // Set elsewhere with both MFA and an authentication context, a conflict the portal
            // lets through on old policies: the app's editor must refuse to send it as it is.
            seed(
                EX_INT,
                "owner",
                vec![
                    enablement(&["MultiFactorAuthentication", "Justification"]),
                    auth_context("c2"),
                ],
            ),
            seed(
                EX_EXT,
                "member",
                vec![
                    max_activation(2),
                    enablement(&["Justification", "Ticketing"]),
                    // S8: Adele approves the consultant's activations.
                    approval(&[ADELE]),
                    activation_alert_to("exchange-pim@contoso.onmicrosoft.com"),
                ],
            ),
            seed(
                LICENSE,
                "member",
                vec![
                    enablement(&["Justification"]),
                    approval(&[DIEGO]),
                    // Checks that a licence is free before Diego is asked.
                    pre_approval_extension(
                        "Check Power Automate licence stock",
                        "5f3a9c1e-7b2d-4e8f-9a6c-1d0e2f3b4a5c",
                    ),
                ],
            ),
        ],
        assignments: vec![
            eligible(HELPDESK, LIDIA, "member", 90),
            eligible(HELPDESK, ISAIAH, "owner", 180),
            eligible(HELPDESK, NESTOR, "member", 90),
            eligible(LICENSE, NESTOR, "member", 180),
            eligible(TRAVEL, NESTOR, "member", 180),
            eligible(LICENSE, ALEX, "member", 180),
            // Exchange Admins - Internal asks for MFA on activation: the MFA sign-in story.
            eligible(EX_INT, ALEX, "member", 180),
            // S3 and S8: the consultant is eligible until a fixed date about three weeks away.
            eligible(EX_EXT, EXT, "member", 21),
        ],
        skus: vec![],
        app_role_grants: vec![],
        access_packages: vec![],
    };
    super::demo_grants::what_groups_grant(&mut t);
    super::demo_reviews::sign_ins(&mut t);
    t
}
