use super::export::*;
use super::query::ReportQuery;
use super::*;
use chrono::TimeZone;
use serde_json::json;

fn t(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, d, h, 0, 0).unwrap()
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

fn request(
    id: &str,
    who: &str,
    action: &str,
    status: &str,
    created: DateTime<Utc>,
    hours: u32,
) -> Expanded<Request> {
    let v = json!({
        "id": id, "status": status, "accessId": "member", "principalId": who, "groupId": "g1",
        "action": action, "justification": format!("=why {id}"), "createdDateTime": iso(created),
        "ticketInfo": {"ticketNumber": "INC-1"},
        "createdBy": {"user": {"id": "megan", "displayName": "Megan Bowen"}},
        "scheduleInfo": {"startDateTime": iso(created), "expiration": {"type": "afterDuration", "duration": format!("PT{hours}H")}},
        "principal": {"id": who, "displayName": format!("{who} name")},
    });
    serde_json::from_value(v).unwrap()
}

fn activate(id: &str, who: &str, status: &str, at: DateTime<Utc>, hours: u32) -> Expanded<Request> {
    request(id, who, "selfActivate", status, at, hours)
}

fn schedule(
    who: &str,
    kind: &str,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    created_using: &str,
) -> Expanded<Schedule> {
    let expiration = match end {
        Some(e) => json!({"type": "afterDateTime", "endDateTime": iso(e)}),
        None => json!({"type": "noExpiration"}),
    };
    let v = json!({
        "id": format!("s-{who}"), "accessId": "member", "principalId": who, "groupId": "g1",
        "memberType": "direct", "assignmentType": kind, "status": "Provisioned",
        "createdUsing": created_using, "createdDateTime": iso(start),
        "scheduleInfo": {"startDateTime": iso(start), "expiration": expiration},
        "principal": {"id": who, "displayName": format!("{who} name")},
    });
    serde_json::from_value(v).unwrap()
}

fn audit(activity: &str, request: &str, by: &str, at: DateTime<Utc>) -> DirectoryAudit {
    serde_json::from_value(json!({
        "id": format!("PIM_{activity}_{request}"), "activityDisplayName": activity,
        "activityDateTime": iso(at), "initiatedBy": {"user": {"displayName": by}},
        "additionalDetails": [{"key": "RequestId", "value": request}],
    }))
    .unwrap()
}

fn march() -> Window {
    Window {
        from: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2027, 3, 10).unwrap(),
    }
}

fn group(requests: Vec<Expanded<Request>>) -> GroupReads {
    GroupReads {
        id: "g1".into(),
        name: "Helpdesk".into(),
        requests,
        ..Default::default()
    }
}

#[test]
fn each_activation_once_with_how_it_ended() {
    let now = t(10, 12);
    let g = group(vec![
        activate("expired", "lidia", "Provisioned", t(2, 9), 4),
        // The same request listed twice (two pages that overlapped) is one activation.
        activate("expired", "lidia", "Provisioned", t(2, 9), 4),
        activate("stopped", "lidia", "Provisioned", t(3, 9), 4),
        request("deact", "lidia", "selfDeactivate", "Revoked", t(3, 10), 0),
        activate("denied", "alex", "Denied", t(4, 9), 2),
        activate("canceled", "alex", "Canceled", t(5, 9), 2),
        activate("running", "alex", "Provisioned", t(10, 11), 4),
        activate("pending", "isaiah", "PendingApproval", t(10, 11), 4),
        // Before the window, and an assignment by an administrator: neither is an activation.
        activate(
            "old",
            "lidia",
            "Provisioned",
            t(1, 0) - Duration::seconds(1),
            4,
        ),
        request("assign", "nestor", "adminAssign", "Provisioned", t(4, 9), 4),
    ]);
    let log = [
        audit("Deny activation request", "denied", "Adele Vance", t(4, 10)),
        // A correlation id differs per step; the request id is what ties them.
        audit("Request approval for activation", "denied", "Alex", t(4, 9)),
    ];
    let list = activations(&[g], &log, march(), now);
    let ids: Vec<&str> = list.iter().map(|a| a.request_id.as_str()).collect();
    assert_eq!(
        ids,
        ["pending", "running", "canceled", "denied", "stopped", "expired"]
    );
    let by = |id: &str| list.iter().find(|a| a.request_id == id).unwrap();
    assert_eq!(by("expired").ended, Ended::Expired);
    assert_eq!(by("expired").end, Some(t(2, 13)));
    assert_eq!(by("expired").minutes(now), Some(240));
    assert_eq!(by("stopped").ended, Ended::Deactivated);
    assert_eq!(by("stopped").end, Some(t(3, 10)));
    assert_eq!(by("denied").ended, Ended::Denied);
    assert_eq!(by("denied").approver, "Adele Vance");
    assert_eq!(by("denied").decided, Some(t(4, 10)));
    assert_eq!(by("canceled").ended, Ended::Canceled);
    assert_eq!(by("running").ended, Ended::StillActive);
    assert_eq!(by("running").minutes(now), Some(60));
    assert_eq!(by("pending").ended, Ended::PendingApproval);
    assert_eq!(by("expired").person, "lidia name");
    assert_eq!(by("expired").ticket, "INC-1");
}

#[test]
fn days_with_none_are_zero_and_groups_rank_by_count() {
    let g = group(vec![
        request("a", "lidia", "selfActivate", "Provisioned", t(2, 9), 1),
        request("b", "lidia", "selfActivate", "Provisioned", t(2, 15), 1),
    ]);
    let mut other = group(vec![request(
        "c",
        "alex",
        "selfActivate",
        "Provisioned",
        t(4, 9),
        1,
    )]);
    other.id = "g2".into();
    other.name = "Exchange".into();
    let list = activations(&[g, other], &[], march(), t(10, 0));
    let days = per_day(&list, march());
    assert_eq!(days.len(), 10);
    assert_eq!(days[0].1, 0);
    assert_eq!(days[1], (NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(), 2));
    assert_eq!(days.iter().map(|d| d.1).sum::<usize>(), 3);
    assert_eq!(
        top_groups(&list, 5),
        [("Helpdesk".to_owned(), 2), ("Exchange".to_owned(), 1)]
    );
    assert_eq!(top_groups(&list, 1).len(), 1);
}

#[test]
fn standing_access_is_permanent_and_assigned_with_who_assigned_it() {
    let mut g = group(vec![request(
        "r1",
        "diego",
        "adminAssign",
        "Provisioned",
        t(1, 0),
        0,
    )]);
    g.active = vec![
        schedule("diego", "assigned", t(1, 0), None, "r1"),
        schedule("megan", "assigned", t(1, 0), None, "outside"),
        schedule("lidia", "activated", t(9, 0), None, "x"),
        schedule("alex", "assigned", t(1, 0), Some(t(20, 0)), "y"),
    ];
    let list = standing(&[g.clone()], &HashMap::new());
    let who: Vec<(&str, &str)> = list
        .iter()
        .map(|s| (s.person.as_str(), s.assigned_by.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("diego name", "Megan Bowen"),
            ("megan name", "Not through PIM (no request found)")
        ]
    );
    assert_eq!(list[0].since, Some(t(1, 0)));
    // Graph names the creator by id only: the id is looked up, and shown as the name found.
    g.requests[0].item.created_by =
        serde_json::from_value(json!({"user": {"id": "megan"}})).unwrap();
    assert_eq!(creators(&[g.clone()]), ["megan"]);
    let names = HashMap::from([("megan".to_owned(), "Megan Bowen".to_owned())]);
    assert_eq!(standing(&[g.clone()], &names)[0].assigned_by, "Megan Bowen");
    assert_eq!(standing(&[g], &HashMap::new())[0].assigned_by, "megan");
}

#[test]
fn unused_eligibility_is_old_enough_and_never_activated_in_the_window() {
    let mut g = group(vec![
        request("a", "lidia", "selfActivate", "Denied", t(5, 9), 1),
        request(
            "b",
            "alex",
            "selfActivate",
            "Provisioned",
            t(1, 0) - Duration::days(3),
            1,
        ),
    ]);
    let long_ago = t(10, 0) - Duration::days(60);
    g.eligible = vec![
        schedule("lidia", "assigned", long_ago, None, "e1"),
        schedule("alex", "assigned", long_ago, None, "e2"),
        schedule("nestor", "assigned", long_ago, None, "e3"),
        // Eligible for ten days only: too new to call unused.
        schedule("new", "assigned", t(1, 0), None, "e4"),
    ];
    let list = unused(&[g], march(), 30);
    let who: Vec<&str> = list.iter().map(|u| u.person.as_str()).collect();
    assert_eq!(who, ["alex name", "nestor name"]);
    assert_eq!(list[0].last_activation, Some(t(1, 0) - Duration::days(3)));
    assert_eq!(list[1].last_activation, None);
    assert_eq!(list[1].since, long_ago);
}

#[test]
fn files_are_formula_safe_say_when_partial_and_keep_graph_ids() {
    let g = group(vec![request(
        "a",
        "lidia",
        "selfActivate",
        "Provisioned",
        t(2, 9),
        4,
    )]);
    let list = activations(&[g], &[], march(), t(10, 0));
    let text = activations_csv(&list, t(10, 0), Some("Exchange could not be read"));
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "Partial: Exchange could not be read");
    assert!(lines[1].starts_with("Person,Group,Role,Requested,Start,End,Duration"));
    assert!(lines[2].contains(",'=why a,"), "{}", lines[2]);
    assert!(lines[2].contains("4 hours"));
    assert!(lines[2].ends_with(",Expired"));
    let doc: serde_json::Value = serde_json::from_str(&json_file(
        "activations",
        march(),
        None,
        activations_json(&list, t(10, 0)),
    ))
    .unwrap();
    assert_eq!(doc["from"], "2027-03-01");
    assert_eq!(doc["partial"], serde_json::Value::Null);
    assert_eq!(doc["value"][0]["requestId"], "a");
    assert_eq!(doc["value"][0]["groupId"], "g1");
    assert_eq!(doc["value"][0]["startDateTime"], "2027-03-02T09:00:00Z");
    assert_eq!(doc["value"][0]["justification"], "=why a");
}

#[test]
fn a_report_is_its_address() {
    let today = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
    let none = ReportQuery::parse(|_| None, today);
    assert_eq!(
        none.window.from,
        NaiveDate::from_ymd_opt(2027, 3, 2).unwrap()
    );
    assert_eq!(none.window.to, today);
    assert_eq!(none.days, 30);
    let q = ReportQuery::parse(
        |k| match k {
            "from" => Some("2027-02-10".into()),
            "to" => Some("2027-01-01".into()),
            "groups" => Some("g1,bad/id,g2".into()),
            "days" => Some("45".into()),
            _ => None,
        },
        today,
    );
    assert_eq!(q.window.from, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    assert_eq!(q.groups, ["g1", "g2"]);
    assert!(q.includes("g2") && !q.includes("g3") && none.includes("g3"));
    let text = q.to_query("unused");
    assert_eq!(
        text,
        "from=2027-01-01&to=2027-02-10&groups=g1%2Cg2&days=45&tab=unused"
    );
    let back = ReportQuery::parse(
        |k| {
            form_urlencoded::parse(text.as_bytes())
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.into_owned())
        },
        today,
    );
    assert_eq!(back, q);
}
