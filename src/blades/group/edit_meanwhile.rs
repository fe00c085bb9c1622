//! The settings another admin changed while this editor was open, each with both values and a
//! choice, shown after an Update that sent nothing because of them.

use crate::domain::settings_merge::{Conflict, Keep};
use leptos::prelude::*;
use std::collections::HashMap;

/// The choices made so far, by the conflict's field.
pub type Choices = RwSignal<HashMap<usize, Keep>>;

#[component]
pub fn Meanwhile(
    conflicts: RwSignal<Vec<Conflict>>,
    choices: Choices,
    /// Set when Update was selected with a setting still to choose.
    unsettled: RwSignal<bool>,
) -> impl IntoView {
    let open = move || !conflicts.with(Vec::is_empty);
    let missing = move || {
        let names: Vec<String> = conflicts.with(|all| {
            choices.with(|m| {
                all.iter()
                    .filter(|c| !m.contains_key(&c.field))
                    .map(|c| c.shown.setting.clone())
                    .collect()
            })
        });
        (unsettled.get() && !names.is_empty())
            .then(|| format!("Choose a value for: {}.", names.join(", ")))
    };
    view! {
        <Show when=open>
            <section class="pim-meanwhile" aria-labelledby="pim-meanwhile-title">
                <h2 id="pim-meanwhile-title" class="pim-meanwhile__title">"Changed by someone else"</h2>
                <p role="alert">{move || {
                    let n = conflicts.with(Vec::len);
                    format!(
                        "Nothing was sent. {} changed by someone else since you opened the editor, and you changed {} too. Choose the value to keep, then select Update again.",
                        if n == 1 { "One setting was".to_owned() } else { format!("{n} settings were") },
                        if n == 1 { "it" } else { "them" },
                    )
                }}</p>
                <For each=move || conflicts.get() key=|c| c.field children=move |c| {
                    let field = c.field;
                    let name = format!("meanwhile-{field}");
                    let pick = move |keep: Keep| move |_| choices.update(|m| { m.insert(field, keep); });
                    let is = move |keep: Keep| move || choices.with(|m| m.get(&field) == Some(&keep));
                    view! {
                        <fieldset class="pim-meanwhile__choice">
                            <legend>{c.shown.setting.clone()}</legend>
                            <label class="pim-check">
                                <input type="radio" name=name.clone() prop:checked=is(Keep::Current) on:change=pick(Keep::Current) />
                                {format!("Keep the current value: {}", c.shown.before)}
                            </label>
                            <label class="pim-check">
                                <input type="radio" name=name prop:checked=is(Keep::Mine) on:change=pick(Keep::Mine) />
                                {format!("Use your value: {}", c.shown.after)}
                            </label>
                        </fieldset>
                    }
                } />
                {move || missing().map(|m| view! { <p class="pim-issues__error" role="alert">{m}</p> })}
            </section>
        </Show>
    }
}
