//! Copy to groups: one group's settings (or a file's) onto others, previewed per group before **Apply**, each failure listed with its error and **Retry failed**.

use super::settings_import::chosen_file;
use super::settings_io::{copy, copy_preview, file_settings, policies, ROLES};
use super::settings_people::source_names;
use crate::client::{use_graph, which_managed};
use crate::components::context_pane::ContextPane;
use crate::components::draft::{discard_draft, use_draft};
use crate::components::people_picker::{Offers, PeoplePicker, Picked};
use crate::domain::settings::RoleSettings;
use crate::domain::settings_file::SettingsFile;
use crate::domain::wording::unreadable;
use crate::pages::GroupRole;
use leptos::prelude::*;

/// What a target sent but not yet answered says, if the page is left before the answer.
const IN_FLIGHT: &str = "Outcome unknown: sent, and the page was left before Graph answered. Retry failed sends only what still differs.";

/// One target of Copy to groups and how it went.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Target {
    id: String,
    name: String,
    /// What a preview found would be sent.
    preview: Option<String>,
    /// `None` until tried; the rules sent, or the error.
    outcome: Option<Result<String, String>>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Preview,
    Apply,
    RetryFailed,
}

/// Copy Member and/or Owner to several groups, each on its own.
#[component]
pub(super) fn Copy(group_id: String, close: Callback<()>) -> impl IntoView {
    let graph = use_graph();
    let (member, owner) = (RwSignal::new(true), RwSignal::new(true));
    let targets = RwSignal::new(Vec::<Target>::new());
    // The targets and how each went are a journal in this tab: a sign-in in the middle brings
    // them back, a copy in flight marked as not known (Retry failed sends it again, which only
    // sends what still differs).
    let journal = format!("copy.{group_id}");
    use_draft(journal.clone(), targets);
    // Closed, the pane forgets its targets: the next Copy starts afresh.
    let leave = Callback::new(move |_| {
        targets.set(vec![]);
        discard_draft(&journal);
        close.run(());
    });
    let from_file = RwSignal::new(None::<SettingsFile>);
    let running = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    // Copying to a group PIM does not manage yet brings it under PIM: asked, as Discover asks.
    let onboard = RwSignal::new(false);
    let add = Callback::new(move |p: Picked| {
        targets.update(|t| {
            if !t.iter().any(|x| x.id == p.id) {
                let name = p.name.trim_end_matches(" (group)").to_owned();
                t.push(Target {
                    id: p.id,
                    name,
                    preview: None,
                    outcome: None,
                });
            }
        })
    });
    // Preview (nothing sent), Apply to every group, or Retry failed.
    let run = move |mode: Mode| {
        let roles: Vec<GroupRole> = ROLES
            .into_iter()
            .filter(|r| {
                if *r == GroupRole::Member {
                    member.get_untracked()
                } else {
                    owner.get_untracked()
                }
            })
            .collect();
        if roles.is_empty() || targets.with_untracked(Vec::is_empty) {
            problem.set(Some(
                "Choose Member, Owner or both, and at least one group.".into(),
            ));
            return;
        }
        problem.set(None);
        running.set(true);
        let (graph, source) = (graph.clone(), group_id.clone());
        leptos::task::spawn_local(async move {
            // From a template file when one is chosen, else from this group.
            let read = match from_file.try_get_untracked().flatten() {
                Some(file) => file_settings(&graph, &file, &roles).await,
                None => policies(&graph, &source)
                    .await
                    .map(|(_, p)| {
                        ROLES
                            .iter()
                            .zip(&p)
                            .filter(|(r, _)| roles.contains(r))
                            .map(|(r, p)| (*r, RoleSettings::from_rules(&p.rules)))
                            .collect()
                    })
                    .map_err(|e| unreadable("this group's settings", &e)),
            };
            let settings: Vec<(GroupRole, RoleSettings)> = match read {
                Ok(s) => s,
                Err(e) => {
                    problem.try_set(Some(e));
                    running.try_set(false);
                    return;
                }
            };
            let names = if mode == Mode::Preview {
                source_names(&graph, &settings).await
            } else {
                Default::default()
            };
            // The pane may have been closed while the source was read: then nothing is sent.
            let Some(todo) = targets.try_with_untracked(|t| {
                t.iter()
                    .filter(|x| mode != Mode::RetryFailed || matches!(x.outcome, Some(Err(_))))
                    .map(|x| x.id.clone())
                    .collect::<Vec<String>>()
            }) else {
                return;
            };
            let managed = which_managed(&graph, &todo).await;
            let managed: Vec<(String, Option<bool>)> = todo
                .iter()
                .cloned()
                .zip(managed.into_iter().map(|m| m.ok()))
                .collect();
            let not_managed: Vec<String> = targets.with_untracked(|t| {
                managed
                    .iter()
                    .filter(|(_, m)| *m != Some(true))
                    .filter_map(|(id, _)| t.iter().find(|x| &x.id == id).map(|x| x.name.clone()))
                    .collect()
            });
            if mode != Mode::Preview && !not_managed.is_empty() && !onboard.get_untracked() {
                problem.try_set(Some(format!(
                    "Not managed by PIM yet (or it could not be told): {}. Copying brings a group under PIM; tick \"Bring groups not yet managed by PIM under PIM\" to go on, or remove them. Nothing was sent.",
                    not_managed.join(", ")
                )));
                running.try_set(false);
                return;
            }
            // One group at a time: a failure is recorded and the next group still goes.
            for id in todo {
                if mode == Mode::Preview {
                    let said =
                        copy_preview(graph.clone(), settings.clone(), names.clone(), id.clone())
                            .await
                            .map_err(|e| unreadable("its settings", &e));
                    let note = match managed.iter().find(|(m, _)| *m == id).and_then(|(_, m)| *m) {
                        Some(true) => "",
                        Some(false) => "Not managed by PIM yet: copying brings it under PIM. ",
                        None => {
                            "Couldn't tell whether PIM manages it: copying may bring it under PIM. "
                        }
                    };
                    targets.try_update(|t| {
                        if let Some(x) = t.iter_mut().find(|x| x.id == id) {
                            x.outcome = None;
                            x.preview = Some(format!("{note}{}", said.unwrap_or_else(|e| e)));
                        }
                    });
                    continue;
                }
                targets.try_update(|t| {
                    if let Some(x) = t.iter_mut().find(|x| x.id == id) {
                        x.outcome = Some(Err(IN_FLIGHT.into()));
                    }
                });
                let outcome = match copy(graph.clone(), settings.clone(), id.clone()).await {
                    Ok(sent) if sent.is_empty() => Ok("Already the same: nothing sent.".to_owned()),
                    Ok(sent) => Ok(format!("Updated {}.", sent.join(", "))),
                    Err(e) => Err(unreadable("or write its settings", &e).replacen(
                        "Couldn't read or write",
                        "Failed to write",
                        1,
                    )),
                };
                targets.try_update(|t| {
                    if let Some(x) = t.iter_mut().find(|x| x.id == id) {
                        x.outcome = Some(outcome);
                    }
                });
            }
            running.try_set(false);
        });
    };
    let run = StoredValue::new(run);
    let failed = move || targets.with(|t| t.iter().any(|x| matches!(x.outcome, Some(Err(_)))));
    view! {
        <ContextPane title="Copy to groups" wide=true on_close=leave>
            <fieldset class="pim-choices">
                <legend>"Settings to copy"</legend>
                <label class="pim-choice"><input type="checkbox" prop:checked=member on:change=move |e| member.set(event_target_checked(&e)) />"Member"</label>
                <label class="pim-choice"><input type="checkbox" prop:checked=owner on:change=move |e| owner.set(event_target_checked(&e)) />"Owner"</label>
            </fieldset>
            <div class="pim-field">
                <label for="copy-file">"Copy from a settings file instead of this group (optional)"</label>
                <input id="copy-file" type="file" accept="application/json,.json" on:change=move |ev| {
                    leptos::task::spawn_local(async move {
                        match chosen_file(ev).await {
                            Ok(f) => { problem.try_set(None); from_file.try_set(Some(f)); }
                            Err(e) => { from_file.try_set(None); problem.try_set(Some(e)); }
                        }
                    });
                } />
            </div>
            <p role="status">{move || from_file.with(|f| f.as_ref().map(|f| match &f.group {
                Some(g) => format!("Copying from the file of {}.", g.display_name),
                None => "Copying from the template file.".to_owned(),
            }))}</p>
            <label class="pim-choice"><input type="checkbox" prop:checked=onboard on:change=move |e| onboard.set(event_target_checked(&e)) />
                "Bring groups not yet managed by PIM under PIM"</label>
            <PeoplePicker label="Select target groups" id="copy-targets" offers=Offers::Groups on_pick=add />
            <div class="pim-table-scroll" tabindex="0" role="region" aria-label="Target groups">
                <table class="pim-table">
                    <caption>"Target groups"</caption>
                    <thead><tr><th scope="col">"Group"</th><th scope="col">"Result"</th><th scope="col"></th></tr></thead>
                    <tbody>
                        <For each=move || targets.get() key=|t| (t.id.clone(), t.preview.clone(), t.outcome.clone()) let:t>
                            <tr>
                                <td>{t.name.clone()}</td>
                                <td>{
                                    let sending = matches!(&t.outcome, Some(Err(e)) if e == IN_FLIGHT);
                                    let said = match t.outcome.clone() {
                                        None => t.preview.clone().unwrap_or_else(|| "Not yet copied".to_owned()),
                                        Some(Ok(s)) => s,
                                        Some(Err(e)) => e,
                                    };
                                    // In flight while the run lasts; restored after a sign-in, unknown.
                                    move || if sending && running.get() { "Copying…".to_owned() } else { said.clone() }
                                }</td>
                                <td><button type="button" class="pim-button pim-button--small" aria-label=format!("Remove {}", t.name)
                                    disabled=move || running.get() on:click={let id = t.id.clone(); move |_| targets.update(|x| x.retain(|y| y.id != id))}>"Remove"</button></td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            {move || problem.get().map(|p| view! { <div class="pim-alert pim-alert--error" role="alert"><p>{p}</p></div> })}
            {move || running.get().then(|| view! { <p role="status">"Copying…"</p> })}
            <button class="pim-button" type="button" disabled=move || running.get()
                on:click=move |_| run.with_value(|r| r(Mode::Preview))>"Preview"</button>
            " "
            <button class="pim-button pim-button--primary" type="button" disabled=move || running.get()
                on:click=move |_| run.with_value(|r| r(Mode::Apply))>"Apply"</button>
            " "
            <button class="pim-button" type="button" disabled=move || running.get() || !failed()
                on:click=move |_| run.with_value(|r| r(Mode::RetryFailed))>"Retry failed"</button>
        </ContextPane>
    }
}
