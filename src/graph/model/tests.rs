//! Every JSON example Microsoft documents for these resources reads into its type.

use super::*;
use serde::de::DeserializeOwned;

/// Some documented examples have trailing commas (kept verbatim in shared/); drop them to read.
fn tolerant(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut in_str = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' && (i == 0 || chars[i - 1] != '\\') {
            in_str = !in_str;
        }
        if c == ',' && !in_str {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn read<T: DeserializeOwned>(name: &str) -> T {
    let path = format!(
        "{}/../shared/graph/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&tolerant(&text)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn examples(prefix: &str, suffix: &str) -> Vec<String> {
    let dir = format!("{}/../shared/graph/examples", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .collect();
    names.sort();
    names
}

#[test]
fn pim_requests_read_single_and_listed() {
    for name in examples("pag-", ".response.json")
        .into_iter()
        .filter(|n| n.contains("ScheduleRequests"))
    {
        if name.contains("-list") || name.contains("filterByCurrentUser") {
            let page: Page<PrivilegedAccessGroupScheduleRequest> = read(&name);
            assert!(!page.value.is_empty(), "{name}");
        } else {
            let r: PrivilegedAccessGroupScheduleRequest = read(&name);
            assert!(!r.id.is_empty() && !r.status.is_empty(), "{name}");
        }
    }
    let r: PrivilegedAccessGroupScheduleRequest =
        read("pag-assignmentScheduleRequests-create-selfActivate.response.json");
    assert_eq!(r.action, Some(ScheduleRequestAction::SelfActivate));
    assert_eq!(r.access_id, AccessId::Member);
    let exp = r.schedule_info.unwrap().expiration.unwrap();
    assert_eq!(
        (exp.kind, exp.duration.as_deref()),
        (Some(ExpirationType::AfterDuration), Some("PT2H"))
    );
    let admin: PrivilegedAccessGroupScheduleRequest =
        read("pag-eligibilityScheduleRequests-create-adminAssign.response.json");
    assert_eq!(admin.action, Some(ScheduleRequestAction::AdminAssign));
}

#[test]
fn schedules_and_instances_read_in_any_enum_casing() {
    for name in examples("pag-", ".response.json")
        .into_iter()
        .filter(|n| n.contains("Schedules-"))
    {
        let page: Page<PrivilegedAccessGroupSchedule> = read(&name);
        assert!(!page.value.is_empty(), "{name}");
    }
    let page: Page<PrivilegedAccessGroupSchedule> =
        read("pag-assignmentSchedules-list.response.json");
    assert_eq!(page.value[0].member_type, Some(MemberType::Direct));
    assert_eq!(
        page.value[0].assignment_type,
        Some(AssignmentType::Assigned)
    );
    for name in examples("pag-", ".response.json")
        .into_iter()
        .filter(|n| n.contains("ScheduleInstances"))
    {
        let page: Page<PrivilegedAccessGroupScheduleInstance> = read(&name);
        assert!(!page.value.is_empty(), "{name}");
    }
}

#[test]
fn approvals_policies_and_rules_read() {
    let a: Approval = read("approval-get.response.json");
    assert_eq!(a.stages[0].review_result.as_deref(), Some("NotReviewed"));
    let page: Page<UnifiedRoleManagementPolicyAssignment> =
        read("policyAssignments-list-group-owner-expand-policy-rules.response.json");
    let rules = &page.value[0].policy.as_ref().unwrap().rules;
    assert_eq!(rules.len(), 17);
    assert!(rules.iter().any(|r| matches!(r, PolicyRule::Expiration { id, maximum_duration: Some(d), .. } if id == "Expiration_EndUser_Assignment" && d == "PT8H")));
    let page: Page<UnifiedRoleManagementPolicyAssignment> =
        read("policyAssignments-list-group.response.json");
    assert_eq!(page.value.len(), 2);
    for name in examples("policyRule-update-", ".request.json") {
        let rule: PolicyRule = read(&name);
        assert!(name.contains(rule.id()), "{name}");
    }
    #[derive(serde::Deserialize)]
    struct Update {
        rules: Vec<PolicyRule>,
    }
    let u: Update = read("policy-update-group.request.json");
    assert!(!u.rules.is_empty());
    let _: UnifiedRoleManagementPolicy = read("policy-update-group.response.json");
}

#[test]
fn a_rule_of_an_unknown_type_is_kept_apart_and_a_misshapen_known_one_is_an_error() {
    let policy: UnifiedRoleManagementPolicy = serde_json::from_value(serde_json::json!({
        "id": "Group_g_p", "rules": [
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
             "isExpirationRequired": true, "maximumDuration": "PT4H"},
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule", "id": "CustomExtension_PreApproval",
             "customExtension": {"id": "x"}}
        ]}))
    .unwrap();
    assert_eq!(policy.rules.len(), 1);
    assert_eq!(
        policy.other_rules,
        [OtherRule {
            odata_type: "unifiedRoleManagementPolicyCustomExtensionRule".into(),
            id: "CustomExtension_PreApproval".into(),
            raw: serde_json::json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyCustomExtensionRule",
                "id": "CustomExtension_PreApproval", "customExtension": {"id": "x"}}),
        }]
    );
    let bad = serde_json::from_value::<UnifiedRoleManagementPolicy>(serde_json::json!({
        "id": "p", "rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "isExpirationRequired": "yes"}]}));
    assert!(
        bad.is_err(),
        "a known rule that doesn't fit is not passed over"
    );
}

#[test]
fn directory_and_conditional_access_read() {
    let g: Group = read("group-create-roleAssignable.response.json");
    assert_eq!(g.is_assignable_to_role, Some(true));
    let c: Page<AuthenticationContextClassReference> =
        read("authenticationContextClassReferences-list.response.json");
    assert_eq!(c.value[0].id, "c1");
    let p: Page<ConditionalAccessPolicy> = read("conditionalAccessPolicies-list.response.json");
    assert_eq!(p.value.len(), 2);
    let r: Page<UnifiedRoleAssignment> = read("roleAssignments-list-by-principalId.response.json");
    assert_eq!(
        r.value[0].role_definition_id,
        "62e90394-69f5-4237-9190-012177145e10"
    );
}

#[test]
fn enums_write_the_schemas_lower_camel_and_keep_unknown_members() {
    assert_eq!(
        serde_json::to_string(&ScheduleRequestAction::SelfActivate).unwrap(),
        "\"selfActivate\""
    );
    let unknown: AccessId = serde_json::from_str("\"guest\"").unwrap();
    assert_eq!(unknown, AccessId::Unknown);
}

/// The access review examples (`shared/graph/access-reviews/examples`), lists and single items.
#[test]
fn documented_access_review_answers_read() {
    let dir = format!(
        "{}/../shared/graph/access-reviews/examples",
        env!("CARGO_MANIFEST_DIR")
    );
    let read = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        serde_json::from_str(&tolerant(&text)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let defs: Page<AccessReviewScheduleDefinition> =
        serde_json::from_value(read("accessReviewScheduleDefinition-list.response.json")).unwrap();
    assert!(!defs.value.is_empty());
    let made: AccessReviewScheduleDefinition = serde_json::from_value(read(
        "accessReviewScheduleDefinition-create-inactiveGuestsTeams-ownersWithFallback.response.json",
    ))
    .unwrap();
    assert_eq!(made.fallback_reviewers.len(), 1);
    assert_eq!(made.settings.unwrap().instance_duration_in_days, 3);
    let items: Page<AccessReviewDecision> = serde_json::from_value(read(
        "accessReviewInstanceDecisionItem-list-expandInsights.response.json",
    ))
    .unwrap();
    let first = &items.value[0];
    assert_eq!(first.recommendation.as_deref(), Some("Approve"));
    assert_eq!(
        first.insights[0].last_sign_in_date_time.as_deref(),
        Some("2022-02-11T20:00:34Z")
    );
    let instances: Page<AccessReviewInstance> =
        serde_json::from_value(read("accessReviewInstance-list.response.json")).unwrap();
    assert!(!instances.value.is_empty());
    let reviewers: Page<AccessReviewReviewer> = serde_json::from_value(read(
        "accessReviewInstance-list-contactedReviewers.response.json",
    ))
    .unwrap();
    assert_eq!(
        reviewers.value[0].display_name.as_deref(),
        Some("Adele Vance")
    );
}
