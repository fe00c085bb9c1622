//! Entitlement management (`/identityGovernance/entitlementManagement`): the access packages that
//! hand out a group's membership or ownership beside PIM.

use super::call::Call;
use super::model::{AccessPackage, AccessPackageAssignment, Page};
use super::request::GraphRequest;

/// Every access package with the resource roles it gives (role and scope of each); Graph has no
/// filter by resource, so the caller keeps the ones whose scope is the group.
/// HTTP GET /identityGovernance/entitlementManagement/accessPackages?$expand=resourceRoleScopes($expand=role,scope)
/// <https://learn.microsoft.com/graph/api/accesspackage-list-resourcerolescopes>
pub fn list_access_packages() -> Call<Page<AccessPackage>> {
    Call::new(
        GraphRequest::get("/identityGovernance/entitlementManagement/accessPackages")
            .query("$expand", "resourceRoleScopes($expand=role,scope)"),
    )
}

/// The assignments of one access package, each with the user it is for.
/// HTTP GET /identityGovernance/entitlementManagement/assignments?$filter=accessPackage/id eq '{id}'&$expand=target
/// <https://learn.microsoft.com/graph/api/entitlementmanagement-list-assignments>
pub fn list_assignments(access_package_id: &str) -> Call<Page<AccessPackageAssignment>> {
    Call::new(
        GraphRequest::get("/identityGovernance/entitlementManagement/assignments")
            .query(
                "$filter",
                &format!("accessPackage/id eq '{access_package_id}'"),
            )
            .query("$expand", "target"),
    )
}
