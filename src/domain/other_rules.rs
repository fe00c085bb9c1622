//! How a policy rule the app doesn't edit is described on the settings page, in plain words.

use serde_json::Value;

/// One line for a rule of a type the app doesn't edit: a custom extension by its name, stage and
/// whether it runs; any other type by its id and type, so an admin can find it in Graph.
pub fn describe(odata_type: &str, id: &str, raw: &Value) -> String {
    if odata_type != "unifiedRoleManagementPolicyCustomExtensionRule" {
        return format!("{id} ({odata_type})");
    }
    let stage = if id.contains("PreApproval") {
        "before approval"
    } else if id.contains("PostApproval") {
        "after approval"
    } else {
        "at a stage this app doesn't know"
    };
    let name = raw["displayName"]
        .as_str()
        .filter(|n| !n.is_empty())
        .or(raw["customExtensionId"].as_str())
        .unwrap_or("unnamed");
    let state = match raw["isEnabled"].as_bool() {
        Some(false) => "off",
        Some(true) => "on",
        None => "state not given",
    };
    format!("Custom extension {stage}: {name} ({state})")
}

#[cfg(test)]
mod tests {
    use super::describe;
    use serde_json::json;

    const EXT: &str = "unifiedRoleManagementPolicyCustomExtensionRule";

    #[test]
    fn a_custom_extension_is_named_with_its_stage_and_state() {
        let raw = json!({"displayName": "Check licence stock", "isEnabled": true, "customExtensionId": "x"});
        assert_eq!(
            describe(EXT, "CustomExtension_PreApproval_EndUser_Assignment", &raw),
            "Custom extension before approval: Check licence stock (on)"
        );
        let raw = json!({"displayName": "", "isEnabled": false, "customExtensionId": "5f3a"});
        assert_eq!(
            describe(EXT, "CustomExtension_PostApproval_EndUser_Assignment", &raw),
            "Custom extension after approval: 5f3a (off)"
        );
        assert_eq!(
            describe(EXT, "CustomExtension_X", &json!({})),
            "Custom extension at a stage this app doesn't know: unnamed (state not given)"
        );
    }

    #[test]
    fn another_type_is_given_by_id_and_type() {
        assert_eq!(
            describe(
                "unifiedRoleManagementPolicyFutureRule",
                "Future_Rule",
                &json!({})
            ),
            "Future_Rule (unifiedRoleManagementPolicyFutureRule)"
        );
    }
}
