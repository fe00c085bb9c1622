//! `/groups/ID/settings` commands: **Export** (both roles as a settings file), **Import** (a file
//! previewed rule by rule, current → new, with the rules that would be sent, then **Apply**),
//! **Compare** (with another group or a file) and **Copy to groups** (per group, a failure
//! listed with its error and **Retry failed**).

use super::settings_export::export;
use crate::client::use_graph;
use crate::components::command_bar::CommandBar;
use crate::components::draft::use_draft;
use crate::components::error_bar::ErrorBar;
use crate::components::file::download;
use crate::components::submit::use_submit;
use leptos::prelude::*;

use super::settings_copy::Copy;
use super::settings_import::{Compare, Import};

/// The open pane, kept across a sign-in (Copy to groups' results come back with it).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
enum Tool {
    #[default]
    None,
    Import,
    Compare,
    Copy,
}

/// The settings page's commands.
#[component]
pub fn SettingsTools(group_id: String) -> impl IntoView {
    let graph = use_graph();
    let open = RwSignal::new(Tool::None);
    use_draft(format!("settings-tools.{group_id}"), open);
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
