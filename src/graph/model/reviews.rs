//! Access review resources: `accessReviewScheduleDefinition`, `accessReviewInstance`,
//! `accessReviewInstanceDecisionItem`, `accessReviewReviewer`. Statuses and decisions are free
//! strings in Graph's schema (PascalCase), kept as strings and compared without regard to case.

use super::null_as_empty;
use serde::Deserialize;

/// `accessReviewReviewerScope`: a query naming reviewers (`/users/{id}`, `/groups/{id}/owners`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewerScope {
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub query_root: Option<String>,
}

/// `accessReviewScope` as a query (`accessReviewQueryScope`, or the inactive-users one).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewScope {
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub inactive_duration: Option<String>,
}

/// `userIdentity`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIdentity {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
}

/// `recurrencePattern` (only `type` and `interval` matter to reviews).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecurrencePattern {
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub interval: Option<i64>,
}

/// `recurrenceRange`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecurrenceRange {
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub start_date: Option<String>,
    #[serde(default)]
    pub end_date: Option<String>,
    #[serde(default)]
    pub number_of_occurrences: Option<i64>,
}

/// `patternedRecurrence`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Recurrence {
    #[serde(default)]
    pub pattern: Option<RecurrencePattern>,
    #[serde(default)]
    pub range: Option<RecurrenceRange>,
}

/// `accessReviewScheduleSettings`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReviewSettings {
    pub mail_notifications_enabled: bool,
    pub reminder_notifications_enabled: bool,
    pub justification_required_on_approval: bool,
    pub default_decision_enabled: bool,
    pub default_decision: Option<String>,
    pub instance_duration_in_days: i64,
    pub auto_apply_decisions_enabled: bool,
    pub recommendations_enabled: bool,
    pub recurrence: Option<Recurrence>,
}

/// `accessReviewScheduleDefinition`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewScheduleDefinition {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description_for_admins: Option<String>,
    #[serde(default)]
    pub description_for_reviewers: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub created_date_time: Option<String>,
    #[serde(default)]
    pub created_by: Option<UserIdentity>,
    #[serde(default)]
    pub scope: Option<ReviewScope>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub reviewers: Vec<ReviewerScope>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub fallback_reviewers: Vec<ReviewerScope>,
    #[serde(default)]
    pub settings: Option<ReviewSettings>,
}

/// What the reviewer's page reads of an `accessReviewScheduleDefinition`: the whole type's decoder
/// was the largest function of the module a review email opens, for four of its fields.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DefinitionForReviewers {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description_for_reviewers: Option<String>,
    #[serde(default)]
    pub scope: Option<ReviewScope>,
    #[serde(default)]
    pub settings: Option<ReasonSetting>,
}

/// The one setting a reviewer's page needs of `accessReviewScheduleSettings`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReasonSetting {
    pub justification_required_on_approval: bool,
}

/// `accessReviewInstance`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewInstance {
    pub id: String,
    #[serde(default)]
    pub start_date_time: Option<String>,
    #[serde(default)]
    pub end_date_time: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// A `governanceInsight`; the last sign-in is `userSignInInsight`'s.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Insight {
    #[serde(default)]
    pub last_sign_in_date_time: Option<String>,
}

/// `accessReviewInstanceDecisionItemResource`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionResource {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `accessReviewInstanceDecisionItem`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewDecision {
    pub id: String,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub justification: Option<String>,
    #[serde(default)]
    pub recommendation: Option<String>,
    #[serde(default)]
    pub apply_result: Option<String>,
    #[serde(default)]
    pub reviewed_date_time: Option<String>,
    #[serde(default)]
    pub reviewed_by: Option<UserIdentity>,
    #[serde(default)]
    pub principal: Option<UserIdentity>,
    #[serde(default)]
    pub resource: Option<DecisionResource>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub insights: Vec<Insight>,
}

/// `accessReviewReviewer`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReviewReviewer {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
}
