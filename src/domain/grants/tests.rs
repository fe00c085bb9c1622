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

#[test]
fn access_packages_count_only_when_their_scope_is_this_group() {
    let all: Vec<AccessPackage> = serde_json::from_value(json!([
        {"id": "ap1", "displayName": "Travel abroad", "resourceRoleScopes": [
            {"id": "rs1", "role": {"displayName": "Member", "originId": "Member_G1", "originSystem": "AadGroup"},
             "scope": {"originId": "G1", "originSystem": "AadGroup", "isRootScope": true}}]},
        {"id": "ap2", "displayName": "Other group", "resourceRoleScopes": [
            {"id": "rs2", "role": {"displayName": "Owner"}, "scope": {"originId": "g2", "originSystem": "AadGroup"}}]},
        {"id": "ap3", "displayName": "An app with the same id", "resourceRoleScopes": [
            {"id": "rs3", "role": {"displayName": "User"}, "scope": {"originId": "g1", "originSystem": "AadApplication"}}]},
        {"id": "ap4", "displayName": "Not expanded", "resourceRoleScopes": null}
    ]))
    .unwrap();
    let found = packages("g1", &all);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "Travel abroad gives Member");
    assert!(found[0].link.ends_with("/accessPackageId/ap1"));
}

#[test]
fn read_gives_every_section_in_order_and_a_refused_read_its_own_error() {
    let denied = GraphError::from_response(
        403,
        Default::default(),
        r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#,
    );
    let answers: Vec<Result<serde_json::Value, GraphError>> = vec![
        Ok(json!({"value": []})),
        Ok(
            json!({"value": [{"id": "e1", "principalId": "g1", "roleDefinitionId": "r9",
            "roleDefinition": {"id": "r9", "displayName": "Reports Reader"}}]}),
        ),
        Ok(json!({"value": []})),
        Ok(json!({"id": "g1", "groupTypes": [], "assignedLicenses": []})),
        Ok(json!({"value": []})),
        Ok(json!({"value": []})),
        Err(denied),
    ];
    let mut batch = crate::graph::call::Batch::new();
    let reads = add_reads(&mut batch, "g1");
    assert_eq!(batch.requests().len(), answers.len());
    let mut answers = crate::graph::call::Answers::new(answers);
    let sections = read("g1", reads, &mut answers);
    let headings: Vec<&str> = sections.iter().map(|s| s.0).collect();
    assert_eq!(
        headings,
        [
            "Microsoft Entra roles",
            "Eligible Microsoft Entra roles",
            "Conditional Access policies",
            "Licences",
            "Enterprise applications",
            "Access packages",
            "Teams and Microsoft 365"
        ]
    );
    assert_eq!(sections[1].2.as_ref().unwrap()[0].0, "Reports Reader");
    assert!(sections[5]
        .2
        .as_ref()
        .unwrap_err()
        .contains("Authorization_RequestDenied"));
}
