//! PIM for Groups (`/identityGovernance/privilegedAccess/group`): schedules, instances, requests
//! and approvals. Request builders only; sending is the client's. The root path lives here once.

use super::call::Call;
use super::model::{Approval, Expanded, Page, PrivilegedAccessGroupScheduleRequest};
use super::request::{eq, segment, GraphRequest};
use serde_json::{json, Value};

/// The root of every PIM for Groups resource.
pub const ROOT: &str = "/identityGovernance/privilegedAccess/group";

/// The six collections PIM for Groups keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    EligibilitySchedules,
    AssignmentSchedules,
    EligibilityScheduleInstances,
    AssignmentScheduleInstances,
    EligibilityScheduleRequests,
    AssignmentScheduleRequests,
}

impl Collection {
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::EligibilitySchedules => "eligibilitySchedules",
            Collection::AssignmentSchedules => "assignmentSchedules",
            Collection::EligibilityScheduleInstances => "eligibilityScheduleInstances",
            Collection::AssignmentScheduleInstances => "assignmentScheduleInstances",
            Collection::EligibilityScheduleRequests => "eligibilityScheduleRequests",
            Collection::AssignmentScheduleRequests => "assignmentScheduleRequests",
        }
    }

    /// The request collection: eligible (`true`) or active.
    pub fn requests(eligible: bool) -> Collection {
        if eligible {
            Collection::EligibilityScheduleRequests
        } else {
            Collection::AssignmentScheduleRequests
        }
    }

    fn path(self) -> String {
        format!("{ROOT}/{}", self.as_str())
    }
}

/// Who `filterByCurrentUser` looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    Principal,
    Approver,
}

/// List a collection for one group, with `$expand` (`principal`, `group`) when given.
/// HTTP GET /identityGovernance/privilegedAccess/group/{collection}?$filter=groupId eq '{id}'
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroup-list-eligibilityschedules>
pub fn list_for_group<T>(c: Collection, group_id: &str, expand: Option<&str>) -> Call<Page<T>> {
    Call::new({
        let r = GraphRequest::get(&c.path()).query("$filter", &eq("groupId", group_id));
        match expand {
            Some(e) => r.query("$expand", e),
            None => r,
        }
    })
}

/// Only the ids of a collection for one group: "does it have any?".
/// HTTP GET /identityGovernance/privilegedAccess/group/{collection}?$filter=groupId eq '{id}'&$select=id
pub fn list_ids_for_group(c: Collection, group_id: &str) -> Call<Page<Value>> {
    Call::new(
        GraphRequest::get(&c.path())
            .query("$filter", &eq("groupId", group_id))
            .query("$select", "id"),
    )
}

/// List groups (PIM for Groups' resources): the ids of every group PIM manages, however it was
/// onboarded. Documented in v1.0 now, and in beta since November 2025: `beta` asks beta, for
/// tenants or clouds whose v1.0 lacks it. Needs `PrivilegedAccess.Read.AzureADGroup`.
/// HTTP GET /identityGovernance/privilegedAccess/group/resources
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroup-list-resources>
pub fn list_group_resources<T>(beta: bool) -> Call<Page<T>> {
    let req = GraphRequest::get("/identityGovernance/privilegedAccess/group/resources");
    Call::new(if beta { req.beta() } else { req })
}

/// One principal's requests in one group, newest history for the approval page.
/// HTTP GET /identityGovernance/privilegedAccess/group/{collection}?$filter=groupId eq '{g}' and principalId eq '{p}'
pub fn list_for_principal<T>(c: Collection, group_id: &str, principal_id: &str) -> Call<Page<T>> {
    Call::new({
        let filter = format!(
            "{} and {}",
            eq("groupId", group_id),
            eq("principalId", principal_id)
        );
        GraphRequest::get(&c.path()).query("$filter", &filter)
    })
}

/// The signed-in user's items, as principal or as approver, with `$expand`.
/// HTTP GET /identityGovernance/privilegedAccess/group/{collection}/filterByCurrentUser(on='principal')
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroupeligibilityscheduleinstance-filterbycurrentuser>
pub fn filter_by_current_user<T>(c: Collection, on: On, expand: &str) -> Call<Page<T>> {
    Call::new({
        let on = match on {
            On::Principal => "principal",
            On::Approver => "approver",
        };
        GraphRequest::get(&format!("{}/filterByCurrentUser(on='{on}')", c.path()))
            .query("$expand", expand)
    })
}

/// One assignment schedule request with its principal and group.
/// HTTP GET /identityGovernance/privilegedAccess/group/assignmentScheduleRequests/{id}
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroupassignmentschedulerequest-get>
pub fn get_assignment_schedule_request(
    id: &str,
) -> Call<Expanded<PrivilegedAccessGroupScheduleRequest>> {
    Call::new(
        GraphRequest::get(&format!(
            "{}/{}",
            Collection::AssignmentScheduleRequests.path(),
            segment(id)
        ))
        .query("$expand", "principal,group"),
    )
}

/// One assignment or eligibility schedule request, as it is now.
/// HTTP GET /identityGovernance/privilegedAccess/group/eligibilityScheduleRequests/{id}
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroupeligibilityschedulerequest-get>
pub fn get_schedule_request(
    eligible: bool,
    id: &str,
) -> Call<PrivilegedAccessGroupScheduleRequest> {
    Call::new(GraphRequest::get(&format!(
        "{}/{}",
        Collection::requests(eligible).path(),
        segment(id)
    )))
}

/// Create an assignment or eligibility schedule request (activate, assign, extend, remove...).
/// HTTP POST /identityGovernance/privilegedAccess/group/assignmentScheduleRequests
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroup-post-assignmentschedulerequests>
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroup-post-eligibilityschedulerequests>
pub fn create_schedule_request(eligible: bool, body: Value) -> GraphRequest {
    GraphRequest::post(&Collection::requests(eligible).path(), body)
}

/// Cancel a pending request.
/// HTTP POST /identityGovernance/privilegedAccess/group/assignmentScheduleRequests/{id}/cancel
/// <https://learn.microsoft.com/graph/api/privilegedaccessgroupassignmentschedulerequest-cancel>
pub fn cancel_schedule_request(eligible: bool, id: &str) -> GraphRequest {
    let path = format!(
        "{}/{}/cancel",
        Collection::requests(eligible).path(),
        segment(id)
    );
    GraphRequest::post(&path, json!({}))
}

/// The approval of a request (same id as the request), with its stages.
/// HTTP GET /identityGovernance/privilegedAccess/group/assignmentApprovals/{id}
/// <https://learn.microsoft.com/graph/api/approval-get>
pub fn get_approval(id: &str) -> Call<Approval> {
    Call::new(GraphRequest::get(&format!(
        "{ROOT}/assignmentApprovals/{}",
        segment(id)
    )))
}

/// Approve or deny one stage.
/// HTTP PATCH /identityGovernance/privilegedAccess/group/assignmentApprovals/{id}/stages/{stageId}
/// <https://learn.microsoft.com/graph/api/approvalstage-update>
pub fn update_approval_stage(
    id: &str,
    stage: &str,
    approve: bool,
    justification: &str,
) -> GraphRequest {
    let path = format!(
        "{ROOT}/assignmentApprovals/{}/stages/{}",
        segment(id),
        segment(stage)
    );
    let result = if approve { "Approve" } else { "Deny" };
    GraphRequest::patch(
        &path,
        json!({"reviewResult": result, "justification": justification}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_filters_are_built_once_and_escaped() {
        let r = list_for_group::<Value>(Collection::EligibilitySchedules, "g'1", Some("principal"));
        assert_eq!(
            r.url,
            "/identityGovernance/privilegedAccess/group/eligibilitySchedules?$filter=groupId%20eq%20%27g%27%271%27&$expand=principal"
        );
        let mine = filter_by_current_user::<Value>(
            Collection::AssignmentScheduleRequests,
            On::Approver,
            "principal,group",
        );
        assert!(mine.url.ends_with(
            "assignmentScheduleRequests/filterByCurrentUser(on='approver')?$expand=principal,group"
        ));
        assert_eq!(
            cancel_schedule_request(true, "r1").url,
            format!("{ROOT}/eligibilityScheduleRequests/r1/cancel")
        );
        assert_eq!(cancel_schedule_request(true, "r1").method, "POST");
    }

    #[test]
    fn ids_in_paths_cannot_add_a_query() {
        let r = get_approval("x?$select=id");
        assert!(!r.url.contains('?'), "{}", r.url);
        assert!(!r.url.contains("$select"));
        let d = update_approval_stage("a/../b", "s", true, "ok");
        assert_eq!(
            d.url,
            format!("{ROOT}/assignmentApprovals/a%2F..%2Fb/stages/s")
        );
        assert_eq!(d.body.unwrap()["reviewResult"], "Approve");
    }
}
