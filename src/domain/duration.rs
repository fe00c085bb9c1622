//! ISO-8601 durations as PIM uses them (`PT8H`, `PT1H30M`, `P180D`): minutes in, text out.

/// Minutes in a duration of weeks, days, hours, minutes and seconds; months and years are refused,
/// as PIM refuses them.
pub fn minutes(iso: &str) -> Option<u32> {
    let s = iso.trim().to_ascii_uppercase();
    let rest = s.strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    if rest.is_empty() || rest == "T" {
        return None;
    }
    let mut total = 0f64;
    let mut num = String::new();
    for (part, in_time) in [(date, false), (time, true)] {
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let n = crate::number::decimal(&num)?;
            num.clear();
            total += match (c, in_time) {
                ('W', false) => n * 10_080.0,
                ('D', false) => n * 1_440.0,
                ('H', true) => n * 60.0,
                ('M', true) => n,
                ('S', true) => n / 60.0,
                _ => return None,
            };
        }
    }
    num.is_empty().then_some(total.round() as u32)
}

/// Writes minutes the way Graph does: whole days as `P{n}D`, else `PT{h}H{m}M`.
pub fn iso(minutes: u32) -> String {
    if minutes > 0 && minutes.is_multiple_of(1_440) {
        return format!("P{}D", minutes / 1_440);
    }
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_pims_durations() {
        for (s, m) in [
            ("PT8H", 480),
            ("PT1H30M", 90),
            ("P180D", 259_200),
            ("PT30M", 30),
            ("P1DT2H", 1_560),
        ] {
            assert_eq!(minutes(s), Some(m), "{s}");
        }
        assert_eq!(iso(480), "PT8H");
        assert_eq!(iso(90), "PT1H30M");
        assert_eq!(iso(259_200), "P180D");
        assert_eq!(iso(30), "PT30M");
        assert_eq!(minutes("P6M"), None);
        assert_eq!(minutes("P"), None);
        assert_eq!(minutes("8 hours"), None);
    }
}
