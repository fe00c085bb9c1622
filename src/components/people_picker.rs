//! A people picker: searches users and groups by name or UPN in the directory and adds them.

use crate::client::{use_graph, Graph};
use crate::graph::call::Batch;
use crate::graph::directory::{search_groups, search_users};
use crate::graph::model::User;
use leptos::prelude::*;

/// Someone (or a group) picked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Picked {
    pub id: String,
    pub name: String,
    pub is_group: bool,
}

/// What a picker offers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Offers {
    #[default]
    UsersAndGroups,
    Groups,
}

async fn search(
    graph: Graph,
    text: String,
    offers: Offers,
) -> Result<Vec<Picked>, crate::graph::error::GraphError> {
    let with_users = offers == Offers::UsersAndGroups;
    let mut batch = Batch::new();
    let groups = batch.add(search_groups(&text, if with_users { 5 } else { 10 }));
    let users = with_users.then(|| batch.add(search_users(&text, 10)));
    // The first matches only: more would be typed for, not scrolled to.
    let mut answers = graph.run_first_pages(&batch).await;
    let groups = answers.take(groups)?;
    let users: Vec<User> = match users {
        Some(users) => answers.take(users)?.value,
        None => vec![],
    };
    let mut out: Vec<Picked> = users
        .into_iter()
        .map(|u| Picked {
            name: format!(
                "{} ({})",
                u.display_name.unwrap_or_default(),
                u.user_principal_name.unwrap_or_default()
            ),
            id: u.id,
            is_group: false,
        })
        .collect();
    out.extend(groups.value.into_iter().map(|g| Picked {
        name: format!("{} (group)", g.display_name.unwrap_or_default()),
        id: g.id,
        is_group: true,
    }));
    Ok(out)
}

/// A search box labelled `label`; `on_pick` gets each choice.
#[component]
pub fn PeoplePicker(
    /// The field's accessible name.
    label: &'static str,
    /// Called with each person or group chosen.
    on_pick: Callback<Picked>,
    /// The input's id, unique on the page (several pickers may share one).
    #[prop(default = "pim-picker")]
    id: &'static str,
    /// Users and groups, or groups only.
    #[prop(optional)]
    offers: Offers,
) -> impl IntoView {
    let graph = use_graph();
    let text = RwSignal::new(String::new());
    // What is searched: the text once typing pauses, so a word costs one search, not one a key.
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(None::<usize>);
    let typed = move |value: String| {
        text.set(value.clone());
        active.set(None);
        set_timeout(
            move || {
                if text.get_untracked() == value {
                    query.set(value);
                }
            },
            std::time::Duration::from_millis(250),
        );
    };
    let results = LocalResource::new(move || {
        let (graph, t) = (graph.clone(), query.get());
        async move {
            if t.trim().len() < 2 {
                Ok(vec![])
            } else {
                search(graph, t.trim().to_owned(), offers).await
            }
        }
    });
    let options = move || results.get().and_then(|r| r.ok()).unwrap_or_default();
    let open = move || !options().is_empty() && !text.with(String::is_empty);
    let choose = move |p: Picked| {
        on_pick.run(p);
        text.set(String::new());
        query.set(String::new());
        active.set(None);
    };
    // The combobox pattern: arrows move through the options, Enter picks, Esc closes.
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let n = options().len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let Some(p) = active
                    .get_untracked()
                    .and_then(|i| options().get(i).cloned())
                {
                    ev.prevent_default();
                    choose(p);
                }
            }
            "Escape" if open() => {
                ev.prevent_default();
                ev.stop_propagation();
                text.set(String::new());
                query.set(String::new());
            }
            _ => {}
        }
    };
    let option_id = move |i: usize| format!("{id}-option-{i}");
    let (input_id, listbox_id) = (format!("{id}-input"), format!("{id}-listbox"));
    view! {
        <div class="pim-picker">
            <label for=input_id.clone()>{label}</label>
            <input id=input_id type="text" role="combobox" autocomplete="off" placeholder="Search by name or UPN"
                aria-autocomplete="list" aria-controls=listbox_id.clone() aria-expanded=move || open().to_string()
                aria-activedescendant=move || active.get().map(option_id)
                prop:value=text on:input=move |e| typed(event_target_value(&e)) on:keydown=keys />
            <ul id=listbox_id role="listbox" class="pim-picker__results" aria-label="Suggestions" hidden=move || !open()>
                <For each=move || options().into_iter().enumerate() key=|(i, p)| (*i, p.id.clone()) let:((i, p))>
                    <li id=option_id(i) role="option" class="pim-picker__option" aria-selected=move || (active.get() == Some(i)).to_string()
                        on:mousedown=move |ev| ev.prevent_default() on:click={let p = p.clone(); move |_| choose(p.clone())}>{format!("Add {}", p.name)}</li>
                </For>
            </ul>
            {move || results.get().and_then(|r| r.err()).map(|error| view! { <crate::components::error_bar::ErrorBar error /> })}
        </div>
    }
}
