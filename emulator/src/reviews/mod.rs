//! Access reviews of groups (`/identityGovernance/accessReviews`): the definitions as stored, their
//! instances and decisions, and how the clock starts, ends and applies them.

mod apply;
pub mod json;
pub mod lifecycle;

use chrono::{DateTime, Utc};
use serde_json::Value;

/// A schedule definition: the body as accepted (echoed back in Graph's shape) plus what the
/// service tracks about it.
#[derive(Clone, Debug)]
pub struct Review {
    pub id: String,
    /// The definition's writable properties as last POSTed or PUT, with the defaults filled in.
    pub definition: Value,
    /// What is reviewed: the group(s) (from the scope or the instance enumeration scope) or an
    /// application; one instance per resource and recurrence.
    pub resources: Vec<Resource>,
    /// How many recurrences have started.
    pub occurrences: usize,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub created_by: String,
    pub instances: Vec<Instance>,
    /// `POST /definitions/{id}/stop`: no further instances.
    pub stopped: bool,
}

/// A reviewed resource: a group, or an application's service principal.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    pub id: String,
    /// `group` or `servicePrincipal`.
    pub kind: &'static str,
}

/// One recurrence of a review, with its snapshot of reviewers and of the people in scope.
#[derive(Clone, Debug)]
pub struct Instance {
    pub id: String,
    pub resource: Resource,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `InProgress`, `Completed`, `Applying`, `Applied`.
    pub status: String,
    /// The user ids asked to review (active owners, named users, or the fallback reviewers).
    pub reviewers: Vec<String>,
    /// Each person reviews only themselves (no reviewers named).
    pub self_review: bool,
    pub decisions: Vec<Decision>,
    /// The reviewer and fallback scopes the instance was started with (PUT may add fallbacks).
    pub reviewer_scopes: Value,
    pub fallback_scopes: Value,
}

/// One person in scope and what was decided about them.
#[derive(Clone, Debug)]
pub struct Decision {
    pub id: String,
    pub principal_id: String,
    /// `NotReviewed`, `Approve`, `Deny`, `DontKnow`.
    pub decision: String,
    pub justification: String,
    /// `Approve`, `Deny` or `NoInfoAvailable`, fixed when the instance starts.
    pub recommendation: String,
    pub last_sign_in: Option<DateTime<Utc>>,
    pub reviewed_by: Option<String>,
    pub reviewed: Option<DateTime<Utc>>,
    /// `New`, `AppliedSuccessfully`, `AppliedSuccessfullyButObjectNotFound`.
    pub apply_result: String,
    pub applied: Option<DateTime<Utc>>,
    /// Who applied: a user id, or `None` with `applied` set for the service's auto-apply.
    pub applied_by: Option<String>,
}

/// The group id in a scope query such as `/groups/{id}/transitiveMembers` (with or without a
/// `/v1.0` prefix or a `$filter`).
pub fn group_of_query(query: &str) -> Option<String> {
    let rest = query.trim_start_matches("/v1.0").strip_prefix("/groups/")?;
    let (id, tail) = rest.split_once('/')?;
    let tail = tail.split('?').next().unwrap_or("").trim_end_matches('/');
    matches!(
        tail,
        "transitiveMembers" | "members" | "transitiveMembers/microsoft.graph.user"
    )
    .then(|| id.to_owned())
}

/// What a definition reviews, or `None` for a scope this emulator does not know (a query on
/// PIM's own collections, a directory role).
pub fn resources(world: &crate::state::World, definition: &Value) -> Option<Vec<Resource>> {
    let scope = &definition["scope"];
    let group = |id: &str| Resource {
        id: id.to_owned(),
        kind: "group",
    };
    if scope["@odata.type"] == "#microsoft.graph.principalResourceMembershipsScope" {
        let mut out = vec![];
        for r in scope["resourceScopes"].as_array()? {
            let q = r["query"].as_str()?.trim_start_matches("/v1.0");
            if let Some(id) = group_of_query(q) {
                out.push(group(&id));
            } else if let Some(id) = q.strip_prefix("/servicePrincipals/") {
                out.push(Resource {
                    id: id.split('/').next()?.to_owned(),
                    kind: "servicePrincipal",
                });
            } else {
                return None;
            }
        }
        return (!out.is_empty()).then_some(out);
    }
    let query = scope["query"].as_str().unwrap_or("");
    if let Some(id) = group_of_query(query) {
        return Some(vec![group(&id)]);
    }
    if !query.starts_with("./") {
        return None;
    }
    // A relative scope: the groups come from the instance enumeration scope.
    let groups = definition["instanceEnumerationScope"]["query"]
        .as_str()?
        .trim_start_matches("/v1.0");
    if let Some(id) = groups.strip_prefix("/groups/") {
        return Some(vec![group(id.split(['/', '?']).next()?)]);
    }
    let filter = groups.strip_prefix("/groups")?;
    let teams = filter.contains("'Team'");
    let unified = filter.contains("'Unified'");
    Some(
        world
            .tenant
            .groups
            .iter()
            .filter(|g| !teams || g.resource_provisioning_options.iter().any(|o| o == "Team"))
            .filter(|g| !unified || g.group_types.iter().any(|t| t == "Unified"))
            .map(|g| group(&g.id))
            .collect(),
    )
}

/// Whether a scope keeps guests only (`$filter=(userType eq 'Guest')`).
pub fn guests_only(query: &str) -> bool {
    query.contains("userType eq 'Guest'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_queries_name_their_group() {
        assert_eq!(
            group_of_query("/groups/g1/transitiveMembers").as_deref(),
            Some("g1")
        );
        assert_eq!(
            group_of_query("/v1.0/groups/g1/members").as_deref(),
            Some("g1")
        );
        assert_eq!(
            group_of_query("/groups/g1/transitiveMembers/?$filter=(userType eq 'Guest')")
                .as_deref(),
            Some("g1")
        );
        assert!(group_of_query(
            "/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances"
        )
        .is_none());
        assert!(group_of_query("/groups/g1/owners").is_none());
        assert!(guests_only(
            "/groups/g1/transitiveMembers/?$filter=(userType eq 'Guest')"
        ));
    }
}
