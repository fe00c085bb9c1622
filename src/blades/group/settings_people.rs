//! The people of settings, by the directory's names: approvers named for a file, a file's people
//! found here (by id, then by UPN), and the names previews and differences show.

use crate::client::Graph;
use crate::domain::file_people::{self, People};
use crate::domain::settings::{Approver, RoleSettings};
use crate::domain::settings_file::{PersonRef, SettingsFile};
use crate::domain::wording::unreadable;
use crate::graph::directory::{get_group, get_user};
use crate::pages::GroupRole;
use std::collections::HashMap;

pub(super) fn approver_id(a: &Approver) -> &str {
    let (Approver::User(id) | Approver::Group(id)) = a;
    id
}

/// Names every approver of `settings` for a file: display name, and UPN for users.
pub(super) async fn people(graph: &Graph, settings: &[RoleSettings]) -> HashMap<String, PersonRef> {
    let mut all: Vec<Approver> = settings
        .iter()
        .flat_map(|s| s.activation.approvers.clone())
        .collect();
    all.sort_by(|a, b| approver_id(a).cmp(approver_id(b)));
    all.dedup();
    let reads: Vec<_> = all
        .iter()
        .map(|a| match a {
            Approver::User(id) => get_user(id, "id,displayName,userPrincipalName").as_json(),
            Approver::Group(id) => get_group(id, "id,displayName").as_json(),
        })
        .collect();
    let mut out = HashMap::new();
    for (a, answer) in all.iter().zip(graph.each(reads).await) {
        // A name that can't be read says so in the file; the id is what imports use.
        let (v, unread) = match answer {
            Ok(v) => (v, None),
            Err(e) => (serde_json::Value::Null, Some(unreadable("the name", &e))),
        };
        let text = |k: &str| match (&unread, k) {
            (Some(why), "displayName") => why.clone(),
            _ => v[k].as_str().unwrap_or_default().to_owned(),
        };
        let kind = if matches!(a, Approver::User(_)) {
            "user"
        } else {
            "group"
        };
        out.insert(
            approver_id(a).to_owned(),
            PersonRef {
                kind: kind.into(),
                id: approver_id(a).to_owned(),
                display_name: text("displayName"),
                user_principal_name: text("userPrincipalName"),
            },
        );
    }
    out
}

/// Finds the people a file names in this directory (by id, then a user by UPN), named by it.
pub(super) async fn resolve(graph: &Graph, file: &SettingsFile) -> People {
    crate::client::find_people(graph, &file_people::of_file(file)).await
}

/// The names of the approvers of `settings`, for differences.
pub(super) async fn people_names(
    graph: &Graph,
    settings: &[RoleSettings],
) -> HashMap<String, String> {
    people(graph, settings)
        .await
        .into_iter()
        .map(|(id, p)| {
            let name = if p.display_name.is_empty() {
                id.clone()
            } else {
                p.display_name
            };
            (id, name)
        })
        .collect()
}

/// The approvers of settings to copy, by the directory's names.
pub async fn source_names(
    graph: &Graph,
    source: &[(GroupRole, RoleSettings)],
) -> HashMap<String, String> {
    let all: Vec<RoleSettings> = source.iter().map(|(_, s)| s.clone()).collect();
    people_names(graph, &all).await
}

/// Who approves under `s`, by name, for a preview ("" when approval is not required).
pub(super) fn approvers_said(s: &RoleSettings, names: &HashMap<String, String>) -> String {
    if !s.activation.approval {
        return String::new();
    }
    let mut who: Vec<String> = s
        .activation
        .approvers
        .iter()
        .map(|a| {
            names
                .get(approver_id(a))
                .cloned()
                .unwrap_or_else(|| approver_id(a).to_owned())
        })
        .collect();
    who.sort();
    format!(" (approvers: {})", who.join(", "))
}
