//! Native tests for what a group grants, from Graph's own JSON shapes.

use super::*;
use serde_json::json;

fn group(v: serde_json::Value) -> Group {
    serde_json::from_value(v).unwrap()
}

#[test]
fn licences_are_named_by_the_organisations_skus_and_unknown_ones_kept() {
    let g = group(json!({"id": "g1", "assignedLicenses": [
        {"skuId": "EDA1941C-3C4F-4995-B5EB-E85A42175AB9", "disabledPlans": []},
        {"skuId": "11111111-0000-0000-0000-000000000000", "disabledPlans": []}]}));
    let skus: Vec<SubscribedSku> = serde_json::from_value(json!([
        {"skuId": "eda1941c-3c4f-4995-b5eb-e85a42175ab9", "skuPartNumber": "POWERAUTOMATE_ATTENDED_RPA"}
    ]))
    .unwrap();
    let l = licences(&g, &skus);
    assert_eq!(l[0].text, "POWERAUTOMATE_ATTENDED_RPA");
    assert_eq!(l[1].text, "Licence 11111111-0000-0000-0000-000000000000");
    assert!(l[0].link.ends_with("/Licenses/groupId/g1"));
    assert!(licences(&group(json!({"id": "g2", "assignedLicenses": null})), &skus).is_empty());
}

#[test]
fn teams_and_microsoft_365_groups_are_said_and_security_groups_give_neither() {
    let team = group(
        json!({"id": "g", "groupTypes": ["Unified"], "resourceProvisioningOptions": ["Team"]}),
    );
    let said: Vec<String> = collaboration(&team).into_iter().map(|g| g.text).collect();
    assert_eq!(said.len(), 2);
    assert!(said[0].starts_with("A team in Microsoft Teams"));
    assert!(said[1].contains("SharePoint site"));
    let security = group(json!({"id": "s", "groupTypes": [], "resourceProvisioningOptions": []}));
    assert!(collaboration(&security).is_empty());
}

#[test]
fn roles_show_a_scope_other_than_the_directory_and_apps_their_access() {
    let r: Vec<UnifiedRoleAssignment> = serde_json::from_value(json!([
        {"id": "1", "principalId": "g", "roleDefinitionId": "r1", "directoryScopeId": "/",
         "roleDefinition": {"id": "r1", "displayName": "Helpdesk Administrator"}},
        {"id": "2", "principalId": "g", "roleDefinitionId": "r2", "directoryScopeId": "/administrativeUnits/au1"}
    ]))
    .unwrap();
    let texts: Vec<String> = roles(&r).into_iter().map(|g| g.text).collect();
    assert_eq!(
        texts,
        [
            "Helpdesk Administrator",
            "r2 (scope /administrativeUnits/au1)"
        ]
    );
    let a: Vec<AppRoleAssignment> = serde_json::from_value(json!([
        {"id": "x", "resourceId": "sp1", "resourceDisplayName": "Contoso Travel Portal", "appRoleId": "00000000-0000-0000-0000-000000000000"},
        {"id": "y", "resourceId": "sp2", "appRoleId": "5b0c7f2a-0000-0000-0000-000000000001"}
    ]))
    .unwrap();
    let texts: Vec<String> = apps(&a).into_iter().map(|g| g.text).collect();
    assert_eq!(
        texts,
        [
            "Contoso Travel Portal (default access)",
            "sp2 (app role 5b0c7f2a-0000-0000-0000-000000000001)"
        ]
    );
}

#[test]
fn policy_states_read_as_the_portal_says_them() {
    let p: Vec<ConditionalAccessPolicy> = serde_json::from_value(json!([
        {"id": "p1", "displayName": "Block legacy", "state": "enabledForReportingButNotEnforced"},
        {"id": "p2", "state": "enabled"}
    ]))
    .unwrap();
    let named = vec![
        (p[0].clone(), "Excludes this group"),
        (p[1].clone(), "Includes this group"),
    ];
    let texts: Vec<String> = policies(&named).into_iter().map(|g| g.text).collect();
    assert_eq!(
        texts,
        [
            "Block legacy — Excludes this group (Report-only)",
            "p2 — Includes this group (On)"
        ]
    );
}
