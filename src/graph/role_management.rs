//! Entra roles (`/roleManagement/directory`): the roles a group holds.

use super::request::{eq, GraphRequest};

/// The role assignments of one principal (a role-assignable group), with each role's definition.
/// HTTP GET /roleManagement/directory/roleAssignments?$filter=principalId eq '{id}'&$expand=roleDefinition
/// <https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments>
pub fn list_role_assignments_of(principal_id: &str) -> GraphRequest {
    GraphRequest::get("/roleManagement/directory/roleAssignments")
        .query("$filter", &eq("principalId", principal_id))
        .query("$expand", "roleDefinition")
}
