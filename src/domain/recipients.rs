//! Who receives each of PIM's notification emails for a role of a group, by name: the default
//! recipients resolved (administrators, the assignee or requester, the approvers), the additional
//! addresses, and whether only critical emails go.

use super::settings::NotificationSetting;
use crate::graph::call::Call;
use crate::graph::error::GraphError;
use crate::graph::model::{Page, UnifiedRoleAssignment};
use crate::graph::role_management::list_role_holders;

/// The roles PIM's default administrator recipients hold: Global Administrator and Privileged
/// Role Administrator (their built-in template ids).
const ADMIN_ROLES: [&str; 2] = [
    "62e90394-69f5-4237-9190-012177145e10",
    "e8611ab8-c189-46e8-94e1-60213ab1f814",
];

/// The reads that name the default administrator recipients.
pub fn admin_reads() -> Vec<Call<Page<UnifiedRoleAssignment>>> {
    ADMIN_ROLES.iter().map(|r| list_role_holders(r)).collect()
}

/// The administrators' names from `admin_reads`' answers (sorted, once each), or why not.
pub fn admins(
    answers: Vec<Result<Page<UnifiedRoleAssignment>, GraphError>>,
) -> Result<Vec<String>, String> {
    let mut names = vec![];
    for answer in answers {
        let page = answer.map_err(|e| super::wording::unreadable("the administrators", &e))?;
        names.extend(
            page.value
                .iter()
                .filter_map(|a| a.principal.as_ref().and_then(super::principals::label)),
        );
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// Who receives the email of row `row` (admin, assignee/requester, approver) of section
/// `section` (eligible, active, activation), given the approvers' names; `admins` unread (`None`)
/// names the administrators by role only.
pub fn who(
    section: usize,
    row: usize,
    n: &NotificationSetting,
    admins: Option<&Result<Vec<String>, String>>,
    approvers: &[String],
) -> String {
    let admin_list = || match admins {
        None => "The Global and Privileged Role Administrators".to_owned(),
        Some(Ok(a)) if a.is_empty() => {
            "The Global and Privileged Role Administrators (none found)".to_owned()
        }
        Some(Ok(a)) => format!(
            "The Global and Privileged Role Administrators: {}",
            a.join(", ")
        ),
        Some(Err(why)) => format!("The Global and Privileged Role Administrators ({why})"),
    };
    let mut parts = vec![];
    if n.default_recipients {
        parts.push(match (section, row) {
            (_, 0) => admin_list(),
            (2, 1) => "The requester".to_owned(),
            (_, 1) => "The assignee".to_owned(),
            (2, _) if !approvers.is_empty() => format!("The approvers: {}", approvers.join(", ")),
            _ => admin_list(),
        });
    }
    if !n.additional.is_empty() {
        parts.push(n.additional.join(", "));
    }
    if parts.is_empty() {
        return "Nobody: this email is off".into();
    }
    let mut said = parts.join("; and ");
    if n.critical_only {
        said.push_str(" (critical emails only: those that ask someone to act)");
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn n(default: bool, additional: &[&str], critical: bool) -> NotificationSetting {
        NotificationSetting {
            default_recipients: default,
            additional: additional.iter().map(|s| s.to_string()).collect(),
            critical_only: critical,
        }
    }

    #[test]
    fn administrators_are_named_from_both_roles_once_each() {
        let holder = |principal| json!({"id": "a", "principalId": "p", "roleDefinitionId": "r", "principal": principal});
        let megan = json!({"@odata.type": "#microsoft.graph.user", "id": "m", "displayName": "Megan Bowen"});
        let tier0 =
            json!({"@odata.type": "#microsoft.graph.group", "id": "g", "displayName": "Tier 0"});
        let page = |v| serde_json::from_value(json!({ "value": v })).unwrap();
        let a = admins(vec![
            Ok(page(json!([holder(megan.clone())]))),
            Ok(page(json!([holder(megan), holder(tier0)]))),
        ]);
        assert_eq!(
            a,
            Ok(vec!["Megan Bowen".to_owned(), "Tier 0 (group)".to_owned()])
        );
        let failed = admins(vec![Err(GraphError::transport("x", "c"))]);
        assert!(failed
            .unwrap_err()
            .starts_with("Couldn't read the administrators: NetworkError"));
    }

    #[test]
    fn each_row_resolves_its_default_recipients() {
        let admins = Ok(vec!["Megan Bowen".to_owned()]);
        let approvers = ["Diego Siciliani".to_owned(), "Adele Vance".to_owned()];
        let on = n(true, &[], false);
        assert_eq!(
            who(0, 0, &on, Some(&admins), &approvers),
            "The Global and Privileged Role Administrators: Megan Bowen"
        );
        assert_eq!(who(0, 1, &on, Some(&admins), &approvers), "The assignee");
        assert_eq!(who(2, 1, &on, Some(&admins), &approvers), "The requester");
        assert_eq!(
            who(2, 2, &on, Some(&admins), &approvers),
            "The approvers: Diego Siciliani, Adele Vance"
        );
        assert_eq!(
            who(2, 2, &on, Some(&admins), &[]),
            "The Global and Privileged Role Administrators: Megan Bowen"
        );
        assert_eq!(
            who(1, 2, &on, Some(&admins), &approvers),
            "The Global and Privileged Role Administrators: Megan Bowen"
        );
    }

    #[test]
    fn additional_addresses_critical_only_and_off_are_said() {
        let admins = Ok(vec![]);
        assert_eq!(
            who(2, 0, &n(true, &["secops@contoso.com"], true), Some(&admins), &[]),
            "The Global and Privileged Role Administrators (none found); and secops@contoso.com (critical emails only: those that ask someone to act)"
        );
        assert_eq!(
            who(
                0,
                1,
                &n(false, &["a@contoso.com"], false),
                Some(&admins),
                &[]
            ),
            "a@contoso.com"
        );
        assert_eq!(
            who(0, 1, &n(false, &[], false), Some(&admins), &[]),
            "Nobody: this email is off"
        );
    }
}
