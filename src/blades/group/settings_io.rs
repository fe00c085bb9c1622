//! What Export, Import, Compare and Copy to groups read and write: both role policies of a group,
//! its people named for a file and resolved from one (by id, then by UPN), and the previews and
//! updates that send only the rules that change.

use super::edit::set_to;
use crate::client::Graph;
use crate::domain::role_policy;
use crate::domain::settings::{Approver, RoleSettings};
use crate::domain::settings_file::{
    differences, settings_of, Difference, Found, PersonRef, SettingsFile,
};
use crate::domain::validate::{validate, Severity};
use crate::graph::call::Batch;
use crate::graph::directory::get_group;
use crate::graph::error::GraphError;
use crate::graph::model::UnifiedRoleManagementPolicy;
use crate::pages::GroupRole;
use std::collections::HashMap;

use super::settings_people::{approver_id, approvers_said, people_names, resolve};

pub const ROLES: [GroupRole; 2] = [GroupRole::Member, GroupRole::Owner];

/// A group's name and both role policies, in one batch.
pub async fn policies(
    graph: &Graph,
    group: &str,
) -> Result<(String, Vec<UnifiedRoleManagementPolicy>), GraphError> {
    let mut batch = Batch::new();
    let g = batch.add(get_group(group, "id,displayName"));
    let (member, owner) = role_policy::add_both(&mut batch, group);
    let mut a = graph.run(&batch).await;
    let g = a.take(g)?;
    let out = vec![member.policy(&mut a)?, owner.policy(&mut a)?];
    Ok((g.display_name.unwrap_or_else(|| group.to_owned()), out))
}

/// What importing one role would do.
#[derive(Clone, Debug, PartialEq)]
pub struct RolePlan {
    pub role: GroupRole,
    /// The settings to write, when the file's are usable.
    pub settings: Option<RoleSettings>,
    pub differences: Vec<Difference>,
    /// The ids of the rules that would be sent.
    pub rules: Vec<String>,
    /// What stops this role from being imported.
    pub problems: Vec<String>,
    /// People of the file not found here (left out, and said).
    pub unresolved: Vec<String>,
}

/// The preview of a file onto `group`: rule by rule, current → new, and what would be sent.
pub async fn plan(
    graph: Graph,
    group: String,
    file: SettingsFile,
) -> Result<Vec<RolePlan>, GraphError> {
    let (_, current) = policies(&graph, &group).await?;
    let people = resolve(&graph, &file).await;
    let now: Vec<RoleSettings> = current
        .iter()
        .map(|p| RoleSettings::from_rules(&p.rules))
        .collect();
    let names = people_names(&graph, &now).await;
    let mut out = vec![];
    for ((role, policy), before) in ROLES.iter().zip(&current).zip(&now) {
        let Some(f) = (if *role == GroupRole::Member {
            &file.member
        } else {
            &file.owner
        }) else {
            continue;
        };
        let find = |p: &PersonRef| people.of(p);
        // The file's people are named as the directory names them, never by the file's words.
        let mut names = names.clone();
        for p in &f.activation.approvers {
            if let Found::Here(a, name) = people.of(p) {
                names.insert(approver_id(&a).to_owned(), name);
            }
        }
        let name = |a: &Approver| {
            names
                .get(approver_id(a))
                .cloned()
                .unwrap_or_else(|| approver_id(a).to_owned())
        };
        out.push(match settings_of(role.label(), f, &find) {
            Ok((s, unresolved)) => {
                let blocking: Vec<String> = validate(&s, None)
                    .into_iter()
                    .filter(|e| e.severity == Severity::Error)
                    .map(|e| format!("{}: {}: {}", role.label(), e.field, e.message))
                    .collect();
                RolePlan {
                    role: *role,
                    differences: differences(before, &s, &name),
                    rules: crate::domain::settings::patch(&policy.rules, &s)
                        .iter()
                        .map(|r| r.id().to_owned())
                        .collect(),
                    settings: blocking.is_empty().then_some(s),
                    problems: blocking,
                    unresolved,
                }
            }
            Err(problems) => RolePlan {
                role: *role,
                settings: None,
                differences: vec![],
                rules: vec![],
                problems,
                unresolved: vec![],
            },
        });
    }
    Ok(out)
}

/// Writes the plans that can be written; one line per role.
pub async fn apply(
    graph: Graph,
    group: String,
    plans: Vec<RolePlan>,
) -> Result<Vec<String>, GraphError> {
    // The preview refuses such a file; this holds even if a caller did not.
    if plans.iter().any(|p| !p.problems.is_empty()) {
        return Err(GraphError::unexpected(
            "FileRefused",
            "The file has problems; nothing from it was sent.",
        ));
    }
    let mut said = vec![];
    for p in plans {
        if let Some(s) = p.settings {
            let ids = set_to(graph.clone(), group.clone(), p.role, s).await?;
            said.push(if ids.is_empty() {
                format!("{}: nothing changed.", p.role.label())
            } else {
                format!("{}: updated {}.", p.role.label(), ids.join(", "))
            });
        }
    }
    Ok(said)
}

/// Both roles of two groups side by side: the differences per role (empty: identical).
pub async fn compare(
    graph: Graph,
    group: String,
    other: String,
) -> Result<(String, Vec<(GroupRole, Vec<Difference>)>), GraphError> {
    let ((_, a), (other_name, b)) =
        futures::future::try_join(policies(&graph, &group), policies(&graph, &other)).await?;
    let sa: Vec<RoleSettings> = a
        .iter()
        .map(|p| RoleSettings::from_rules(&p.rules))
        .collect();
    let sb: Vec<RoleSettings> = b
        .iter()
        .map(|p| RoleSettings::from_rules(&p.rules))
        .collect();
    let all: Vec<RoleSettings> = sa.iter().chain(&sb).cloned().collect();
    let names = people_names(&graph, &all).await;
    let name = |x: &Approver| {
        names
            .get(approver_id(x))
            .cloned()
            .unwrap_or_else(|| approver_id(x).to_owned())
    };
    let out = ROLES
        .iter()
        .zip(sa.iter().zip(&sb))
        .map(|(r, (x, y))| (*r, differences(x, y, &name)))
        .collect();
    Ok((other_name, out))
}

/// Copies `roles` of `source` onto `target`: only the rules that change; the rule ids sent.
pub async fn copy(
    graph: Graph,
    source: Vec<(GroupRole, RoleSettings)>,
    target: String,
) -> Result<Vec<String>, GraphError> {
    let mut sent = vec![];
    for (role, s) in source {
        let ids = set_to(graph.clone(), target.clone(), role, s).await?;
        sent.extend(ids.into_iter().map(|id| format!("{} {id}", role.label())));
    }
    Ok(sent)
}

/// What copying would send to `target`, per role, without sending it; approvers by name.
pub async fn copy_preview(
    graph: Graph,
    source: Vec<(GroupRole, RoleSettings)>,
    names: HashMap<String, String>,
    target: String,
) -> Result<String, GraphError> {
    let (_, current) = policies(&graph, &target).await?;
    let parts: Vec<String> = source
        .iter()
        .map(|(role, s)| {
            let i = ROLES.iter().position(|r| r == role).unwrap_or(0);
            let ids: Vec<String> = crate::domain::settings::patch(&current[i].rules, s)
                .iter()
                .map(|r| r.id().to_owned())
                .collect();
            let who = approvers_said(s, &names);
            if ids.is_empty() {
                format!("{}: already the same{who}", role.label())
            } else {
                format!("{}: would send {}{who}", role.label(), ids.join(", "))
            }
        })
        .collect();
    Ok(format!("{}.", parts.join("; ")))
}

/// The settings a file (a template) holds for `roles`, its people found here; a person not found,
/// or any problem in the file, stops it (a copy never drops an approver silently).
pub async fn file_settings(
    graph: &Graph,
    file: &SettingsFile,
    roles: &[GroupRole],
) -> Result<Vec<(GroupRole, RoleSettings)>, String> {
    let people = resolve(graph, file).await;
    let find = |p: &PersonRef| people.of(p);
    let mut out = vec![];
    for role in roles {
        let f = if *role == GroupRole::Member {
            &file.member
        } else {
            &file.owner
        };
        let Some(f) = f else {
            return Err(format!("The file has no {} settings.", role.label()));
        };
        let (s, unresolved) = settings_of(role.label(), f, &find).map_err(|p| p.join(" "))?;
        if !unresolved.is_empty() {
            return Err(unresolved.join(" "));
        }
        out.push((*role, s));
    }
    Ok(out)
}
