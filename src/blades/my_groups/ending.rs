//! The notice above My roles for activations ending within 15 minutes, each with **Continue**: the
//! Activate pane, opened to start when the activation ends, with the remembered reason.

use super::data::MyRole;
use crate::components::deferred::Chunk;
use crate::domain::activation::time_left;
use crate::domain::ending::ending_soon;
use crate::graph::model::AccessId;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The notice's code (and the browser notification's) is fetched after the rows show.
#[leptos::wasm_split::wasm_split(ending_notice, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn ending_notice(
    roles: Signal<Vec<MyRole>>,
    now: RwSignal<DateTime<Utc>>,
    ready: Signal<bool>,
    continue_from: Callback<MyRole>,
) -> Chunk {
    Ok(view! { <EndingSoon roles now ready continue_from /> }.into_any())
}

/// `roles`: the user's active roles; `now`: the ticking clock; `ready`: whether the settings are
/// read (the pane needs them); `continue_from` opens the pane for one role.
#[component]
pub fn EndingSoon(
    #[prop(into)] roles: Signal<Vec<MyRole>>,
    now: RwSignal<DateTime<Utc>>,
    #[prop(into)] ready: Signal<bool>,
    continue_from: Callback<MyRole>,
) -> impl IntoView {
    // The list changes when an activation enters the last 15 minutes, not at every tick, so the
    // buttons keep their focus.
    let soon = Memo::new(move |_| {
        let n = now.get();
        roles.with(|r| {
            r.iter()
                .filter(|r| r.activated && ending_soon(r.end, n))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // One browser notification per activation, for users who asked for them.
    let told = StoredValue::new(Vec::<(String, AccessId)>::new());
    Effect::new(move |_| {
        for r in soon.get() {
            if told.with_value(|t| t.contains(&r.key())) || !super::notify::wanted() {
                continue;
            }
            told.update_value(|t| t.push(r.key()));
            super::notify::show(
                &format!("{} ({}) ends soon", r.group_name, r.role()),
                "Open My roles to continue it.",
            );
        }
    });
    view! {
        <super::notify::NotifyToggle />
        <For each=move || soon.get() key=|r| (r.key(), r.end, r.pending, r.next_scheduled) let:r>
            {
                let name = format!("{} ({})", r.group_name, r.role());
                let end = r.end;
                let left = move || end.map(|e| time_left(e, now.get())).unwrap_or_default();
                let text = name.clone();
                // A continuation already asked for is said, and not offered again.
                let next = if r.pending {
                    Some("Its continuation waits for approval.")
                } else if r.next_scheduled {
                    Some("Its continuation is scheduled: it starts when this one ends.")
                } else {
                    None
                };
                view! {
                    <div class="pim-notice" role="alert">
                        <p>{text} ": your activation ends in " {left} ". "
                            {next.unwrap_or("Continue asks for a new activation that starts when this one ends, with the same limits and approval.")}</p>
                        {next.is_none().then(|| view! {
                            <button class="pim-button" type="button" aria-label=format!("Continue {name}") disabled=move || !ready.get()
                                on:click=move |_| continue_from.run(r.clone())>"Continue"</button>
                        })}
                    </div>
                }
            }
        </For>
    }
}
