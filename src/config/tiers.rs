//! Permission tiers: the delegated Graph permissions grouped by who needs them, so a sign-in asks
//! for the end user's few and a page asks for more only when it is opened.

use serde::{Deserialize, Serialize};

/// A group of delegated permissions that pages ask for together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    /// Every signed-in person: My roles, My requests, approving, what a membership grants.
    User,
    /// Administrators of PIM for Groups: the groups, their settings and assignments, onboarding.
    Admin,
    /// The directory audit log (Audit, a group's History).
    Audit,
    /// Access reviews, for the reviewers and the administrators who create them.
    Reviews,
}

/// What a tier holds and why, as the README's table and the setup command show it.
pub struct TierDef {
    pub tier: Tier,
    pub name: &'static str,
    /// Who it serves, in a few words.
    pub purpose: &'static str,
    /// Each permission with why the app needs it.
    pub scopes: &'static [(&'static str, &'static str)],
}

/// Every tier, the user tier first; the setup command registers and consents from this table.
pub const TIERS: &[TierDef] = &[
    TierDef {
        tier: Tier::User,
        name: "user",
        purpose: "signing in, activating, approving, seeing what a membership grants",
        scopes: &[
            ("User.Read", "sign in and read one's own profile"),
            (
                "User.ReadBasic.All",
                "name requesters, approvers and reviewers",
            ),
            (
                "Group.Read.All",
                "name groups and the applications a group is given",
            ),
            (
                "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
                "read one's own eligible memberships and ownerships, and ask to extend or renew them",
            ),
            (
                "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
                "activate, extend, deactivate and cancel one's own, and approve requests",
            ),
            (
                "RoleManagementPolicy.Read.AzureADGroup",
                "read a role's rules before activating (duration, justification, approval)",
            ),
            (
                "Policy.Read.ConditionalAccess",
                "name the authentication context an activation needs",
            ),
            (
                "Policy.Read.All",
                "list the Conditional Access policies that target a group",
            ),
            (
                "RoleManagement.Read.Directory",
                "list the directory roles a group holds",
            ),
            (
                "EntitlementManagement.Read.All",
                "list the access packages that hand out a group",
            ),
            ("Organization.Read.All", "name the licences a group gives"),
        ],
    },
    TierDef {
        tier: Tier::Admin,
        name: "admin",
        purpose: "administering groups under PIM: settings, assignments, onboarding, new groups",
        scopes: &[
            (
                "Group.ReadWrite.All",
                "create groups and manage their owners and members",
            ),
            (
                "RoleManagement.ReadWrite.Directory",
                "create role-assignable groups and change their membership",
            ),
            (
                "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
                "make, extend, renew and remove eligible assignments",
            ),
            (
                "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
                "make, extend, renew and remove active assignments",
            ),
            (
                "RoleManagementPolicy.ReadWrite.AzureADGroup",
                "edit Member and Owner role settings",
            ),
            (
                "PrivilegedAccess.Read.AzureADGroup",
                "list the groups under PIM (beta, where v1.0 lacks it)",
            ),
            ("Directory.Read.All", "find groups to bring under PIM"),
        ],
    },
    TierDef {
        tier: Tier::Audit,
        name: "audit",
        purpose: "the audit log and a group's history",
        scopes: &[(
            "AuditLog.Read.All",
            "read PIM's entries in the directory audit log",
        )],
    },
    TierDef {
        tier: Tier::Reviews,
        name: "reviews",
        purpose: "access reviews: reviewing, creating, applying",
        scopes: &[(
            "AccessReview.ReadWrite.All",
            "read, create, decide and apply access reviews",
        )],
    },
];

/// OpenID Connect's scopes, asked for with every tier.
pub const SIGN_IN: [&str; 3] = ["openid", "profile", "offline_access"];

/// The resource every tier's permissions belong to.
pub const GRAPH_RESOURCE: &str = "https://graph.microsoft.com/";

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::User, Tier::Admin, Tier::Audit, Tier::Reviews];

    pub fn def(self) -> &'static TierDef {
        TIERS
            .iter()
            .find(|d| d.tier == self)
            .expect("every tier has a row")
    }

    /// Its name in `config.json` and on the setup command's `--tiers`. A match, not a lookup in
    /// [`TIERS`], so the app's modules carry none of the table's words they never show.
    pub fn name(self) -> &'static str {
        match self {
            Tier::User => "user",
            Tier::Admin => "admin",
            Tier::Audit => "audit",
            Tier::Reviews => "reviews",
        }
    }

    /// Who it serves, as the message bar says it.
    pub fn purpose(self) -> &'static str {
        match self {
            Tier::User => "signing in, activating, approving, seeing what a membership grants",
            Tier::Admin => {
                "administering groups under PIM: settings, assignments, onboarding, new groups"
            }
            Tier::Audit => "the audit log and a group's history",
            Tier::Reviews => "access reviews: reviewing, creating, applying",
        }
    }

    pub fn from_name(name: &str) -> Option<Tier> {
        Tier::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The permissions of the tier as `config.json` lists them by default.
    pub fn default_scopes(self) -> Vec<String> {
        self.def()
            .scopes
            .iter()
            .map(|(s, _)| s.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tier_has_one_row_with_permissions_and_reasons() {
        for t in Tier::ALL {
            assert_eq!(Tier::from_name(t.name()), Some(t));
            assert_eq!((t.def().name, t.def().purpose), (t.name(), t.purpose()));
            assert!(!t.def().scopes.is_empty());
            assert!(t
                .def()
                .scopes
                .iter()
                .all(|(s, why)| !s.contains(' ') && !why.is_empty()));
        }
        assert_eq!(TIERS.len(), Tier::ALL.len());
        assert_eq!(Tier::from_name(" Admin "), Some(Tier::Admin));
        assert_eq!(Tier::from_name("root"), None);
    }

    #[test]
    fn the_readme_table_is_this_table() {
        let readme = include_str!("../../README.md");
        for d in TIERS {
            for (scope, why) in d.scopes {
                let row = format!("| `{}` | `{scope}` | {why} |", d.name);
                assert!(readme.contains(&row), "README.md lacks the row {row}");
            }
        }
    }

    #[test]
    fn an_end_user_is_never_asked_for_write_access_to_the_directory() {
        let user = Tier::User.default_scopes();
        // Activating, extending and renewing one's own are requests PIM takes only with these.
        let own = [
            "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
            "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
        ];
        for s in &user {
            assert!(!s.contains("ReadWrite") || own.contains(&s.as_str()), "{s}");
        }
        assert!(!user
            .iter()
            .any(|s| s == "RoleManagement.ReadWrite.Directory" || s == "Directory.Read.All"));
    }
}
