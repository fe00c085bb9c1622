//! When to try a Graph call again: 429, 503 and 504, after `Retry-After` when the browser may read
//! it, otherwise after an exponential back-off with jitter; a capped number of times. A write that
//! may have been applied (5xx, dropped connection) is never resent: its outcome is unknown.

/// How hard to try.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_ms: u64,
    pub cap_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_ms: 500,
            cap_ms: 30_000,
        }
    }
}

/// Whether a status is worth retrying at all.
pub fn retryable(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` after `attempt` (1-based) failed with `status`, or
    /// `None` to give up. `jitter` is a random number in [0, 1).
    pub fn delay_ms(
        &self,
        status: u16,
        retry_after: Option<&str>,
        attempt: u32,
        jitter: f64,
    ) -> Option<u64> {
        if !retryable(status) || attempt >= self.max_attempts {
            return None;
        }
        // Graph sends seconds, sometimes fractional (2.128).
        if let Some(secs) = retry_after.and_then(|r| crate::number::decimal(r.trim())) {
            return Some(((secs * 1000.0) as u64).min(self.cap_ms));
        }
        let exp = self.base_ms.saturating_mul(1 << (attempt - 1).min(16));
        let full = exp.min(self.cap_ms);
        // Half fixed, half random: spreads clients out without waiting next to nothing.
        Some(full / 2 + ((full / 2) as f64 * jitter.clamp(0.0, 1.0)) as u64)
    }
}

/// How an attempt failed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Failure {
    /// Graph answered with this status.
    Status(u16),
    /// No answer: the connection broke or the network failed.
    Dropped,
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Next {
    /// Wait this long, then send the same request again.
    Wait(u64),
    /// Get a new token and send again, once (the token was refused).
    Refresh,
    /// Stop: the request may have been applied; read back what it changed instead of resending.
    Unknown,
    /// Stop and report the failure.
    GiveUp,
}

impl RetryPolicy {
    /// The next step after `attempt` (1-based) failed; `idempotent` says whether sending the
    /// request twice is harmless (GET, PUT, DELETE, a batch of those); `refreshed` whether the
    /// token was already renewed once for this call.
    pub fn next(
        &self,
        idempotent: bool,
        failure: Failure,
        retry_after: Option<&str>,
        attempt: u32,
        refreshed: bool,
        jitter: f64,
    ) -> Next {
        let status = match failure {
            Failure::Status(401) if !refreshed => return Next::Refresh,
            // A throttled request was refused before any work: safe to send again, whatever it is.
            Failure::Status(429) => 429,
            Failure::Status(s) if s >= 500 && !idempotent => return Next::Unknown,
            Failure::Dropped if !idempotent => return Next::Unknown,
            // A dropped connection is worth the same capped retries as a 503.
            Failure::Dropped => 503,
            Failure::Status(s) => s,
        };
        match self.delay_ms(status, retry_after, attempt, jitter) {
            Some(ms) => Next::Wait(ms),
            None => Next::GiveUp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_that_may_have_landed_are_never_resent() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.next(false, Failure::Status(504), None, 1, false, 0.0),
            Next::Unknown
        );
        assert_eq!(
            p.next(false, Failure::Status(500), None, 1, false, 0.0),
            Next::Unknown
        );
        assert_eq!(
            p.next(false, Failure::Dropped, None, 1, false, 0.0),
            Next::Unknown
        );
        assert_eq!(
            p.next(false, Failure::Status(429), Some("1"), 1, false, 0.0),
            Next::Wait(1000),
            "throttling refuses before doing anything"
        );
        assert_eq!(
            p.next(false, Failure::Status(400), None, 1, false, 0.0),
            Next::GiveUp
        );
    }

    #[test]
    fn reads_are_retried_and_a_refused_token_is_renewed_once() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.next(true, Failure::Dropped, None, 1, false, 0.0),
            Next::Wait(250)
        );
        assert_eq!(
            p.next(true, Failure::Status(504), None, 1, false, 0.0),
            Next::Wait(250)
        );
        assert_eq!(
            p.next(true, Failure::Status(504), None, 4, false, 0.0),
            Next::GiveUp
        );
        assert_eq!(
            p.next(true, Failure::Status(500), None, 1, false, 0.0),
            Next::GiveUp
        );
        assert_eq!(
            p.next(false, Failure::Status(401), None, 1, false, 0.0),
            Next::Refresh
        );
        assert_eq!(
            p.next(true, Failure::Status(401), None, 2, true, 0.0),
            Next::GiveUp
        );
    }

    #[test]
    fn honours_retry_after_and_caps_attempts() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(429, Some("2.128"), 1, 0.5), Some(2128));
        assert_eq!(p.delay_ms(429, Some("999"), 1, 0.5), Some(30_000));
        assert_eq!(p.delay_ms(429, Some("2"), 4, 0.5), None, "no fifth attempt");
        assert_eq!(p.delay_ms(400, None, 1, 0.5), None);
        assert_eq!(p.delay_ms(500, None, 1, 0.5), None);
    }

    #[test]
    fn backs_off_exponentially_with_jitter_when_retry_after_is_hidden() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(503, None, 1, 0.0), Some(250));
        assert_eq!(p.delay_ms(503, None, 1, 0.999), Some(499));
        assert_eq!(p.delay_ms(504, None, 3, 0.0), Some(1000));
        let big = RetryPolicy {
            max_attempts: 40,
            ..p
        };
        assert_eq!(big.delay_ms(429, None, 30, 0.0), Some(15_000), "capped");
        assert_eq!(
            p.delay_ms(429, Some("soon"), 1, 0.0),
            Some(250),
            "an unreadable header falls back"
        );
    }
}
