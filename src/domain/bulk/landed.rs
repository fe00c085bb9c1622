//! Whether a row whose answer was lost (a 5xx or a dropped connection after the write may have
//! been made) is there on reading again: done only when a read shows it, never by default.

use super::{Action, Row};
use chrono::{DateTime, Duration, Utc};

/// What a read says of one row.
#[derive(Clone, Debug, PartialEq)]
pub enum Landed {
    /// The read shows the change made.
    Yes,
    /// The read shows it was not: it may be sent again.
    No,
    /// Nothing read can tell: the row stays "outcome unknown", with why.
    Unknown(String),
}

/// `held` is the group's read for the row's principal, role and kind: `Err` with why when the
/// read failed, `Ok(None)` when nothing is held, `Ok(Some(end))` when held until `end`
/// (`None`: permanent).
pub fn landed(row: &Row, held: Result<Option<Option<DateTime<Utc>>>, String>) -> Landed {
    let held = match held {
        Ok(h) => h,
        Err(why) => return Landed::Unknown(format!("it could not be read again ({why})")),
    };
    let yes = |b: bool| if b { Landed::Yes } else { Landed::No };
    match row.action {
        Action::Add => yes(held.is_some()),
        Action::Remove => yes(held.is_none()),
        Action::Extend => match (held, row.end) {
            (None, _) => Landed::No,
            // Extended to the file's end (within the minute the service rounds to).
            (Some(Some(end)), Some(wanted)) => yes(end >= wanted - Duration::minutes(1)),
            (Some(None), None) if row.duration_minutes.is_none() => Landed::Yes,
            (Some(None), Some(_)) => Landed::No,
            // A duration counts from when it was sent, which the read can't tell apart from
            // the end it had before.
            _ => Landed::Unknown("the new end, a duration from when it was sent, can't be told from the old one: check the group's assignments".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assignments::Kind;
    use crate::graph::model::AccessId;

    fn row(action: Action, end: Option<&str>, minutes: Option<u32>) -> Row {
        Row {
            line: 2,
            group: "g".into(),
            principal: "p".into(),
            access: AccessId::Member,
            kind: Kind::Eligible,
            start: None,
            end: end.map(|e| e.parse().unwrap()),
            duration_minutes: minutes,
            justification: "x".into(),
            action,
            problems: vec![],
        }
    }

    fn at(s: &str) -> Option<DateTime<Utc>> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_failed_read_never_makes_a_removal_done() {
        let remove = row(Action::Remove, None, None);
        assert!(
            matches!(landed(&remove, Err("403 Authorization_RequestDenied".into())), Landed::Unknown(why) if why.contains("403"))
        );
        assert_eq!(landed(&remove, Ok(None)), Landed::Yes);
        assert_eq!(landed(&remove, Ok(Some(None))), Landed::No);
    }

    #[test]
    fn an_add_is_done_when_held() {
        let add = row(Action::Add, None, Some(60));
        assert_eq!(
            landed(&add, Ok(Some(at("2027-01-01T00:00:00Z")))),
            Landed::Yes
        );
        assert_eq!(landed(&add, Ok(None)), Landed::No);
    }

    #[test]
    fn an_extension_is_done_when_the_read_end_reaches_the_files() {
        let extend = row(Action::Extend, Some("2027-06-01T00:00:00Z"), None);
        assert_eq!(
            landed(&extend, Ok(Some(at("2027-06-01T00:00:00Z")))),
            Landed::Yes
        );
        assert_eq!(
            landed(&extend, Ok(Some(at("2027-05-31T23:59:30Z")))),
            Landed::Yes
        );
        assert_eq!(
            landed(&extend, Ok(Some(at("2027-03-01T00:00:00Z")))),
            Landed::No
        );
        assert_eq!(landed(&extend, Ok(None)), Landed::No);
        let by_duration = row(Action::Extend, None, Some(60 * 24 * 30));
        assert!(matches!(
            landed(&by_duration, Ok(Some(at("2027-03-01T00:00:00Z")))),
            Landed::Unknown(_)
        ));
        let permanent = row(Action::Extend, None, None);
        assert_eq!(landed(&permanent, Ok(Some(None))), Landed::Yes);
    }
}
