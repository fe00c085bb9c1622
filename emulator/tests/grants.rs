//! What a group gives besides roles and Conditional Access: licences, a team, applications;
//! every body checked against Graph's v1.0 schema.

mod support;
use support::csdl::{assert_collection, assert_conforms};
use support::*;

#[tokio::test]
async fn licences_teams_and_applications_of_the_demo_groups() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let (status, skus) = e.call(&megan, "GET", "/v1.0/subscribedSkus", None).await;
    assert_eq!(status, 200, "{skus}");
    assert_collection(&skus, "microsoft.graph.subscribedSku");
    let (_, licensed) = e
        .call(
            &megan,
            "GET",
            &format!(
                "/v1.0/groups/{LICENSE}?$select=id,assignedLicenses,resourceProvisioningOptions"
            ),
            None,
        )
        .await;
    assert_conforms(&licensed, "microsoft.graph.group");
    let sku = licensed["assignedLicenses"][0]["skuId"].as_str().unwrap();
    let named = skus["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["skuId"] == sku)
        .unwrap();
    assert_eq!(named["skuPartNumber"], "POWERAUTOMATE_ATTENDED_RPA");

    let (_, helpdesk) = e
        .call(
            &megan,
            "GET",
            &format!("/v1.0/groups/{HELPDESK}?$select=resourceProvisioningOptions"),
            None,
        )
        .await;
    assert_eq!(helpdesk["resourceProvisioningOptions"][0], "Team");

    let (status, apps) = e
        .call(
            &megan,
            "GET",
            &format!("/v1.0/groups/{TRAVEL}/appRoleAssignments"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{apps}");
    assert_collection(&apps, "microsoft.graph.appRoleAssignment");
    assert_eq!(
        apps["value"][0]["resourceDisplayName"],
        "Contoso Travel Portal"
    );
    let (_, none) = e
        .call(
            &megan,
            "GET",
            &format!("/v1.0/groups/{HELPDESK}/appRoleAssignments"),
            None,
        )
        .await;
    assert_eq!(none["value"].as_array().unwrap().len(), 0);
    let (status, _) = e
        .call(
            &megan,
            "GET",
            "/v1.0/groups/no-such-group/appRoleAssignments",
            None,
        )
        .await;
    assert_eq!(status, 404);
}

const EX_INT: &str = "13aecbc1-b516-42a4-b1de-e12daa190492";
const EXECUTIVES: &str = "e7c1b2a3-5d4f-4a6b-8c9d-0e1f2a3b4c5d";
const PACKAGES: &str = "/v1.0/identityGovernance/entitlementManagement/accessPackages";

#[tokio::test]
async fn eligible_roles_access_packages_and_restricted_groups() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let path = format!("/v1.0/roleManagement/directory/roleEligibilitySchedules?$filter=principalId eq '{EX_INT}'&$expand=roleDefinition");
    let (status, eligible) = e.call(&megan, "GET", &path, None).await;
    assert_eq!(status, 200, "{eligible}");
    assert_collection(&eligible, "microsoft.graph.unifiedRoleEligibilitySchedule");
    let names: Vec<_> = eligible["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["roleDefinition"]["displayName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Reports Reader"]);
    // Eligible is not active: the assignments list leaves it out.
    let path = format!("/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '{EX_INT}'&$expand=roleDefinition");
    let (_, active) = e.call(&megan, "GET", &path, None).await;
    assert_eq!(active["value"].as_array().unwrap().len(), 1);
    assert_eq!(
        active["value"][0]["roleDefinition"]["displayName"],
        "Exchange Administrator"
    );

    let expanded = format!("{PACKAGES}?$expand=resourceRoleScopes($expand=role,scope)");
    let (status, packages) = e.call(&megan, "GET", &expanded, None).await;
    assert_eq!(status, 200, "{packages}");
    assert_collection(&packages, "microsoft.graph.accessPackage");
    let scope = &packages["value"][0]["resourceRoleScopes"][0];
    assert_eq!(
        (
            scope["scope"]["originId"].as_str(),
            scope["scope"]["originSystem"].as_str(),
            scope["role"]["displayName"].as_str()
        ),
        (Some(TRAVEL), Some("AadGroup"), Some("Member"))
    );
    let (_, plain) = e.call(&megan, "GET", PACKAGES, None).await;
    assert!(plain["value"][0].get("resourceRoleScopes").is_none());
    let narrow = SCOPES.replace(
        " https://graph.microsoft.com/EntitlementManagement.Read.All",
        "",
    );
    let token = e
        .sign_in_with(MEGAN, &[("scope", narrow.as_str())], true)
        .await
        .access;
    let (status, _) = e.call(&token, "GET", PACKAGES, None).await;
    assert_eq!(status, 403);

    let (_, executives) = e
        .call(
            &megan,
            "GET",
            &format!("/v1.0/groups/{EXECUTIVES}?$select=id,isManagementRestricted"),
            None,
        )
        .await;
    assert_conforms(&executives, "microsoft.graph.group");
    assert_eq!(executives["isManagementRestricted"], true);
}

#[tokio::test]
async fn an_access_package_that_gives_eligibility_lists_who_has_it() {
    let e = start().await;
    let megan = e.sign_in(MEGAN).await;
    let expanded = format!("{PACKAGES}?$expand=resourceRoleScopes($expand=role,scope)");
    let (_, packages) = e.call(&megan, "GET", &expanded, None).await;
    let rota = packages["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["resourceRoleScopes"][0]["role"]["displayName"] == "Eligible Member")
        .expect("a package gives eligible membership");
    assert_eq!(rota["resourceRoleScopes"][0]["scope"]["originId"], HELPDESK);
    let id = rota["id"].as_str().unwrap();
    let path = format!("/v1.0/identityGovernance/entitlementManagement/assignments?$filter=accessPackage/id eq '{id}'&$expand=target");
    let (status, body) = e.call(&megan, "GET", &path, None).await;
    assert_eq!(status, 200, "{body}");
    assert_collection(&body, "microsoft.graph.accessPackageAssignment");
    let value = body["value"].as_array().unwrap();
    assert_eq!(value.len(), 1);
    assert_eq!(value[0]["state"], "delivered");
    assert_eq!(value[0]["target"]["displayName"], "Nestor Wilke");
    assert!(value[0].get("accessPackage").is_none(), "not expanded");
    // The other package has no delivered assignment.
    let other = packages["value"][0]["id"].as_str().unwrap();
    let path = format!("/v1.0/identityGovernance/entitlementManagement/assignments?$filter=accessPackage/id eq '{other}'");
    let (_, none) = e.call(&megan, "GET", &path, None).await;
    assert_eq!(none["value"].as_array().unwrap().len(), 0);
}
