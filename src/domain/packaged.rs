//! Eligibility that entitlement management hands out: which access packages give a PIM role in a
//! group, and what an admin is told before changing an eligibility one of them delivered.

use super::grants::in_group;
use crate::graph::model::{AccessId, AccessPackage, AccessPackageAssignment};

/// The packages (id, name) whose resource role is PIM's eligible `access` in `group`: entitlement
/// management names those roles "Eligible Member" and "Eligible Owner".
pub fn eligibility_packages(
    group: &str,
    access: AccessId,
    all: &[AccessPackage],
) -> Vec<(String, String)> {
    let wanted = match access {
        AccessId::Owner => "eligible owner",
        _ => "eligible member",
    };
    all.iter()
        .filter(|p| {
            p.resource_role_scopes.iter().any(|rs| {
                in_group(rs, group)
                    && rs
                        .role
                        .as_ref()
                        .and_then(|r| r.display_name.as_deref())
                        .is_some_and(|n| n.trim().eq_ignore_ascii_case(wanted))
            })
        })
        .map(|p| {
            let name = p.display_name.clone().unwrap_or_else(|| p.id.clone());
            (p.id.clone(), name)
        })
        .collect()
}

/// Whether an assignment is delivered (or being delivered) to `principal`: an expired or failed
/// one gives nothing.
pub fn delivered_to(a: &AccessPackageAssignment, principal: &str) -> bool {
    let live = matches!(
        a.state.as_deref(),
        Some("delivered" | "delivering" | "partiallyDelivered")
    );
    live && a
        .target
        .as_ref()
        .and_then(|t| t.object_id.as_deref())
        .is_some_and(|id| id.eq_ignore_ascii_case(principal))
}

/// The note shown before an eligibility that `packages` deliver to `person` is changed here.
pub fn package_note(person: &str, packages: &[String]) -> Option<String> {
    let names = match packages {
        [] => return None,
        [one] => format!("the access package {one}"),
        many => format!("the access packages {}", many.join(", ")),
    };
    Some(format!(
        "{person} has this eligibility through {names}. Entitlement management doesn't see a \
         change made here: the package's assignment still shows it delivered, and it removes or \
         gives the eligibility again on its own schedule. To change it for good, change the \
         assignment in the access package."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn package(id: &str, group: &str, role: &str) -> AccessPackage {
        serde_json::from_value(json!({"id": id, "displayName": format!("Package {id}"),
            "resourceRoleScopes": [{"role": {"displayName": role, "originSystem": "AadGroup"},
                "scope": {"originId": group, "originSystem": "AadGroup"}}]}))
        .unwrap()
    }

    #[test]
    fn only_packages_giving_the_eligible_role_in_the_group_count() {
        let all = [
            package("a", "G", "Eligible Member"),
            package("b", "G", "Member"),
            package("c", "other", "Eligible Member"),
            package("d", "g", "eligible owner"),
        ];
        let names = |access| {
            eligibility_packages("g", access, &all)
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(AccessId::Member), ["a"]);
        assert_eq!(names(AccessId::Owner), ["d"]);
    }

    #[test]
    fn only_a_live_assignment_to_the_person_counts() {
        let a = |state: &str, who: &str| -> AccessPackageAssignment {
            serde_json::from_value(json!({"id": "x", "state": state, "target": {"objectId": who}}))
                .unwrap()
        };
        assert!(delivered_to(&a("delivered", "U1"), "u1"));
        assert!(delivered_to(&a("partiallyDelivered", "u1"), "u1"));
        assert!(!delivered_to(&a("expired", "u1"), "u1"));
        assert!(!delivered_to(&a("delivered", "u2"), "u1"));
    }

    #[test]
    fn the_note_names_the_packages_or_is_not_there() {
        assert_eq!(package_note("Nestor", &[]), None);
        let one = package_note("Nestor Wilke", &["Helpdesk on-call rota".into()]).unwrap();
        assert!(one.starts_with(
            "Nestor Wilke has this eligibility through the access package Helpdesk on-call rota."
        ));
        let two = package_note("N", &["A".into(), "B".into()]).unwrap();
        assert!(two.starts_with("N has this eligibility through the access packages A, B."));
    }
}
