use super::*;
use crate::domain::settings::Approver;
use serde_json::json;

fn settings() -> ActivationSettings {
    ActivationSettings {
        max_minutes: 240,
        require: OnActivation::AuthContext("c1".into()),
        justification: true,
        ticket: true,
        approval: true,
        approvers: vec![Approver::User("diego".into())],
    }
}
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_row_says_everything_activation_will_ask() {
    let r = requirements(&settings(), |c| {
        if c == "c1" {
            "Phishing-resistant MFA".into()
        } else {
            c.into()
        }
    });
    assert_eq!(
        r,
        [
            "Approval",
            "Reason",
            "Ticket",
            "Phishing-resistant MFA (authentication context)",
            "Up to 4 hours"
        ]
    );
    let mut plain = settings();
    plain.require = OnActivation::Mfa;
    plain.approval = false;
    plain.ticket = false;
    plain.justification = false;
    assert_eq!(requirements(&plain, |c| c.into()), ["MFA", "Up to 4 hours"]);
}

#[test]
fn several_roles_need_their_contexts_once() {
    let mut other = settings();
    other.require = OnActivation::AuthContext("c2".into());
    let none = ActivationSettings {
        require: OnActivation::None,
        ..settings()
    };
    assert_eq!(
        contexts_needed([&settings(), &other, &settings(), &none]).as_deref(),
        Some("c1,c2")
    );
    assert_eq!(contexts_needed([&none]), None);
}

#[test]
fn the_pane_refuses_too_long_too_short_and_missing_reason_or_ticket() {
    let ok = ActivateForm {
        hours: "4".into(),
        reason: "Incident 4711".into(),
        ticket_number: "INC4711".into(),
        ..Default::default()
    };
    assert!(problems(&ok, &settings(), None, now()).is_empty());
    let long = ActivateForm {
        hours: "4.5".into(),
        ..ok.clone()
    };
    assert!(problems(&long, &settings(), None, now())[0]
        .1
        .contains("at most 4 hours"));
    let short = ActivateForm {
        hours: "0,05".into(),
        ..ok.clone()
    };
    assert!(problems(&short, &settings(), None, now())[0]
        .1
        .contains("5 minutes"));
    let bare = ActivateForm {
        hours: "1".into(),
        ..Default::default()
    };
    let fields: Vec<&str> = problems(&bare, &settings(), None, now())
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(fields, ["Reason", "Ticket number"]);
    let past = ActivateForm {
        start: "x".into(),
        ..ok
    };
    assert_eq!(
        problems(&past, &settings(), Some(now() - Duration::hours(1)), now())[0].0,
        "Custom activation start time"
    );
}

#[test]
fn a_shared_duration_is_capped_per_role() {
    assert_eq!(minutes_for(8.0, &settings()), 240);
    assert_eq!(minutes_for(1.5, &settings()), 90);
}

#[test]
fn the_body_is_a_self_activation_for_a_duration() {
    let f = ActivateForm {
        hours: "2".into(),
        reason: " Fix ticket ".into(),
        ticket_number: "INC1".into(),
        ticket_system: "ServiceNow".into(),
        ..Default::default()
    };
    let b = serde_json::to_value(request(&f, "g", "me", AccessId::Member, now(), 120)).unwrap();
    assert_eq!(b["action"], "selfActivate");
    assert_eq!(
        b["scheduleInfo"]["expiration"],
        json!({"type": "afterDuration", "duration": "PT2H"})
    );
    assert_eq!(b["justification"], "Fix ticket");
    assert_eq!(
        b["ticketInfo"],
        json!({"ticketNumber": "INC1", "ticketSystem": "ServiceNow"})
    );
}

#[test]
fn graph_answers_read_as_states_not_errors() {
    assert_eq!(
        Outcome::of(Ok(json!({"status": "Provisioned"}))),
        Outcome::Active
    );
    assert_eq!(
        Outcome::of(Ok(json!({"status": "PendingApproval"}))),
        Outcome::Pending
    );
    let denied = Outcome::of(Ok(json!({"status": "Denied"})));
    assert_eq!(denied, Outcome::Refused("Denied".into()));
    assert_eq!(
        denied.sentence(),
        "Denied at once. My requests says by whom and why."
    );
    assert_eq!(
        Outcome::of(Ok(json!({"status": "Failed"}))).sentence(),
        "Not activated (status: Failed). My requests has the request."
    );
    let exists = GraphError::from_response(
        400,
        Default::default(),
        r#"{"error":{"code":"RoleAssignmentExists","message":"The Role assignment already exists."}}"#,
    );
    assert_eq!(Outcome::of(Err(exists)), Outcome::AlreadyActive);
    let pending = GraphError::from_response(
        400,
        Default::default(),
        r#"{"error":{"code":"PendingRoleAssignmentRequest","message":"pending"}}"#,
    );
    assert_eq!(Outcome::of(Err(pending)), Outcome::AlreadyPending);
    let acrs = GraphError::from_response(
        400,
        Default::default(),
        r#"{"error":{"code":"RoleAssignmentRequestAcrsValidationFailed","message":"&claims=%7B%22access_token%22%3A%7B%22acrs%22%3A%7B%22essential%22%3Atrue%2C%20%22value%22%3A%22c1%22%7D%7D%7D"}}"#,
    );
    assert_eq!(Outcome::of(Err(acrs)), Outcome::NeedsContext("c1".into()));
}

#[test]
fn the_countdown_reads_in_hours_minutes_seconds() {
    assert_eq!(
        time_left(now() + Duration::seconds(4 * 3600 - 2), now()),
        "3 h 59 min 58 s"
    );
    assert_eq!(time_left(now() + Duration::seconds(61), now()), "1 min 1 s");
    assert_eq!(time_left(now() - Duration::seconds(5), now()), "0 min 0 s");
}

#[test]
fn an_mfa_refusal_asks_for_a_sign_in_with_mfa() {
    let e = GraphError::from_response(
        400,
        Default::default(),
        r#"{"error":{"code":"RoleAssignmentRequestPolicyValidationFailed","message":"The following policy rules failed: [\"MfaRule\"]"}}"#,
    );
    assert_eq!(Outcome::of(Err(e)), Outcome::NeedsMfa);
    let other = GraphError::from_response(
        400,
        Default::default(),
        r#"{"error":{"code":"RoleAssignmentRequestPolicyValidationFailed","message":"The following policy rules failed: [\"JustificationRule\"]"}}"#,
    );
    assert!(matches!(Outcome::of(Err(other)), Outcome::Failed(_)));
}

#[test]
fn a_context_asked_for_later_joins_the_others() {
    assert_eq!(
        with_context(Some("c1"), Some("c2")).as_deref(),
        Some("c1,c2")
    );
    assert_eq!(
        with_context(Some("c1,c2"), Some("c1")).as_deref(),
        Some("c1,c2")
    );
    assert_eq!(with_context(None, Some("c3")).as_deref(), Some("c3"));
    assert_eq!(with_context(None, None), None);
}

#[test]
fn an_extension_asks_for_the_same_length_again_from_now_capped_by_the_settings() {
    use crate::graph::model::ScheduleRequestAction;
    let now: DateTime<Utc> = "2026-12-02T10:00:00Z".parse().unwrap();
    let held = Held {
        group_id: "g".into(),
        access: AccessId::Member,
        start: Some("2026-09-01T00:00:00Z".parse().unwrap()),
        end: Some("2026-12-10T00:00:00Z".parse().unwrap()),
    };
    let r = self_request(
        &held,
        "me",
        ScheduleRequestAction::SelfExtend,
        " rota ",
        Some(60 * 24 * 30),
        now,
    );
    let s = r.schedule_info.unwrap();
    assert_eq!(s.start_date_time.as_deref(), Some("2026-12-02T10:00:00Z"));
    assert_eq!(
        s.expiration.unwrap().end_date_time.as_deref(),
        Some("2027-01-01T10:00:00Z")
    );
    assert_eq!(r.justification.as_deref(), Some("rota"));
    let off = self_request(
        &held,
        "me",
        ScheduleRequestAction::SelfDeactivate,
        "",
        None,
        now,
    );
    assert!(off.schedule_info.is_none() && off.justification.is_none());
}
