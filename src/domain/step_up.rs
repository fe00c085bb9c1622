//! The Activate pane's sign-in decisions as a pure state machine: which authentication contexts to ask for before sending, and after Graph's answer whether to sign in again (a context it asked for, MFA) or show the results.
//!
//! The pane keeps [`SteppedUp`] in its draft across the redirect and carries out each [`Step`];
//! it decides nothing itself. A sign-in for the same thing is never asked for twice: the second
//! refusal is shown as it is.

use super::activation::{with_context, Outcome};
use std::borrow::Borrow;

/// What the pane already asked sign-in for on this attempt (kept across the redirect).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SteppedUp {
    #[default]
    Nothing,
    /// A step-up for this context, which Graph asked for though the settings did not name it.
    Context(String),
    /// A fresh sign-in with multi-factor authentication.
    Mfa,
}

impl SteppedUp {
    /// As the draft stores it: a context id, `mfa`, or nothing.
    pub fn from_draft(stored: Option<&str>) -> Self {
        match stored {
            None => SteppedUp::Nothing,
            Some("mfa") => SteppedUp::Mfa,
            Some(c) => SteppedUp::Context(c.to_owned()),
        }
    }

    pub fn to_draft(&self) -> Option<String> {
        match self {
            SteppedUp::Nothing => None,
            SteppedUp::Context(c) => Some(c.clone()),
            SteppedUp::Mfa => Some("mfa".into()),
        }
    }
}

/// What the pane does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Send the requests with the token of these contexts (`None`: the plain token).
    Send { acrs: Option<String> },
    /// Leave for a step-up sign-in for `acrs` (every context at once), keeping `remember`.
    StepUp { acrs: String, remember: SteppedUp },
    /// Leave for a fresh sign-in with MFA (and the contexts the requests need), keeping `remember`.
    SignInWithMfa {
        acrs: Option<String>,
        remember: SteppedUp,
    },
    /// Nothing more to ask of sign-in: show each role's outcome.
    Show,
}

/// Before sending: the contexts the settings name plus one Graph asked for on an earlier try;
/// without a token for them, the step-up comes first (proactive), so nothing is refused.
pub fn before(settings: Option<&str>, done: &SteppedUp, has_token: impl Fn(&str) -> bool) -> Step {
    let extra = match done {
        SteppedUp::Context(c) => Some(c.as_str()),
        _ => None,
    };
    match with_context(settings, extra) {
        Some(acrs) if !has_token(&acrs) => Step::StepUp {
            remember: done.clone(),
            acrs,
        },
        acrs => Step::Send { acrs },
    }
}

/// After Graph answered with `outcomes`, the requests having been sent with `acrs`: a context
/// Graph asked for anyway gets one step-up for it (reactive), MFA the sign-in lacked one fresh
/// sign-in; a second refusal for the same is shown.
pub fn after(outcomes: &[impl Borrow<Outcome>], acrs: Option<&str>, done: &SteppedUp) -> Step {
    let asked_for = outcomes.iter().find_map(|o| match o.borrow() {
        Outcome::NeedsContext(c) => Some(c.clone()),
        _ => None,
    });
    if let Some(c) = asked_for {
        if *done != SteppedUp::Context(c.clone()) {
            let all = with_context(acrs, Some(&c)).unwrap_or_else(|| c.clone());
            return Step::StepUp {
                acrs: all,
                remember: SteppedUp::Context(c),
            };
        }
    }
    let mfa = outcomes.iter().any(|o| *o.borrow() == Outcome::NeedsMfa);
    if mfa && *done != SteppedUp::Mfa {
        return Step::SignInWithMfa {
            acrs: acrs.map(str::to_owned),
            remember: SteppedUp::Mfa,
        };
    }
    Step::Show
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: SteppedUp = SteppedUp::Nothing;

    #[test]
    fn without_a_context_the_requests_go_with_the_plain_token() {
        assert_eq!(before(None, &NONE, |_| false), Step::Send { acrs: None });
    }

    #[test]
    fn a_context_the_settings_name_is_obtained_before_anything_is_sent() {
        let step = before(Some("c1"), &NONE, |_| false);
        assert_eq!(
            step,
            Step::StepUp {
                acrs: "c1".into(),
                remember: NONE
            }
        );
        let held = before(Some("c1"), &NONE, |a| a == "c1");
        assert_eq!(
            held,
            Step::Send {
                acrs: Some("c1".into())
            }
        );
    }

    #[test]
    fn a_context_graph_asked_for_earlier_joins_the_settings_ones() {
        let done = SteppedUp::Context("c2".into());
        assert_eq!(
            before(Some("c1"), &done, |_| false),
            Step::StepUp {
                acrs: "c1,c2".into(),
                remember: done.clone()
            }
        );
        assert_eq!(
            before(Some("c1"), &done, |a| a == "c1,c2"),
            Step::Send {
                acrs: Some("c1,c2".into())
            }
        );
        // MFA is no context: it adds nothing to the token asked for.
        assert_eq!(
            before(None, &SteppedUp::Mfa, |_| false),
            Step::Send { acrs: None }
        );
    }

    #[test]
    fn a_context_graph_asks_for_anyway_gets_one_step_up_with_every_context() {
        let outcomes = [Outcome::Active, Outcome::NeedsContext("c2".into())];
        assert_eq!(
            after(&outcomes, Some("c1"), &NONE),
            Step::StepUp {
                acrs: "c1,c2".into(),
                remember: SteppedUp::Context("c2".into())
            }
        );
        // Asked again for the same after stepping up for it: shown, not looped.
        let done = SteppedUp::Context("c2".into());
        assert_eq!(after(&outcomes, Some("c1,c2"), &done), Step::Show);
        // Another context after the first: one more step-up, for it.
        let other = [Outcome::NeedsContext("c3".into())];
        assert!(
            matches!(after(&other, Some("c1,c2"), &done), Step::StepUp { remember: SteppedUp::Context(c), .. } if c == "c3")
        );
    }

    #[test]
    fn mfa_the_sign_in_lacked_gets_one_fresh_sign_in() {
        let outcomes = [Outcome::NeedsMfa];
        assert_eq!(
            after(&outcomes, Some("c1"), &NONE),
            Step::SignInWithMfa {
                acrs: Some("c1".into()),
                remember: SteppedUp::Mfa
            }
        );
        assert_eq!(after(&outcomes, None, &SteppedUp::Mfa), Step::Show);
    }

    #[test]
    fn answers_that_need_no_sign_in_are_shown() {
        let outcomes = [
            Outcome::Active,
            Outcome::Pending,
            Outcome::Refused("Denied".into()),
        ];
        assert_eq!(after(&outcomes, None, &NONE), Step::Show);
        let nothing: [Outcome; 0] = [];
        assert_eq!(after(&nothing, None, &NONE), Step::Show);
    }

    #[test]
    fn the_draft_keeps_what_was_asked_for() {
        for s in [NONE, SteppedUp::Mfa, SteppedUp::Context("c1".into())] {
            assert_eq!(SteppedUp::from_draft(s.to_draft().as_deref()), s);
        }
    }
}
