//! The demo tenant's Conditional Access: the policies that name its groups and roles, and the
//! authentication contexts PIM's settings can ask for.

use super::demo::TRAVEL;
use super::roles::*;
use super::{AuthContext, CaPolicy};

fn ca(id: &str, name: &str, state: &str, controls: &[&str]) -> CaPolicy {
    CaPolicy {
        id: id.into(),
        display_name: name.into(),
        state: state.into(),
        include_users: vec![],
        exclude_users: vec![],
        include_groups: vec![],
        exclude_groups: vec![],
        include_roles: vec![],
        include_applications: vec!["All".into()],
        include_authentication_context_class_references: vec![],
        built_in_controls: controls.iter().map(|s| s.to_string()).collect(),
        exclude_groups_named: vec![],
    }
}

/// The policies of stories S1, S2 and S5, and the two that ask for an authentication context.
pub(super) fn ca_policies() -> Vec<CaPolicy> {
    let mut phishing = ca(
        "5727a60d-bc2c-4389-93fb-0d5be9f7519b",
        "Require phishing-resistant MFA for admins",
        "enabled",
        &["mfa"],
    );
    phishing.include_roles = [
        GLOBAL_ADMIN,
        PRIVILEGED_ROLE_ADMIN,
        HELPDESK_ADMIN,
        PASSWORD_ADMIN,
        USER_ADMIN,
        EXCHANGE_ADMIN,
    ]
    .map(String::from)
    .to_vec();
    phishing.exclude_groups_named = vec!["CA-Exclusion-LegacyMFA".into()];
    let mut block = ca(
        "14a884b5-16fe-4f35-9932-306dc6b2bd0a",
        "Block outside home country",
        "enabled",
        &["block"],
    );
    block.include_users = vec!["All".into()];
    block.exclude_groups = vec![TRAVEL.into()];
    let mut travel = ca(
        "cc7c5e5e-ba58-4323-aace-c010b2171937",
        "Travel - require compliant device",
        "enabled",
        &["compliantDevice"],
    );
    travel.include_groups = vec![TRAVEL.into()];
    let mut c1 = ca(
        "a9c7b140-4ccd-48c1-99f4-e2bf66f37f2b",
        "Phishing-resistant MFA for PIM activation",
        "enabled",
        &["mfa"],
    );
    c1.include_users = vec!["All".into()];
    c1.include_applications = vec![];
    c1.include_authentication_context_class_references = vec!["c1".into()];
    let mut c2 = ca(
        "52110d61-5b02-46a4-860b-28a3b50df070",
        "Compliant device for sensitive actions",
        "disabled",
        &["compliantDevice"],
    );
    c2.include_users = vec!["All".into()];
    c2.include_applications = vec![];
    c2.include_authentication_context_class_references = vec!["c2".into()];
    vec![phishing, block, travel, c1, c2]
}

/// c1 and c2 are published; c3 is a draft PIM can't ask for.
pub(super) fn auth_contexts() -> Vec<AuthContext> {
    vec![
        AuthContext {
            id: "c1".into(),
            display_name: "Phishing-resistant MFA".into(),
            description: "FIDO2 or Windows Hello for Business".into(),
            is_available: true,
        },
        AuthContext {
            id: "c2".into(),
            display_name: "Compliant device".into(),
            description: "A device marked compliant by Intune".into(),
            is_available: true,
        },
        AuthContext {
            id: "c3".into(),
            display_name: "Draft context".into(),
            description: "Not yet published".into(),
            is_available: false,
        },
    ]
}
