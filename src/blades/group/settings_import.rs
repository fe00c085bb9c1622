//! Import (a settings file previewed rule by rule, current → new, then **Apply**) and Compare (with another group or a file), and the preview tables they share with Copy to groups.

use super::settings_io::{apply, compare, plan, RolePlan};
use crate::client::{use_graph, which_managed};
use crate::components::context_pane::ContextPane;
use crate::components::file::chosen_text;
use crate::components::people_picker::{Offers, PeoplePicker, Picked};
use crate::components::submit::use_submit;
use crate::domain::settings_file::{read, Difference, SettingsFile};
use crate::domain::wording::unreadable;
use crate::pages::GroupRole;
use leptos::prelude::*;

/// The file chosen in a file input, read and checked as a settings file.
pub(super) async fn chosen_file(ev: leptos::ev::Event) -> Result<SettingsFile, String> {
    read(&chosen_text(ev).await?)
}

pub(super) fn differences_table(
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

pub(super) fn plan_view(p: RolePlan) -> impl IntoView {
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
pub(super) fn Import(
    group_id: String,
    close: Callback<()>,
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let graph = use_graph();
    let plans = RwSignal::new(None::<Result<Vec<RolePlan>, String>>);
    let reading = RwSignal::new(false);
    // Writing a policy of a group PIM does not manage brings it under PIM: said, and asked.
    let managed = RwSignal::new(true);
    let onboard = RwSignal::new(false);
    let (g, id) = (graph.clone(), group_id.clone());
    let pick = move |ev: leptos::ev::Event| {
        let (graph, group) = (g.clone(), id.clone());
        reading.set(true);
        plans.set(None);
        leptos::task::spawn_local(async move {
            let is = which_managed(&graph, std::slice::from_ref(&group)).await;
            managed.try_set(matches!(is.first(), Some(Ok(true))));
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
    // A file with a problem anywhere is refused whole: no part of it is sent.
    let refused = move || {
        plans.with(|p| matches!(p, Some(Ok(v)) if v.iter().any(|r| !r.problems.is_empty())))
    };
    let ready = move || {
        (managed.get() || onboard.get())
            && !refused()
            && plans.with(|p| matches!(p, Some(Ok(v)) if v.iter().any(|r| r.settings.is_some() && !r.rules.is_empty())))
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
                Ok(v) if v.iter().any(|r| !r.problems.is_empty()) => view! {
                    <div class="pim-alert pim-alert--error" role="alert">
                        <p>"This file can't be imported, and nothing from it will be sent:"</p>
                        <ul>{v.into_iter().flat_map(|r| r.problems).map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                Ok(v) => v.into_iter().map(plan_view).collect_view().into_any(),
            })}
            {move || (!managed.get() && plans.with(Option::is_some)).then(|| view! {
                <p class="pim-notice" role="note">"PIM does not manage this group yet (or it could not be told): importing brings it under PIM, and its policies get new ids."</p>
                <label class="pim-choice"><input type="checkbox" prop:checked=onboard on:change=move |e| onboard.set(event_target_checked(&e)) />
                    "Bring this group under PIM"</label>
            })}
            {run.error_bar()}
            <button class="pim-button pim-button--primary" type="button" disabled=move || !ready() || run.pending().get()
                on:click=move |_| if let Some(Ok(p)) = plans.get_untracked() { run.submit(p) }>"Apply"</button>
        </ContextPane>
    }
}

/// Compare with another group, or with a file.
#[component]
pub(super) fn Compare(group_id: String, close: Callback<()>) -> impl IntoView {
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
