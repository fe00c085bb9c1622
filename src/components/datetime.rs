//! `datetime-local` fields: the user's local time on screen, UTC everywhere else.

use chrono::{DateTime, Local, TimeZone, Timelike, Utc};

/// The value a `datetime-local` input shows for `t`.
pub fn to_input(t: DateTime<Utc>) -> String {
    crate::domain::stamp::ymd_hm(&t.with_timezone(&Local), 'T')
}

/// `t` for a `datetime-local` input to the second (the field then shows seconds): a
/// continuation must start exactly when the current activation ends.
pub fn to_input_exact(t: DateTime<Utc>) -> String {
    let l = t.with_timezone(&Local);
    format!(
        "{}:{:02}",
        crate::domain::stamp::ymd_hm(&l, 'T'),
        l.second()
    )
}

/// The instant a `datetime-local` value means; `None` when empty or unreadable.
pub fn from_input(v: &str) -> Option<DateTime<Utc>> {
    let naive = crate::domain::stamp::parse_local(v)?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// `t` in the user's local time, for tables.
pub fn local(t: DateTime<Utc>) -> String {
    crate::domain::stamp::ymd_hm(&t.with_timezone(&Local), ' ')
}
