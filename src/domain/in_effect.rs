//! Whether an activation is in effect: PIM records a membership at once, but directory reads (and
//! the apps and tokens behind them) see it later; this is the check, its schedule and its words.

use crate::graph::call::Call;
use crate::graph::directory::{check_member_groups, CHECK_MEMBER_GROUPS_MAX};
use crate::graph::error::GraphError;
use crate::graph::model::{Page, UnifiedRoleAssignment};
use crate::graph::role_management::list_role_assignments_of;

/// Seconds between two checks while a membership is only recorded.
pub const CHECK_EVERY_SECS: u64 = 10;

/// Checks in one round (two minutes); then the row offers **Check again** instead of polling.
pub const CHECKS_PER_ROUND: u32 = 12;

/// What still lags once the directory reports the membership.
pub const LAG_NOTE: &str = "In effect means Microsoft Entra ID now reports the membership. Apps that read your groups when you sign in see it after you sign in to them again, and some admin portals cache group membership for a few minutes.";

/// Where one activated membership stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// PIM recorded it; membership checks don't show it yet.
    Recorded,
    /// Membership checks show it; the Entra roles the group holds (none for most groups), or why
    /// they couldn't be read.
    InEffect(Result<Vec<String>, String>),
    /// The check failed: why, with the code, message and request id.
    Unknown(String),
}

impl Status {
    /// The row's words.
    pub fn sentence(&self) -> String {
        match self {
            Status::Recorded => "Recorded".into(),
            Status::InEffect(Ok(roles)) if roles.is_empty() => "In effect".into(),
            Status::InEffect(Ok(roles)) => format!("In effect, with {}", roles.join(", ")),
            Status::InEffect(Err(why)) => format!("In effect. {why}"),
            Status::Unknown(why) => why.clone(),
        }
    }
}

/// The checks for `groups`, 20 to a call.
pub fn checks(groups: &[String]) -> Vec<Call<Page<String>>> {
    groups
        .chunks(CHECK_MEMBER_GROUPS_MAX)
        .map(check_member_groups)
        .collect()
}

/// Reads the answers to `checks(groups)`: each group's status, but for the roles, which
/// [`roles`] adds for the groups now in effect.
pub fn read(
    groups: &[String],
    answers: Vec<Result<Page<String>, GraphError>>,
) -> Vec<(String, Status)> {
    groups
        .chunks(CHECK_MEMBER_GROUPS_MAX)
        .zip(answers)
        .flat_map(|(chunk, seen)| {
            chunk.iter().map(move |g| {
                let status = match &seen {
                    Ok(p) if p.value.iter().any(|x| x.eq_ignore_ascii_case(g)) => {
                        Status::InEffect(Ok(vec![]))
                    }
                    Ok(_) => Status::Recorded,
                    Err(e) => Status::Unknown(super::wording::unreadable("your memberships", e)),
                };
                (g.clone(), status)
            })
        })
        .collect()
}

/// The reads of the roles each group in effect holds.
pub fn role_reads(in_effect: &[String]) -> Vec<Call<Page<UnifiedRoleAssignment>>> {
    in_effect
        .iter()
        .map(|g| list_role_assignments_of(g))
        .collect()
}

/// The role names from one of `role_reads`' answers, or why they couldn't be read.
pub fn roles(
    answer: Result<Page<UnifiedRoleAssignment>, GraphError>,
) -> Result<Vec<String>, String> {
    answer
        .map(|p| {
            let mut names: Vec<String> = p
                .value
                .into_iter()
                .map(|a| {
                    a.role_definition
                        .and_then(|d| d.display_name)
                        .unwrap_or(a.role_definition_id)
                })
                .collect();
            names.sort();
            names
        })
        .map_err(|e| super::wording::unreadable("the roles it gives", &e))
}

/// Whether another check is due after `done` checks of this round.
pub fn again(statuses: &[(String, Status)], done: u32) -> bool {
    done < CHECKS_PER_ROUND && statuses.iter().any(|(_, s)| *s == Status::Recorded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("g{i}")).collect()
    }

    #[test]
    fn checks_go_twenty_to_a_call_and_read_back_per_group() {
        let groups = ids(25);
        assert_eq!(checks(&groups).len(), 2);
        let page = |v| serde_json::from_value(v).unwrap();
        let answers = vec![
            Ok(page(json!({"value": ["G3"]}))),
            Ok(page(json!({"value": ["g24"]}))),
        ];
        let read = read(&groups, answers);
        assert_eq!(read.len(), 25);
        assert_eq!(read[3].1, Status::InEffect(Ok(vec![])));
        assert_eq!(read[4].1, Status::Recorded);
        assert_eq!(read[24].1, Status::InEffect(Ok(vec![])));
    }

    #[test]
    fn a_failed_check_says_why_and_is_not_taken_as_recorded() {
        let mut e = GraphError::transport("offline", "c-1");
        e.request_id = Some("r-9".into());
        let read = read(&ids(1), vec![Err(e)]);
        let Status::Unknown(why) = &read[0].1 else {
            panic!("{read:?}")
        };
        assert!(why.contains("NetworkError") && why.contains("r-9"), "{why}");
        assert!(!again(&read, 1), "an error is not polled");
    }

    #[test]
    fn polling_stops_when_all_are_in_effect_or_after_a_round() {
        let recorded = vec![("g".to_owned(), Status::Recorded)];
        assert!(again(&recorded, 1));
        assert!(!again(&recorded, CHECKS_PER_ROUND));
        let done = vec![("g".to_owned(), Status::InEffect(Ok(vec![])))];
        assert!(!again(&done, 1));
    }

    #[test]
    fn roles_are_named_and_sorted_and_unreadable_roles_say_why() {
        let answer = json!({"value": [
            {"id": "1", "principalId": "g", "roleDefinitionId": "r2", "roleDefinition": {"id": "r2", "displayName": "User Administrator"}},
            {"id": "2", "principalId": "g", "roleDefinitionId": "r1", "roleDefinition": {"id": "r1", "displayName": "Helpdesk Administrator"}}
        ]});
        assert_eq!(
            roles(Ok(serde_json::from_value(answer).unwrap())),
            Ok(vec![
                "Helpdesk Administrator".to_owned(),
                "User Administrator".to_owned()
            ])
        );
        let unread = Status::InEffect(roles(Err(GraphError::transport("x", "c"))));
        assert!(unread
            .sentence()
            .starts_with("In effect. Couldn't read the roles it gives: NetworkError"));
        assert_eq!(
            Status::InEffect(Ok(vec!["A".into(), "B".into()])).sentence(),
            "In effect, with A, B"
        );
    }
}
