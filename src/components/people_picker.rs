//! A people picker: searches users and groups by name or UPN in the directory and adds them.

use crate::auth::session::Graph;
use crate::graph::batch::decode;
use crate::graph::directory::{search_groups, search_users};
use crate::graph::model::{Group, Page, User};
use leptos::prelude::*;

/// Someone (or a group) picked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Picked {
    pub id: String,
    pub name: String,
    pub is_group: bool,
}

async fn search(
    graph: Graph,
    text: String,
) -> Result<Vec<Picked>, crate::graph::error::GraphError> {
    let requests = [search_users(&text, 10), search_groups(&text, 5)];
    // The first matches only: more would be typed for, not scrolled to.
    let mut answers = graph.batch_first_pages(&requests).await.into_iter();
    let users: Page<User> = decode(answers.next())?;
    let groups: Page<Group> = decode(answers.next())?;
    let mut out: Vec<Picked> = users
        .value
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
) -> impl IntoView {
    let graph = expect_context::<Graph>();
    let text = RwSignal::new(String::new());
    // What is searched: the text once typing pauses, so a word costs one search, not one a key.
    let query = RwSignal::new(String::new());
    let typed = move |value: String| {
        text.set(value.clone());
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
                search(graph, t.trim().to_owned()).await
            }
        }
    });
    view! {
        <div class="pim-picker">
            <label for="pim-picker-input">{label}</label>
            <input id="pim-picker-input" type="search" autocomplete="off" placeholder="Search by name or UPN" prop:value=text on:input=move |e| typed(event_target_value(&e)) />
            <Transition fallback=|| ()>
                {move || results.get().map(|r| match r {
                    Ok(list) => view! {
                        <ul class="pim-picker__results" aria-label="Search results">
                            {list.into_iter().map(|p| {
                                let name = p.name.clone();
                                view! { <li><button type="button" class="pim-button" on:click=move |_| { on_pick.run(p.clone()); text.set(String::new()); query.set(String::new()); }>{format!("Add {name}")}</button></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <crate::components::error_bar::ErrorBar error /> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
