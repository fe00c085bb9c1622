//! Recorded → In effect on My roles' active memberships: one check for all of them, repeated
//! every 10 seconds for two minutes while any is only recorded, then **Check again**.

use crate::client::{use_graph, Graph};
use crate::domain::in_effect::{self, Status, CHECK_EVERY_SECS};
use leptos::prelude::*;
use std::time::Duration;

/// Each group's status (absent while the first check runs), whether checks are still running on
/// their own, and a way to start another round.
#[derive(Clone, Copy)]
pub struct Tracker {
    pub statuses: RwSignal<Vec<(String, Status)>>,
    pub polling: RwSignal<bool>,
    pub again: Callback<()>,
}

/// The statuses of `groups` after one check, with the roles of those now in effect.
async fn check(graph: Graph, groups: Vec<String>) -> Vec<(String, Status)> {
    let answers = graph.each(in_effect::checks(&groups)).await;
    let mut read = in_effect::read(&groups, answers);
    let now: Vec<String> = read
        .iter()
        .filter(|(_, s)| matches!(s, Status::InEffect(_)))
        .map(|(g, _)| g.clone())
        .collect();
    if !now.is_empty() {
        let mut roles = graph.each(in_effect::role_reads(&now)).await.into_iter();
        for (g, s) in read.iter_mut() {
            if now.contains(g) {
                *s = Status::InEffect(in_effect::roles(roles.next().unwrap_or_else(|| {
                    Err(crate::graph::error::GraphError::transport("no answer", "-"))
                })));
            }
        }
    }
    read
}

/// Starts checking `groups` (the user's activated memberships) and keeps at it as described.
pub fn track(groups: Vec<String>) -> Tracker {
    let graph = use_graph();
    let statuses = RwSignal::new(Vec::new());
    let polling = RwSignal::new(!groups.is_empty());
    let done = StoredValue::new(0u32);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let run = Action::new_local(move |_: &()| check(graph.clone(), groups.clone()));
    Effect::new(move |_| {
        let Some(read) = run.value().get() else {
            return;
        };
        done.update_value(|n| *n += 1);
        let more = in_effect::again(&read, done.get_value());
        statuses.set(read);
        polling.set(more);
        if more {
            let next = set_timeout_with_handle(
                move || {
                    run.dispatch(());
                },
                Duration::from_secs(CHECK_EVERY_SECS),
            );
            timer.set_value(next.ok());
        }
    });
    on_cleanup(move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
    });
    if polling.get_untracked() {
        run.dispatch(());
    }
    let again = Callback::new(move |_| {
        if run.pending().get_untracked() {
            return;
        }
        done.set_value(0);
        polling.set(true);
        run.dispatch(());
    });
    Tracker {
        statuses,
        polling,
        again,
    }
}

/// One row's part: its status, and **Check again** once checks stop short of In effect.
#[component]
pub fn EffectCell(group: String, name: String, tracker: Tracker) -> impl IntoView {
    let g = group.clone();
    let status = Memo::new(move |_| {
        tracker
            .statuses
            .with(|s| s.iter().find(|(x, _)| *x == g).map(|(_, st)| st.clone()))
    });
    view! {
        <span role="status" aria-label=format!("In effect: {}", name.clone())>
            {move || status.get().map_or_else(|| "Checking…".to_owned(), |s| s.sentence())}
        </span>
        {move || {
            let open = !matches!(status.get(), Some(Status::InEffect(_)) | None);
            (open && !tracker.polling.get()).then(|| view! {
                " "
                <button class="pim-button pim-button--small" type="button" aria-label=format!("Check again: {name}")
                    on:click=move |_| tracker.again.run(())>"Check again"</button>
            })
        }}
    }
}
