//! The demo tenant's PIM settings as rule fragments: only what differs from PIM's defaults.

use serde_json::json;

pub(super) fn max_activation(hours: i64) -> serde_json::Value {
    json!({"id": "Expiration_EndUser_Assignment", "maximumDuration": format!("PT{hours}H")})
}
pub(super) fn enablement(rules: &[&str]) -> serde_json::Value {
    json!({"id": "Enablement_EndUser_Assignment", "enabledRules": rules})
}
pub(super) fn auth_context(claim: &str) -> serde_json::Value {
    json!({"id": "AuthenticationContext_EndUser_Assignment", "isEnabled": true, "claimValue": claim})
}
pub(super) fn eligible_max(days: i64) -> serde_json::Value {
    json!({"id": "Expiration_Admin_Eligibility", "isExpirationRequired": true, "maximumDuration": format!("P{days}D")})
}
pub(crate) fn approval(approvers: &[&str]) -> serde_json::Value {
    let primary: Vec<_> = approvers
        .iter()
        .map(|id| json!({"@odata.type": "#microsoft.graph.singleUser", "userId": id}))
        .collect();
    json!({"id": "Approval_EndUser_Assignment", "setting": {
        "isApprovalRequired": true, "isApprovalRequiredForExtension": false,
        "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
        "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true,
            "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
            "primaryApprovers": primary, "escalationApprovers": []}]}})
}
pub(super) fn activation_alert_to(address: &str) -> serde_json::Value {
    json!({"id": "Notification_Admin_EndUser_Assignment", "notificationRecipients": [address]})
}

/// A pre-approval custom extension (a Logic App PIM calls before asking approvers), a rule type
/// the app doesn't edit: the SDKs' `unifiedRoleManagementPolicyCustomExtensionRule`. It is added
/// to the policy, which has no such rule by default.
pub(super) fn pre_approval_extension(name: &str, extension_id: &str) -> serde_json::Value {
    json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule",
           "id": "CustomExtension_PreApproval_EndUser_Assignment", "isEnabled": true,
           "customExtensionId": extension_id, "displayName": name, "customAttributes": [],
           "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment",
                      "inheritableSettings": [], "enforcedSettings": []}})
}
