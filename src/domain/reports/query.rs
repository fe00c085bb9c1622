//! A report's address: `?from=&to=&groups=&days=&tab=`, so a pasted link shows the same report.

use super::Window;
use crate::domain::stamp::{parse_date, ymd};
use chrono::{Duration, NaiveDate};

/// The days an eligibility must be old to count as unused, by default.
pub const DEFAULT_DAYS: i64 = 30;

/// What a report shows, as its address says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportQuery {
    pub window: Window,
    /// The groups asked for; empty is every managed group.
    pub groups: Vec<String>,
    /// Unused eligibility: eligible for at least this many days.
    pub days: i64,
}

impl ReportQuery {
    /// The last 30 days to `today`, every group.
    pub fn default_for(today: NaiveDate) -> Self {
        ReportQuery {
            window: Window {
                from: today - Duration::days(29),
                to: today,
            },
            groups: vec![],
            days: DEFAULT_DAYS,
        }
    }

    /// Reads the query's values; each missing or unreadable one takes its default, and a window
    /// given backwards is put the right way round.
    pub fn parse(get: impl Fn(&str) -> Option<String>, today: NaiveDate) -> Self {
        let mut q = ReportQuery::default_for(today);
        let date = |k: &str| get(k).as_deref().and_then(parse_date);
        if let Some(d) = date("from") {
            q.window.from = d;
        }
        if let Some(d) = date("to") {
            q.window.to = d;
        }
        if q.window.from > q.window.to {
            std::mem::swap(&mut q.window.from, &mut q.window.to);
        }
        q.groups = get("groups")
            .unwrap_or_default()
            .split(',')
            .filter_map(crate::pages::id_segment)
            .collect();
        if let Some(n) = get("days").and_then(|d| d.trim().parse::<i64>().ok()) {
            q.days = n.clamp(1, 3650);
        }
        q
    }

    /// The query string that gives this report back (`tab` kept as the page has it).
    pub fn to_query(&self, tab: &str) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("from", &ymd(self.window.from));
        s.append_pair("to", &ymd(self.window.to));
        if !self.groups.is_empty() {
            s.append_pair("groups", &self.groups.join(","));
        }
        if self.days != DEFAULT_DAYS {
            s.append_pair("days", &self.days.to_string());
        }
        if !tab.is_empty() {
            s.append_pair("tab", tab);
        }
        s.finish()
    }

    /// Whether a group is in the report.
    pub fn includes(&self, group: &str) -> bool {
        self.groups.is_empty() || self.groups.iter().any(|g| g == group)
    }
}
