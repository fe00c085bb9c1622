//! Entra roles (`/roleManagement/directory`): the roles a group holds.

use super::call::Call;
use super::model::{Page, UnifiedRoleAssignment};
use super::request::{eq, GraphRequest};

/// The role assignments of one principal (a role-assignable group), with each role's definition.
/// HTTP GET /roleManagement/directory/roleAssignments?$filter=principalId eq '{id}'&$expand=roleDefinition
/// <https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments>
pub fn list_role_assignments_of(principal_id: &str) -> Call<Page<UnifiedRoleAssignment>> {
    Call::new(
        GraphRequest::get("/roleManagement/directory/roleAssignments")
            .query("$filter", &eq("principalId", principal_id))
            .query("$expand", "roleDefinition"),
    )
}

/// The roles one principal is eligible for through PIM for Microsoft Entra roles: a group can be
/// eligible for a role that its members only hold once the group's eligibility is activated.
/// HTTP GET /roleManagement/directory/roleEligibilitySchedules?$filter=principalId eq '{id}'&$expand=roleDefinition
/// <https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityschedules>
pub fn list_role_eligibility_schedules_of<T>(principal_id: &str) -> Call<Page<T>> {
    Call::new(
        GraphRequest::get("/roleManagement/directory/roleEligibilitySchedules")
            .query("$filter", &eq("principalId", principal_id))
            .query("$expand", "roleDefinition"),
    )
}

/// Who holds one directory role (at any scope), each principal expanded: a user, or a
/// role-assignable group whose members hold it.
/// HTTP GET /roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '{id}'&$expand=principal
/// <https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments>
pub fn list_role_holders(role_definition_id: &str) -> Call<Page<UnifiedRoleAssignment>> {
    Call::new(
        GraphRequest::get("/roleManagement/directory/roleAssignments")
            .query("$filter", &eq("roleDefinitionId", role_definition_id))
            .query("$expand", "principal"),
    )
}
