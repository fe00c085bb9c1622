//! Numbers read from text without Rust's float parser, which costs the bundle more than the few
//! plain decimals the app reads (hours typed, Retry-After seconds, ISO 8601 durations).

/// A plain decimal, `4`, `1.5`, `2.128` (digits, at most one point; no sign, no exponent), read
/// without the float parser, which costs the bundle.
pub fn decimal(text: &str) -> Option<f64> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) || whole.len() > 15
    {
        return None;
    }
    let mut n = whole
        .bytes()
        .fold(0f64, |n, b| n * 10.0 + f64::from(b - b'0'));
    let mut scale = 1.0;
    for b in frac.bytes().take(9) {
        scale /= 10.0;
        n += f64::from(b - b'0') * scale;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_without_the_float_parser() {
        assert_eq!(decimal("4"), Some(4.0));
        assert_eq!(decimal("1.5"), Some(1.5));
        assert!((decimal("2.128").unwrap() - 2.128).abs() < 1e-9);
        assert_eq!(decimal(".5"), Some(0.5));
        assert_eq!(decimal("3."), Some(3.0));
        for bad in ["", ".", "-1", "1e3", "1.2.3", "x", " 1"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }
}
