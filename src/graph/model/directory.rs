//! Directory objects, roles, Conditional Access and audit entries.

use super::null_as_empty;
use serde::Deserialize;

/// `user`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub user_type: Option<String>,
}

/// `group`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub group_types: Vec<String>,
    #[serde(default)]
    pub is_assignable_to_role: Option<bool>,
    #[serde(default)]
    pub security_enabled: Option<bool>,
    #[serde(default)]
    pub mail_enabled: Option<bool>,
    #[serde(default)]
    pub mail_nickname: Option<String>,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub membership_rule: Option<String>,
    #[serde(default)]
    pub on_premises_sync_enabled: Option<bool>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    /// Only when `$select`ed: the licences group-based licensing gives the members.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub assigned_licenses: Vec<AssignedLicense>,
    /// `Team` when the group has a Microsoft Teams team.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub resource_provisioning_options: Vec<String>,
    /// In a restricted management administrative unit: only the unit's administrators change it.
    #[serde(default)]
    pub is_management_restricted: Option<bool>,
}

/// `assignedLicense`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignedLicense {
    pub sku_id: String,
}

/// `subscribedSku`: a licence the organisation has.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribedSku {
    pub sku_id: String,
    #[serde(default)]
    pub sku_part_number: Option<String>,
}

/// `appRoleAssignment`: an application's role given to a principal.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppRoleAssignment {
    pub id: String,
    pub resource_id: String,
    #[serde(default)]
    pub resource_display_name: Option<String>,
    pub app_role_id: String,
}

/// `accessPackage`, with the resource roles it gives when expanded.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPackage {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub resource_role_scopes: Vec<AccessPackageResourceRoleScope>,
}

/// `accessPackageResourceRoleScope`: one role in one resource that an access package gives.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPackageResourceRoleScope {
    #[serde(default)]
    pub role: Option<AccessPackageOrigin>,
    #[serde(default)]
    pub scope: Option<AccessPackageOrigin>,
}

/// The fields `accessPackageResourceRole` and `accessPackageResourceScope` share: a name and the
/// object in its origin system (for a group, `AadGroup` and the group's id).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPackageOrigin {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub origin_id: Option<String>,
    #[serde(default)]
    pub origin_system: Option<String>,
}

/// `accessPackageAssignment`: one subject's assignment of an access package.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPackageAssignment {
    pub id: String,
    /// `delivering`, `partiallyDelivered`, `delivered`, `expired` or `deliveryFailed`.
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub target: Option<AccessPackageSubject>,
}

/// `accessPackageSubject`: who an assignment is for (a user's `objectId`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPackageSubject {
    #[serde(default)]
    pub object_id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `authenticationContextClassReference`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationContextClassReference {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub is_available: Option<bool>,
}

/// `conditionalAccessPolicy`, the parts that say whom and what it targets.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionalAccessPolicy {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub conditions: Option<ConditionalAccessConditions>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionalAccessConditions {
    #[serde(default)]
    pub users: Option<ConditionalAccessUsers>,
    #[serde(default)]
    pub applications: Option<ConditionalAccessApplications>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionalAccessUsers {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub include_users: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub exclude_users: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub include_groups: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub exclude_groups: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub include_roles: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionalAccessApplications {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub include_applications: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub include_authentication_context_class_references: Vec<String>,
}

/// `unifiedRoleAssignment`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnifiedRoleAssignment {
    pub id: String,
    pub principal_id: String,
    pub role_definition_id: String,
    #[serde(default)]
    pub directory_scope_id: Option<String>,
    #[serde(default)]
    pub role_definition: Option<UnifiedRoleDefinition>,
    /// With `$expand=principal`: a directory object of any type (user, group, application).
    #[serde(default)]
    pub principal: Option<serde_json::Value>,
}

/// `unifiedRoleDefinition`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnifiedRoleDefinition {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// `directoryAudit`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryAudit {
    pub id: String,
    #[serde(default)]
    pub activity_display_name: Option<String>,
    #[serde(default)]
    pub activity_date_time: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub logged_by_service: Option<String>,
    #[serde(default)]
    pub initiated_by: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub target_resources: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub additional_details: Vec<serde_json::Value>,
}
