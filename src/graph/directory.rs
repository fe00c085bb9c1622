//! Users and groups (`/users`, `/groups`): read, search, create. Request builders only.

use super::call::Call;
use super::model::{AppRoleAssignment, Group, Page, SubscribedSku, User};
use super::request::{search_term, segment, GraphRequest};
use serde_json::Value;

/// What the blades read of a group.
pub const GROUP_FIELDS: &str = "id,displayName,description,groupTypes,isAssignableToRole,securityEnabled,mailEnabled,membershipRule,onPremisesSyncEnabled,isManagementRestricted";

/// Get a group.
/// HTTP GET /groups/{id}
/// <https://learn.microsoft.com/graph/api/group-get>
pub fn get_group(id: &str, select: &str) -> Call<Group> {
    Call::new(GraphRequest::get(&format!("/groups/{}", segment(id))).query("$select", select))
}

/// Get a user.
/// HTTP GET /users/{id}
/// <https://learn.microsoft.com/graph/api/user-get>
pub fn get_user(id: &str, select: &str) -> Call<User> {
    Call::new(GraphRequest::get(&format!("/users/{}", segment(id))).query("$select", select))
}

/// List groups, 999 a page (every page is read by the caller).
/// HTTP GET /groups
/// <https://learn.microsoft.com/graph/api/group-list>
pub fn list_groups(select: &str) -> Call<Page<Group>> {
    Call::new(
        GraphRequest::get("/groups")
            .query("$select", select)
            .query("$top", "999"),
    )
}

/// What "what the group grants" reads of the group itself.
pub const GRANT_FIELDS: &str = "id,groupTypes,assignedLicenses,resourceProvisioningOptions";

/// The signed-in user's licences, each with its service plans (Check setup looks for Entra ID
/// P2 or ID Governance, which PIM for Groups needs).
/// HTTP GET /me/licenseDetails
/// <https://learn.microsoft.com/graph/api/user-list-licensedetails>
pub fn list_my_license_details<T>() -> Call<Page<T>> {
    Call::new(
        GraphRequest::get("/me/licenseDetails").query("$select", "skuPartNumber,servicePlans"),
    )
}

/// List subscribedSkus: the organisation's licences, to name a group's `assignedLicenses`.
/// HTTP GET /subscribedSkus
/// <https://learn.microsoft.com/graph/api/subscribedsku-list>
pub fn list_subscribed_skus() -> Call<Page<SubscribedSku>> {
    Call::new(GraphRequest::get("/subscribedSkus").query("$select", "skuId,skuPartNumber"))
}

/// List appRoleAssignments granted to a group: the applications its members are given.
/// HTTP GET /groups/{id}/appRoleAssignments
/// <https://learn.microsoft.com/graph/api/group-list-approleassignments>
pub fn list_group_app_role_assignments(group_id: &str) -> Call<Page<AppRoleAssignment>> {
    Call::new(GraphRequest::get(&format!(
        "/groups/{}/appRoleAssignments",
        segment(group_id)
    )))
}

/// Most ids one `getByIds` call takes.
pub const IDS_PER_CALL: usize = 1000;

/// directoryObject: getByIds: the groups among `ids` (at most 1,000), unknown ids left out.
/// HTTP POST /directoryObjects/getByIds
/// <https://learn.microsoft.com/graph/api/directoryobject-getbyids>
pub fn get_groups_by_ids(ids: &[String]) -> Call<Page<Group>> {
    Call::new({
        debug_assert!(ids.len() <= IDS_PER_CALL);
        GraphRequest::post(
            "/directoryObjects/getByIds",
            serde_json::json!({"ids": ids, "types": ["group"]}),
        )
    })
}

/// directoryObject: getByIds: the users among `ids` (at most 1,000), unknown ids left out.
/// HTTP POST /directoryObjects/getByIds
/// <https://learn.microsoft.com/graph/api/directoryobject-getbyids>
pub fn get_users_by_ids(ids: &[String]) -> Call<Page<User>> {
    Call::new({
        debug_assert!(ids.len() <= IDS_PER_CALL);
        GraphRequest::post(
            "/directoryObjects/getByIds",
            serde_json::json!({"ids": ids, "types": ["user"]}),
        )
    })
}

/// Role-assignable groups, 999 a page: the groups that can hold Microsoft Entra roles.
/// HTTP GET /groups?$filter=isAssignableToRole eq true
/// <https://learn.microsoft.com/graph/api/group-list>
pub fn list_role_assignable_groups(select: &str) -> Call<Page<Group>> {
    Call::new(
        GraphRequest::get("/groups")
            .query("$filter", "isAssignableToRole eq true")
            .query("$select", select)
            .query("$top", "999"),
    )
}

/// Create a group.
/// HTTP POST /groups
/// <https://learn.microsoft.com/graph/api/group-post-groups>
pub fn create_group(body: Value) -> GraphRequest {
    GraphRequest::post("/groups", body)
}

/// Groups whose display name is exactly `name`: how a create whose answer was lost is read back.
/// HTTP GET /groups?$filter=displayName eq '{name}'
pub fn list_groups_named(name: &str, select: &str) -> Call<Page<Group>> {
    Call::new(
        GraphRequest::get("/groups")
            .query("$filter", &super::request::eq("displayName", name))
            .query("$select", select),
    )
}

/// Users whose name or sign-in name starts with `text` (advanced query).
/// HTTP GET /users?$search="displayName:{text}" OR "userPrincipalName:{text}"
/// <https://learn.microsoft.com/graph/api/user-list>
pub fn search_users(text: &str, top: u32) -> Call<Page<User>> {
    Call::new({
        let q = format!(
            "{} OR {}",
            search_term("displayName", text),
            search_term("userPrincipalName", text)
        );
        GraphRequest::get("/users")
            .query("$search", &q)
            .query("$select", "id,displayName,userPrincipalName")
            .query("$top", &top.to_string())
    })
}

/// Groups whose name starts with `text` (advanced query).
/// HTTP GET /groups?$search="displayName:{text}"
pub fn search_groups(text: &str, top: u32) -> Call<Page<Group>> {
    Call::new(
        GraphRequest::get("/groups")
            .query("$search", &search_term("displayName", text))
            .query("$select", "id,displayName")
            .query("$top", &top.to_string()),
    )
}

/// How many groups one `checkMemberGroups` call may ask about.
pub const CHECK_MEMBER_GROUPS_MAX: usize = 20;

/// directoryObject: checkMemberGroups for the signed-in user: which of `group_ids` (at most 20)
/// the user is a member of, transitively, as the directory sees it now.
/// HTTP POST /me/checkMemberGroups
/// <https://learn.microsoft.com/graph/api/directoryobject-checkmembergroups>
pub fn check_member_groups(group_ids: &[String]) -> Call<Page<String>> {
    Call::new({
        debug_assert!(group_ids.len() <= CHECK_MEMBER_GROUPS_MAX);
        GraphRequest::post(
            "/me/checkMemberGroups",
            serde_json::json!({ "groupIds": group_ids }),
        )
    })
}

/// List group owners: the ids of everyone who owns the group now (PIM-activated or not).
/// HTTP GET /groups/{id}/owners?$select=id
/// <https://learn.microsoft.com/graph/api/group-list-owners>
pub fn list_group_owners(group: &str) -> Call<Page<Value>> {
    Call::new(
        GraphRequest::get(&format!("/groups/{}/owners", segment(group))).query("$select", "id"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_path_segment_and_searches_are_advanced_queries() {
        assert_eq!(get_group("a/b", "id").url, "/groups/a%2Fb?$select=id");
        let s = search_users("ad", 10);
        assert!(s.is_eventual());
        assert!(s
            .url
            .starts_with("/users?$search=%22displayName:ad%22%20OR%20%22userPrincipalName:ad%22"));
        assert_eq!(create_group(Value::Null).method, "POST");
    }
}
