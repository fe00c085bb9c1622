//! The confirmation of a review command that can't be undone (Stop, Reset decisions, Apply,
//! Delete): what it does, **Yes** and **Cancel**.

use crate::components::context_pane::ContextPane;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Which command waits for a Yes, or the edit pane; kept with the page's drafts, so a sign-in in
/// the middle brings the user back to the same pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Ask {
    #[default]
    None,
    Stop,
    Reset,
    Apply,
    Delete,
    Edit,
}

#[component]
pub fn Confirm(
    title: &'static str,
    /// What the command does, said before it is done.
    text: String,
    /// The primary button's words ("Yes, stop").
    yes: &'static str,
    pending: Signal<bool>,
    on_yes: Callback<()>,
    on_close: Callback<()>,
    /// The command's error, shown in the pane.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <ContextPane title=title on_close=on_close>
            <p>{text}</p>
            {children.map(|c| c())}
            <button class="pim-button pim-button--primary" type="button" disabled=move || pending.get()
                on:click=move |_| on_yes.run(())>{yes}</button>
            " "
            <button class="pim-button" type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
        </ContextPane>
    }
}
