//! Dates and times as text, written out by hand: chrono's strftime machinery (formatting and
//! parsing any pattern) costs the bundle far more than the few fixed shapes the app uses.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

/// `2027-02-20`: a `date` value.
pub fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2027-02-20{sep}21:05`.
pub fn ymd_hm<T: Datelike + Timelike>(t: &T, sep: char) -> String {
    format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// `minutes` as hours the way a number field shows them: `4`, `0.5`, `1.75` (no float
/// formatting, which costs the bundle).
pub fn hours_text(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 {
        return h.to_string();
    }
    let hundredths = format!("{:02}", m * 100 / 60);
    format!("{h}.{}", hundredths.trim_end_matches('0'))
}

/// A share of 10,000 (basis points) as a CSS percentage, `12.34%`.
pub fn percent(basis_points: i64) -> String {
    let b = basis_points.clamp(0, 10_000);
    format!("{}.{:02}%", b / 100, b % 100)
}

/// `21:05:09`.
pub fn hms<T: Timelike>(t: &T) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

/// `2027-02-20T21:05:09Z`: the shape Graph's `$filter`s and CSV files take.
pub fn utc(t: DateTime<Utc>) -> String {
    format!("{}:{:02}Z", ymd_hm(&t, 'T'), t.second())
}

/// Reads a `date` value, `2027-02-20`.
pub fn parse_date(date: &str) -> Option<NaiveDate> {
    if date.len() != 10 {
        return None;
    }
    let mut d = date.splitn(3, '-').map(str::parse::<u32>);
    let (y, m, day) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, day)
}

/// Reads a `datetime-local` value, `2027-02-20T21:05` or `2027-02-20T21:05:09`.
pub fn parse_local(v: &str) -> Option<NaiveDateTime> {
    let (date, time) = v.split_once('T')?;
    let parts: Vec<&str> = time.split(':').collect();
    let num = |s: &&str| (s.len() == 2).then(|| s.parse::<u32>().ok()).flatten();
    let (h, min, s) = match parts.as_slice() {
        [h, m] => (num(h)?, num(m)?, 0),
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        _ => return None,
    };
    parse_date(date)?.and_hms_opt(h, min, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_shapes_match_what_strftime_wrote() {
        let x = t("2027-02-03T04:05:06Z");
        assert_eq!(ymd_hm(&x, ' '), x.format("%Y-%m-%d %H:%M").to_string());
        assert_eq!(ymd_hm(&x, 'T'), x.format("%Y-%m-%dT%H:%M").to_string());
        assert_eq!(hms(&x), x.format("%H:%M:%S").to_string());
        assert_eq!(utc(x), x.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    }

    #[test]
    fn hours_and_percentages_are_written_without_floats() {
        assert_eq!(hours_text(240), "4");
        assert_eq!(hours_text(30), "0.5");
        assert_eq!(hours_text(105), "1.75");
        assert_eq!(hours_text(0), "0");
        assert_eq!(percent(1234), "12.34%");
        assert_eq!(percent(5), "0.05%");
        assert_eq!(percent(20_000), "100.00%");
        assert_eq!(percent(-3), "0.00%");
    }

    #[test]
    fn datetime_local_values_read_with_or_without_seconds_and_nothing_else() {
        let want = NaiveDate::from_ymd_opt(2027, 2, 20).unwrap();
        assert_eq!(parse_local("2027-02-20T21:05"), want.and_hms_opt(21, 5, 0));
        assert_eq!(
            parse_local("2027-02-20T21:05:09"),
            want.and_hms_opt(21, 5, 9)
        );
        assert_eq!(parse_date("2027-02-20"), Some(want));
        assert_eq!(parse_date("2027-02-20T"), None);
        for bad in [
            "",
            "2027-02-20",
            "2027-02-30T10:00",
            "2027-2-20T10:00",
            "2027-02-20T25:00",
            "2027-02-20T1:00",
            "x-02-20T10:00",
        ] {
            assert_eq!(parse_local(bad), None, "{bad}");
        }
    }
}
