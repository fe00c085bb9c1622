//! PIM role management policies for groups: the 17 default rules, rule PATCH merging, and reading
//! the settings that requests are checked against.

use serde_json::{json, Value};

/// Rule ids with their `@odata.type` suffix, caller and level, in Graph's order.
pub const RULES: [(&str, &str, &str, &str); 17] = [
    (
        "Expiration_Admin_Eligibility",
        "ExpirationRule",
        "Admin",
        "Eligibility",
    ),
    (
        "Enablement_Admin_Eligibility",
        "EnablementRule",
        "Admin",
        "Eligibility",
    ),
    (
        "Notification_Admin_Admin_Eligibility",
        "NotificationRule",
        "Admin",
        "Eligibility",
    ),
    (
        "Notification_Requestor_Admin_Eligibility",
        "NotificationRule",
        "Admin",
        "Eligibility",
    ),
    (
        "Notification_Approver_Admin_Eligibility",
        "NotificationRule",
        "Admin",
        "Eligibility",
    ),
    (
        "Expiration_Admin_Assignment",
        "ExpirationRule",
        "Admin",
        "Assignment",
    ),
    (
        "Enablement_Admin_Assignment",
        "EnablementRule",
        "Admin",
        "Assignment",
    ),
    (
        "Notification_Admin_Admin_Assignment",
        "NotificationRule",
        "Admin",
        "Assignment",
    ),
    (
        "Notification_Requestor_Admin_Assignment",
        "NotificationRule",
        "Admin",
        "Assignment",
    ),
    (
        "Notification_Approver_Admin_Assignment",
        "NotificationRule",
        "Admin",
        "Assignment",
    ),
    (
        "Expiration_EndUser_Assignment",
        "ExpirationRule",
        "EndUser",
        "Assignment",
    ),
    (
        "Enablement_EndUser_Assignment",
        "EnablementRule",
        "EndUser",
        "Assignment",
    ),
    (
        "Approval_EndUser_Assignment",
        "ApprovalRule",
        "EndUser",
        "Assignment",
    ),
    (
        "AuthenticationContext_EndUser_Assignment",
        "AuthenticationContextRule",
        "EndUser",
        "Assignment",
    ),
    (
        "Notification_Admin_EndUser_Assignment",
        "NotificationRule",
        "EndUser",
        "Assignment",
    ),
    (
        "Notification_Requestor_EndUser_Assignment",
        "NotificationRule",
        "EndUser",
        "Assignment",
    ),
    (
        "Notification_Approver_EndUser_Assignment",
        "NotificationRule",
        "EndUser",
        "Assignment",
    ),
];

const TYPE_PREFIX: &str = "#microsoft.graph.unifiedRoleManagementPolicy";

fn target(caller: &str, level: &str) -> Value {
    json!({"caller": caller, "operations": ["all"], "level": level,
           "inheritableSettings": [], "enforcedSettings": []})
}

/// The rules of a freshly managed group's policy, as Graph lists them.
pub fn default_rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|(id, kind, caller, level)| {
            let mut rule = json!({"@odata.type": format!("{TYPE_PREFIX}{kind}"), "id": id});
            let props = match *kind {
                "ExpirationRule" => {
                    let max = match *id {
                        "Expiration_Admin_Eligibility" => "P365D",
                        "Expiration_Admin_Assignment" => "P180D",
                        _ => "PT8H",
                    };
                    json!({"isExpirationRequired": true, "maximumDuration": max})
                }
                "EnablementRule" => {
                    let on = if *id == "Enablement_Admin_Eligibility" { json!([]) } else { json!(["Justification"]) };
                    json!({"enabledRules": on})
                }
                "NotificationRule" => {
                    let recipient = id.split('_').nth(1).unwrap_or("Admin");
                    json!({"notificationType": "Email", "recipientType": recipient, "notificationLevel": "All",
                           "isDefaultRecipientsEnabled": true, "notificationRecipients": []})
                }
                "ApprovalRule" => json!({"setting": {
                    "isApprovalRequired": false, "isApprovalRequiredForExtension": false,
                    "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
                    "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true,
                        "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
                        "primaryApprovers": [], "escalationApprovers": []}]}}),
                _ => json!({"isEnabled": false, "claimValue": null}),
            };
            merge(&mut rule, &props);
            rule["target"] = target(caller, level);
            rule
        })
        .collect()
}

fn merge(into: &mut Value, from: &Value) {
    if let (Some(dst), Some(src)) = (into.as_object_mut(), from.as_object()) {
        for (k, v) in src {
            dst.insert(k.clone(), v.clone());
        }
    }
}

/// Properties each rule type may carry in a PATCH (besides `@odata.type`, `id`, `target`).
fn writable(kind: &str) -> &'static [&'static str] {
    match kind {
        "ExpirationRule" => &["isExpirationRequired", "maximumDuration"],
        "EnablementRule" => &["enabledRules"],
        "NotificationRule" => &[
            "notificationType",
            "recipientType",
            "notificationLevel",
            "isDefaultRecipientsEnabled",
            "notificationRecipients",
        ],
        "ApprovalRule" => &["setting"],
        "AuthenticationContextRule" => &["isEnabled", "claimValue"],
        "CustomExtensionRule" => &[
            "isEnabled",
            "customExtensionId",
            "displayName",
            "customAttributes",
        ],
        _ => &[],
    }
}

/// Why a rule PATCH is refused: (code, message), in Graph's words where they are known.
pub type RuleError = (&'static str, String);

/// Applies a rule from a PATCH body onto the stored rules; the body must name its type.
pub fn apply_rule(
    rules: &mut [Value],
    body: &Value,
    rule_id_from_path: Option<&str>,
) -> Result<(), RuleError> {
    let id = rule_id_from_path
        .map(str::to_owned)
        .or_else(|| body.get("id").and_then(Value::as_str).map(str::to_owned))
        .ok_or((
            "InvalidPolicyRule",
            "A rule in the request has no id.".to_owned(),
        ))?;
    let (canonical, kind) = match RULES.iter().find(|r| r.0.eq_ignore_ascii_case(&id)) {
        Some((canonical, kind, _, _)) => ((*canonical).to_owned(), (*kind).to_owned()),
        // A rule added beside the defaults (a custom extension) is changed like any other.
        None => rules
            .iter()
            .filter_map(|r| Some((r["id"].as_str()?, r["@odata.type"].as_str()?)))
            .find(|(rid, _)| rid.eq_ignore_ascii_case(&id))
            .and_then(|(rid, t)| Some((rid, t.strip_prefix(TYPE_PREFIX)?)))
            .map(|(rid, t)| (rid.to_owned(), t.to_owned()))
            .ok_or((
                "InvalidPolicyRule",
                format!("The policy rule '{id}' is not valid for this policy."),
            ))?,
    };
    let odata = body
        .get("@odata.type")
        .and_then(Value::as_str)
        .unwrap_or("");
    // Graph insists on the derived type of the rule: "@odata.type must be included".
    if !odata.eq_ignore_ascii_case(&format!("{TYPE_PREFIX}{kind}")) {
        return Err((
            "InvalidPolicyRule",
            format!("The rule '{id}' must state \"@odata.type\": \"{TYPE_PREFIX}{kind}\"."),
        ));
    }
    let rule = rules
        .iter_mut()
        .find(|r| r["id"] == canonical.as_str())
        .ok_or((
            "InvalidPolicyRule",
            format!("The policy has no rule '{canonical}'."),
        ))?;
    let allowed = writable(&kind);
    for (k, v) in body.as_object().into_iter().flatten() {
        match k.as_str() {
            "@odata.type" | "id" | "target" => {}
            _ if allowed.contains(&k.as_str()) => {
                rule[k] =
                    normalise(k, v).map_err(|m| ("InvalidPolicyRule", format!("{id}: {m}")))?;
            }
            _ => {
                return Err((
                    "BadRequest",
                    format!("Invalid property '{k}' for rule type '{kind}'."),
                ))
            }
        }
    }
    check(rule).map_err(|m| ("InvalidPolicy", format!("The policy is invalid. {id}: {m}")))
}

fn normalise(key: &str, v: &Value) -> Result<Value, String> {
    Ok(match key {
        "maximumDuration" if !v.is_null() => {
            let s = v
                .as_str()
                .ok_or("maximumDuration must be a duration string")?;
            let d = crate::clock::parse_duration(s)
                .ok_or(format!("'{s}' is not a supported duration"))?;
            Value::String(crate::clock::fmt_duration(d))
        }
        "enabledRules" => {
            let mut out = vec![];
            for r in v.as_array().ok_or("enabledRules must be an array")? {
                let name = match r.as_str().unwrap_or("").to_ascii_lowercase().as_str() {
                    "multifactorauthentication" => "MultiFactorAuthentication",
                    "justification" => "Justification",
                    "ticketing" => "Ticketing",
                    other => return Err(format!("'{other}' is not an enablement rule")),
                };
                out.push(Value::String(name.into()));
            }
            Value::Array(out)
        }
        _ => v.clone(),
    })
}

/// Checks a rule after a change, as PIM does.
fn check(rule: &Value) -> Result<(), String> {
    let id = rule["id"].as_str().unwrap_or("");
    if id.starts_with("Expiration") && rule["isExpirationRequired"] == json!(true) {
        let max = rule["maximumDuration"]
            .as_str()
            .and_then(crate::clock::parse_duration);
        let max = max.ok_or("a required expiration needs maximumDuration")?;
        if id == "Expiration_EndUser_Assignment" && (max.num_minutes() < 30 || max.num_hours() > 24)
        {
            return Err(
                "activation maximum duration must be between 30 minutes and 24 hours".into(),
            );
        }
    }
    if id == "AuthenticationContext_EndUser_Assignment" && rule["isEnabled"] == json!(true) {
        let claim = rule["claimValue"].as_str().unwrap_or("");
        let n = claim.strip_prefix('c').and_then(|n| n.parse::<u8>().ok());
        if !matches!(n, Some(1..=99)) {
            return Err(format!(
                "claimValue '{claim}' is not an authentication context (c1 to c99)"
            ));
        }
    }
    if id == "Approval_EndUser_Assignment" {
        let s = &rule["setting"];
        if s["isApprovalRequired"] == json!(true) {
            let approvers = s["approvalStages"][0]["primaryApprovers"]
                .as_array()
                .map_or(0, Vec::len);
            if approvers == 0 {
                return Err("approval is required but no approver is set".into());
            }
        }
    }
    Ok(())
}

/// Finds a rule by id.
pub fn rule<'a>(rules: &'a [Value], id: &str) -> &'a Value {
    rules.iter().find(|r| r["id"] == id).unwrap_or(&Value::Null)
}

/// Whether an enablement rule lists a check (`Justification`, `Ticketing`, `MultiFactorAuthentication`).
pub fn enabled(rules: &[Value], id: &str, check: &str) -> bool {
    rule(rules, id)["enabledRules"]
        .as_array()
        .is_some_and(|a| a.iter().any(|v| v == check))
}
