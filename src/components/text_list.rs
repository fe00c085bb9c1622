//! A read-only list of lines with its accessible name, or a sentence when there are none.

use leptos::prelude::*;

/// `items` as a `<ul>` named `label` (keyed by the text; repeats are shown once), or `empty`.
#[component]
pub fn TextList(
    /// The list's accessible name.
    label: &'static str,
    /// The lines.
    items: Vec<String>,
    /// Said instead of an empty list.
    empty: &'static str,
) -> impl IntoView {
    let mut items = items;
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.clone()));
    if items.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="pim-list" aria-label=label>
            <For each=move || items.clone() key=|s| s.clone() let:s><li>{s}</li></For>
        </ul>
    }
    .into_any()
}
