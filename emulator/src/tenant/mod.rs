//! The directory the emulator serves: people, groups, roles, contexts, CA policies, the app
//! registration, and the PIM state to seed. Loaded from the demo seed, a file, or generated.

pub mod demo;
mod demo_ca;
mod demo_grants;
mod demo_reviews;
mod demo_rules;
mod large;

/// Template ids of the built-in directory roles the emulator knows.
pub mod roles {
    pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
    pub const PRIVILEGED_ROLE_ADMIN: &str = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    pub const HELPDESK_ADMIN: &str = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    pub const PASSWORD_ADMIN: &str = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    pub const USER_ADMIN: &str = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    pub const EXCHANGE_ADMIN: &str = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    pub const GROUPS_ADMIN: &str = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    pub const IDENTITY_GOVERNANCE_ADMIN: &str = "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e";
    pub const DIRECTORY_WRITERS: &str = "9360feb5-f418-4baa-8175-e2a00bac4301";
    pub const GLOBAL_READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    pub const REPORTS_READER: &str = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    pub const SECURITY_READER: &str = "5d6b6bb7-de71-4623-b4af-96380a352509";
    pub const SECURITY_ADMIN: &str = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    /// Who may read the directory audit log, as Microsoft documents for the Audit log.
    pub const AUDIT_READERS: [&str; 5] = [
        GLOBAL_ADMIN,
        GLOBAL_READER,
        REPORTS_READER,
        SECURITY_READER,
        SECURITY_ADMIN,
    ];
}

use serde::{Deserialize, Serialize};

/// A person in the directory.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub display_name: String,
    pub user_principal_name: String,
    #[serde(default)]
    pub mail: Option<String>,
    /// `Member` or `Guest`.
    #[serde(default = "member")]
    pub user_type: String,
    #[serde(default)]
    pub job_title: Option<String>,
    /// Shown first on the account picker, in this order.
    #[serde(default)]
    pub demo: bool,
    /// Days since the last sign-in (what access reviews recommend from); unknown when absent.
    #[serde(default)]
    pub last_sign_in_days_ago: Option<i64>,
}

fn member() -> String {
    "Member".into()
}

/// A group, with its direct members and owners (object ids).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub mail_nickname: String,
    #[serde(default)]
    pub mail_enabled: bool,
    #[serde(default = "yes")]
    pub security_enabled: bool,
    #[serde(default)]
    pub group_types: Vec<String>,
    #[serde(default)]
    pub is_assignable_to_role: bool,
    #[serde(default)]
    pub membership_rule: Option<String>,
    #[serde(default)]
    pub on_premises_sync_enabled: Option<bool>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub owners: Vec<String>,
    /// `skuId`s of the licences the group assigns to its members (group-based licensing).
    #[serde(default)]
    pub assigned_licenses: Vec<String>,
    /// `Team` when the group has a Microsoft Teams team.
    #[serde(default)]
    pub resource_provisioning_options: Vec<String>,
    /// In a restricted management administrative unit (`isManagementRestricted`).
    #[serde(default)]
    pub is_management_restricted: bool,
}

/// A licence the tenant subscribes to (`/subscribedSkus`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sku {
    pub sku_id: String,
    pub sku_part_number: String,
    pub consumed_units: i32,
    pub enabled_units: i32,
}

/// An enterprise application's app role given to a group (`/groups/{id}/appRoleAssignments`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppRoleGrant {
    pub id: String,
    pub group_id: String,
    /// The service principal of the application.
    pub resource_id: String,
    pub resource_display_name: String,
    /// The default access role when the application defines none (all zeros).
    pub app_role_id: String,
}

fn yes() -> bool {
    true
}

/// A built-in directory role (ids are the well-known template ids).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDefinition {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: String,
}

/// An active directory role assignment at tenant scope.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    pub id: String,
    pub principal_id: String,
    pub role_definition_id: String,
    /// Eligible through PIM for Microsoft Entra roles (`roleEligibilitySchedules`), not active.
    #[serde(default)]
    pub eligible: bool,
}

/// An access package of entitlement management that gives a group's membership or ownership.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPackage {
    pub id: String,
    pub display_name: String,
    pub description: String,
    pub group_id: String,
    /// `Member` or `Owner`, or PIM's `Eligible Member` or `Eligible Owner`.
    pub role: String,
    /// The users whose assignment of the package is delivered.
    #[serde(default)]
    pub assigned: Vec<String>,
}

/// A Conditional Access authentication context (`c1`..`c99`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthContext {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub is_available: bool,
}

/// The parts of a Conditional Access policy the app reads.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaPolicy {
    pub id: String,
    pub display_name: String,
    /// `enabled`, `disabled` or `enabledForReportingButNotEnforced`.
    pub state: String,
    #[serde(default)]
    pub include_users: Vec<String>,
    #[serde(default)]
    pub exclude_users: Vec<String>,
    #[serde(default)]
    pub include_groups: Vec<String>,
    #[serde(default)]
    pub exclude_groups: Vec<String>,
    #[serde(default)]
    pub include_roles: Vec<String>,
    #[serde(default)]
    pub include_applications: Vec<String>,
    #[serde(default)]
    pub include_authentication_context_class_references: Vec<String>,
    #[serde(default)]
    pub built_in_controls: Vec<String>,
    /// Groups created later under these names join `exclude_groups`, standing in for the admin
    /// who edits the policy after creating the group (story S1).
    #[serde(default)]
    pub exclude_groups_named: Vec<String>,
}

/// The SPA registration the emulator accepts sign-ins for.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppRegistration {
    pub client_id: String,
    pub display_name: String,
    /// Graph scopes consented for the app (without the resource prefix).
    pub scopes: Vec<String>,
}

/// A PIM role setting to apply at start-up, as Graph rule objects merged over the defaults.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedPolicy {
    pub group_id: String,
    /// `member` or `owner`.
    pub access_id: String,
    pub rules: Vec<serde_json::Value>,
}

/// A PIM assignment to exist at start-up.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedAssignment {
    pub group_id: String,
    pub principal_id: String,
    pub access_id: String,
    /// `eligible` or `active`.
    pub kind: String,
    /// Days until it ends; none for permanent.
    #[serde(default)]
    pub days: Option<i64>,
}

/// Everything a tenant starts with.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: String,
    pub domain: String,
    pub display_name: String,
    /// pim-groups' registration, consented for every user; none before its setup has run.
    #[serde(default)]
    pub app: Option<AppRegistration>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub role_definitions: Vec<RoleDefinition>,
    #[serde(default)]
    pub role_assignments: Vec<RoleAssignment>,
    #[serde(default)]
    pub auth_contexts: Vec<AuthContext>,
    #[serde(default)]
    pub ca_policies: Vec<CaPolicy>,
    #[serde(default)]
    pub policies: Vec<SeedPolicy>,
    #[serde(default)]
    pub assignments: Vec<SeedAssignment>,
    #[serde(default)]
    pub skus: Vec<Sku>,
    #[serde(default)]
    pub app_role_grants: Vec<AppRoleGrant>,
    #[serde(default)]
    pub access_packages: Vec<AccessPackage>,
}

impl Tenant {
    /// The demo tenant of the stories.
    pub fn demo() -> Tenant {
        demo::tenant()
    }

    /// A generated tenant for scale tests (users, groups, assignments as asked).
    pub fn large(users: usize, groups: usize, assignments: usize) -> Tenant {
        large::tenant(users, groups, assignments)
    }

    /// Reads `demo`, `large`, `paging` or a JSON file in this module's shape.
    pub fn load(spec: &str) -> Result<Tenant, String> {
        match spec {
            "demo" => Ok(Tenant::demo()),
            // The demo tenant before pim-groups' setup: no registration, no consent.
            "fresh" => Ok(Tenant {
                app: None,
                ..Tenant::demo()
            }),
            "large" => Ok(Tenant::large(50_000, 10_000, 100_000)),
            "paging" => Ok(large::paging()),
            path => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
            }
        }
    }
}
