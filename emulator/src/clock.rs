//! The emulator's clock: real time plus an offset that tests move forward.

use chrono::{DateTime, Duration, Utc};

/// Wall time shifted by however far `/_emulator/clock` has moved it.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    /// The emulator's present.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }

    /// Moves time forward (never back: schedules already ended stay ended).
    pub fn advance(&mut self, by: Duration) {
        if by > Duration::zero() {
            self.offset += by;
        }
    }
}

/// Graph writes timestamps with seven fractional digits and `Z`.
pub fn ts(t: DateTime<Utc>) -> String {
    format!(
        "{}.{:07}Z",
        t.format("%Y-%m-%dT%H:%M:%S"),
        t.timestamp_subsec_nanos() / 100
    )
}

/// Reads an ISO-8601 timestamp as Graph accepts it (offset or `Z`, any fraction).
pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
        .or_else(|| {
            // Graph also accepts a timestamp without zone, taken as UTC.
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|n| n.and_utc())
        })
}

/// Reads an ISO-8601 duration of days, hours, minutes and seconds (`P180D`, `PT1H30M`).
/// Months and years are refused, as PIM refuses them.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim().to_ascii_uppercase();
    let rest = s.strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut total = Duration::zero();
    let mut num = String::new();
    for (part, in_time) in [(date, false), (time, true)] {
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let n: f64 = num.parse().ok()?;
            num.clear();
            let secs = match (c, in_time) {
                ('W', false) => n * 604_800.0,
                ('D', false) => n * 86_400.0,
                ('H', true) => n * 3_600.0,
                ('M', true) => n * 60.0,
                ('S', true) => n,
                _ => return None,
            };
            total += Duration::milliseconds((secs * 1000.0) as i64);
        }
    }
    (num.is_empty() && !rest.is_empty() && rest != "T").then_some(total)
}

/// Writes a duration the way Graph does (`PT8H`, `P180D`, `PT1H30M`).
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.num_seconds();
    if secs > 0 && secs % 86_400 == 0 {
        return format!("P{}D", secs / 86_400);
    }
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out += &format!("{h}H");
    }
    if m > 0 {
        out += &format!("{m}M");
    }
    if s > 0 || out == "PT" {
        out += &format!("{s}S");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_round_trip() {
        for (s, secs) in [
            ("PT8H", 28_800),
            ("P180D", 15_552_000),
            ("PT1H30M", 5_400),
            ("PT5M", 300),
        ] {
            assert_eq!(parse_duration(s).unwrap().num_seconds(), secs, "{s}");
            assert_eq!(fmt_duration(Duration::seconds(secs)), s);
        }
        assert_eq!(parse_duration("P1DT2H").unwrap().num_seconds(), 93_600);
        assert!(parse_duration("P6M").is_none(), "months are not accepted");
        assert!(parse_duration("P").is_none());
        assert!(parse_duration("8H").is_none());
    }

    #[test]
    fn timestamps_have_seven_digits() {
        let t = parse_ts("2023-02-07T07:05:55.3404527Z").unwrap();
        assert_eq!(ts(t), "2023-02-07T07:05:55.3404527Z");
        assert!(parse_ts("2023-02-07T07:05:55").is_some());
        assert!(parse_ts("tomorrow").is_none());
    }
}
