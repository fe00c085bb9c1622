//! The CSV of bulk assignments: the awkward files spreadsheets write, rows named by line and
//! field, checks against settings, and 10,000 rows.

use super::*;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-03T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn settings() -> AssignmentSettings {
    AssignmentSettings {
        eligible_max_minutes: Some(90 * 1440),
        active_max_minutes: Some(30 * 1440),
        mfa_on_active: false,
        justification_on_active: true,
    }
}

#[test]
fn bom_semicolons_quotes_and_line_breaks_in_quotes() {
    let text = "\u{feff}group;principal;role;type;justification\r\n\"Finance; EU\";a@contoso.com;member;eligible;\"said \"\"yes\"\"\nthen left\"\r\n\r\n";
    let r = records(text).unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[1].fields,
        [
            "Finance; EU",
            "a@contoso.com",
            "member",
            "eligible",
            "said \"yes\"\nthen left"
        ]
    );
    let commas =
        records("group,principal,role,type\nHelpdesk,\"Holloway, Lidia\",owner,active").unwrap();
    assert_eq!(commas[1].fields[1], "Holloway, Lidia");
}

#[test]
fn a_stray_quote_inside_a_field_swallows_no_line_and_rows_keep_their_lines() {
    let text = "group,principal,role,type,justification\nOps \"A\" team,a@x.com,member,eligible,x\nG,\"two\nlines\",member,eligible,y\nG,c@x.com,member,eligible,z\n";
    let r = rows(text).unwrap();
    assert_eq!(r.len(), 3, "no line swallowed");
    assert_eq!(r[0].group, "Ops \"A\" team");
    assert_eq!(
        r.iter().map(|x| x.line).collect::<Vec<_>>(),
        [2, 3, 5],
        "a record over two lines moves the next one's line"
    );
    assert!(
        r.iter().all(|x| x.problems.is_empty()),
        "{:?}",
        r[0].problems
    );
}

#[test]
fn a_malformed_row_is_named_and_an_unclosed_quote_stops_the_file() {
    let r = rows(
        "group,principal,role,type\n\"G\"x,a@x.com,member,eligible\nG,b@x.com,member,eligible",
    )
    .unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[0].problems,
        ["Row 2: text after a closing quote (a quoted field must end at a separator)."]
    );
    assert!(r[1].problems.is_empty());
    let e = rows("group,principal,role,type\nG,a@x.com,member,eligible\nG,\"b@x.com,member,eligible\nG,c@x.com,member,eligible").unwrap_err();
    assert!(
        e.starts_with("Row 3: a quoted field is never closed"),
        "{e}"
    );
}

#[test]
fn files_too_large_or_too_long_are_refused_with_what_to_do() {
    let row = "G,a@x.com,member,eligible\n";
    let long = format!("group,principal,role,type\n{}", row.repeat(MAX_ROWS + 1));
    assert_eq!(
        rows(&long).unwrap_err(),
        "The file has 10001 rows; Bulk assignments reads up to 10000 at a time. Split it into smaller files."
    );
    assert_eq!(
        rows(&format!(
            "group,principal,role,type\n{}",
            row.repeat(MAX_ROWS)
        ))
        .unwrap()
        .len(),
        MAX_ROWS
    );
    let big = "x".repeat(MAX_BYTES + 1);
    assert!(rows(&big).unwrap_err().contains("up to 5 MB"));
}

#[test]
fn the_template_reads_as_one_valid_row() {
    let rows = rows(&template()).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(rows[0].duration_minutes, Some(90 * 1440));
    assert!(check(&rows[0], &settings(), false, now()).is_empty());
}

#[test]
fn a_bad_column_is_a_file_problem_and_a_bad_field_is_the_rows() {
    assert!(rows("").unwrap_err().contains("empty"));
    assert_eq!(rows("group,principal,colour,type").unwrap_err(), "Unknown column \"colour\": the columns are group, principal, role, type, start, end, duration, justification, action.");
    assert_eq!(
        rows("group,principal,type").unwrap_err(),
        "The column \"role\" is missing."
    );
    let r = rows("group,principal,role,type,start,end,duration,action\nG,p,guest,eligible,tomorrow,2027-01-01,P1D,add\nG,p,member,active,,,,promote\n,,member,eligible,,,,remove").unwrap();
    assert_eq!(
        r[0].problems,
        [
            "Row 2, role: \"guest\" is not member or owner.",
            "Row 2, start: \"tomorrow\" is not a date (2027-01-31) or a time (2027-01-31T09:00:00Z).",
            "Row 2, end: give an end or a duration, not both.",
        ]
    );
    assert_eq!(
        r[1].problems,
        ["Row 3, action: \"promote\" is not add, remove or extend."]
    );
    assert_eq!(r[2].problems.len(), 2, "{:?}", r[2].problems);
    assert!(r[2].problems[0].starts_with("Row 4, group:"));
}

#[test]
fn rows_are_checked_against_the_settings_and_what_is_assigned() {
    let r = rows("group,principal,role,type,duration,justification,action\nG,a,member,active,P60D,,add\nG,b,member,eligible,,,add\nG,c,member,eligible,P30D,,add\nG,d,owner,eligible,,,remove\nG,e,member,eligible,,,extend").unwrap();
    let s = settings();
    let too_long = check(&r[0], &s, false, now());
    assert!(
        too_long.iter().any(|p| p.contains("at most 30 days")),
        "{too_long:?}"
    );
    assert!(
        too_long.iter().any(|p| p.contains("justification")),
        "{too_long:?}"
    );
    assert!(check(&r[1], &s, false, now())[0].contains("don't allow permanent"));
    assert_eq!(
        check(&r[2], &s, true, now()),
        ["Row 4: c is already assigned to this role."]
    );
    assert!(check(&r[2], &s, false, now()).is_empty());
    assert_eq!(
        check(&r[3], &s, false, now()),
        ["Row 5: d has no such assignment to remove."]
    );
    assert!(
        check(&r[3], &s, true, now()).is_empty(),
        "a removal needs no schedule"
    );
    assert!(r[4].problems[0].contains("an extension needs the new end"));
}

#[test]
fn checked_rows_become_schedule_requests() {
    let r = rows("group,principal,role,type,start,duration,justification,action\nG,p,owner,eligible,2026-12-10,P30D,rota,add\nG,p,member,active,,,,remove").unwrap();
    let add = serde_json::to_value(to_request(&r[0], "g-1", "u-1", now())).unwrap();
    assert_eq!(add["action"], "adminAssign");
    assert_eq!(add["accessId"], "owner");
    assert_eq!(add["scheduleInfo"]["startDateTime"], "2026-12-10T00:00:00Z");
    assert_eq!(
        add["scheduleInfo"]["expiration"]["endDateTime"],
        "2027-01-09T00:00:00Z"
    );
    let remove = serde_json::to_value(to_request(&r[1], "g-1", "u-1", now())).unwrap();
    assert_eq!(remove["action"], "adminRemove");
    assert!(remove.get("scheduleInfo").is_none());
    let csv = results_csv(&[(r[0].clone(), "Provisioned".into())]);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with(",rota,add,Provisioned"),
        "{csv}"
    );
}

#[test]
fn ten_thousand_rows_read_in_one_pass() {
    let mut text = String::from("group,principal,role,type,duration\n");
    for n in 0..10_000 {
        text.push_str(&format!(
            "Group {},user{n}@contoso.com,member,eligible,P30D\n",
            n % 7
        ));
    }
    let r = rows(&text).unwrap();
    assert_eq!(r.len(), 10_000);
    assert!(r.iter().all(|x| x.problems.is_empty()));
    assert_eq!(r[9_999].line, 10_001);
}
