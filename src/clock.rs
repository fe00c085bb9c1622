//! Service time: this browser's clock corrected by its difference from Entra's, estimated once per
//! sign-in, so "active", "expired" and "time left" agree with Graph however wrong the clock is.

use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// Seconds to add to this browser's clock to get the service's.
static OFFSET_SECS: AtomicI64 = AtomicI64::new(0);

/// A difference this small is the time a token takes to arrive, not a wrong clock.
pub const NOISE_SECS: i64 = 5;

/// Entra's time now, as well as this browser can tell.
pub fn service_now() -> DateTime<Utc> {
    Utc::now() + Duration::seconds(offset_secs())
}

pub fn offset_secs() -> i64 {
    OFFSET_SECS.load(Ordering::Relaxed)
}

pub fn set_offset_secs(secs: i64) {
    OFFSET_SECS.store(secs, Ordering::Relaxed);
}

/// The offset a token says: it was issued (`iat`, service time) at about `received` (this
/// browser's time, seconds). Small differences are noise and count as none.
pub fn estimate(issued_at: i64, received: i64) -> i64 {
    let d = issued_at - received;
    if d.abs() <= NOISE_SECS {
        0
    } else {
        d
    }
}

/// How a difference reads: "65 minutes behind", "2 minutes ahead".
pub fn describe(offset_secs: i64) -> String {
    // To the nearest minute: the estimate is a second short on purpose (it never runs ahead).
    let mins = (offset_secs.abs() + 30) / 60;
    let secs = offset_secs.abs();
    let amount = if offset_secs.abs() < 60 {
        format!("{secs} seconds")
    } else if mins == 1 {
        "1 minute".into()
    } else {
        format!("{mins} minutes")
    };
    // A positive offset: the service is ahead, so this browser is behind.
    let side = if offset_secs > 0 {
        "behind"
    } else {
        "ahead of"
    };
    format!("This browser's clock is {amount} {side} the service's")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_a_few_seconds_old_is_no_skew_but_an_hour_is() {
        assert_eq!(estimate(1_000, 1_003), 0);
        assert_eq!(estimate(1_000 + 3_900, 1_000), 3_900);
        assert_eq!(estimate(1_000, 1_000 + 120), -120);
        assert_eq!(
            describe(3_900),
            "This browser's clock is 65 minutes behind the service's"
        );
        assert_eq!(
            describe(3_899),
            "This browser's clock is 65 minutes behind the service's"
        );
        assert_eq!(
            describe(-60),
            "This browser's clock is 1 minute ahead of the service's"
        );
    }

    #[test]
    fn service_time_moves_with_the_offset() {
        set_offset_secs(3_600);
        let d = service_now() - Utc::now();
        assert!((3_599..=3_601).contains(&d.num_seconds()));
        set_offset_secs(0);
    }
}
