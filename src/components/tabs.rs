//! Tabs whose selection lives in the URL query (`?tab=active`), so a tab deep-links and survives
//! a sign-in redirect; arrow keys, Home and End move between tabs as ARIA's tab pattern says.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// One tab: its query value and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tab {
    pub key: &'static str,
    pub label: &'static str,
}

/// The selected tab's key, read from `?{param}=`; the first tab when absent or unknown.
pub fn use_tab(param: &'static str, tabs: &'static [Tab]) -> Memo<&'static str> {
    let query = use_query_map();
    Memo::new(move |_| {
        let asked = query.with(|q| q.get(param));
        tabs.iter()
            .find(|t| asked.as_deref() == Some(t.key))
            .or(tabs.first())
            .map_or("", |t| t.key)
    })
}

fn select(navigate: &impl Fn(&str, NavigateOptions), param: &'static str, key: &'static str) {
    let loc = window().location();
    let path = loc.pathname().unwrap_or_default();
    let search = loc.search().unwrap_or_default();
    let mut pairs: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
            .into_owned()
            .filter(|(k, _)| k != param)
            .collect();
    pairs.push((param.to_owned(), key.to_owned()));
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    // Replace, not push: switching tabs is not a page the Back button should walk through.
    navigate(
        &format!("{path}?{query}"),
        NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        },
    );
}

/// A tab list and the selected tab's panel. `id` prefixes the element ids.
#[component]
pub fn Tabs(
    /// The query parameter holding the selection.
    param: &'static str,
    /// The tabs, in order.
    tabs: &'static [Tab],
    /// The list's accessible name.
    label: &'static str,
    /// The selected key (from `use_tab` with the same `param` and `tabs`).
    selected: Memo<&'static str>,
    /// The panel's content.
    children: ChildrenFn,
) -> impl IntoView {
    let id = move |key: &str| format!("tab-{param}-{key}");
    // The router's navigate is taken here, in the component, not in each event handler.
    let navigate = use_navigate();
    let nav = navigate.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = tabs
            .iter()
            .position(|t| t.key == selected.get_untracked())
            .unwrap_or(0);
        let n = tabs.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        select(&nav, param, tabs[next].key);
        if let Some(el) = document().get_element_by_id(&format!("tab-{param}-{}", tabs[next].key)) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let buttons = tabs
        .iter()
        .map(|t| {
            let on = move || selected.get() == t.key;
            let navigate = navigate.clone();
            view! {
                <button type="button" role="tab" class="pim-tab" id=id(t.key)
                    aria-selected=move || on().to_string() tabindex=move || if on() { "0" } else { "-1" }
                    aria-controls=format!("tabpanel-{param}") on:click=move |_| select(&navigate, param, t.key)>{t.label}</button>
            }
        })
        .collect_view();
    view! {
        <div role="tablist" aria-label=label class="pim-tabs" on:keydown=on_key>{buttons}</div>
        <div role="tabpanel" class="pim-tabpanel" id=format!("tabpanel-{param}")
            aria-labelledby=move || id(selected.get())>{children()}</div>
    }
}
