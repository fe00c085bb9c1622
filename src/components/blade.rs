//! The frame of one blade: its single `h1`, an optional command bar, and notices.

use leptos::prelude::*;

/// A blade's heading and body; every page has exactly one `h1`, and it is this one.
#[component]
pub fn Blade(
    /// The blade's title, used as its `h1` and the document title.
    #[prop(into)]
    title: Signal<String>,
    /// Commands shown under the title.
    #[prop(optional)]
    commands: Option<Children>,
    children: Children,
) -> impl IntoView {
    Effect::new(move |_| document().set_title(&format!("{} - pim-groups", title.get())));
    view! {
        <section class="pim-blade" aria-labelledby="pim-blade-title">
            <h1 id="pim-blade-title" class="pim-blade__title" tabindex="-1">{move || title.get()}</h1>
            {commands.map(|c| view! {
                <div class="pim-commandbar" role="toolbar" aria-label="Commands">{c()}</div>
            })}
            <div class="pim-blade__body">{children()}</div>
        </section>
    }
}
