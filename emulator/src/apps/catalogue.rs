//! Microsoft Graph's own service principal: its app id and the delegated scopes it publishes,
//! each with whether a user may consent to it alone (`type: User`) or an administrator must.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Microsoft Graph's application id, the same in every tenant.
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// Microsoft Graph Command Line Tools: the public client Microsoft documents for scripts and
/// tools that sign in with a device code.
pub const GRAPH_CLI_APP_ID: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/// (scope, a user may consent alone). Everything the app, its setup and the tests ask for.
const SCOPES: &[(&str, bool)] = &[
    ("openid", true),
    ("profile", true),
    ("email", true),
    ("offline_access", true),
    ("User.Read", true),
    ("User.ReadBasic.All", true),
    ("User.Read.All", false),
    ("User.ReadWrite.All", false),
    ("Group.Read.All", false),
    ("Group.ReadWrite.All", false),
    ("Group.Create", false),
    ("GroupMember.Read.All", false),
    ("Directory.Read.All", false),
    ("Directory.ReadWrite.All", false),
    ("Organization.Read.All", false),
    ("LicenseAssignment.Read.All", false),
    ("RoleManagement.Read.Directory", false),
    ("RoleManagement.ReadWrite.Directory", false),
    ("RoleEligibilitySchedule.Read.Directory", false),
    ("PrivilegedEligibilitySchedule.Read.AzureADGroup", false),
    (
        "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
        false,
    ),
    ("PrivilegedAssignmentSchedule.Read.AzureADGroup", false),
    ("PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup", false),
    ("PrivilegedAssignmentSchedule.Remove.AzureADGroup", false),
    ("RoleManagementPolicy.Read.AzureADGroup", false),
    ("RoleManagementPolicy.ReadWrite.AzureADGroup", false),
    ("PrivilegedAccess.Read.AzureADGroup", false),
    ("PrivilegedAccess.ReadWrite.AzureADGroup", false),
    ("Policy.Read.All", false),
    ("Policy.Read.ConditionalAccess", false),
    ("Policy.ReadWrite.ConditionalAccess", false),
    ("AuditLog.Read.All", false),
    ("EntitlementManagement.Read.All", false),
    ("EntitlementManagement.ReadWrite.All", false),
    ("AccessReview.Read.All", false),
    ("AccessReview.ReadWrite.All", false),
    ("AppRoleAssignment.ReadWrite.All", false),
    ("Application.Read.All", false),
    ("Application.ReadWrite.All", false),
    ("DelegatedPermissionGrant.Read.All", false),
    ("DelegatedPermissionGrant.ReadWrite.All", false),
];

/// A stable id for a name: tenants' Graph permission ids never change, and nothing may assume
/// Microsoft's real ones here (the setup command looks them up, as it must).
pub fn stable_id(name: &str) -> String {
    let h = Sha256::digest(name.as_bytes());
    let x: String = h.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-4{}-8{}-{}",
        &x[..8],
        &x[8..12],
        &x[13..16],
        &x[17..20],
        &x[20..32]
    )
}

/// The scope's name as Graph publishes it, from any case and with or without the resource.
pub fn canonical(scope: &str) -> Option<&'static str> {
    let bare = scope
        .strip_prefix("https://graph.microsoft.com/")
        .unwrap_or(scope);
    SCOPES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(bare))
        .map(|(n, _)| *n)
}

/// Whether a user may consent to `scope` for themselves.
pub fn user_consentable(scope: &str) -> bool {
    SCOPES
        .iter()
        .any(|(n, user)| *user && n.eq_ignore_ascii_case(scope))
}

/// The OpenID Connect scopes, which every sign-in may ask for.
pub fn is_oidc(scope: &str) -> bool {
    ["openid", "profile", "email", "offline_access"].contains(&scope)
}

/// Microsoft Graph's service principal as `GET /servicePrincipals` shows it.
pub fn graph_service_principal() -> Value {
    let scopes: Vec<Value> = SCOPES
        .iter()
        .map(|(name, user)| {
            let words = name.replace('.', " ");
            json!({
                "id": stable_id(name), "value": name, "type": if *user { "User" } else { "Admin" },
                "isEnabled": true, "origin": "Application",
                "adminConsentDisplayName": words, "adminConsentDescription": format!("Allows the app to {words} on behalf of the signed-in user."),
                "userConsentDisplayName": words, "userConsentDescription": format!("Allows the app to {words} on your behalf."),
            })
        })
        .collect();
    json!({
        "id": stable_id("sp:microsoft-graph"), "appId": GRAPH_APP_ID, "displayName": "Microsoft Graph",
        "appDisplayName": "Microsoft Graph", "servicePrincipalType": "Application", "accountEnabled": true,
        "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "servicePrincipalNames": [GRAPH_APP_ID, "https://graph.microsoft.com"],
        "oauth2PermissionScopes": scopes, "appRoles": [], "tags": [],
    })
}

/// Microsoft Graph Command Line Tools' service principal (a first-party app, present once used).
pub fn graph_cli_service_principal() -> Value {
    json!({
        "id": stable_id("sp:graph-cli"), "appId": GRAPH_CLI_APP_ID,
        "displayName": "Microsoft Graph Command Line Tools", "appDisplayName": "Microsoft Graph Command Line Tools",
        "servicePrincipalType": "Application", "accountEnabled": true,
        "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "servicePrincipalNames": [GRAPH_CLI_APP_ID], "oauth2PermissionScopes": [], "appRoles": [], "tags": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_guids_and_stable() {
        let id = stable_id("User.Read");
        assert_eq!(id, stable_id("User.Read"));
        assert_eq!(id.len(), 36);
        assert_ne!(id, stable_id("User.Read.All"));
        assert_eq!(
            canonical("https://graph.microsoft.com/user.read"),
            Some("User.Read")
        );
        assert!(user_consentable("User.Read") && !user_consentable("Group.ReadWrite.All"));
    }
}
