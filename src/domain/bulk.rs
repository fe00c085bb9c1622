//! Bulk assignments from a CSV file: reading it (BOM, commas or semicolons, quoted fields), each
//! row checked on its own (a problem names the row and the field, and leaves the other rows
//! possible), then against the group's settings and what is already assigned, and the schedule
//! request it becomes. Nothing here sends anything.

use super::assign_form::{problems, request, AssignForm};
use super::assignments::Kind;
use super::settings::AssignmentSettings;
use crate::graph::model::{AccessId, NewScheduleRequest, ScheduleRequestAction};
use chrono::{DateTime, Duration, Utc};

/// The columns, in the template's order; `group`, `principal`, `role` and `type` are required.
pub const COLUMNS: [&str; 9] = [
    "group",
    "principal",
    "role",
    "type",
    "start",
    "end",
    "duration",
    "justification",
    "action",
];

/// The file offered by Download template.
pub fn template() -> String {
    format!(
        "{}\r\nHelpdesk Admin-Group,LidiaH@contoso.onmicrosoft.com,member,eligible,,,P90D,Helpdesk rota,add\r\n",
        COLUMNS.join(",")
    )
}

/// What a row asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Action {
    Add,
    Remove,
    Extend,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Remove => "remove",
            Action::Extend => "extend",
        }
    }
}

/// One row of the file, as read; `problems` name the field.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub group: String,
    pub principal: String,
    pub access: AccessId,
    pub kind: Kind,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub duration_minutes: Option<u32>,
    pub justification: String,
    pub action: Action,
    pub problems: Vec<String>,
}

/// Reads the header and every row. A file problem (no header, an unknown or missing column) is
/// the error; a row's problems stay with the row.
pub fn rows(text: &str) -> Result<Vec<Row>, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "The file is {:.1} MB; Bulk assignments reads files up to {} MB. Split it into smaller files.",
            text.len() as f64 / 1_048_576.0,
            MAX_BYTES / 1_048_576
        ));
    }
    let recs = records(text)?;
    if recs.len() > MAX_ROWS + 1 {
        return Err(format!(
            "The file has {} rows; Bulk assignments reads up to {MAX_ROWS} at a time. Split it into smaller files.",
            recs.len() - 1
        ));
    }
    let mut recs = recs.into_iter();
    let header: Vec<String> = recs
        .next()
        .ok_or("The file is empty: it needs a header line and one row per assignment.")?
        .fields
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if let Some(bad) = header.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
        return Err(format!(
            "Unknown column \"{bad}\": the columns are {}.",
            COLUMNS.join(", ")
        ));
    }
    for need in ["group", "principal", "role", "type"] {
        if !header.iter().any(|h| h == need) {
            return Err(format!("The column \"{need}\" is missing."));
        }
    }
    let at = |r: &[String], name: &str| -> String {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| r.get(i))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    Ok(recs
        .map(|rec| {
            let (line, r) = (rec.line, rec.fields);
            let mut problems: Vec<String> = rec.malformed.into_iter().collect();
            let mut bad =
                |field: &str, msg: String| problems.push(format!("Row {line}, {field}: {msg}"));
            let (group, principal) = (at(&r, "group"), at(&r, "principal"));
            if group.is_empty() {
                bad("group", "give the group's id or name.".into());
            }
            if principal.is_empty() {
                bad(
                    "principal",
                    "give the person's id or user principal name.".into(),
                );
            }
            let access = match at(&r, "role").to_ascii_lowercase().as_str() {
                "member" => AccessId::Member,
                "owner" => AccessId::Owner,
                other => {
                    bad("role", format!("\"{other}\" is not member or owner."));
                    AccessId::Member
                }
            };
            let kind = match at(&r, "type").to_ascii_lowercase().as_str() {
                "eligible" => Kind::Eligible,
                "active" => Kind::Active,
                other => {
                    bad("type", format!("\"{other}\" is not eligible or active."));
                    Kind::Eligible
                }
            };
            let action = match at(&r, "action").to_ascii_lowercase().as_str() {
                "" | "add" => Action::Add,
                "remove" => Action::Remove,
                "extend" => Action::Extend,
                other => {
                    bad(
                        "action",
                        format!("\"{other}\" is not add, remove or extend."),
                    );
                    Action::Add
                }
            };
            let mut time = |field: &str| {
                let v = at(&r, field);
                if v.is_empty() {
                    return None;
                }
                let t = super::stamp::parse_instant(&v).or_else(|| {
                    super::stamp::parse_date(&v)
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map(|d| d.and_utc())
                });
                if t.is_none() {
                    bad(
                        field,
                        format!(
                            "\"{v}\" is not a date (2027-01-31) or a time (2027-01-31T09:00:00Z)."
                        ),
                    );
                }
                t
            };
            let (start, end) = (time("start"), time("end"));
            let d = at(&r, "duration");
            let duration_minutes = if d.is_empty() {
                None
            } else {
                let m = super::duration::minutes(&d);
                if m.is_none() {
                    bad(
                        "duration",
                        format!("\"{d}\" is not a duration such as P90D or PT8H."),
                    );
                }
                m
            };
            if end.is_some() && duration_minutes.is_some() {
                bad("end", "give an end or a duration, not both.".into());
            }
            if action == Action::Extend && end.is_none() && duration_minutes.is_none() {
                bad(
                    "end",
                    "an extension needs the new end or a duration.".into(),
                );
            }
            Row {
                line,
                group,
                principal,
                access,
                kind,
                start,
                end,
                duration_minutes,
                justification: at(&r, "justification"),
                action,
                problems,
            }
        })
        .collect())
}

/// The Add assignments form a row amounts to, starting now when it names no start.
pub fn form(row: &Row, now: DateTime<Utc>) -> AssignForm {
    let start = row.start.unwrap_or(now);
    let end = row.end.or_else(|| {
        row.duration_minutes
            .map(|m| start + Duration::minutes(m.into()))
    });
    AssignForm {
        kind: row.kind,
        permanent: end.is_none(),
        start,
        end,
        justification: row.justification.clone(),
    }
}

/// A row's problems against the group's settings and what it holds (`exists`: the principal
/// already has this role of this type in the group).
pub fn check(row: &Row, s: &AssignmentSettings, exists: bool, now: DateTime<Utc>) -> Vec<String> {
    let mut out = vec![];
    match (row.action, exists) {
        (Action::Add, true) => out.push(format!(
            "Row {}: {} is already assigned to this role.",
            row.line, row.principal
        )),
        (Action::Remove | Action::Extend, false) => out.push(format!(
            "Row {}: {} has no such assignment to {}.",
            row.line,
            row.principal,
            row.action.label()
        )),
        _ => {}
    }
    if row.action != Action::Remove {
        out.extend(
            problems(&form(row, now), s, now)
                .into_iter()
                .map(|(field, m)| format!("Row {}, {}: {m}", row.line, field.to_lowercase())),
        );
    }
    out
}

/// The schedule request a checked row becomes.
pub fn to_request(
    row: &Row,
    group_id: &str,
    principal_id: &str,
    now: DateTime<Utc>,
) -> NewScheduleRequest {
    let action = match row.action {
        Action::Add => ScheduleRequestAction::AdminAssign,
        Action::Remove => ScheduleRequestAction::AdminRemove,
        Action::Extend => ScheduleRequestAction::AdminExtend,
    };
    let mut r = request(&form(row, now), group_id, principal_id, row.access, action);
    if row.action == Action::Remove {
        r.schedule_info = None;
    }
    r
}

/// The results file: every row of the file as read, with its outcome.
pub fn results_csv(rows: &[(Row, String)]) -> String {
    let mut out = format!("line,{},result\r\n", COLUMNS.join(","));
    for (r, result) in rows {
        let stamp = |t: Option<DateTime<Utc>>| t.map(super::stamp::utc).unwrap_or_default();
        let fields = [
            r.line.to_string(),
            r.group.clone(),
            r.principal.clone(),
            super::wording::role(r.access).to_lowercase(),
            if r.kind == Kind::Eligible {
                "eligible"
            } else {
                "active"
            }
            .to_owned(),
            stamp(r.start),
            stamp(r.end),
            r.duration_minutes
                .map(super::duration::iso)
                .unwrap_or_default(),
            r.justification.clone(),
            r.action.label().to_owned(),
            result.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| super::audit::cell(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

mod csv;
pub mod landed;

pub use csv::{records, Record, MAX_BYTES, MAX_ROWS};

#[cfg(test)]
mod tests;
