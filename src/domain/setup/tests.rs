//! Native tests of Check setup's verdicts and diagnostics.

use super::*;

fn refusal(status: u16, code: &str, message: &str) -> GraphError {
    let body = serde_json::json!({"error": {"code": code, "message": message, "innerError": {"request-id": "req-1"}}});
    GraphError::from_response(status, Default::default(), &body.to_string())
}

#[test]
fn a_licence_with_p2_or_governance_passes_and_none_fails_with_the_fix() {
    assert_eq!(licence(&["AAD_PREMIUM_P2".into()]).status, Status::Passed);
    assert_eq!(
        licence(&["Microsoft_Entra_ID_Governance".into()]).status,
        Status::Passed
    );
    let none = licence(&[]);
    assert_eq!(none.status, Status::Failed);
    assert!(none.fix.unwrap().0.contains("Entra ID P2"));
    let other = licence(&["O365_BUSINESS".into()]);
    assert!(other.found.contains("O365_BUSINESS"));
}

#[test]
fn roles_say_who_administers_and_who_reads_the_audit_log() {
    let pra = vec![(
        PRIVILEGED_ROLE_ADMIN.to_owned(),
        "Privileged Role Administrator".to_owned(),
    )];
    let checks = roles(&pra);
    assert_eq!(
        (checks[0].status, checks[1].status),
        (Status::Passed, Status::Warning)
    );
    assert!(checks[1].fix.as_ref().unwrap().0.contains("Reports Reader"));
    let reader = vec![(
        "4a5d8f65-41da-4de4-8968-e035b65339cf".to_owned(),
        "Reports Reader".to_owned(),
    )];
    assert_eq!(roles(&reader)[1].status, Status::Passed);
    assert_eq!(roles(&[])[0].status, Status::Warning);
}

#[test]
fn a_refused_api_names_its_code_and_request_id_and_the_fix() {
    let denied = api(
        "Audit log",
        &Err(refusal(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )),
        "AuditLog.Read.All",
    );
    assert_eq!(denied.status, Status::Failed);
    assert!(denied.found.contains("Authorization_RequestDenied") && denied.found.contains("req-1"));
    assert!(denied.fix.unwrap().0.contains("AuditLog.Read.All"));
    let missing = api(
        "Managed groups (v1.0)",
        &Err(refusal(
            400,
            "BadRequest",
            "Resource not found for the segment 'resources'.",
        )),
        "x",
    );
    assert!(missing.fix.unwrap().0.contains("does not offer"));
    assert_eq!(api("x", &Ok(()), "x").status, Status::Passed);
}

#[test]
fn a_clock_off_by_more_than_a_minute_is_a_warning() {
    assert_eq!(clock(30).status, Status::Passed);
    let off = clock(3_900);
    assert_eq!(off.status, Status::Warning);
    assert!(off.found.contains("65 minutes behind"));
}

#[test]
fn diagnostics_are_plain_text_with_every_check_and_fix() {
    let checks = vec![licence(&[]), clock(0)];
    let text = diagnostics(&[("Tenant", "t1".into())], &checks);
    assert!(text.starts_with("pim-groups: Check setup\nTenant: t1\n"));
    assert!(text.contains("[Failed] Licence: You hold no licence."));
    assert!(text.contains("How to fix: Assign Microsoft Entra ID P2"));
    assert!(text.contains("[Passed] Clock"));
}
