//! The people a settings file names, found in this directory: by id, then a user by UPN (a file
//! from another tenant), named from the directory's answer, never from the file.
//!
//! "Not found" (the directory says no such object) and "could not be read" (403, 429, 5xx, a
//! dropped connection) are different answers: the first is said and the person left out, the
//! second stops the file, since writing without that approver would change who approves.

use super::principals::label;
use super::settings::Approver;
use super::settings_file::{Found, PersonRef, SettingsFile};
use super::wording::unreadable;
use crate::graph::call::Call;
use crate::graph::directory::{get_group, get_user};
use crate::graph::error::GraphError;
use serde_json::Value;
use std::collections::HashMap;

/// A person as the file names them: id and UPN.
pub type Key = (String, String);

/// What the directory said of each person of a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct People(pub HashMap<Key, Found>);

impl People {
    pub fn of(&self, p: &PersonRef) -> Found {
        self.0.get(&key(p)).cloned().unwrap_or(Found::Missing)
    }
}

fn key(p: &PersonRef) -> Key {
    (p.id.clone(), p.user_principal_name.clone())
}

fn is_group(p: &PersonRef) -> bool {
    p.kind == "group"
}

/// The directory has no such object: 404, or 400 for an id that is not an object id at all.
fn not_there(e: &GraphError) -> bool {
    e.status == 404 || (e.status == 400 && !e.outcome_unknown)
}

/// Each person once, in the file's order.
pub fn distinct(refs: impl IntoIterator<Item = PersonRef>) -> Vec<PersonRef> {
    let mut out: Vec<PersonRef> = vec![];
    for p in refs {
        if !out.iter().any(|q| key(q) == key(&p)) {
            out.push(p);
        }
    }
    out
}

/// Every person a file names as an approver, each once.
pub fn of_file(file: &SettingsFile) -> Vec<PersonRef> {
    distinct(
        [&file.member, &file.owner]
            .into_iter()
            .flatten()
            .flat_map(|r| r.activation.approvers.clone()),
    )
}

/// The first reads: each person with an id, by id.
pub fn by_id(refs: &[PersonRef]) -> Vec<Call<Value>> {
    refs.iter()
        .filter(|p| !p.id.is_empty())
        .map(|p| {
            if is_group(p) {
                get_group(&p.id, "id,displayName").as_json()
            } else {
                get_user(&p.id, "id,displayName,userPrincipalName").as_json()
            }
        })
        .collect()
}

fn found(p: &PersonRef, v: &Value) -> Found {
    let id = v["id"].as_str().unwrap_or(&p.id).to_owned();
    let name = label(v).unwrap_or_else(|| id.clone());
    let a = if is_group(p) {
        Approver::Group(id)
    } else {
        Approver::User(id)
    };
    Found::Here(a, name)
}

fn unread(p: &PersonRef, e: &GraphError) -> Found {
    let who = if p.user_principal_name.is_empty() {
        &p.id
    } else {
        &p.user_principal_name
    };
    Found::Unread(unreadable(&format!("approver {who}"), e))
}

/// What the reads by id found; the users still to look for by UPN are `retry`'s.
pub fn after_ids(refs: &[PersonRef], answers: Vec<Result<Value, GraphError>>) -> People {
    let mut out = People::default();
    let mut answers = answers.into_iter();
    for p in refs {
        let answer = if p.id.is_empty() {
            None
        } else {
            answers.next()
        };
        let f = match answer {
            Some(Ok(v)) => found(p, &v),
            Some(Err(e)) if !not_there(&e) => unread(p, &e),
            _ => Found::Missing,
        };
        out.0.insert(key(p), f);
    }
    out
}

/// The users not found by id that have a UPN to look for.
pub fn retry(refs: &[PersonRef], people: &People) -> Vec<PersonRef> {
    refs.iter()
        .filter(|p| {
            !is_group(p) && !p.user_principal_name.is_empty() && people.of(p) == Found::Missing
        })
        .cloned()
        .collect()
}

/// The reads by UPN of `retry`'s users.
pub fn by_upn(retry: &[PersonRef]) -> Vec<Call<Value>> {
    retry
        .iter()
        .map(|p| get_user(&p.user_principal_name, "id,displayName,userPrincipalName").as_json())
        .collect()
}

/// Adds what the reads by UPN found.
pub fn after_upns(
    people: &mut People,
    retry: &[PersonRef],
    answers: Vec<Result<Value, GraphError>>,
) {
    for (p, answer) in retry.iter().zip(answers) {
        let f = match answer {
            Ok(v) => found(p, &v),
            Err(e) if !not_there(&e) => unread(p, &e),
            Err(_) => Found::Missing,
        };
        people.0.insert(key(p), f);
    }
}

#[cfg(test)]
mod tests;
