use super::results::*;
use super::*;
use crate::graph::model::{AccessReviewDecision, AccessReviewScheduleDefinition};
use std::collections::HashSet;

fn day(s: &str) -> NaiveDate {
    crate::domain::stamp::parse_date(s).unwrap()
}

fn helpdesk() -> Chosen {
    Chosen {
        id: "g-1".into(),
        name: "Helpdesk Admin-Group".into(),
        is_group: true,
    }
}

fn megan() -> Chosen {
    Chosen {
        id: "u-megan".into(),
        name: "Megan Bowen".into(),
        is_group: false,
    }
}

fn s7() -> ReviewForm {
    ReviewForm {
        name: "Helpdesk quarterly review".into(),
        groups: vec![helpdesk()],
        fallback: vec![megan()],
        start_date: "2026-12-03".into(),
        auto_apply: true,
        ..ReviewForm::default()
    }
}

fn fields(p: &[Problem]) -> Vec<&str> {
    p.iter().map(|p| p.field).collect()
}

#[test]
fn owners_of_a_pim_group_need_a_fallback_before_anything_is_sent() {
    let mut f = s7();
    assert!(validate(&f, day("2026-12-03"), true).is_empty());
    f.fallback.clear();
    let p = validate(&f, day("2026-12-03"), true);
    assert_eq!(fields(&p), ["review-fallback"]);
    assert!(p[0].message.contains("only active owners review"));
    assert!(
        validate(&f, day("2026-12-03"), false).is_empty(),
        "an ordinary group's owners need none"
    );
    f.reviewers = Reviewers::SelfReview;
    assert!(validate(&f, day("2026-12-03"), true).is_empty());
}

#[test]
fn the_duration_fits_the_recurrence_and_dates_are_not_in_the_past() {
    let mut f = s7();
    f.frequency = Frequency::Weekly;
    f.duration_days = "8".into();
    assert_eq!(
        fields(&validate(&f, day("2026-12-03"), true)),
        ["review-duration"]
    );
    f.duration_days = "7".into();
    f.start_date = "2026-12-02".into();
    assert_eq!(
        fields(&validate(&f, day("2026-12-03"), true)),
        ["review-start"]
    );
    f.start_date = "2026-12-04".into();
    f.end = End::OnDate;
    f.end_date = "2026-12-04".into();
    assert_eq!(
        fields(&validate(&f, day("2026-12-03"), true)),
        ["review-end-date"]
    );
    f.end = End::AfterOccurrences;
    f.occurrences = "0".into();
    assert_eq!(
        fields(&validate(&f, day("2026-12-03"), true)),
        ["review-occurrences"]
    );
    let empty = ReviewForm::default();
    assert_eq!(
        fields(&validate(&empty, day("2026-12-03"), true)),
        [
            "review-name",
            "review-groups",
            "review-fallback",
            "review-start"
        ]
    );
}

#[test]
fn the_definition_is_a_group_membership_review_with_owners_and_fallback() {
    let v = definition(&s7(), &helpdesk());
    assert_eq!(v["scope"]["query"], "/groups/g-1/transitiveMembers");
    assert_eq!(
        v["scope"]["@odata.type"],
        "#microsoft.graph.accessReviewQueryScope"
    );
    assert_eq!(v["reviewers"][0]["query"], "/groups/g-1/owners");
    assert_eq!(v["fallbackReviewers"][0]["query"], "/users/u-megan");
    let s = &v["settings"];
    assert_eq!(s["recurrence"]["pattern"], serde_json::Value::Null);
    assert_eq!(s["recurrence"]["range"]["type"], "numbered");
    assert_eq!(s["recurrence"]["range"]["startDate"], "2026-12-03");
    assert_eq!(
        (
            s["autoApplyDecisionsEnabled"].as_bool(),
            s["defaultDecisionEnabled"].as_bool()
        ),
        (Some(true), Some(false))
    );
    assert_eq!(s["instanceDurationInDays"], 3);
}

#[test]
fn guests_inactive_users_recurrence_and_defaults_in_graphs_words() {
    let mut f = s7();
    f.users = Users::GuestsOnly;
    f.inactive_only = true;
    f.inactive_days = "45".into();
    f.frequency = Frequency::Quarterly;
    f.end = End::AfterOccurrences;
    f.occurrences = "4".into();
    f.no_response = NoResponse::TakeRecommendations;
    f.reviewers = Reviewers::Selected;
    f.selected = vec![Chosen {
        id: "g-2".into(),
        name: "Auditors".into(),
        is_group: true,
    }];
    let v = definition(&f, &helpdesk());
    assert_eq!(
        v["scope"]["query"],
        "/groups/g-1/transitiveMembers/?$filter=(userType eq 'Guest')"
    );
    assert_eq!(
        v["scope"]["@odata.type"],
        "#microsoft.graph.accessReviewInactiveUsersQueryScope"
    );
    assert_eq!(v["scope"]["inactiveDuration"], "P45D");
    assert_eq!(v["reviewers"][0]["query"], "/groups/g-2/transitiveMembers");
    assert_eq!(
        v["fallbackReviewers"],
        serde_json::json!([]),
        "selected reviewers have no fallback"
    );
    let r = &v["settings"]["recurrence"];
    assert_eq!(
        (
            r["pattern"]["type"].as_str(),
            r["pattern"]["interval"].as_i64()
        ),
        (Some("absoluteMonthly"), Some(3))
    );
    assert_eq!(
        (
            r["range"]["type"].as_str(),
            r["range"]["numberOfOccurrences"].as_i64()
        ),
        (Some("numbered"), Some(4))
    );
    assert_eq!(v["settings"]["defaultDecision"], "Recommendation");
    assert!(mass_removal_risk(&ReviewForm {
        auto_apply: true,
        no_response: NoResponse::RemoveAccess,
        ..s7()
    }));
    assert!(!mass_removal_risk(&s7()));
}

#[test]
fn a_definition_comes_back_as_the_form_it_was_made_from() {
    let mut f = s7();
    f.frequency = Frequency::Monthly;
    f.end = End::OnDate;
    f.end_date = "2027-06-30".into();
    f.no_response = NoResponse::RemoveAccess;
    let mut v = definition(&f, &helpdesk());
    v["id"] = serde_json::json!("d-1");
    let d: AccessReviewScheduleDefinition = serde_json::from_value(v).unwrap();
    assert_eq!(group_of(&d).as_deref(), Some("g-1"));
    assert_eq!(reviewers_text(&d), "Group owner(s)");
    let back = form_of(&d, helpdesk(), &|id| {
        if id == "u-megan" {
            "Megan Bowen".into()
        } else {
            id.into()
        }
    });
    assert_eq!(
        back,
        ReviewForm {
            description: "Review of the members of Helpdesk Admin-Group".into(),
            ..f
        }
    );
}

fn item(id: &str, who: &str, decision: &str, reason: &str) -> AccessReviewDecision {
    serde_json::from_value(serde_json::json!({
        "id": id, "decision": decision, "justification": reason, "recommendation": "Deny",
        "applyResult": "New", "reviewedDateTime": "2026-12-03T10:00:00Z",
        "reviewedBy": {"id": "u-diego", "displayName": "Diego Siciliani"},
        "principal": {"@odata.type": "#microsoft.graph.userIdentity", "id": who, "displayName": who.to_uppercase(), "userPrincipalName": format!("{who}@contoso.com")},
        "insights": [{"@odata.type": "#microsoft.graph.userSignInInsight", "lastSignInDateTime": "2026-10-17T08:00:00Z"}],
    }))
    .unwrap()
}

#[test]
fn people_are_joined_with_the_groups_schedules_and_progress_is_counted() {
    let items = vec![
        item("d1", "lidia", "Approve", "Still here"),
        item("d2", "nestor", "NotReviewed", ""),
        item("d3", "ext", "DontKnow", ""),
    ];
    let eligible: HashSet<String> = ["lidia".to_owned(), "nestor".to_owned()].into();
    let active: HashSet<String> = ["lidia".to_owned()].into();
    let people = people(&items, &eligible, &active);
    let by = |n: &str| people.iter().find(|p| p.principal_id == n).unwrap();
    assert_eq!(
        (
            by("lidia").membership,
            by("nestor").membership,
            by("ext").membership
        ),
        ("Eligible and active", "Eligible", "Not eligible or active")
    );
    assert_eq!(by("nestor").last_sign_in, "2026-10-17 08:00 UTC");
    assert_eq!(by("nestor").decided, None);
    assert_eq!(by("lidia").decided, Some(Choice::Approve));
    assert_eq!(
        progress(&items).sentence(),
        "2 of 3 reviewed: 1 approved, 0 denied, 1 don't know"
    );
}

#[test]
fn only_changed_decisions_are_sent_and_missing_reasons_are_named() {
    let items = vec![
        item("d1", "lidia", "Approve", "Still here"),
        item("d2", "nestor", "NotReviewed", ""),
    ];
    let people = people(&items, &HashSet::new(), &HashSet::new());
    let mut pending = Pending::new();
    pending.insert("d1".into(), (Some(Choice::Approve), "Still here".into()));
    pending.insert("d2".into(), (Some(Choice::Deny), " ".into()));
    let c = changes(&people, &pending);
    assert_eq!(c, vec![("d2".to_owned(), Choice::Deny, String::new())]);
    assert_eq!(missing_reasons(&people, &c), ["NESTOR"]);
}

#[test]
fn the_results_file_has_one_row_per_decision() {
    let items = vec![
        item("d1", "lidia", "Approve", "Still here, on call"),
        item("d2", "nestor", "Deny", "=left"),
    ];
    let text = csv(&items);
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1], "LIDIA,lidia@contoso.com,Approved,\"Still here, on call\",Diego Siciliani,2026-12-03 10:00 UTC,Deny,New");
    assert!(
        lines[2].contains(",Denied,'=left,"),
        "formulas defused: {}",
        lines[2]
    );
}

#[test]
fn memberships_come_from_both_schedule_lists_or_say_why_not() {
    let page =
        |who: &[(&str, &str)]| -> crate::graph::model::Page<crate::graph::model::ScheduleHolder> {
            let items: Vec<serde_json::Value> = who
                .iter()
                .map(
                    |(p, a)| serde_json::json!({"principalId": p, "accessId": a, "groupId": "g-1"}),
                )
                .collect();
            serde_json::from_value(serde_json::json!({ "value": items })).unwrap()
        };
    let (e, a, note) = memberships(
        Ok(page(&[("lidia", "member"), ("isaiah", "owner")])),
        Ok(page(&[("lidia", "member")])),
    );
    assert_eq!(
        (e.len(), a.len(), note),
        (1, 1, None),
        "owners are not members"
    );
    let refused = crate::graph::error::GraphError::transport("Insufficient privileges", "req-1");
    let (e, a, note) = memberships(Ok(page(&[("lidia", "member")])), Err(refused));
    assert!(e.is_empty() && a.is_empty());
    assert!(note
        .unwrap()
        .contains("whether each person is eligible or active"));
}
