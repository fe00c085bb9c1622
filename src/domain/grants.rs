//! What membership of a group gives, in words and with a link to the portal's own blade for each:
//! Entra roles, Conditional Access, licences, applications, access packages, Teams. Pure.

use crate::graph::call::{Answers, Batch, Handle};
use crate::graph::conditional_access::list_policies;
use crate::graph::directory::{
    get_group, list_group_app_role_assignments, list_subscribed_skus, GRANT_FIELDS,
};
use crate::graph::entitlement::list_access_packages;
use crate::graph::error::GraphError;
use crate::graph::model::{
    AccessPackage, AccessPackageResourceRoleScope, AppRoleAssignment, ConditionalAccessPolicy,
    Group, Page, SubscribedSku, UnifiedRoleAssignment,
};
use crate::graph::role_management::{list_role_assignments_of, list_role_eligibility_schedules_of};

/// One thing the group gives: what to read, and where the portal shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Grant {
    pub text: String,
    pub link: String,
}

/// The portal (Microsoft Entra admin center) that the links open.
const PORTAL: &str = "https://entra.microsoft.com/#view";

/// Azure resource roles are granted in Azure Resource Manager, which Graph cannot read: the page
/// says so rather than implying the group gives nothing there.
pub const AZURE_NOTE: &str = "Azure role assignments (Azure RBAC) are not visible in Microsoft Graph: check the group's access in the Azure portal.";

/// Each Entra role the group holds, with its scope when not the whole directory.
pub fn roles(assignments: &[UnifiedRoleAssignment]) -> Vec<Grant> {
    assignments
        .iter()
        .map(|a| {
            let name = a
                .role_definition
                .as_ref()
                .and_then(|d| d.display_name.clone())
                .unwrap_or_else(|| a.role_definition_id.clone());
            let text = match a.directory_scope_id.as_deref() {
                None | Some("/") => name,
                Some(scope) => format!("{name} (scope {scope})"),
            };
            Grant {
                text,
                link: format!(
                    "{PORTAL}/Microsoft_AAD_IAM/RoleMenuBlade/~/RoleMembers/objectId/{}",
                    a.role_definition_id
                ),
            }
        })
        .collect()
}

/// The Conditional Access policies that include or exclude the group, and in which state.
pub fn policies(named: &[(ConditionalAccessPolicy, &'static str)]) -> Vec<Grant> {
    named
        .iter()
        .map(|(p, how)| {
            let state = match p.state.as_deref() {
                Some("enabled") => "On",
                Some("enabledForReportingButNotEnforced") => "Report-only",
                Some("disabled") => "Off",
                Some(other) => other,
                None => "state unknown",
            };
            Grant {
                text: format!(
                    "{} — {how} ({state})",
                    p.display_name.clone().unwrap_or_else(|| p.id.clone())
                ),
                link: format!(
                    "{PORTAL}/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/{}",
                    p.id
                ),
            }
        })
        .collect()
}

/// The licences group-based licensing gives the members, named by the organisation's SKUs (an
/// id the organisation no longer lists is shown as it is).
pub fn licences(group: &Group, skus: &[SubscribedSku]) -> Vec<Grant> {
    group
        .assigned_licenses
        .iter()
        .map(|l| {
            let name = skus
                .iter()
                .find(|s| s.sku_id.eq_ignore_ascii_case(&l.sku_id))
                .and_then(|s| s.sku_part_number.clone())
                .unwrap_or_else(|| format!("Licence {}", l.sku_id));
            Grant {
                text: name,
                link: format!(
                    "{PORTAL}/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Licenses/groupId/{}",
                    group.id
                ),
            }
        })
        .collect()
}

/// The enterprise applications whose access the group gives (an all-zero role is the default
/// "User" access of an application that defines no roles).
pub fn apps(assignments: &[AppRoleAssignment]) -> Vec<Grant> {
    assignments
        .iter()
        .map(|a| {
            let name = a
                .resource_display_name
                .clone()
                .unwrap_or_else(|| a.resource_id.clone());
            let role = if a.app_role_id == "00000000-0000-0000-0000-000000000000" {
                "default access".to_owned()
            } else {
                format!("app role {}", a.app_role_id)
            };
            Grant {
                text: format!("{name} ({role})"),
                link: format!(
                    "{PORTAL}/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/{}",
                    a.resource_id
                ),
            }
        })
        .collect()
}

/// Whether a package's resource role is one in `group` (its scope is the group itself).
pub fn in_group(rs: &AccessPackageResourceRoleScope, group: &str) -> bool {
    rs.scope.as_ref().is_some_and(|s| {
        s.origin_system.as_deref() == Some("AadGroup")
            && s.origin_id
                .as_deref()
                .is_some_and(|id| id.eq_ignore_ascii_case(group))
    })
}

/// The access packages that also hand out a role in `group`: a way in that bypasses PIM's
/// activation, so auditors need to see it beside the eligible people.
pub fn packages(group: &str, all: &[AccessPackage]) -> Vec<Grant> {
    all.iter()
        .flat_map(|p| {
            p.resource_role_scopes
                .iter()
                .filter(|rs| in_group(rs, group))
                .map(move |rs| {
                    let role = rs
                        .role
                        .as_ref()
                        .and_then(|r| r.display_name.as_deref())
                        .unwrap_or("a role");
                    let name = p.display_name.as_deref().unwrap_or(&p.id);
                    Grant {
                        text: format!("{name} gives {role}"),
                        link: format!("{PORTAL}/Microsoft_AAD_ERM/AccessPackageManagementMenuBlade/~/AccessPackageBladeOverview/accessPackageId/{}", p.id),
                    }
                })
        })
        .collect()
}

/// A team in Microsoft Teams, and a Microsoft 365 group's mailbox and SharePoint site.
pub fn collaboration(group: &Group) -> Vec<Grant> {
    let link = format!(
        "{PORTAL}/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/{}",
        group.id
    );
    let mut out = vec![];
    if group
        .resource_provisioning_options
        .iter()
        .any(|o| o.eq_ignore_ascii_case("Team"))
    {
        out.push(Grant {
            text: "A team in Microsoft Teams: members join its channels and files".into(),
            link: link.clone(),
        });
    }
    if group
        .group_types
        .iter()
        .any(|t| t.eq_ignore_ascii_case("Unified"))
    {
        out.push(Grant {
            text: "A Microsoft 365 group: its mailbox, calendar and SharePoint site".into(),
            link,
        });
    }
    out
}

/// One part of the answer: a heading, what to say when it is empty, and the grants with their
/// links, or why they could not be read (the reader's own rights may not reach them).
pub type Section = (
    &'static str,
    &'static str,
    Result<Vec<(String, String)>, String>,
);

/// The seven reads that say what a group grants, as handles in a batch (the blade's own reads go
/// in the same `$batch`).
pub struct Reads {
    assigned: Handle<Page<UnifiedRoleAssignment>>,
    // An eligibility schedule has the fields of an assignment that the roles are named from.
    eligible: Handle<Page<UnifiedRoleAssignment>>,
    policies: Handle<Page<ConditionalAccessPolicy>>,
    group: Handle<Group>,
    skus: Handle<Page<SubscribedSku>>,
    apps: Handle<Page<AppRoleAssignment>>,
    packages: Handle<Page<AccessPackage>>,
}

/// Adds the reads of what `group` grants to `batch`.
pub fn add_reads(batch: &mut Batch, group: &str) -> Reads {
    Reads {
        assigned: batch.add(list_role_assignments_of(group)),
        eligible: batch.add(list_role_eligibility_schedules_of(group)),
        policies: batch.add(list_policies()),
        group: batch.add(get_group(group, GRANT_FIELDS)),
        skus: batch.add(list_subscribed_skus()),
        apps: batch.add(list_group_app_role_assignments(group)),
        packages: batch.add(list_access_packages()),
    }
}

fn said(what: &str, r: Result<Vec<Grant>, GraphError>) -> Result<Vec<(String, String)>, String> {
    r.map(|g| g.into_iter().map(|g| (g.text, g.link)).collect())
        .map_err(|e| super::wording::unreadable(what, &e))
}

/// Reads the answers to `add_reads` into the sections the overview, the approval page and the
/// activate pane show, in that order: roles (active, eligible), Conditional Access, licences,
/// applications, access packages, Teams.
pub fn read(group: &str, reads: Reads, answers: &mut Answers) -> Vec<Section> {
    let assigned = answers.take(reads.assigned).map(|p| roles(&p.value));
    let eligible = answers.take(reads.eligible).map(|p| roles(&p.value));
    let policies_ = answers
        .take(reads.policies)
        .map(|p| policies(&super::approval::policies_naming(group, p.value)));
    let g = answers.take(reads.group);
    let skus = answers.take(reads.skus).map(|p| p.value);
    let apps_ = answers.take(reads.apps).map(|p| apps(&p.value));
    let packages_ = answers
        .take(reads.packages)
        .map(|p| packages(group, &p.value));
    let licences_ = match (&g, skus) {
        (Ok(g), Ok(skus)) => Ok(licences(g, &skus)),
        // Without the organisation's names the ids still say that licences are given.
        (Ok(g), Err(_)) => Ok(licences(g, &[])),
        (Err(e), _) => Err(e.clone()),
    };
    vec![
        (
            "Microsoft Entra roles",
            "Membership grants no Microsoft Entra role.",
            said("the group's Microsoft Entra roles", assigned),
        ),
        (
            "Eligible Microsoft Entra roles",
            "The group is eligible for no Microsoft Entra role.",
            said("the roles the group is eligible for", eligible),
        ),
        (
            "Conditional Access policies",
            "No Conditional Access policy includes or excludes this group.",
            said("the Conditional Access policies", policies_),
        ),
        (
            "Licences",
            "The group assigns no licence.",
            said("the group's licences", licences_),
        ),
        (
            "Enterprise applications",
            "The group is given no application.",
            said("the applications the group is given", apps_),
        ),
        (
            "Access packages",
            "No access package gives membership or ownership of this group.",
            said("the access packages", packages_),
        ),
        (
            "Teams and Microsoft 365",
            "No team, mailbox or SharePoint site comes with this group.",
            said("the group", g.map(|g| collaboration(&g))),
        ),
    ]
}

#[cfg(test)]
mod tests;
