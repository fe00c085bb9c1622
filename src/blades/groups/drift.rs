//! Drift, on the groups list: which managed groups' settings differ from a template file, and in
//! which settings, read for every managed group (both role policies, 20 to a `$batch`).

use super::inventory::read_managed;
use super::scan::Row;
use crate::client::find_people;
use crate::client::{use_graph, Graph};
use crate::components::context_pane::ContextPane;
use crate::components::file::chosen_text;
use crate::domain::file_people::of_file;
use crate::domain::role_policy;
use crate::domain::settings::RoleSettings;
use crate::domain::settings_file::{drift, read, settings_of, SettingsFile};
use crate::domain::wording::unreadable;
use crate::graph::call::Batch;
use crate::pages::Route;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// One group against the template: per role, the settings that differ (or why it can't tell).
#[derive(Clone, Debug, PartialEq)]
struct Drifted {
    id: String,
    name: String,
    member: Result<Vec<String>, String>,
    owner: Result<Vec<String>, String>,
}

impl Drifted {
    fn differs(&self) -> bool {
        [&self.member, &self.owner]
            .iter()
            .any(|r| !matches!(r, Ok(v) if v.is_empty()))
    }
}

fn text(r: &Result<Vec<String>, String>, asked: bool) -> String {
    match r {
        _ if !asked => "Not in the template".into(),
        Ok(v) if v.is_empty() => "Same".into(),
        Ok(v) => format!("{} differ: {}", v.len(), v.join("; ")),
        Err(e) => e.clone(),
    }
}

async fn check(graph: Graph, file: SettingsFile) -> Result<(Vec<Drifted>, bool, bool), String> {
    // The template's people are found as Import finds them (by id, then by UPN); one that is not
    // found or could not be read stops Drift, which would otherwise compare without them.
    let people = find_people(&graph, &of_file(&file)).await;
    let template = |role: &str,
                    f: &Option<crate::domain::settings_file::RoleFile>|
     -> Result<Option<RoleSettings>, String> {
        match f {
            None => Ok(None),
            Some(f) => match settings_of(role, f, &|p| people.of(p)) {
                Ok((s, unresolved)) if unresolved.is_empty() => Ok(Some(s)),
                Ok((_, unresolved)) => Err(format!(
                    "Approvers can't be compared: {}",
                    unresolved.join(" ")
                )),
                Err(p) => Err(p.join(" ")),
            },
        }
    };
    let member = template("Member", &file.member)?;
    let owner = template("Owner", &file.owner)?;
    let rows: Rc<RefCell<Vec<Row>>> = Rc::default();
    let sink = rows.clone();
    let (_, progress) = signal((0usize, 0usize));
    read_managed(
        graph.clone(),
        move |r| sink.borrow_mut().extend(r),
        progress,
        super::scan::in_place,
    )
    .await
    .map_err(|e| unreadable("the groups PIM manages", &e))?;
    let groups: Vec<(String, String)> = rows
        .borrow()
        .iter()
        .map(|r| {
            (
                r.group.id.clone(),
                r.group.display_name.clone().unwrap_or_default(),
            )
        })
        .collect();
    let mut batch = Batch::new();
    let reads: Vec<_> = groups
        .iter()
        .map(|(id, _)| role_policy::add_both(&mut batch, id))
        .collect();
    let mut answers = graph.run(&batch).await;
    let mut out = vec![];
    for ((id, name), (member_read, owner_read)) in groups.into_iter().zip(reads) {
        let mut one = |t: &Option<RoleSettings>, read: role_policy::PolicyRead| {
            let current = read.settings(&mut answers);
            match (t, current) {
                (None, _) => Ok(vec![]),
                (Some(t), Ok(c)) => Ok(drift(t, &c)),
                (Some(_), Err(e)) => Err(unreadable("its settings", &e)),
            }
        };
        let (m, o) = (one(&member, member_read), one(&owner, owner_read));
        out.push(Drifted {
            id,
            name,
            member: m,
            owner: o,
        });
    }
    out.sort_by_key(|d| (!d.differs(), d.name.to_lowercase()));
    Ok((out, member.is_some(), owner.is_some()))
}

/// The Drift pane.
#[component]
pub fn Drift(close: Callback<()>) -> impl IntoView {
    let graph = use_graph();
    let result = RwSignal::new(None::<Result<(Vec<Drifted>, bool, bool), String>>);
    let busy = RwSignal::new(false);
    let pick = move |ev: leptos::ev::Event| {
        let graph = graph.clone();
        busy.set(true);
        result.set(None);
        leptos::task::spawn_local(async move {
            let r = match chosen_text(ev).await.and_then(|t| read(&t)) {
                Ok(file) => check(graph, file).await,
                Err(e) => Err(e),
            };
            result.try_set(Some(r));
            busy.try_set(false);
        });
    };
    view! {
        <ContextPane title="Settings drift" wide=true on_close=close>
            <p>"Choose a settings file (exported from a group, or a template) to see which managed groups differ from it."</p>
            <div class="pim-field">
                <label for="drift-file">"Template file"</label>
                <input id="drift-file" type="file" accept="application/json,.json" on:change=pick />
            </div>
            {move || busy.get().then(|| view! { <p role="status">"Reading every managed group's settings…"</p> })}
            {move || result.get().map(|r| match r {
                Err(e) => view! { <div class="pim-alert pim-alert--error" role="alert"><p>{e}</p></div> }.into_any(),
                Ok((rows, has_member, has_owner)) => {
                    let differing = rows.iter().filter(|d| d.differs()).count();
                    let total = rows.len();
                    view! {
                        <p role="status">{format!("{differing} of {total} managed groups differ from the template.")}</p>
                        <div class="pim-table-scroll" tabindex="0" role="region" aria-label="Settings drift">
                            <table class="pim-table">
                                <caption>"Settings drift"</caption>
                                <thead><tr><th scope="col">"Group"</th><th scope="col">"Member"</th><th scope="col">"Owner"</th></tr></thead>
                                <tbody>{rows.into_iter().map(|d| view! {
                                    <tr>
                                        <td><a href=Route::GroupSettings(d.id.clone()).path()>{d.name.clone()}</a></td>
                                        <td>{text(&d.member, has_member)}</td>
                                        <td>{text(&d.owner, has_owner)}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            })}
        </ContextPane>
    }
}
