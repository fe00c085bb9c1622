//! Who approves an activation, by name: the reads that name the approvers, and the sentence the
//! Activate pane says before anything is sent ("Diego Siciliani and Adele Vance will be asked").

use super::principals::Names;
use super::settings::{ActivationSettings, Approver};
use crate::graph::call::Call;
use crate::graph::directory::{get_group, get_user};
use crate::graph::error::GraphError;
use serde_json::Value;

fn id(a: &Approver) -> &str {
    let (Approver::User(id) | Approver::Group(id)) = a;
    id
}

/// One read per approver: a user or a group, each with its display name.
pub fn lookups(approvers: &[Approver]) -> Vec<Call<Value>> {
    approvers
        .iter()
        .map(|a| match a {
            Approver::User(id) => get_user(id, "id,displayName").as_json(),
            Approver::Group(id) => get_group(id, "id,displayName").as_json(),
        })
        .collect()
}

/// The names `lookups` found, in order; one that couldn't be read says why.
pub fn names(approvers: &[Approver], answers: Vec<Result<Value, GraphError>>) -> Names {
    let mut names = Names::default();
    for (a, answer) in approvers.iter().zip(answers) {
        names.learn_lookup(id(a), answer);
    }
    names
}

/// "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Who will be asked to approve an activation under `a`, or `None` when none is needed. With no
/// approver named, PIM asks the Privileged Role Administrators and Global Administrators.
pub fn who_is_asked(a: &ActivationSettings, names: &Names) -> Option<String> {
    if !a.approval {
        return None;
    }
    if a.approvers.is_empty() {
        return Some("Approval is required and no approver is named: Privileged Role Administrators and Global Administrators will be asked.".into());
    }
    let named: Vec<String> = a.approvers.iter().map(|x| names.of(id(x))).collect();
    Some(format!("{} will be asked to approve.", and_list(&named)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::OnActivation;
    use serde_json::json;

    fn settings(approval: bool, approvers: Vec<Approver>) -> ActivationSettings {
        ActivationSettings {
            max_minutes: 60,
            require: OnActivation::None,
            justification: true,
            ticket: false,
            approval,
            approvers,
        }
    }

    #[test]
    fn approvers_are_named_in_order_with_groups_marked() {
        let approvers = vec![
            Approver::User("d".into()),
            Approver::User("a".into()),
            Approver::Group("g".into()),
        ];
        assert_eq!(lookups(&approvers).len(), 3);
        let names = names(
            &approvers,
            vec![
                Ok(json!({"id": "d", "displayName": "Diego Siciliani"})),
                Ok(json!({"id": "a", "displayName": "Adele Vance"})),
                Ok(
                    json!({"@odata.type": "#microsoft.graph.group", "id": "g", "displayName": "Helpdesk leads"}),
                ),
            ],
        );
        assert_eq!(
            who_is_asked(&settings(true, approvers), &names).unwrap(),
            "Diego Siciliani, Adele Vance and Helpdesk leads (group) will be asked to approve."
        );
    }

    #[test]
    fn no_approval_says_nothing_and_no_approver_names_the_default() {
        let names = Names::default();
        assert_eq!(who_is_asked(&settings(false, vec![]), &names), None);
        assert!(who_is_asked(&settings(true, vec![]), &names)
            .unwrap()
            .contains("Privileged Role Administrators and Global Administrators"));
        assert_eq!(and_list(&["A".into(), "B".into()]), "A and B");
        assert_eq!(and_list(&["A".into()]), "A");
    }

    #[test]
    fn an_unreadable_approver_is_still_listed_with_why() {
        let approvers = vec![Approver::User("x1".into())];
        let names = names(&approvers, vec![Err(GraphError::transport("offline", "c"))]);
        let said = who_is_asked(&settings(true, approvers), &names).unwrap();
        assert!(
            said.starts_with("x1 (Couldn't read the name: NetworkError"),
            "{said}"
        );
    }
}
