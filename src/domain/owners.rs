//! A group's owners before one leaves: who owns it now, and whether a removal or deactivation
//! takes away the last one (PIM then retries for 30 days and leaves the owner in place).

use super::assignments::{Kind, Row};
use crate::graph::model::{AccessId, Page};
use serde_json::Value;

/// The ids in an answer to `list_group_owners`.
pub fn ids(page: Page<Value>) -> Vec<String> {
    page.value
        .iter()
        .filter_map(|o| o["id"].as_str().map(str::to_owned))
        .collect()
}

/// Whether removing `row` takes away the group's last owner: Entra ID keeps at least one, so PIM
/// keeps retrying such a removal for 30 days and then leaves the owner in place.
pub fn last_owner(row: &Row, owners: &[String]) -> bool {
    row.kind == Kind::Active
        && row.access == AccessId::Owner
        && row.state != "Expired"
        && only_owner(&row.principal_id, owners)
}

/// What the removal confirmation says about the last owner.
pub fn last_owner_warning(name: &str) -> String {
    format!("{name} is the group's last owner. A group keeps at least one owner: PIM keeps retrying this removal for 30 days and then leaves {name} as owner. Add another owner first.")
}

/// What My roles says before the last owner deactivates their own ownership.
pub const LAST_OWNER_SELF: &str = "You are the group's last owner. A group keeps at least one owner: PIM keeps retrying this deactivation for 30 days and then leaves you as owner. Ask an administrator to add another owner first.";

/// Whether `me` is the only one among `owners`.
pub fn only_owner(me: &str, owners: &[String]) -> bool {
    owners.len() == 1 && owners[0].eq_ignore_ascii_case(me)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sole_active_owner_is_the_last_owner() {
        let owner = Row {
            kind: Kind::Active,
            principal_id: "Isaiah".into(),
            access: AccessId::Owner,
            state: "Assigned",
            start: None,
            end: None,
            created: None,
            assigned_by: None,
        };
        assert!(last_owner(&owner, &["isaiah".into()]));
        assert!(!last_owner(&owner, &["isaiah".into(), "adele".into()]));
        assert!(!last_owner(&owner, &["adele".into()]));
        let member = Row {
            access: AccessId::Member,
            ..owner.clone()
        };
        assert!(!last_owner(&member, &["isaiah".into()]));
        let eligible = Row {
            kind: Kind::Eligible,
            ..owner
        };
        assert!(!last_owner(&eligible, &["isaiah".into()]));
        assert!(last_owner_warning("Isaiah").contains("30 days"));
        assert!(only_owner("Isaiah", &["isaiah".into()]));
        assert!(!only_owner("isaiah", &["isaiah".into(), "adele".into()]));
        assert!(!only_owner("isaiah", &[]));
    }

    #[test]
    fn owner_ids_are_read_from_the_answer() {
        let page: Page<Value> = serde_json::from_value(serde_json::json!({"value": [
            {"@odata.type": "#microsoft.graph.user", "id": "a"}, {"id": "b"}, {"displayName": "no id"}]}))
        .unwrap();
        assert_eq!(ids(page), ["a", "b"]);
    }
}
