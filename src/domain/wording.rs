//! The portal's words for settings values: durations, yes/no.

/// `30 minutes`, `1 hour`, `4 hours`, `1 hour 30 minutes`, `90 days`.
pub fn duration(minutes: u32) -> String {
    let plural = |n: u32, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    if minutes >= 1440 && minutes.is_multiple_of(1440) {
        return plural(minutes / 1440, "day");
    }
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
    }
}

/// The portal's word for a group role: **Member** or **Owner**.
pub fn role(access: crate::graph::model::AccessId) -> &'static str {
    match access {
        crate::graph::model::AccessId::Owner => "Owner",
        _ => "Member",
    }
}

/// The three notification sections of a role's settings, in the portal's order.
pub const NOTIFICATION_SECTIONS: [&str; 3] = [
    "Send notifications when members are assigned as eligible to this role",
    "Send notifications when members are assigned as active to this role",
    "Send notifications when eligible members activate this role",
];

/// The rows of each notification section, in the portal's words.
pub const NOTIFICATION_ROWS: [[&str; 3]; 3] = [
    [
        "Role assignment alert",
        "Notification to the assigned user (assignee)",
        "Request to approve a role assignment renewal/extension",
    ],
    [
        "Role assignment alert",
        "Notification to the assigned user (assignee)",
        "Request to approve a role assignment renewal/extension",
    ],
    [
        "Role activation alert",
        "Notification to activated user (requestor)",
        "Request to approve an activation",
    ],
];

pub fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// In place of a detail Graph would not give: what is missing, the code and the request id, so
/// the row stays and support can trace it. Never an empty cell.
pub fn unreadable(what: &str, e: &crate::graph::error::GraphError) -> String {
    format!(
        "Couldn't read {what}: {}: {} (request id {})",
        e.effective_code(),
        e.message,
        e.request_id.as_deref().unwrap_or("-")
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn unreadable_details_keep_code_message_and_request_id() {
        let mut e = crate::graph::error::GraphError::transport("x", "c");
        e.code = "Authorization_RequestDenied".into();
        e.message = "Insufficient privileges to complete the operation.".into();
        e.request_id = Some("r-1".into());
        assert_eq!(
            super::unreadable("who decided", &e),
            "Couldn't read who decided: Authorization_RequestDenied: Insufficient privileges to complete the operation. (request id r-1)"
        );
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(super::duration(30), "30 minutes");
        assert_eq!(super::duration(60), "1 hour");
        assert_eq!(super::duration(240), "4 hours");
        assert_eq!(super::duration(90), "1 hour 30 minutes");
        assert_eq!(super::duration(90 * 1440), "90 days");
        assert_eq!(super::duration(1440), "1 day");
    }
}

/// A Graph timestamp as `2027-02-20 21:05 UTC`; unreadable text is shown as it came.
pub fn when(ts: &str) -> String {
    super::stamp::parse_instant(ts).map_or_else(|| ts.to_owned(), at)
}

/// An instant as `2027-02-20 21:05 UTC`.
pub fn at(t: chrono::DateTime<chrono::Utc>) -> String {
    format!("{} UTC", super::stamp::ymd_hm(&t, ' '))
}

#[cfg(test)]
mod when_tests {
    #[test]
    fn timestamps_in_words() {
        assert_eq!(
            super::when("2027-02-20T21:05:03.8466694Z"),
            "2027-02-20 21:05 UTC"
        );
        assert_eq!(super::when("soon"), "soon");
    }
}
