//! A report tab as CSV (the portal's words, formula-safe) and as JSON (Graph's ids, ISO times).

use super::{Activation, Standing, Unused, Window};
use crate::domain::audit::cell;
use crate::domain::wording::{at, duration, role};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

fn iso(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| {
        Value::String(t.to_rfc3339_opts(SecondsFormat::Secs, true))
    })
}

fn words(t: Option<DateTime<Utc>>) -> String {
    t.map(at).unwrap_or_default()
}

/// The CSV: a `Partial:` first line when the report is not whole, the header, the rows.
fn csv(partial: Option<&str>, header: &str, rows: Vec<Vec<String>>) -> String {
    let mut out = String::new();
    if let Some(why) = partial {
        out.push_str(&cell(&format!("Partial: {why}")));
        out.push_str("\r\n");
    }
    out.push_str(header);
    out.push_str("\r\n");
    for r in rows {
        let line: Vec<String> = r.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn activations_csv(list: &[Activation], now: DateTime<Utc>, partial: Option<&str>) -> String {
    let rows = list
        .iter()
        .map(|a| {
            vec![
                a.person.clone(),
                a.group.clone(),
                role(a.role).to_owned(),
                at(a.requested),
                at(a.start),
                match a.ended {
                    super::Ended::StillActive => "Still active".to_owned(),
                    _ => words(a.end),
                },
                a.minutes(now)
                    .map(|m| duration(u32::try_from(m).unwrap_or(u32::MAX)))
                    .unwrap_or_default(),
                a.reason.clone(),
                a.ticket.clone(),
                a.approver.clone(),
                words(a.decided),
                a.ended.label().to_owned(),
            ]
        })
        .collect();
    csv(
        partial,
        "Person,Group,Role,Requested,Start,End,Duration,Reason,Ticket number,Approver,Decision time,Outcome",
        rows,
    )
}

pub fn standing_csv(list: &[Standing], partial: Option<&str>) -> String {
    let rows = list
        .iter()
        .map(|s| {
            vec![
                s.person.clone(),
                s.group.clone(),
                role(s.role).to_owned(),
                words(s.since),
                "Permanent".to_owned(),
                s.assigned_by.clone(),
            ]
        })
        .collect();
    csv(
        partial,
        "Person,Group,Role,Start time,End time,Assigned by",
        rows,
    )
}

pub fn unused_csv(list: &[Unused], partial: Option<&str>) -> String {
    let rows = list
        .iter()
        .map(|u| {
            vec![
                u.person.clone(),
                u.group.clone(),
                role(u.role).to_owned(),
                at(u.since),
                u.last_activation
                    .map_or_else(|| "Never (that Graph holds)".to_owned(), at),
            ]
        })
        .collect();
    csv(
        partial,
        "Person,Group,Role,Eligible since,Last activation",
        rows,
    )
}

/// The JSON file: what report, over which days, whether it is whole, and its rows.
pub fn json_file(report: &str, window: Window, partial: Option<&str>, value: Vec<Value>) -> String {
    let doc = json!({
        "report": report,
        "from": crate::domain::stamp::ymd(window.from),
        "to": crate::domain::stamp::ymd(window.to),
        "partial": partial,
        "value": value,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

pub fn activations_json(list: &[Activation], now: DateTime<Utc>) -> Vec<Value> {
    list.iter()
        .map(|a| {
            json!({
                "requestId": a.request_id,
                "principalId": a.person_id,
                "principalDisplayName": a.person,
                "groupId": a.group_id,
                "groupDisplayName": a.group,
                "accessId": a.role.as_str(),
                "createdDateTime": iso(Some(a.requested)),
                "startDateTime": iso(Some(a.start)),
                "endDateTime": iso(a.end),
                "durationMinutes": a.minutes(now),
                "justification": a.reason,
                "ticketNumber": a.ticket,
                "approver": a.approver,
                "decisionDateTime": iso(a.decided),
                "outcome": a.ended.label(),
                "status": a.status,
            })
        })
        .collect()
}

pub fn standing_json(list: &[Standing]) -> Vec<Value> {
    list.iter()
        .map(|s| {
            json!({
                "scheduleId": s.schedule_id,
                "principalId": s.person_id,
                "principalDisplayName": s.person,
                "groupId": s.group_id,
                "groupDisplayName": s.group,
                "accessId": s.role.as_str(),
                "startDateTime": iso(s.since),
                "expiration": "noExpiration",
                "assignedBy": s.assigned_by,
            })
        })
        .collect()
}

pub fn unused_json(list: &[Unused]) -> Vec<Value> {
    list.iter()
        .map(|u| {
            json!({
                "principalId": u.person_id,
                "principalDisplayName": u.person,
                "groupId": u.group_id,
                "groupDisplayName": u.group,
                "accessId": u.role.as_str(),
                "eligibleSince": iso(Some(u.since)),
                "lastActivationDateTime": iso(u.last_activation),
            })
        })
        .collect()
}
