//! The command bar under a blade's title: a toolbar of the blade's commands.

use leptos::prelude::*;

/// A toolbar named `label` holding buttons and links.
#[component]
pub fn CommandBar(
    /// The toolbar's accessible name.
    #[prop(default = "Commands")]
    label: &'static str,
    children: Children,
) -> impl IntoView {
    view! { <div class="pim-commandbar" role="toolbar" aria-label=label>{children()}</div> }
}
