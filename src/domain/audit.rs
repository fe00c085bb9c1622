//! PIM audit entries as rows a person reads (time, activity, who, which group, whom, result,
//! reason) and as CSV, and the `$filter` that asks Graph for them.

use crate::graph::model::DirectoryAudit;
use crate::graph::request::literal;

/// One row of the audit table.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRow {
    /// The entry's id in the log (not exported).
    pub id: String,
    pub time: String,
    pub activity: String,
    pub initiated_by: String,
    pub group: String,
    pub principal: String,
    pub result: String,
    pub reason: String,
}

impl From<&DirectoryAudit> for AuditRow {
    fn from(a: &DirectoryAudit) -> Self {
        let by = a.initiated_by.as_ref().map_or(String::new(), |i| {
            i["user"]["displayName"]
                .as_str()
                .or(i["app"]["displayName"].as_str())
                .unwrap_or("")
                .to_owned()
        });
        let target = |kind: &str| {
            a.target_resources
                .iter()
                .find(|t| {
                    t["type"]
                        .as_str()
                        .is_some_and(|k| k.eq_ignore_ascii_case(kind))
                })
                .and_then(|t| t["displayName"].as_str())
                .unwrap_or("")
                .to_owned()
        };
        let detail = |key: &str| {
            a.additional_details
                .iter()
                .find(|d| d["key"] == key)
                .and_then(|d| d["value"].as_str())
                .unwrap_or("")
                .to_owned()
        };
        AuditRow {
            id: a.id.clone(),
            time: a
                .activity_date_time
                .as_deref()
                .map(crate::domain::wording::when)
                .unwrap_or_default(),
            activity: a.activity_display_name.clone().unwrap_or_default(),
            initiated_by: by,
            group: target("Group"),
            principal: target("User"),
            result: a.result.clone().unwrap_or_default(),
            reason: detail("Justification"),
        }
    }
}

/// The `$filter` for PIM entries between two instants (RFC 3339), about one group, or by one user.
pub fn filter(from: &str, to: &str, group: Option<&str>, initiated_by: Option<&str>) -> String {
    let mut f = format!(
        "loggedByService eq 'PIM' and activityDateTime ge {from} and activityDateTime le {to}"
    );
    if let Some(g) = group {
        f.push_str(&format!(
            " and targetResources/any(t: t/id eq {})",
            literal(g)
        ));
    }
    if let Some(u) = initiated_by {
        f.push_str(&format!(" and initiatedBy/user/id eq {}", literal(u)));
    }
    f
}

/// One CSV cell: quoted when needed, formulas defused.
pub fn cell(s: &str) -> String {
    // Quoted when needed; a leading = + - @ (or a tab or carriage return, which spreadsheets skip
    // before reading a formula) is defused so a spreadsheet never runs it as one (OWASP CSV
    // injection).
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The rows as CSV with a header line.
/// The CSV of `rows`; `partial` says why they are not the whole range, as the file's first line
/// (a file that looks whole but is not would mislead an auditor).
pub fn csv(rows: &[AuditRow], partial: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(why) = partial {
        out.push_str(&cell(&format!("Partial: {why}")));
        out.push_str("\r\n");
    }
    out.push_str("Time,Activity,Initiated by,Group,Principal,Result,Reason\r\n");
    for r in rows {
        let cells = [
            &r.time,
            &r.activity,
            &r.initiated_by,
            &r.group,
            &r.principal,
            &r.result,
            &r.reason,
        ];
        out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_entry_reads_as_a_row() {
        let a: DirectoryAudit = serde_json::from_value(json!({
            "id": "PIM_1", "activityDisplayName": "Approve activation request", "activityDateTime": "2026-11-22T12:00:00.0000000Z",
            "result": "success", "initiatedBy": {"user": {"displayName": "Diego Siciliani"}, "app": null},
            "targetResources": [{"type": "Group", "displayName": "CA-Exclusion-LegacyMFA"}, {"type": "User", "displayName": "Alex Wilber"}],
            "additionalDetails": [{"key": "Justification", "value": "Legacy payroll"}]
        })).unwrap();
        let r = AuditRow::from(&a);
        assert_eq!(r.time, "2026-11-22 12:00 UTC");
        assert_eq!(
            (
                r.initiated_by.as_str(),
                r.group.as_str(),
                r.principal.as_str(),
                r.reason.as_str()
            ),
            (
                "Diego Siciliani",
                "CA-Exclusion-LegacyMFA",
                "Alex Wilber",
                "Legacy payroll"
            )
        );
    }

    #[test]
    fn the_filter_scopes_by_time_group_and_initiator() {
        let f = filter(
            "2026-11-01T00:00:00Z",
            "2026-11-22T23:59:59Z",
            Some("g'1"),
            Some("u1"),
        );
        assert_eq!(f, "loggedByService eq 'PIM' and activityDateTime ge 2026-11-01T00:00:00Z and activityDateTime le 2026-11-22T23:59:59Z and targetResources/any(t: t/id eq 'g''1') and initiatedBy/user/id eq 'u1'");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let row = AuditRow {
            id: "x".into(),
            time: "t".into(),
            activity: "Approve, then \"go\"".into(),
            initiated_by: "=cmd()".into(),
            group: "g".into(),
            principal: "p".into(),
            result: "success".into(),
            reason: "line\nbreak".into(),
        };
        let c = csv(std::slice::from_ref(&row), None);
        assert_eq!(c, "Time,Activity,Initiated by,Group,Principal,Result,Reason\r\nt,\"Approve, then \"\"go\"\"\",'=cmd(),g,p,success,\"line\nbreak\"\r\n");
        let partial = csv(&[row], Some("stopped, 1 entry read"));
        assert!(
            partial.starts_with("\"Partial: stopped, 1 entry read\"\r\nTime,"),
            "{partial}"
        );
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
    }
}
