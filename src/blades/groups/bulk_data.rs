//! What Bulk assignments reads for a file: its groups (by id or exact name) and people (by id or
//! UPN), each group's assignment settings and who holds what, every row then checked; and the
//! requests of the rows chosen, sent in `$batch` calls of 20, each row with its own outcome.

use crate::client::{which_managed, Graph};
use crate::domain::assignments::Kind;
use crate::domain::bulk::landed::Landed;
use crate::domain::bulk::{check, to_request, Row};
use crate::domain::role_policy;
use crate::domain::settings::AssignmentSettings;
use crate::domain::wording::unreadable;
use crate::graph::call::{Batch, Handle};
use crate::graph::directory::{get_group, get_user, list_groups_named};
use crate::graph::model::{AccessId, Group, Page, PrivilegedAccessGroupSchedule};
use crate::graph::pim::{create_schedule_request, list_for_group, Collection};
use std::collections::{HashMap, HashSet};

/// A row of the preview.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Line {
    pub row: Row,
    pub group: Option<(String, String)>,
    pub principal: Option<(String, String)>,
    /// What the principal holds now, in words.
    pub live: String,
    pub problems: Vec<String>,
    pub selected: bool,
    /// Its group is not managed by PIM yet: sending it brings the group under PIM.
    pub onboards: bool,
    /// After Apply: the request's status, or the error (and whether its outcome is unknown).
    pub result: Option<Result<String, (String, bool)>>,
}

impl Line {
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.group.is_some() && self.principal.is_some()
    }
}

fn looks_like_id(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// Per group: its Member and Owner assignment settings and who holds what.
struct GroupState {
    settings: Result<[AssignmentSettings; 2], String>,
    /// (principal, access, kind) → when it ends (`None`: permanent).
    held: HashMap<(String, AccessId, Kind), Option<String>>,
    /// Why who holds what could not be read, if it could not.
    unread: Option<String>,
}

async fn group_state(graph: &Graph, ids: &[String]) -> HashMap<String, GroupState> {
    let mut batch = Batch::new();
    let reads: Vec<_> = ids
        .iter()
        .map(|g| {
            let holders = |c| list_for_group::<PrivilegedAccessGroupSchedule>(c, g, None);
            let (member, owner) = role_policy::add_both(&mut batch, g);
            let eligible = batch.add(holders(Collection::EligibilitySchedules));
            let active = batch.add(holders(Collection::AssignmentSchedules));
            (
                member,
                owner,
                [(Kind::Eligible, eligible), (Kind::Active, active)],
            )
        })
        .collect();
    let mut a = graph.run(&batch).await;
    let mut out = HashMap::new();
    for (g, (member, owner, holders)) in ids.iter().zip(reads) {
        let m = member.settings(&mut a).map(|s| s.assignment);
        let o = owner.settings(&mut a).map(|s| s.assignment);
        let settings = match (m, o) {
            (Ok(m), Ok(o)) => Ok([m, o]),
            (Err(e), _) | (_, Err(e)) => Err(unreadable("the group's settings", &e)),
        };
        let mut held = HashMap::new();
        let mut settings = settings;
        let mut unread = None;
        for (kind, handle) in holders {
            let answer = a.take(handle);
            if let Err(e) = &answer {
                unread.get_or_insert_with(|| unreadable("who holds the group's roles", e));
            }
            match answer {
                Ok(p) => {
                    for s in p.value {
                        let end = s
                            .schedule_info
                            .and_then(|i| i.expiration)
                            .and_then(|e| e.end_date_time);
                        held.insert((s.principal_id, s.access_id, kind), end);
                    }
                }
                // Who holds what unknown is not "nobody": the group's rows can't be checked.
                Err(e) if settings.is_ok() => {
                    settings = Err(unreadable("who holds the group's roles", &e));
                }
                Err(_) => {}
            }
        }
        out.insert(
            g.clone(),
            GroupState {
                settings,
                held,
                unread,
            },
        );
    }
    out
}

/// Resolves and checks every row of a file.
pub async fn preview(graph: Graph, rows: Vec<Row>) -> Vec<Line> {
    let mut groups: Vec<String> = rows
        .iter()
        .map(|r| r.group.clone())
        .filter(|g| !g.is_empty())
        .collect();
    groups.sort();
    groups.dedup();
    let mut people: Vec<String> = rows
        .iter()
        .map(|r| r.principal.clone())
        .filter(|p| !p.is_empty())
        .collect();
    people.sort();
    people.dedup();
    /// A group named in the file by its id or by its name.
    enum Lookup {
        Id(Handle<Group>),
        Name(Handle<Page<Group>>),
    }
    let mut batch = Batch::new();
    let group_reads: Vec<Lookup> = groups
        .iter()
        .map(|g| {
            if looks_like_id(g) {
                Lookup::Id(batch.add(get_group(g, "id,displayName")))
            } else {
                Lookup::Name(batch.add(list_groups_named(g, "id,displayName")))
            }
        })
        .collect();
    let people_reads = batch.add_all(
        people
            .iter()
            .map(|p| get_user(p, "id,displayName,userPrincipalName")),
    );
    let mut a = graph.run(&batch).await;
    let mut found_groups: HashMap<String, Result<(String, String), String>> = HashMap::new();
    for (g, read) in groups.iter().zip(group_reads) {
        let r = match read {
            Lookup::Id(h) => a.take(h).map(|x| vec![x]),
            Lookup::Name(h) => a.take(h).map(|p| p.value),
        }
        .map_err(|e| unreadable("the group", &e));
        let one = r.and_then(|v| match v.as_slice() {
            [x] => Ok((x.id.clone(), x.display_name.clone().unwrap_or_default())),
            [] => Err(format!("no group is named \"{g}\".")),
            _ => Err(format!("several groups are named \"{g}\": give its id.")),
        });
        found_groups.insert(g.clone(), one);
    }
    let mut found_people: HashMap<String, Result<(String, String), String>> = HashMap::new();
    for (p, read) in people.iter().zip(people_reads) {
        let r = a
            .take(read)
            .map(|u| (u.id.clone(), u.display_name.unwrap_or(u.id)))
            .map_err(|_| format!("no user is {p}."));
        found_people.insert(p.clone(), r);
    }
    let ids: Vec<String> = found_groups
        .values()
        .filter_map(|r| r.as_ref().ok().map(|g| g.0.clone()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // Whether PIM manages each group, read beside its state: a row for a group it does not
    // manage brings the group under PIM, which the preview says and Apply asks.
    let (state, managed) =
        futures::future::join(group_state(&graph, &ids), which_managed(&graph, &ids)).await;
    // One that could not be told is treated as not managed: asked rather than assumed.
    let managed: HashMap<&str, bool> = ids
        .iter()
        .map(String::as_str)
        .zip(managed.into_iter().map(|m| m.unwrap_or(false)))
        .collect();
    let now = crate::clock::service_now();
    rows.into_iter()
        .map(|row| {
            let mut problems = row.problems.clone();
            let group = match found_groups.get(&row.group) {
                Some(Ok(g)) => Some(g.clone()),
                Some(Err(e)) => {
                    problems.push(format!("Row {}, group: {e}", row.line));
                    None
                }
                None => None,
            };
            let principal = match found_people.get(&row.principal) {
                Some(Ok(p)) => Some(p.clone()),
                Some(Err(e)) => {
                    problems.push(format!("Row {}, principal: {e}", row.line));
                    None
                }
                None => None,
            };
            let mut live = String::new();
            if let (Some((gid, _)), Some((pid, _))) = (&group, &principal) {
                if let Some(s) = state.get(gid) {
                    let held = s.held.get(&(pid.clone(), row.access, row.kind));
                    live = match held {
                        Some(Some(end)) => {
                            format!("Assigned until {}", crate::domain::wording::when(end))
                        }
                        Some(None) => "Assigned, permanent".into(),
                        None => "Not assigned".into(),
                    };
                    match &s.settings {
                        Ok(settings) if problems.is_empty() => {
                            let i = if row.access == AccessId::Owner { 1 } else { 0 };
                            problems.extend(check(&row, &settings[i], held.is_some(), now));
                        }
                        Ok(_) => {}
                        Err(e) => problems.push(format!("Row {}: {e}", row.line)),
                    }
                }
            }
            let ok = problems.is_empty() && group.is_some() && principal.is_some();
            let onboards = group
                .as_ref()
                .is_some_and(|(gid, _)| managed.get(gid.as_str()) == Some(&false));
            Line {
                row,
                group,
                principal,
                live,
                problems,
                selected: ok,
                onboards,
                result: None,
            }
        })
        .collect()
}

/// Sends the rows at `which` (in `$batch` calls of 20) and returns each one's outcome.
pub async fn send(
    graph: Graph,
    lines: Vec<Line>,
    which: Vec<usize>,
) -> Vec<(usize, Result<String, (String, bool)>)> {
    let now = crate::clock::service_now();
    let reqs: Vec<_> = which
        .iter()
        .map(|&i| {
            let l = &lines[i];
            let (g, p) = (
                l.group.clone().unwrap_or_default().0,
                l.principal.clone().unwrap_or_default().0,
            );
            let body = serde_json::to_value(to_request(&l.row, &g, &p, now)).unwrap_or_default();
            create_schedule_request(l.row.kind == Kind::Eligible, body)
        })
        .collect();
    which
        .into_iter()
        .zip(graph.batch(&reqs).await)
        .map(|(i, answer)| {
            let out = match answer {
                Ok(v) => Ok(v["status"].as_str().unwrap_or("Sent").to_owned()),
                Err(e) => Err((
                    unreadable("the answer", &e).replacen("Couldn't read the answer", "Failed", 1),
                    e.outcome_unknown,
                )),
            };
            (i, out)
        })
        .collect()
}

/// For rows whose answer was lost: whether the change is there now, read again (never resent
/// blindly, never called done without a read that shows it).
pub async fn landed(graph: &Graph, lines: &[Line], which: &[usize]) -> Vec<(usize, Landed)> {
    let mut ids: Vec<String> = which
        .iter()
        .filter_map(|&i| lines[i].group.clone().map(|g| g.0))
        .collect();
    ids.sort();
    ids.dedup();
    let state = group_state(graph, &ids).await;
    which
        .iter()
        .map(|&i| {
            let l = &lines[i];
            let (Some((g, _)), Some((p, _))) = (&l.group, &l.principal) else {
                return (
                    i,
                    Landed::Unknown("its group or person is not known".into()),
                );
            };
            let read = match state.get(g) {
                None => Err("the group was not read".to_owned()),
                Some(s) => match &s.unread {
                    Some(why) => Err(why.clone()),
                    None => Ok(s
                        .held
                        .get(&(p.clone(), l.row.access, l.row.kind))
                        .map(|end| end.as_deref().and_then(|e| e.parse().ok()))),
                },
            };
            (i, crate::domain::bulk::landed::landed(&l.row, read))
        })
        .collect()
}
