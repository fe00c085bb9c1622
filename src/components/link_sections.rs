//! Titled lists of links to another site (each with its accessible name), or a sentence when a
//! list is empty or could not be read.

use leptos::prelude::*;

/// A heading, what to say when empty, and the (text, address) lines or why they are missing.
pub type LinkSection = (
    &'static str,
    &'static str,
    Result<Vec<(String, String)>, String>,
);

/// Each section as an `<h3>` and a `<ul>` named after it; links open in a new tab.
#[component]
pub fn LinkSections(
    /// The sections, in order.
    sections: Vec<LinkSection>,
    /// A sentence after the lists (what they cannot cover).
    #[prop(optional)]
    note: Option<&'static str>,
) -> impl IntoView {
    let section = |(title, empty, items): LinkSection| {
        let body = match items {
            Ok(items) if items.is_empty() => view! { <p>{empty}</p> }.into_any(),
            Ok(items) => view! {
                <ul class="pim-list" aria-label=title>
                    {items.into_iter().map(|(text, href)| view! {
                        <li><a href=href target="_blank" rel="noopener noreferrer">{text}</a></li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
            Err(why) => view! { <p>{why}</p> }.into_any(),
        };
        view! { <h3>{title}</h3> {body} }
    };
    view! {
        {sections.into_iter().map(section).collect_view()}
        {note.map(|n| view! { <p class="pim-muted">{n}</p> })}
    }
}
