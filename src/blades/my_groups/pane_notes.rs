//! What the Activate pane says besides the form: who will be asked to approve (by name, read
//! before anything is sent), who receives the activation alert, and a link per group to what
//! its membership grants.

use super::data::MyRole;
use crate::client::use_graph;
use crate::domain::approvers;
use crate::domain::settings::RoleSettings;
use crate::pages::Route;
use leptos::prelude::*;

/// Per role (prefixed with its group when there are several): who receives the activation alert,
/// and who will be asked to approve.
#[component]
pub fn WhoIsToldAndAsked(roles: Vec<(MyRole, RoleSettings)>) -> impl IntoView {
    let single = roles.len() == 1;
    let prefix = move |r: &MyRole, said: String| {
        if single {
            said
        } else {
            format!("{} ({}): {said}", r.group_name, r.role())
        }
    };
    // The alert's recipients as the settings name them (rule 6: the activation's admin alert).
    let told: Vec<String> = roles
        .iter()
        .filter_map(|(r, s)| {
            let n = s.notifications.get(6)?;
            let who = crate::domain::recipients::who(2, 0, n, None, &[]);
            Some(prefix(r, format!("Activation alert: {who}.")))
        })
        .collect();
    let graph = use_graph();
    let asking: Vec<_> = roles
        .into_iter()
        .filter(|(_, s)| s.activation.approval)
        .map(|(r, s)| (r, s.activation))
        .collect();
    let asked = LocalResource::new(move || {
        let (graph, asking) = (graph.clone(), asking.clone());
        async move {
            let all: Vec<_> = asking
                .iter()
                .flat_map(|(_, a)| a.approvers.clone())
                .collect();
            let answers = if all.is_empty() {
                vec![]
            } else {
                graph.each(approvers::lookups(&all)).await
            };
            let names = approvers::names(&all, answers);
            asking
                .iter()
                .filter_map(|(r, a)| approvers::who_is_asked(a, &names).map(|s| prefix(r, s)))
                .collect::<Vec<_>>()
        }
    });
    view! {
        {told.into_iter().map(|t| view! { <p class="pim-field__note">{t}</p> }).collect_view()}
        <Suspense fallback=|| ()>
            {move || asked.get().map(|said| said.into_iter().map(|s| view! { <p class="pim-notice" role="note">{s}</p> }).collect_view())}
        </Suspense>
    }
}

/// What each group grants is read on its own page, in a new tab: the pane keeps what was typed,
/// and My roles does not carry that page's code (it ships with the approval page).
#[component]
pub fn GrantLinks(roles: Vec<(MyRole, RoleSettings)>) -> impl IntoView {
    let links = roles
        .iter()
        .map(|(r, _)| {
            let href = Route::Grants(r.group_id.clone()).path();
            let text = format!("What membership of {} grants", r.group_name);
            view! { <li><a href=href target="_blank" rel="noopener">{text}<span class="pim-visually-hidden">" (opens in a new tab)"</span></a></li> }
        })
        .collect_view();
    view! { <ul class="pim-list" aria-label="What the groups grant">{links}</ul> }
}
