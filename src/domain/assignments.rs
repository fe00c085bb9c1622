//! A group's assignments as the portal shows them: current eligible and active ones from the
//! schedules, recently expired ones from the requests (Graph keeps no expired schedules), who
//! assigned each, and the time rules of Remove, Extend and Renew.

use crate::domain::duration::minutes;
use crate::graph::model::{
    AccessId, AssignmentType, ExpirationType, PrivilegedAccessGroupSchedule,
    PrivilegedAccessGroupScheduleRequest, RequestSchedule, ScheduleRequestAction,
};
use chrono::{DateTime, Duration, Utc};

/// Eligible or active.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Eligible,
    Active,
}

/// One row of the Eligible, Active or Expired tab.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub kind: Kind,
    pub principal_id: String,
    pub access: AccessId,
    /// "Eligible", "Assigned", "Activated", "Scheduled" or "Expired".
    pub state: &'static str,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub created: Option<DateTime<Utc>>,
    /// The user id of whoever made the request behind it.
    pub assigned_by: Option<String>,
}

pub fn parse(ts: Option<&str>) -> Option<DateTime<Utc>> {
    ts.and_then(super::stamp::parse_instant)
}

/// Start and end of a `requestSchedule`; an end of `None` means permanent.
pub fn span(
    info: Option<&RequestSchedule>,
    fallback_start: Option<DateTime<Utc>>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let start = info
        .and_then(|i| parse(i.start_date_time.as_deref()))
        .or(fallback_start);
    let exp = info.and_then(|i| i.expiration.as_ref());
    let end = exp.and_then(|e| match e.kind {
        Some(ExpirationType::AfterDuration) => {
            let m = e.duration.as_deref().and_then(minutes)?;
            start.map(|s| s + Duration::minutes(m.into()))
        }
        _ => parse(e.end_date_time.as_deref()),
    });
    (start, end)
}

fn creator(r: &PrivilegedAccessGroupScheduleRequest) -> Option<String> {
    r.created_by
        .as_ref()
        .and_then(|c| c.user.as_ref())
        .and_then(|u| u.id.clone())
}

/// The current rows of one kind: every schedule, with who asked for it (the request whose
/// `targetScheduleId` names it).
pub fn current(
    kind: Kind,
    schedules: &[PrivilegedAccessGroupSchedule],
    requests: &[PrivilegedAccessGroupScheduleRequest],
    now: DateTime<Utc>,
) -> Vec<Row> {
    schedules
        .iter()
        .map(|s| {
            let created = parse(s.created_date_time.as_deref());
            let (start, end) = span(s.schedule_info.as_ref(), created);
            let origin = requests
                .iter()
                .filter(|r| r.target_schedule_id.is_some() && r.target_schedule_id == s.id)
                .min_by_key(|r| r.created_date_time.clone());
            let state = if start.is_some_and(|t| t > now) {
                "Scheduled"
            } else if kind == Kind::Eligible {
                "Eligible"
            } else if s.assignment_type == Some(AssignmentType::Activated) {
                "Activated"
            } else {
                "Assigned"
            };
            Row {
                kind,
                principal_id: s.principal_id.clone(),
                access: s.access_id,
                state,
                start,
                end,
                created,
                assigned_by: origin.and_then(creator),
            }
        })
        .collect()
}

/// Expired assignments over several groups: `expired` for each group of `requests`, with
/// `current` (each current row with its group) telling what still holds. Pairs of group id and row.
pub fn expired_by_group(
    kind: Kind,
    requests: &[PrivilegedAccessGroupScheduleRequest],
    current: &[(String, Row)],
    now: DateTime<Utc>,
) -> Vec<(String, Row)> {
    let groups: std::collections::BTreeSet<&str> =
        requests.iter().map(|q| q.group_id.as_str()).collect();
    let mut out = vec![];
    for g in groups {
        let of_group: Vec<_> = requests
            .iter()
            .filter(|q| q.group_id == g)
            .cloned()
            .collect();
        let now_held: Vec<Row> = current
            .iter()
            .filter(|(cg, _)| cg == g)
            .map(|(_, r)| r.clone())
            .collect();
        for row in expired(kind, &of_group, &now_held, now) {
            out.push((g.to_owned(), row));
        }
    }
    out
}

/// Assignments of one kind that ran out in the last 30 days. Graph drops a schedule once it ends,
/// so they are read from the granting requests: the latest provisioned grant per principal and
/// role whose end has passed, unless a later request removed it or a current schedule replaced it.
pub fn expired(
    kind: Kind,
    requests: &[PrivilegedAccessGroupScheduleRequest],
    current: &[Row],
    now: DateTime<Utc>,
) -> Vec<Row> {
    use ScheduleRequestAction as A;
    let mut latest: Vec<&PrivilegedAccessGroupScheduleRequest> = vec![];
    let mut sorted: Vec<&PrivilegedAccessGroupScheduleRequest> = requests.iter().collect();
    sorted.sort_by_key(|r| r.created_date_time.clone());
    for r in sorted {
        let grants = matches!(
            r.action,
            Some(
                A::AdminAssign | A::AdminUpdate | A::AdminExtend | A::AdminRenew | A::SelfActivate
            )
        ) && matches!(
            r.status.as_str(),
            "Provisioned" | "ScheduleCreated" | "Granted"
        );
        let ends = matches!(r.action, Some(A::AdminRemove | A::SelfDeactivate))
            && r.status != "Failed"
            && r.status != "Denied";
        if grants || ends {
            latest.retain(|x| !(x.principal_id == r.principal_id && x.access_id == r.access_id));
        }
        if grants {
            latest.push(r);
        }
    }
    latest
        .into_iter()
        .filter_map(|r| {
            let created = parse(r.created_date_time.as_deref());
            let (start, end) = span(r.schedule_info.as_ref(), created);
            let end = end?;
            let replaced = current
                .iter()
                .any(|c| c.principal_id == r.principal_id && c.access == r.access_id);
            (end <= now && now - end <= Duration::days(30) && !replaced).then(|| Row {
                kind,
                principal_id: r.principal_id.clone(),
                access: r.access_id,
                state: "Expired",
                start,
                end: Some(end),
                created,
                assigned_by: creator(r),
            })
        })
        .collect()
}

/// Why an assignment can't be removed yet (PIM refuses within 5 minutes of its creation).
pub fn removal_blocked(created: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<String> {
    let created = created?;
    let allowed = created + Duration::minutes(5);
    (now < allowed).then(|| {
        format!(
            "An assignment can't be removed within 5 minutes of being assigned. Try again after {} UTC.",
            super::stamp::hms(&allowed)
        )
    })
}

/// Extend is offered for assignments ending within 14 days.
pub fn can_extend(row: &Row, now: DateTime<Utc>) -> bool {
    row.state != "Expired"
        && row
            .end
            .is_some_and(|e| e > now && e - now <= Duration::days(14))
}

/// Renew is offered for assignments that expired within 30 days.
pub fn can_renew(row: &Row, now: DateTime<Utc>) -> bool {
    row.state == "Expired" && row.end.is_some_and(|e| now - e <= Duration::days(30))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        parse(Some("2026-11-22T12:00:00Z")).unwrap()
    }
    fn req(v: serde_json::Value) -> PrivilegedAccessGroupScheduleRequest {
        let mut base = json!({"status": "Provisioned", "accessId": "member", "groupId": "g", "principalId": "alex"});
        base.as_object_mut()
            .unwrap()
            .extend(v.as_object().unwrap().clone());
        serde_json::from_value(base).unwrap()
    }

    #[test]
    fn schedules_become_rows_with_their_assigner_and_state() {
        let s: PrivilegedAccessGroupSchedule = serde_json::from_value(json!({
            "id": "g_member_r1", "accessId": "member", "groupId": "g", "principalId": "alex",
            "assignmentType": "assigned", "createdDateTime": "2026-11-22T11:00:00Z",
            "scheduleInfo": {"startDateTime": "2026-11-23T12:00:00Z", "expiration": {"type": "afterDateTime", "endDateTime": "2026-12-02T12:00:00Z"}}
        })).unwrap();
        let r = req(
            json!({"id": "r1", "action": "adminAssign", "targetScheduleId": "g_member_r1", "createdBy": {"user": {"id": "megan"}}}),
        );
        let rows = current(Kind::Active, &[s], &[r], now());
        assert_eq!(rows[0].state, "Scheduled");
        assert_eq!(rows[0].assigned_by.as_deref(), Some("megan"));
        assert_eq!(rows[0].end, parse(Some("2026-12-02T12:00:00Z")));
    }

    #[test]
    fn a_duration_schedule_ends_after_its_duration() {
        let info: RequestSchedule = serde_json::from_value(json!({"startDateTime": "2026-11-22T10:00:00Z", "expiration": {"type": "afterDuration", "duration": "PT4H"}})).unwrap();
        assert_eq!(
            span(Some(&info), None).1,
            parse(Some("2026-11-22T14:00:00Z"))
        );
        let permanent: RequestSchedule = serde_json::from_value(json!({"startDateTime": "2026-11-22T10:00:00Z", "expiration": {"type": "noExpiration"}})).unwrap();
        assert_eq!(span(Some(&permanent), None).1, None);
    }

    #[test]
    fn expired_rows_come_from_the_last_grant_unless_removed_or_replaced() {
        let grant = |id: &str, at: &str, end: &str| {
            req(
                json!({"id": id, "action": "adminAssign", "createdDateTime": at,
                "scheduleInfo": {"startDateTime": at, "expiration": {"type": "afterDateTime", "endDateTime": end}}}),
            )
        };
        let old = grant("r1", "2026-11-01T00:00:00Z", "2026-11-10T00:00:00Z");
        let rows = expired(Kind::Active, std::slice::from_ref(&old), &[], now());
        assert_eq!(rows.len(), 1);
        assert!(can_renew(&rows[0], now()));
        // Removed: not "expired".
        let removed = req(
            json!({"id": "r2", "action": "adminRemove", "createdDateTime": "2026-11-05T00:00:00Z"}),
        );
        assert!(expired(Kind::Active, &[old.clone(), removed], &[], now()).is_empty());
        // Older than 30 days: gone.
        let ancient = grant("r3", "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z");
        assert!(expired(Kind::Active, &[ancient], &[], now()).is_empty());
        // Still current: not expired.
        let cur = current(Kind::Active, &[], &[], now());
        assert!(cur.is_empty());
        let live = Row {
            kind: Kind::Active,
            principal_id: "alex".into(),
            access: AccessId::Member,
            state: "Assigned",
            start: None,
            end: None,
            created: None,
            assigned_by: None,
        };
        assert!(expired(Kind::Active, &[old], &[live], now()).is_empty());
    }

    #[test]
    fn expired_rows_are_found_group_by_group() {
        let grant = |id: &str, group: &str| {
            req(
                json!({"id": id, "groupId": group, "action": "adminAssign", "createdDateTime": "2026-11-01T00:00:00Z",
                "scheduleInfo": {"startDateTime": "2026-11-01T00:00:00Z", "expiration": {"type": "afterDateTime", "endDateTime": "2026-11-10T00:00:00Z"}}}),
            )
        };
        let live = Row {
            kind: Kind::Eligible,
            principal_id: "alex".into(),
            access: AccessId::Member,
            state: "Eligible",
            start: None,
            end: None,
            created: None,
            assigned_by: None,
        };
        // g1's grant ran out; g2 was granted again and still holds.
        let rows = expired_by_group(
            Kind::Eligible,
            &[grant("a", "g1"), grant("b", "g2")],
            &[("g2".to_owned(), live)],
            now(),
        );
        assert_eq!(
            rows.iter().map(|(g, _)| g.as_str()).collect::<Vec<_>>(),
            ["g1"]
        );
    }

    #[test]
    fn remove_waits_five_minutes_and_extend_renew_have_windows() {
        let created = parse(Some("2026-11-22T11:58:00Z"));
        assert!(removal_blocked(created, now())
            .unwrap()
            .contains("12:03:00 UTC"));
        assert_eq!(
            removal_blocked(parse(Some("2026-11-22T11:50:00Z")), now()),
            None
        );
        let mut row = Row {
            kind: Kind::Eligible,
            principal_id: "p".into(),
            access: AccessId::Member,
            state: "Eligible",
            start: None,
            end: Some(now() + Duration::days(10)),
            created: None,
            assigned_by: None,
        };
        assert!(can_extend(&row, now()));
        row.end = Some(now() + Duration::days(20));
        assert!(!can_extend(&row, now()));
        row.end = None;
        assert!(
            !can_extend(&row, now()),
            "permanent assignments never need extending"
        );
    }
}
