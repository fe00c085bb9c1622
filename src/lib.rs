//! pim-groups: pure modules build everywhere; the Leptos UI builds only for the browser.

pub mod auth;
pub mod clock;
pub mod config;
pub mod domain;
pub mod graph;
pub mod json;
pub mod number;
pub mod pages;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod blades;
#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod entries;

#[cfg(target_arch = "wasm32")]
pub use app::start;

/// The `main` of one bundle's binary (`src/bin/bundle-*.rs`): in the browser it starts the
/// bundle's router; built natively it only says how to build the app.
#[macro_export]
macro_rules! bundle_main {
    ($bundle:ident, $entry:ident) => {
        #[cfg(target_arch = "wasm32")]
        fn main() {
            $crate::start($crate::pages::Bundle::$bundle, $crate::entries::$entry);
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn main() {
            eprintln!(
                "pim-groups runs in the browser: build it with `trunk build` or run `make demo`."
            );
        }
    };
}
