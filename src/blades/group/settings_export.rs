//! Export: a group's two role policies as a settings file, approvers named, other rules as sent.

use super::settings_io::policies;
use super::settings_people::{approver_id, people};
use crate::client::Graph;
use crate::domain::settings::{Approver, RoleSettings};
use crate::domain::settings_file::{role_file, GroupRef, RoleFile, SettingsFile, SCHEMA};
use crate::graph::error::GraphError;

/// The settings file of a group (both roles), and a file name for it.
pub async fn export(graph: Graph, group: String) -> Result<(String, String), GraphError> {
    let (name, policies) = policies(&graph, &group).await?;
    let settings: Vec<RoleSettings> = policies
        .iter()
        .map(|p| RoleSettings::from_rules(&p.rules))
        .collect();
    let names = people(&graph, &settings).await;
    let person = |a: &Approver| names.get(approver_id(a)).cloned().unwrap_or_default();
    let files: Vec<RoleFile> = policies
        .iter()
        .zip(&settings)
        .map(|(p, s)| {
            role_file(
                s,
                p.other_rules.iter().map(|o| o.raw.clone()).collect(),
                &person,
            )
        })
        .collect();
    let mut files = files.into_iter();
    let file = SettingsFile {
        schema: SCHEMA.into(),
        group: Some(GroupRef {
            id: group.clone(),
            display_name: name.clone(),
        }),
        exported_date_time: Some(crate::domain::stamp::utc(crate::clock::service_now())),
        member: files.next(),
        owner: files.next(),
    };
    let text = serde_json::to_string_pretty(&file).unwrap_or_default();
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Ok((format!("pim-settings-{safe}.json"), text))
}
