//! Activations about to end: which ones My roles warns about, and when a continuation starts.

use chrono::{DateTime, Duration, DurationRound, Utc};

/// How close to its end an activation is announced, with **Continue**.
pub const WARN_MINUTES: i64 = 15;

/// Whether an activation ending at `end` is to be announced at `now`.
pub fn ending_soon(end: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    end.is_some_and(|e| e > now && e - now <= Duration::minutes(WARN_MINUTES))
}

/// When the continuation of an activation ending at `end` starts: exactly at its end (to the
/// second, which is all Graph keeps), so membership never lapses between the two; never before
/// it, which Graph refuses as an overlap.
pub fn continuation_start(end: DateTime<Utc>) -> DateTime<Utc> {
    let second = end.duration_trunc(Duration::seconds(1)).unwrap_or(end);
    if second == end {
        end
    } else {
        second + Duration::seconds(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn only_the_last_fifteen_minutes_are_announced() {
        let now = t("2026-12-03T10:00:00Z");
        assert!(ending_soon(Some(t("2026-12-03T10:15:00Z")), now));
        assert!(ending_soon(Some(t("2026-12-03T10:00:01Z")), now));
        assert!(!ending_soon(Some(t("2026-12-03T10:15:01Z")), now));
        assert!(
            !ending_soon(Some(t("2026-12-03T09:59:59Z")), now),
            "already ended"
        );
        assert!(!ending_soon(None, now), "permanent");
    }

    #[test]
    fn a_continuation_starts_at_the_end_to_the_second() {
        assert_eq!(
            continuation_start(t("2026-12-03T10:14:39.5Z")),
            t("2026-12-03T10:14:40Z")
        );
        assert_eq!(
            continuation_start(t("2026-12-03T10:14:39Z")),
            t("2026-12-03T10:14:39Z")
        );
        assert_eq!(
            continuation_start(t("2026-12-03T10:15:00Z")),
            t("2026-12-03T10:15:00Z")
        );
    }
}
