//! `datetime-local` fields: the user's local time on screen, UTC everywhere else.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

/// The value a `datetime-local` input shows for `t`.
pub fn to_input(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%dT%H:%M").to_string()
}

/// The instant a `datetime-local` value means; `None` when empty or unreadable.
pub fn from_input(v: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// `t` in the user's local time, for tables.
pub fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}
