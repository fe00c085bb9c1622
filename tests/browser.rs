//! Browser tests (wasm-bindgen-test in headless Chromium) for the shell's reusable components.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use pim_groups::components::blade::Blade;
use pim_groups::components::config_error::ConfigErrorPage;
use pim_groups::components::route::provide_route;
use pim_groups::components::shell::Shell;
use pim_groups::config::ConfigError;
use pim_groups::pages::Bundle;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::HtmlElement {
    let doc = document();
    let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// What `app.rs` provides inside the router: the bundle and the current route.
#[component]
fn Routed(children: Children) -> impl IntoView {
    provide_context(Bundle::Me);
    provide_route();
    children()
}

#[wasm_bindgen_test]
async fn shell_has_the_ten_links_a_breadcrumb_and_one_heading() {
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <Router>
                <Routed>
                    <Shell>
                        <Blade title="My roles | Groups">"body"</Blade>
                    </Shell>
                </Routed>
            </Router>
        }
    });
    leptos::task::tick().await;
    let nav = texts(&root, "nav#pim-nav a");
    assert_eq!(
        nav,
        [
            "Overview",
            "My roles",
            "My requests",
            "Approve requests",
            "Review access",
            "Groups",
            "Access reviews",
            "Audit",
            "Reports",
            "Check setup"
        ]
    );
    assert_eq!(root.query_selector_all("h1").unwrap().length(), 1);
    assert_eq!(texts(&root, "h1"), ["My roles | Groups"]);
    assert!(root
        .query_selector("nav[aria-label='Breadcrumb'] ol li")
        .unwrap()
        .is_some());
    assert!(root.query_selector("main#pim-main").unwrap().is_some());
    let menu = root
        .query_selector("button[aria-controls='pim-nav']")
        .unwrap()
        .unwrap();
    assert_eq!(
        menu.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    menu.unchecked_ref::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(menu.get_attribute("aria-expanded").as_deref(), Some("true"));
    root.remove();
}

#[wasm_bindgen_test]
async fn config_error_page_names_the_bad_field_in_an_alert() {
    let root = fresh_root();
    let error = ConfigError::Invalid {
        field: "graphBaseUrl",
        reason: "must use https".into(),
    };
    let _handle =
        leptos::mount::mount_to(root.clone(), move || view! { <ConfigErrorPage error /> });
    leptos::task::tick().await;
    let alert = texts(&root, "[role='alert']").join(" ");
    assert!(alert.contains("graphBaseUrl"), "{alert}");
    assert!(alert.contains("must use https"), "{alert}");
    assert_eq!(texts(&root, "h1"), ["pim-groups cannot start"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn blade_sets_the_document_title() {
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        || view! { <Blade title="Audit">"body"</Blade> },
    );
    leptos::task::tick().await;
    assert_eq!(document().title(), "Audit - pim-groups");
    root.remove();
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct ActivateForm {
    reason: String,
    hours: f64,
}

#[wasm_bindgen_test]
async fn a_form_draft_survives_being_built_again() {
    use pim_groups::components::draft::{discard_draft, use_draft};
    discard_draft("test-activate");
    let first = RwSignal::new(ActivateForm {
        reason: String::new(),
        hours: 1.0,
    });
    let owner = Owner::new();
    owner.with(|| use_draft("test-activate", first));
    first.set(ActivateForm {
        reason: "Run the legacy export".into(),
        hours: 0.5,
    });
    leptos::task::tick().await;
    // As after a step-up redirect: the pane is built again from nothing.
    let second = RwSignal::new(ActivateForm {
        reason: String::new(),
        hours: 1.0,
    });
    Owner::new().with(|| use_draft("test-activate", second));
    assert_eq!(
        second.get_untracked(),
        ActivateForm {
            reason: "Run the legacy export".into(),
            hours: 0.5
        }
    );
    discard_draft("test-activate");
    let third = RwSignal::new(ActivateForm {
        reason: String::new(),
        hours: 1.0,
    });
    Owner::new().with(|| use_draft("test-activate", third));
    assert_eq!(third.get_untracked().reason, "");
    drop(owner);
}
