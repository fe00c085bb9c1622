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
