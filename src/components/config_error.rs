//! The page shown instead of the app when `config.json` is missing or wrong.

use crate::config::ConfigError;
use leptos::prelude::*;

/// Explains which field of `config.json` to fix; nothing else can work without it.
#[component]
pub fn ConfigErrorPage(
    /// What is wrong with the configuration.
    error: ConfigError,
) -> impl IntoView {
    let field = error.field().unwrap_or("the whole file");
    view! {
        <main class="pim-config-error">
            <h1>"pim-groups cannot start"</h1>
            <div class="pim-alert pim-alert--error" role="alert">
                <p>{error.to_string()}</p>
                <p>"Field to fix: " <code>{field}</code></p>
            </div>
            <p>
                "The app reads its tenant, client id, scopes and endpoints from "
                <code>"config.json"</code>
                " next to index.html. See the README section \"Configuration\" for every field."
            </p>
        </main>
    }
}
