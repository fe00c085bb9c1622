//! Providers (runtime config, session, Graph client) and the router: the one place that wires the app together.

use crate::auth::session::Session;
use crate::components::config_error::ConfigErrorPage;
use crate::components::elsewhere;
use crate::components::route::provide_route;
use crate::components::shell::Shell;
use crate::components::sign_in::SignInGate;
use crate::components::tier_gate::TierGate;
use crate::config::{AppConfig, ConfigError};
use crate::graph::client::GraphClient;
use crate::pages::Bundle;
use leptos::prelude::*;
use leptos_router::components::Router;

/// Mounts one bundle on `<body>`: `routes` are its blades (see `entries.rs`).
pub fn start(bundle: Bundle, routes: fn() -> AnyView) {
    console_error_panic_hook::set_once();
    elsewhere::arrived(bundle);
    leptos::mount::mount_to_body(move || view! { <App bundle routes /> });
}

/// Fetches and checks `config.json` beside `index.html`; every failure names what to fix.
async fn load_config() -> Result<AppConfig, ConfigError> {
    use gloo_net::http::Request;
    let unreachable = |why: String| ConfigError::Invalid {
        field: "config.json",
        reason: why,
    };
    // index.html's loader fetched it beside the module: one request, not one after the other.
    if let Some((status, text)) = loader_config().await {
        if status != 200 {
            return Err(unreachable(format!("answered HTTP {status}")));
        }
        return AppConfig::from_json(&text);
    }
    let response = Request::get("/config.json")
        .send()
        .await
        .map_err(|e| unreachable(format!("could not be fetched ({e})")))?;
    if !response.ok() {
        return Err(unreachable(format!("answered HTTP {}", response.status())));
    }
    let text = response
        .text()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    AppConfig::from_json(&text)
}

/// The loader's `window.pimConfig` (a promise of `{status, text}`), taken once; `None` when it
/// has none or its fetch failed, and config.json is fetched here.
async fn loader_config() -> Option<(u16, String)> {
    use wasm_bindgen::{JsCast, JsValue};
    let window: JsValue = web_sys::window()?.into();
    let key = JsValue::from_str("pimConfig");
    let promise: js_sys::Promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let field = |k: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(k)).ok();
    Some((
        field("status")?.as_f64()? as u16,
        field("text")?.as_string()?,
    ))
}

#[component]
fn App(bundle: Bundle, routes: fn() -> AnyView) -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <div class="pim-app">
            <Suspense fallback=|| view! { <p class="pim-boot" role="status">"Loading pim-groups…"</p> }>
                {move || config.get().map(|loaded| match loaded {
                    Ok(cfg) => view! { <AppRouter config=cfg bundle routes /> }.into_any(),
                    Err(error) => view! { <ConfigErrorPage error /> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The bundle's routes inside the portal shell, behind the sign-in gate.
#[component]
fn AppRouter(config: AppConfig, bundle: Bundle, routes: fn() -> AnyView) -> impl IntoView {
    let session = Session::restore(config.clone());
    let back = session.clone();
    let _ = window_event_listener(leptos::ev::pageshow, move |e| {
        if e.persisted() {
            back.came_back();
        }
    });
    provide_context(GraphClient::new(
        config.graph_base_url.as_str(),
        session.clone(),
    ));
    provide_context(session);
    provide_context(config);
    provide_context(bundle);
    view! {
        <SignInGate>
        <Router>
            <Routed>
                <Shell><TierGate>{routes()}</TierGate></Shell>
            </Routed>
        </Router>
        </SignInGate>
    }
}

/// Provides `use_route()` to everything the router holds.
#[component]
fn Routed(children: Children) -> impl IntoView {
    provide_route();
    children()
}
