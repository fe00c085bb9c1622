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

/// The number written in `text[range]`, all of it ASCII digits.
fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    part.bytes().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// Reads an RFC 3339 instant as Graph writes it, `2027-02-20T21:05:09Z`, with or without a
/// fraction of a second and with `Z` or an offset (`+01:00`), as chrono's `parse_from_rfc3339`
/// does, whose general parser costs the bundle more than these fixed positions.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied();
    if at(4) != Some(b'-')
        || at(7) != Some(b'-')
        || !matches!(at(10), Some(b'T' | b't' | b' '))
        || at(13) != Some(b':')
        || at(16) != Some(b':')
    {
        return None;
    }
    let year = i32::try_from(digits(s, 0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(s, 5..7)?, digits(s, 8..10)?)?;
    let mut t = date.and_hms_opt(digits(s, 11..13)?, digits(s, 14..16)?, digits(s, 17..19)?)?;
    let mut rest = &s[19..];
    if let Some(f) = rest.strip_prefix('.') {
        let n = f.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        // Nanoseconds: the first nine digits, padded with zeros.
        let nanos = f
            .bytes()
            .take(n.min(9))
            .chain(std::iter::repeat(b'0'))
            .take(9);
        t += chrono::Duration::nanoseconds(nanos.fold(0, |x, c| x * 10 + i64::from(c - b'0')));
        rest = &f[n..];
    }
    let offset = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (digits(rest, 1..3)?, digits(rest, 4..6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = i64::from(h * 60 + m);
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    Some((t - chrono::Duration::minutes(offset)).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_read_as_chrono_reads_them() {
        let cases = [
            "2027-02-20T21:05:09Z",
            "2027-02-20t21:05:09z",
            "2027-02-20 21:05:09Z",
            "2027-02-20T21:05:09.5Z",
            "2027-02-20T21:05:09.1234567Z",
            "2027-02-20T21:05:09.123456789123Z",
            "2027-02-20T21:05:09+01:00",
            "2027-02-20T21:05:09.25-05:30",
            "2027-12-31T23:30:00-01:00",
            "2028-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ];
        for c in cases {
            let chrono = DateTime::parse_from_rfc3339(c).unwrap().with_timezone(&Utc);
            assert_eq!(parse_instant(c), Some(chrono), "{c}");
        }
        let refused = [
            "",
            "2027-02-20",
            "2027-02-20T21:05Z",
            "2027-02-20T21:05:09",
            "2027-02-20T21:05:09.Z",
            "2027-02-20T21:05:09.x1Z",
            "2027-02-30T21:05:09Z",
            "2027-02-20T24:05:09Z",
            "2027-02-20T21:05:09+1:00",
            "2027-02-20T21:05:09+24:00",
            "27-02-20T21:05:09Z",
            "2027-02-20T21:05:09ZZ",
            "next tuesday",
        ];
        for c in refused {
            assert!(DateTime::parse_from_rfc3339(c).is_err(), "chrono reads {c}");
            assert_eq!(parse_instant(c), None, "{c}");
        }
    }

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
