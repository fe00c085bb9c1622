//! `/groups/ID/settings` commands: **Export** (both roles as a settings file), **Import** (a file
//! previewed rule by rule, current → new, with the rules that would be sent, then **Apply**),
//! **Compare** (with another group or a file) and **Copy to groups** (per group, a failure
//! listed with its error and **Retry failed**).

use super::settings_export::export;
use super::settings_io::{
    apply, compare, copy, copy_preview, file_settings, plan, policies, RolePlan, ROLES,
};
use crate::client::use_graph;
use crate::components::command_bar::CommandBar;
use crate::components::context_pane::ContextPane;
use crate::components::error_bar::ErrorBar;
use crate::components::file::{chosen_text, download};
use crate::components::people_picker::{Offers, PeoplePicker, Picked};
use crate::components::submit::use_submit;
use crate::domain::settings::RoleSettings;
use crate::domain::settings_file::{read, Difference, SettingsFile};
use crate::domain::wording::unreadable;
use crate::pages::GroupRole;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tool {
    None,
    Import,
    Compare,
    Copy,
}

/// The file chosen in a file input, read and checked as a settings file.
async fn chosen_file(ev: leptos::ev::Event) -> Result<SettingsFile, String> {
    read(&chosen_text(ev).await?)
}

fn differences_table(
    caption: String,
    rows: Vec<Difference>,
    before: &'static str,
    after: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{format!("{caption}: identical.")}</p> }.into_any();
    }
    let label = caption.clone();
    view! {
        <div class="pim-table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="pim-table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Setting"</th><th scope="col">{before}</th><th scope="col">{after}</th></tr></thead>
                <tbody>{rows.into_iter().map(|d| view! {
                    <tr><td>{d.setting}</td><td>{d.before}</td><td><mark>{d.after}</mark></td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn plan_view(p: RolePlan) -> impl IntoView {
    let role = p.role.label();
    view! {
        <section class="pim-import__role">
            <h3>{role}</h3>
            {p.problems.iter().map(|x| view! { <p class="pim-field__error">{x.clone()}</p> }).collect_view()}
            {p.unresolved.iter().map(|x| view! { <p class="pim-notice" role="note">{x.clone()}</p> }).collect_view()}
            {p.problems.is_empty().then(|| differences_table(format!("{role}: current and new"), p.differences.clone(), "Current", "New"))}
            {(p.problems.is_empty()).then(|| view! {
                <p>{if p.rules.is_empty() { "Nothing would be sent.".to_owned() } else { format!("Rules that would be sent: {}.", p.rules.join(", ")) }}</p>
            })}
        </section>
    }
}

/// Import: choose a file, see what would change, Apply.
#[component]
fn Import(group_id: String, close: Callback<()>, said: RwSignal<Option<String>>) -> impl IntoView {
    let graph = use_graph();
    let plans = RwSignal::new(None::<Result<Vec<RolePlan>, String>>);
    let reading = RwSignal::new(false);
    let (g, id) = (graph.clone(), group_id.clone());
    let pick = move |ev: leptos::ev::Event| {
        let (graph, group) = (g.clone(), id.clone());
        reading.set(true);
        plans.set(None);
        leptos::task::spawn_local(async move {
            let result = match chosen_file(ev).await {
                Ok(file) => plan(graph, group, file)
                    .await
                    .map_err(|e| unreadable("the group's settings", &e)),
                Err(e) => Err(e),
            };
            plans.try_set(Some(result));
            reading.try_set(false);
        });
    };
    let run = use_submit(
        move |p: Vec<RolePlan>| apply(graph.clone(), group_id.clone(), p),
        move |lines: Vec<String>| {
            said.set(Some(format!("Imported. {}", lines.join(" "))));
            close.run(());
        },
    );
    let ready = move || {
        plans.with(|p| matches!(p, Some(Ok(v)) if v.iter().any(|r| r.settings.is_some() && !r.rules.is_empty())))
    };
    view! {
        <ContextPane title="Import settings" wide=true on_close=close>
            <div class="pim-field">
                <label for="import-file">"Settings file"</label>
                <input id="import-file" type="file" accept="application/json,.json" on:change=pick />
            </div>
            <p>"Nothing is sent until you Apply; only the rules that change are sent."</p>
            {move || reading.get().then(|| view! { <p role="status">"Reading the file and the group's settings…"</p> })}
            {move || plans.get().map(|p| match p {
                Err(e) => view! { <div class="pim-alert pim-alert--error" role="alert"><p>{e}</p></div> }.into_any(),
                Ok(v) => v.into_iter().map(plan_view).collect_view().into_any(),
            })}
            {run.error_bar()}
            <button class="pim-button pim-button--primary" type="button" disabled=move || !ready() || run.pending().get()
                on:click=move |_| if let Some(Ok(p)) = plans.get_untracked() { run.submit(p) }>"Apply"</button>
        </ContextPane>
    }
}

/// Compare with another group, or with a file.
#[component]
fn Compare(group_id: String, close: Callback<()>) -> impl IntoView {
    let graph = use_graph();
    let result = RwSignal::new(None::<Result<(String, Vec<(GroupRole, Vec<Difference>)>), String>>);
    let (g, id) = (graph.clone(), group_id.clone());
    let with_group = Callback::new(move |p: Picked| {
        let (graph, group) = (g.clone(), id.clone());
        result.set(None);
        leptos::task::spawn_local(async move {
            let r = compare(graph, group, p.id)
                .await
                .map_err(|e| unreadable("the settings", &e));
            result.try_set(Some(r));
        });
    });
    let with_file = move |ev: leptos::ev::Event| {
        let (graph, group) = (graph.clone(), group_id.clone());
        result.set(None);
        leptos::task::spawn_local(async move {
            let r = match chosen_file(ev).await {
                Ok(file) => plan(graph, group, file)
                    .await
                    .map(|plans| {
                        (
                            "the file".to_owned(),
                            plans.into_iter().map(|p| (p.role, p.differences)).collect(),
                        )
                    })
                    .map_err(|e| unreadable("the settings", &e)),
                Err(e) => Err(e),
            };
            result.try_set(Some(r));
        });
    };
    view! {
        <ContextPane title="Compare settings" wide=true on_close=close>
            <PeoplePicker label="Compare with group" id="compare-group" offers=Offers::Groups on_pick=with_group />
            <div class="pim-field">
                <label for="compare-file">"Or compare with a settings file"</label>
                <input id="compare-file" type="file" accept="application/json,.json" on:change=with_file />
            </div>
            <div role="status">{move || result.get().map(|r| match r {
                Err(e) => view! { <div class="pim-alert pim-alert--error" role="alert"><p>{e}</p></div> }.into_any(),
                Ok((other, roles)) => roles.into_iter().map(|(role, d)| {
                    differences_table(format!("{} compared with {other}", role.label()), d, "This group", "Other")
                }).collect_view().into_any(),
            })}</div>
        </ContextPane>
    }
}

/// One target of Copy to groups and how it went.
#[derive(Clone, Debug, PartialEq)]
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
fn Copy(group_id: String, close: Callback<()>) -> impl IntoView {
    let graph = use_graph();
    let (member, owner) = (RwSignal::new(true), RwSignal::new(true));
    let targets = RwSignal::new(Vec::<Target>::new());
    let from_file = RwSignal::new(None::<SettingsFile>);
    let running = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
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
            // The pane may have been closed while the source was read: then nothing is sent.
            let Some(todo) = targets.try_with_untracked(|t| {
                t.iter()
                    .filter(|x| mode != Mode::RetryFailed || matches!(x.outcome, Some(Err(_))))
                    .map(|x| x.id.clone())
                    .collect::<Vec<String>>()
            }) else {
                return;
            };
            // One group at a time: a failure is recorded and the next group still goes.
            for id in todo {
                if mode == Mode::Preview {
                    let said = copy_preview(graph.clone(), settings.clone(), id.clone())
                        .await
                        .map_err(|e| unreadable("its settings", &e));
                    targets.try_update(|t| {
                        if let Some(x) = t.iter_mut().find(|x| x.id == id) {
                            x.outcome = None;
                            x.preview = Some(said.unwrap_or_else(|e| e));
                        }
                    });
                    continue;
                }
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
        <ContextPane title="Copy to groups" wide=true on_close=close>
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
            <PeoplePicker label="Select target groups" id="copy-targets" offers=Offers::Groups on_pick=add />
            <div class="pim-table-scroll" tabindex="0" role="region" aria-label="Target groups">
                <table class="pim-table">
                    <caption>"Target groups"</caption>
                    <thead><tr><th scope="col">"Group"</th><th scope="col">"Result"</th><th scope="col"></th></tr></thead>
                    <tbody>
                        <For each=move || targets.get() key=|t| (t.id.clone(), t.preview.clone(), t.outcome.clone()) let:t>
                            <tr>
                                <td>{t.name.clone()}</td>
                                <td>{match t.outcome.clone() {
                                    None => t.preview.clone().unwrap_or_else(|| "Not yet copied".to_owned()),
                                    Some(Ok(s)) => s,
                                    Some(Err(e)) => e,
                                }}</td>
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

/// The settings page's commands.
#[component]
pub fn SettingsTools(group_id: String) -> impl IntoView {
    let graph = use_graph();
    let open = RwSignal::new(Tool::None);
    let said = RwSignal::new(None::<String>);
    let id = group_id.clone();
    let exporting = use_submit(
        move |_: ()| export(graph.clone(), id.clone()),
        move |(name, text): (String, String)| {
            download(&name, "application/json", &text);
            said.set(Some(format!("Exported to {name}.")));
        },
    );
    let close = Callback::new(move |_| open.set(Tool::None));
    view! {
        <CommandBar label="Settings commands">
            <button class="pim-button" type="button" disabled=move || exporting.pending().get() on:click=move |_| exporting.submit(())>"Export"</button>
            <button class="pim-button" type="button" on:click=move |_| open.set(Tool::Import)>"Import"</button>
            <button class="pim-button" type="button" on:click=move |_| open.set(Tool::Compare)>"Compare"</button>
            <button class="pim-button" type="button" on:click=move |_| open.set(Tool::Copy)>"Copy to groups"</button>
        </CommandBar>
        {move || exporting.error().get().map(|error| view! { <ErrorBar error /> })}
        <p role="status">{move || said.get()}</p>
        {move || match open.get() {
            Tool::Import => view! { <Import group_id=group_id.clone() close said /> }.into_any(),
            Tool::Compare => view! { <Compare group_id=group_id.clone() close /> }.into_any(),
            Tool::Copy => view! { <Copy group_id=group_id.clone() close /> }.into_any(),
            Tool::None => ().into_any(),
        }}
    }
}
