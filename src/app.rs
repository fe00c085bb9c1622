//! Providers (runtime config, theme) and the router: the one place that wires the app together.

use crate::auth::session::Session;
use crate::blades::{approvals, audit, group, groups, my_groups, my_requests, not_found};
use crate::components::config_error::ConfigErrorPage;
use crate::components::shell::Shell;
use crate::components::sign_in::SignInGate;
use crate::components::theme::system_theme;
use crate::config::{AppConfig, ConfigError};
use crate::graph::client::GraphClient;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use thaw::ConfigProvider;

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// Fetches and checks `config.json` beside `index.html`; every failure names what to fix.
async fn load_config() -> Result<AppConfig, ConfigError> {
    use gloo_net::http::Request;
    let unreachable = |why: String| ConfigError::Invalid {
        field: "config.json",
        reason: why,
    };
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

#[component]
fn App() -> impl IntoView {
    let theme = system_theme();
    let config = LocalResource::new(load_config);
    view! {
        <ConfigProvider theme class="pim-app">
            <Suspense fallback=|| view! { <p class="pim-boot" role="status">"Loading pim-groups…"</p> }>
                {move || config.get().map(|loaded| match loaded {
                    Ok(cfg) => view! { <AppRouter config=cfg /> }.into_any(),
                    Err(error) => view! { <ConfigErrorPage error /> }.into_any(),
                })}
            </Suspense>
        </ConfigProvider>
    }
}

/// Every route of `routes.rs`, inside the portal shell.
#[component]
fn AppRouter(config: AppConfig) -> impl IntoView {
    let session = Session::restore(config.clone());
    provide_context(GraphClient::new(
        config.graph_base_url.as_str(),
        session.clone(),
    ));
    provide_context(session);
    provide_context(config);
    view! {
        <SignInGate>
        <Router>
            <Shell>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=my_groups::MyGroups />
                    <Route path=path!("/my/groups") view=my_groups::MyGroups />
                    <Route path=path!("/my/requests") view=my_requests::MyRequests />
                    <Route path=path!("/approvals") view=approvals::Approvals />
                    <Route path=path!("/approvals/:id") view=approvals::ApprovalRequest />
                    <Route path=path!("/groups") view=groups::Groups />
                    <Route path=path!("/groups/discover") view=groups::DiscoverGroups />
                    <Route path=path!("/groups/new") view=groups::NewGroup />
                    <Route path=path!("/groups/:id") view=group::GroupBlade />
                    <Route path=path!("/groups/:id/assignments") view=group::GroupBlade />
                    <Route path=path!("/groups/:id/settings") view=group::GroupBlade />
                    <Route path=path!("/groups/:id/settings/:role") view=group::GroupBlade />
                    <Route path=path!("/groups/:id/audit") view=group::GroupBlade />
                    <Route path=path!("/audit") view=audit::Audit />
                </Routes>
            </Shell>
        </Router>
        </SignInGate>
    }
}
