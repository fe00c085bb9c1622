//! The New access review form in the portal's words, its checks before anything is sent, and the
//! `accessReviewScheduleDefinition` it becomes (and comes back from, to edit a series).

pub mod landed;
pub mod put;
pub mod results;

use crate::graph::access_reviews::group_scope_query;
use crate::graph::model::AccessReviewScheduleDefinition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Who is reviewed in each group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Users {
    #[default]
    All,
    GuestsOnly,
}

/// Who reviews.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reviewers {
    #[default]
    Owners,
    Selected,
    SelfReview,
    Managers,
}

impl Reviewers {
    pub const ALL: [Reviewers; 4] = [
        Reviewers::Owners,
        Reviewers::Selected,
        Reviewers::SelfReview,
        Reviewers::Managers,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Reviewers::Owners => "Group owner(s)",
            Reviewers::Selected => "Selected users or groups",
            Reviewers::SelfReview => "Users review their own access",
            Reviewers::Managers => "Managers of users",
        }
    }

    /// Whether fallback reviewers are asked for: when the primary ones may not exist.
    pub fn has_fallback(self) -> bool {
        matches!(self, Reviewers::Owners | Reviewers::Managers)
    }
}

/// How often a review recurs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    #[default]
    OneTime,
    Weekly,
    Monthly,
    Quarterly,
    SemiAnnually,
    Annually,
}

impl Frequency {
    pub const ALL: [Frequency; 6] = [
        Frequency::OneTime,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::SemiAnnually,
        Frequency::Annually,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Frequency::OneTime => "One time",
            Frequency::Weekly => "Weekly",
            Frequency::Monthly => "Monthly",
            Frequency::Quarterly => "Quarterly",
            Frequency::SemiAnnually => "Semi-annually",
            Frequency::Annually => "Annually",
        }
    }

    /// Graph's pattern: type and interval (months for all but weekly).
    fn pattern(self) -> Option<(&'static str, i64)> {
        match self {
            Frequency::OneTime => None,
            Frequency::Weekly => Some(("weekly", 1)),
            Frequency::Monthly => Some(("absoluteMonthly", 1)),
            Frequency::Quarterly => Some(("absoluteMonthly", 3)),
            Frequency::SemiAnnually => Some(("absoluteMonthly", 6)),
            Frequency::Annually => Some(("absoluteMonthly", 12)),
        }
    }

    /// The longest an instance may run: it must end before the next one starts.
    pub fn max_days(self) -> u32 {
        match self {
            Frequency::OneTime => 180,
            Frequency::Weekly => 7,
            Frequency::Monthly => 30,
            Frequency::Quarterly => 90,
            Frequency::SemiAnnually => 180,
            Frequency::Annually => 365,
        }
    }
}

/// How a series ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum End {
    #[default]
    Never,
    OnDate,
    AfterOccurrences,
}

/// "If reviewers don't respond".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoResponse {
    #[default]
    NoChange,
    RemoveAccess,
    ApproveAccess,
    TakeRecommendations,
}

impl NoResponse {
    pub const ALL: [NoResponse; 4] = [
        NoResponse::NoChange,
        NoResponse::RemoveAccess,
        NoResponse::ApproveAccess,
        NoResponse::TakeRecommendations,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NoResponse::NoChange => "No change",
            NoResponse::RemoveAccess => "Remove access",
            NoResponse::ApproveAccess => "Approve access",
            NoResponse::TakeRecommendations => "Take recommendations",
        }
    }

    fn decision(self) -> Option<&'static str> {
        match self {
            NoResponse::NoChange => None,
            NoResponse::RemoveAccess => Some("Deny"),
            NoResponse::ApproveAccess => Some("Approve"),
            NoResponse::TakeRecommendations => Some("Recommendation"),
        }
    }
}

/// Someone chosen in a picker: id and name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chosen {
    pub id: String,
    pub name: String,
    pub is_group: bool,
}

/// Everything the New access review form holds, as typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub name: String,
    pub description: String,
    pub groups: Vec<Chosen>,
    pub users: Users,
    pub inactive_only: bool,
    pub inactive_days: String,
    pub reviewers: Reviewers,
    pub selected: Vec<Chosen>,
    pub fallback: Vec<Chosen>,
    pub frequency: Frequency,
    pub duration_days: String,
    pub start_date: String,
    pub end: End,
    pub end_date: String,
    pub occurrences: String,
    pub auto_apply: bool,
    pub no_response: NoResponse,
    pub justification_required: bool,
    pub recommendations: bool,
    pub mail: bool,
    pub reminders: bool,
    pub reviewer_content: String,
}

impl Default for ReviewForm {
    /// The portal's defaults: mail, reminders, recommendations and justification on.
    fn default() -> Self {
        ReviewForm {
            name: String::new(),
            description: String::new(),
            groups: vec![],
            users: Users::All,
            inactive_only: false,
            inactive_days: "30".into(),
            reviewers: Reviewers::Owners,
            selected: vec![],
            fallback: vec![],
            frequency: Frequency::OneTime,
            duration_days: "3".into(),
            start_date: String::new(),
            end: End::Never,
            end_date: String::new(),
            occurrences: "4".into(),
            auto_apply: false,
            no_response: NoResponse::NoChange,
            justification_required: true,
            recommendations: true,
            mail: true,
            reminders: true,
            reviewer_content: String::new(),
        }
    }
}

/// A problem with one field: its control's id and the sentence shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> Problem {
    Problem {
        field,
        message: message.into(),
    }
}

fn whole(s: &str) -> Option<u32> {
    s.trim().parse::<u32>().ok()
}

/// Every problem, before anything is sent. `today` is the reviewer's date.
pub fn validate(f: &ReviewForm, today: NaiveDate, pim_groups: bool) -> Vec<Problem> {
    let mut out = vec![];
    if f.name.trim().is_empty() {
        out.push(problem("review-name", "Give the review a name."));
    }
    if f.groups.is_empty() {
        out.push(problem(
            "review-groups",
            "Select at least one group to review.",
        ));
    }
    if f.inactive_only && !whole(&f.inactive_days).is_some_and(|d| (1..=730).contains(&d)) {
        out.push(problem(
            "review-inactive-days",
            "Inactive for how many days: a whole number from 1 to 730.",
        ));
    }
    if f.reviewers == Reviewers::Selected && f.selected.is_empty() {
        out.push(problem("review-selected", "Select at least one reviewer."));
    }
    if f.reviewers == Reviewers::Owners && pim_groups && f.fallback.is_empty() {
        out.push(problem(
            "review-fallback",
            "Add a fallback reviewer: in a review of a group managed by PIM only active owners review, and the fallback reviewers are asked when the group has none.",
        ));
    }
    let max = f.frequency.max_days();
    match whole(&f.duration_days) {
        Some(d) if (1..=max).contains(&d) => {}
        _ => out.push(problem(
            "review-duration",
            format!(
                "Duration (in days): a whole number from 1 to {max}, so that a review ends before the next one starts."
            ),
        )),
    }
    let start = crate::domain::stamp::parse_date(&f.start_date);
    match start {
        Some(s) if s >= today => {}
        Some(_) => out.push(problem(
            "review-start",
            "The start date can't be in the past.",
        )),
        None => out.push(problem("review-start", "Choose a start date.")),
    }
    if f.frequency != Frequency::OneTime {
        match f.end {
            End::OnDate => match crate::domain::stamp::parse_date(&f.end_date) {
                Some(e) if start.is_none_or(|s| e > s) => {}
                Some(_) => out.push(problem(
                    "review-end-date",
                    "The end date must be after the start date.",
                )),
                None => out.push(problem(
                    "review-end-date",
                    "Choose the date the series ends.",
                )),
            },
            End::AfterOccurrences if whole(&f.occurrences).is_none_or(|n| n < 1) => {
                out.push(problem(
                    "review-occurrences",
                    "Number of occurrences: a whole number of at least 1.",
                ))
            }
            _ => {}
        }
    }
    out
}

fn scope(query: String) -> Value {
    json!({"query": query, "queryType": "MicrosoftGraph"})
}

fn reviewer_scopes(chosen: &[Chosen]) -> Vec<Value> {
    chosen
        .iter()
        .map(|c| {
            let seg = crate::graph::request::segment(&c.id);
            scope(if c.is_group {
                format!("/groups/{seg}/transitiveMembers")
            } else {
                format!("/users/{seg}")
            })
        })
        .collect()
}

/// The definition for one of the form's groups (one review per group: each is then found by its
/// group's scope query, as Graph documents). Call only when `validate` found nothing.
pub fn definition(f: &ReviewForm, group: &Chosen) -> Value {
    let mut query = group_scope_query(&group.id);
    if f.users == Users::GuestsOnly {
        query.push_str("/?$filter=(userType eq 'Guest')");
    }
    let mut review_scope = scope(query);
    review_scope["@odata.type"] = json!("#microsoft.graph.accessReviewQueryScope");
    if f.inactive_only {
        review_scope["@odata.type"] = json!("#microsoft.graph.accessReviewInactiveUsersQueryScope");
        review_scope["inactiveDuration"] =
            json!(format!("P{}D", whole(&f.inactive_days).unwrap_or(30)));
    }
    let seg = crate::graph::request::segment(&group.id);
    let reviewers: Vec<Value> = match f.reviewers {
        Reviewers::Owners => vec![scope(format!("/groups/{seg}/owners"))],
        Reviewers::Selected => reviewer_scopes(&f.selected),
        Reviewers::SelfReview => vec![],
        Reviewers::Managers => {
            vec![
                json!({"query": "./manager", "queryType": "MicrosoftGraph", "queryRoot": "decisions"}),
            ]
        }
    };
    let fallback = if f.reviewers.has_fallback() {
        reviewer_scopes(&f.fallback)
    } else {
        vec![]
    };
    let start = crate::domain::stamp::parse_date(&f.start_date).unwrap_or_default();
    let date = crate::domain::stamp::ymd;
    let recurrence = match f.frequency.pattern() {
        None => json!({"pattern": null, "range": {"type": "numbered", "numberOfOccurrences": 0,
            "startDate": date(start), "endDate": date(start)}}),
        Some((kind, interval)) => {
            let range = match f.end {
                End::Never => json!({"type": "noEnd", "startDate": date(start)}),
                End::OnDate => json!({"type": "endDate", "startDate": date(start),
                    "endDate": f.end_date.trim()}),
                End::AfterOccurrences => json!({"type": "numbered", "startDate": date(start),
                    "numberOfOccurrences": whole(&f.occurrences).unwrap_or(1)}),
            };
            json!({"pattern": {"type": kind, "interval": interval, "dayOfMonth": 0}, "range": range})
        }
    };
    let default = f.no_response.decision();
    let description = if f.description.trim().is_empty() {
        format!("Review of the members of {}", group.name)
    } else {
        f.description.trim().to_owned()
    };
    json!({
        "displayName": f.name.trim(),
        "descriptionForAdmins": description,
        "descriptionForReviewers": f.reviewer_content.trim(),
        "scope": review_scope,
        "reviewers": reviewers,
        "fallbackReviewers": fallback,
        "settings": {
            "mailNotificationsEnabled": f.mail,
            "reminderNotificationsEnabled": f.reminders,
            "justificationRequiredOnApproval": f.justification_required,
            "defaultDecisionEnabled": default.is_some(),
            "defaultDecision": default.unwrap_or("None"),
            "instanceDurationInDays": whole(&f.duration_days).unwrap_or(1),
            "autoApplyDecisionsEnabled": f.auto_apply,
            "recommendationsEnabled": f.recommendations,
            "recurrence": recurrence,
        },
    })
}

/// The warning the portal shows: with auto-apply, a default of Remove access (or the
/// recommendations) can take everyone's access away if nobody answers.
pub fn mass_removal_risk(f: &ReviewForm) -> bool {
    f.auto_apply
        && matches!(
            f.no_response,
            NoResponse::RemoveAccess | NoResponse::TakeRecommendations
        )
}

/// How often a definition recurs, in the form's words.
pub fn frequency_of(d: &AccessReviewScheduleDefinition) -> Frequency {
    let pattern = d
        .settings
        .as_ref()
        .and_then(|s| s.recurrence.as_ref())
        .and_then(|r| r.pattern.clone())
        .unwrap_or_default();
    match (pattern.kind.as_deref(), pattern.interval.unwrap_or(1)) {
        (Some("weekly"), _) => Frequency::Weekly,
        (Some("absoluteMonthly"), 3) => Frequency::Quarterly,
        (Some("absoluteMonthly"), 6) => Frequency::SemiAnnually,
        (Some("absoluteMonthly"), 12) => Frequency::Annually,
        (Some("absoluteMonthly"), _) => Frequency::Monthly,
        _ => Frequency::OneTime,
    }
}

/// The form a definition was made from, to edit the series (the group and scope stay).
pub fn form_of(
    d: &AccessReviewScheduleDefinition,
    group: Chosen,
    names: &dyn Fn(&str) -> String,
) -> ReviewForm {
    let s = d.settings.clone().unwrap_or_default();
    let query = d
        .scope
        .as_ref()
        .and_then(|s| s.query.clone())
        .unwrap_or_default();
    let range = s
        .recurrence
        .clone()
        .and_then(|r| r.range)
        .unwrap_or_default();
    let frequency = frequency_of(d);
    let chosen = |scopes: &[crate::graph::model::ReviewerScope]| -> Vec<Chosen> {
        scopes
            .iter()
            .filter_map(|r| r.query.as_deref())
            .filter_map(|q| {
                let (id, is_group) = match q.strip_prefix("/users/") {
                    Some(id) => (id, false),
                    None => (q.strip_prefix("/groups/")?.split('/').next()?, true),
                };
                Some(Chosen {
                    id: id.to_owned(),
                    name: names(id),
                    is_group,
                })
            })
            .collect()
    };
    let owners = d
        .reviewers
        .iter()
        .any(|r| r.query.as_deref().is_some_and(|q| q.ends_with("/owners")));
    let managers = d
        .reviewers
        .iter()
        .any(|r| r.query.as_deref() == Some("./manager"));
    let reviewers = match (owners, managers, d.reviewers.is_empty()) {
        (true, _, _) => Reviewers::Owners,
        (_, true, _) => Reviewers::Managers,
        (_, _, true) => Reviewers::SelfReview,
        _ => Reviewers::Selected,
    };
    let no_response = match (s.default_decision_enabled, s.default_decision.as_deref()) {
        (true, Some("Deny")) => NoResponse::RemoveAccess,
        (true, Some("Approve")) => NoResponse::ApproveAccess,
        (true, Some("Recommendation")) => NoResponse::TakeRecommendations,
        _ => NoResponse::NoChange,
    };
    let inactive = d.scope.as_ref().and_then(|s| s.inactive_duration.clone());
    ReviewForm {
        name: d.display_name.clone().unwrap_or_default(),
        description: d.description_for_admins.clone().unwrap_or_default(),
        groups: vec![group],
        users: if query.contains("userType eq 'Guest'") {
            Users::GuestsOnly
        } else {
            Users::All
        },
        inactive_only: inactive.is_some(),
        inactive_days: inactive
            .map(|i| i.trim_start_matches('P').trim_end_matches('D').to_owned())
            .unwrap_or_else(|| "30".into()),
        reviewers,
        selected: if reviewers == Reviewers::Selected {
            chosen(&d.reviewers)
        } else {
            vec![]
        },
        fallback: chosen(&d.fallback_reviewers),
        frequency,
        duration_days: s.instance_duration_in_days.max(1).to_string(),
        start_date: range
            .start_date
            .clone()
            .unwrap_or_default()
            .chars()
            .take(10)
            .collect(),
        end: match range.kind.as_deref() {
            Some("endDate") => End::OnDate,
            Some("numbered")
                if frequency != Frequency::OneTime
                    && range.number_of_occurrences.unwrap_or(0) > 0 =>
            {
                End::AfterOccurrences
            }
            _ => End::Never,
        },
        end_date: range
            .end_date
            .unwrap_or_default()
            .chars()
            .take(10)
            .collect(),
        occurrences: range
            .number_of_occurrences
            .filter(|n| *n > 0)
            .map_or_else(|| ReviewForm::default().occurrences, |n| n.to_string()),
        auto_apply: s.auto_apply_decisions_enabled,
        no_response,
        justification_required: s.justification_required_on_approval,
        recommendations: s.recommendations_enabled,
        mail: s.mail_notifications_enabled,
        reminders: s.reminder_notifications_enabled,
        reviewer_content: d.description_for_reviewers.clone().unwrap_or_default(),
    }
}

/// The group a review's scope names (`/groups/{id}/transitiveMembers`), if any.
pub fn group_of(d: &AccessReviewScheduleDefinition) -> Option<String> {
    group_in(d.scope.as_ref())
}

/// The group a review's scope query is of (`/groups/{id}/...`).
pub fn group_in(scope: Option<&crate::graph::model::ReviewScope>) -> Option<String> {
    let q = scope?.query.as_deref()?;
    let rest = q.trim_start_matches("/v1.0").strip_prefix("/groups/")?;
    rest.split('/')
        .next()
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

/// Who reviews, in words, for the list of reviews.
pub fn reviewers_text(d: &AccessReviewScheduleDefinition) -> &'static str {
    let qs: Vec<&str> = d
        .reviewers
        .iter()
        .filter_map(|r| r.query.as_deref())
        .collect();
    if qs.is_empty() {
        Reviewers::SelfReview.label()
    } else if qs.iter().any(|q| q.ends_with("/owners")) {
        Reviewers::Owners.label()
    } else if qs.contains(&"./manager") {
        Reviewers::Managers.label()
    } else {
        Reviewers::Selected.label()
    }
}

#[cfg(test)]
mod tests;
