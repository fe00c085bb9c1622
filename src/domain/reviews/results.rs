//! A review's decisions read for people: who each person is to the group (eligible, active), the
//! progress, the words for decisions, what a reviewer changed and still owes, and the results CSV.

use crate::domain::audit::cell;
use crate::domain::wording::when;
use crate::graph::error::GraphError;
use crate::graph::model::{AccessReviewDecision, Page, ScheduleHolder};
use std::collections::{HashMap, HashSet};

/// The portal's words for a decision value (Graph's are PascalCase free strings).
pub fn decision_label(value: &str) -> &'static str {
    match value.to_ascii_lowercase().as_str() {
        "approve" => "Approved",
        "deny" => "Denied",
        "dontknow" => "Don't know",
        "notreviewed" | "" => "Not reviewed",
        _ => "Other",
    }
}

/// The recommendation in words.
pub fn recommendation_label(value: &str) -> &'static str {
    match value.to_ascii_lowercase().as_str() {
        "approve" => "Approve",
        "deny" => "Deny",
        _ => "No information",
    }
}

/// The decision a reviewer picks, as Graph writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Choice {
    Approve,
    Deny,
    DontKnow,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Approve, Choice::Deny, Choice::DontKnow];

    pub fn wire(self) -> &'static str {
        match self {
            Choice::Approve => "Approve",
            Choice::Deny => "Deny",
            Choice::DontKnow => "DontKnow",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Choice::Approve => "Approve",
            Choice::Deny => "Deny",
            Choice::DontKnow => "Don't know",
        }
    }

    pub fn of(value: &str) -> Option<Choice> {
        Choice::ALL
            .into_iter()
            .find(|c| c.wire().eq_ignore_ascii_case(value))
    }
}

/// Whether a person holds the group's membership through PIM now: Graph's decision items do not
/// say, so the group's eligibility and assignment schedules are joined by principal id. Someone in
/// neither is a member outside PIM, or has lost the membership since (a review applied).
pub fn membership(
    principal: &str,
    eligible: &HashSet<String>,
    active: &HashSet<String>,
) -> &'static str {
    match (eligible.contains(principal), active.contains(principal)) {
        (true, true) => "Eligible and active",
        (true, false) => "Eligible",
        (false, true) => "Active",
        (false, false) => "Not eligible or active",
    }
}

/// Who holds Member through PIM, eligible and active, from the group's two schedule lists; when
/// either could not be read, nobody is marked and the reason is given (never an empty answer
/// passed off as "nobody").
pub type Memberships = (HashSet<String>, HashSet<String>, Option<String>);

pub fn memberships(
    eligible: Result<Page<ScheduleHolder>, GraphError>,
    active: Result<Page<ScheduleHolder>, GraphError>,
) -> Memberships {
    let members = |p: Page<ScheduleHolder>| -> HashSet<String> {
        p.value
            .into_iter()
            .filter(|s| s.access_id.as_str() == "member")
            .map(|s| s.principal_id)
            .collect()
    };
    match (eligible, active) {
        (Ok(e), Ok(a)) => (members(e), members(a), None),
        (Err(err), _) | (_, Err(err)) => (
            HashSet::new(),
            HashSet::new(),
            Some(crate::domain::wording::unreadable(
                "whether each person is eligible or active",
                &err,
            )),
        ),
    }
}

/// One person as a reviewer sees them.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub decision_id: String,
    pub principal_id: String,
    pub name: String,
    pub upn: String,
    pub membership: &'static str,
    pub last_sign_in: String,
    pub recommendation: &'static str,
    /// The decision recorded so far (`NotReviewed` when none).
    pub decided: Option<Choice>,
    pub reason: String,
    pub reviewed_by: String,
}

/// The people of an instance, by name.
pub fn people(
    items: &[AccessReviewDecision],
    eligible: &HashSet<String>,
    active: &HashSet<String>,
) -> Vec<Person> {
    let mut out: Vec<Person> = items
        .iter()
        .map(|d| {
            let p = d.principal.clone().unwrap_or_default();
            let id = p.id.unwrap_or_default();
            Person {
                decision_id: d.id.clone(),
                membership: membership(&id, eligible, active),
                name: p
                    .display_name
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id.clone()),
                upn: p.user_principal_name.unwrap_or_default(),
                principal_id: id,
                last_sign_in: d
                    .insights
                    .iter()
                    .find_map(|i| i.last_sign_in_date_time.as_deref())
                    .map_or_else(|| "Never or unknown".to_owned(), when),
                recommendation: recommendation_label(d.recommendation.as_deref().unwrap_or("")),
                decided: d.decision.as_deref().and_then(Choice::of),
                reason: d.justification.clone().unwrap_or_default(),
                reviewed_by: d
                    .reviewed_by
                    .as_ref()
                    .and_then(|r| r.display_name.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by_key(|p| p.name.to_lowercase());
    out
}

/// What the reviewer set on the page and has not submitted: decision id → (choice, reason).
pub type Pending = HashMap<String, (Option<Choice>, String)>;

/// The decisions to send: those whose choice or reason differ from what is recorded.
pub fn changes(people: &[Person], pending: &Pending) -> Vec<(String, Choice, String)> {
    people
        .iter()
        .filter_map(|p| {
            let (choice, reason) = pending.get(&p.decision_id)?;
            let choice = (*choice)?;
            (Some(choice) != p.decided || reason.trim() != p.reason)
                .then(|| (p.decision_id.clone(), choice, reason.trim().to_owned()))
        })
        .collect()
}

/// The names of people decided without the reason the review requires.
pub fn missing_reasons(people: &[Person], changes: &[(String, Choice, String)]) -> Vec<String> {
    changes
        .iter()
        .filter(|(_, _, reason)| reason.is_empty())
        .filter_map(|(id, _, _)| {
            people
                .iter()
                .find(|p| &p.decision_id == id)
                .map(|p| p.name.clone())
        })
        .collect()
}

/// Progress of an instance: reviewed out of all, and how many of each decision.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub approved: usize,
    pub denied: usize,
    pub dont_know: usize,
}

impl Progress {
    pub fn reviewed(&self) -> usize {
        self.approved + self.denied + self.dont_know
    }

    /// `2 of 3 reviewed: 1 approved, 1 denied, 0 don't know`.
    pub fn sentence(&self) -> String {
        format!(
            "{} of {} reviewed: {} approved, {} denied, {} don't know",
            self.reviewed(),
            self.total,
            self.approved,
            self.denied,
            self.dont_know
        )
    }
}

pub fn progress(items: &[AccessReviewDecision]) -> Progress {
    let mut p = Progress {
        total: items.len(),
        ..Progress::default()
    };
    for d in items {
        match d.decision.as_deref().and_then(Choice::of) {
            Some(Choice::Approve) => p.approved += 1,
            Some(Choice::Deny) => p.denied += 1,
            Some(Choice::DontKnow) => p.dont_know += 1,
            None => {}
        }
    }
    p
}

/// The results file: one row per decision with reviewer, decision, reason and date.
pub fn csv(items: &[AccessReviewDecision]) -> String {
    let mut out = String::from(
        "Principal,User principal name,Decision,Reason,Reviewed by,Reviewed on,Recommendation,Apply result\r\n",
    );
    for d in items {
        let p = d.principal.clone().unwrap_or_default();
        let by = d.reviewed_by.clone().unwrap_or_default();
        let fields = [
            p.display_name.unwrap_or_default(),
            p.user_principal_name.unwrap_or_default(),
            decision_label(d.decision.as_deref().unwrap_or("")).to_owned(),
            d.justification.clone().unwrap_or_default(),
            by.display_name.unwrap_or_default(),
            d.reviewed_date_time
                .as_deref()
                .map(when)
                .unwrap_or_default(),
            recommendation_label(d.recommendation.as_deref().unwrap_or("")).to_owned(),
            d.apply_result.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}
