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

/// A policy assignment read for when its policy last changed and nothing else (whether a group
/// was ever onboarded): decoding the rules too would carry their decoder where it isn't needed.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PolicyAssignmentChange {
    #[serde(default)]
    pub policy: Option<PolicyChange>,
}

/// The `lastModifiedDateTime` of a `unifiedRoleManagementPolicy`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyChange {
    pub last_modified_date_time: Option<String>,
}

/// `unifiedRoleManagementPolicy`: the rules the app knows, and the others apart.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "RawPolicy")]
pub struct UnifiedRoleManagementPolicy {
    pub id: String,
    pub display_name: Option<String>,
    pub scope_id: Option<String>,
    pub scope_type: Option<String>,
    pub last_modified_date_time: Option<String>,
    pub rules: Vec<PolicyRule>,
    /// Rules of a type the app does not know (a custom extension, a type added later): shown,
    /// never sent, so an update leaves them as they are.
    pub other_rules: Vec<OtherRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPolicy {
    id: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    scope_id: Option<String>,
    #[serde(default)]
    scope_type: Option<String>,
    #[serde(default)]
    last_modified_date_time: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    rules: Vec<AnyRule>,
}

impl From<RawPolicy> for UnifiedRoleManagementPolicy {
    fn from(p: RawPolicy) -> Self {
        let (mut rules, mut other_rules) = (vec![], vec![]);
        for r in p.rules {
            match r {
                AnyRule::Known(k) => rules.push(k),
                AnyRule::Other(o) => other_rules.push(o),
            }
        }
        UnifiedRoleManagementPolicy {
            id: p.id,
            display_name: p.display_name,
            scope_id: p.scope_id,
            scope_type: p.scope_type,
            last_modified_date_time: p.last_modified_date_time,
            rules,
            other_rules,
        }
    }
}

/// A known rule, or one of another type; a known type with a shape that doesn't fit is neither,
/// so the policy fails to read rather than being taken as defaults.
#[derive(Deserialize)]
#[serde(untagged)]
enum AnyRule {
    Known(PolicyRule),
    Other(OtherRule),
}

/// The `@odata.type`s of `PolicyRule`.
const KNOWN_RULE_TYPES: [&str; 5] = [
    "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
    "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule",
    "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule",
    "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule",
    "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule",
];

/// A rule of a type the app does not know: its type and id, to say it is there.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherRule {
    pub odata_type: String,
    pub id: String,
    /// The rule exactly as Graph sent it (exported in settings files, never sent back).
    pub raw: serde_json::Value,
}

impl<'de> Deserialize<'de> for OtherRule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_json::Value::deserialize(d)?;
        let ty = v["@odata.type"].as_str().unwrap_or_default();
        if KNOWN_RULE_TYPES.contains(&ty) {
            return Err(D::Error::custom(format!("a {ty} with an unexpected shape")));
        }
        Ok(OtherRule {
            odata_type: ty.trim_start_matches("#microsoft.graph.").to_owned(),
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            raw: v,
        })
    }
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
