//! Role management policies of groups: the assignment that names a policy, the policy, its rules.

use super::null_as_empty;
use serde::{Deserialize, Serialize};

/// `unifiedRoleManagementPolicyAssignment`; look it up each time: ids change at onboarding.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnifiedRoleManagementPolicyAssignment {
    pub id: String,
    pub policy_id: String,
    pub role_definition_id: String,
    pub scope_id: String,
    pub scope_type: String,
    #[serde(default)]
    pub policy: Option<UnifiedRoleManagementPolicy>,
}

/// `unifiedRoleManagementPolicy`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnifiedRoleManagementPolicy {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub scope_id: Option<String>,
    #[serde(default)]
    pub scope_type: Option<String>,
    #[serde(default)]
    pub last_modified_date_time: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub rules: Vec<PolicyRule>,
}

/// `unifiedRoleManagementPolicyRuleTarget`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleTarget {
    #[serde(default)]
    pub caller: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub operations: Vec<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub inheritable_settings: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub enforced_settings: Vec<String>,
}

/// A rule, by its derived type (PATCH bodies must name it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "@odata.type", rename_all_fields = "camelCase")]
pub enum PolicyRule {
    #[serde(rename = "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule")]
    Expiration {
        id: String,
        #[serde(default)]
        is_expiration_required: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum_duration: Option<String>,
        #[serde(default)]
        target: Option<RuleTarget>,
    },
    #[serde(rename = "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule")]
    Enablement {
        id: String,
        #[serde(default, deserialize_with = "null_as_empty")]
        enabled_rules: Vec<String>,
        #[serde(default)]
        target: Option<RuleTarget>,
    },
    #[serde(rename = "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule")]
    Approval {
        id: String,
        #[serde(default)]
        setting: Option<ApprovalSettings>,
        #[serde(default)]
        target: Option<RuleTarget>,
    },
    #[serde(rename = "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule")]
    AuthenticationContext {
        id: String,
        #[serde(default)]
        is_enabled: Option<bool>,
        #[serde(default)]
        claim_value: Option<String>,
        #[serde(default)]
        target: Option<RuleTarget>,
    },
    #[serde(rename = "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule")]
    Notification {
        id: String,
        #[serde(default)]
        notification_type: Option<String>,
        #[serde(default)]
        recipient_type: Option<String>,
        #[serde(default)]
        notification_level: Option<String>,
        #[serde(default)]
        is_default_recipients_enabled: Option<bool>,
        #[serde(default, deserialize_with = "null_as_empty")]
        notification_recipients: Vec<String>,
        #[serde(default)]
        target: Option<RuleTarget>,
    },
}

impl PolicyRule {
    pub fn id(&self) -> &str {
        match self {
            PolicyRule::Expiration { id, .. }
            | PolicyRule::Enablement { id, .. }
            | PolicyRule::Approval { id, .. }
            | PolicyRule::AuthenticationContext { id, .. }
            | PolicyRule::Notification { id, .. } => id,
        }
    }
}

/// `approvalSettings`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalSettings {
    #[serde(default)]
    pub is_approval_required: Option<bool>,
    #[serde(default)]
    pub is_approval_required_for_extension: Option<bool>,
    #[serde(default)]
    pub is_requestor_justification_required: Option<bool>,
    #[serde(default)]
    pub approval_mode: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub approval_stages: Vec<ApprovalStageSetting>,
}

/// `unifiedApprovalStage`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalStageSetting {
    #[serde(default)]
    pub approval_stage_time_out_in_days: Option<i32>,
    #[serde(default)]
    pub is_approver_justification_required: Option<bool>,
    #[serde(default)]
    pub escalation_time_in_minutes: Option<i32>,
    #[serde(default)]
    pub is_escalation_enabled: Option<bool>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub primary_approvers: Vec<SubjectSet>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub escalation_approvers: Vec<SubjectSet>,
}

/// An approver: a user or a group's members. v1.0 writes `userId`/`groupId`; the beta shape
/// (`id`, `isBackup`) appears in one of Microsoft's own examples and is read too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "@odata.type", rename_all_fields = "camelCase")]
pub enum SubjectSet {
    #[serde(rename = "#microsoft.graph.singleUser")]
    SingleUser {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        is_backup: Option<bool>,
    },
    #[serde(rename = "#microsoft.graph.groupMembers")]
    GroupMembers {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        is_backup: Option<bool>,
    },
}
