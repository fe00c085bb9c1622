//! Who holds the reviewed group's Member role through PIM, eligible or active: read after the
//! review's people have shown (the decisions do not say it; the group's schedules do), so the
//! page a review email opens paints a round trip sooner.

use crate::client::Graph;
use crate::domain::reviews::results::{memberships, Memberships};
use crate::graph::call::Batch;
use crate::graph::pim::{list_for_group, Collection};
use std::collections::HashSet;

/// The group's eligible and active members (with why, when they could not be read); nobody for
/// a review that is not of a group.
pub async fn read(graph: Graph, group: Option<String>) -> Memberships {
    let Some(g) = group else {
        return (HashSet::new(), HashSet::new(), None);
    };
    let mut reads = Batch::new();
    let e = reads.add(list_for_group(Collection::EligibilitySchedules, &g, None));
    let a = reads.add(list_for_group(Collection::AssignmentSchedules, &g, None));
    let mut s = graph.run(&reads).await;
    memberships(s.take(e), s.take(a))
}

/// A person's access in words, once the memberships are read: "Unknown" when they could not be.
pub fn access(principal: &str, read: Option<&Memberships>) -> &'static str {
    match read {
        None => "Reading…",
        Some((_, _, Some(_))) => "Unknown",
        Some((eligible, active, None)) => {
            crate::domain::reviews::results::membership(principal, eligible, active)
        }
    }
}
