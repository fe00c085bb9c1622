//! pim-groups: pure modules build everywhere; the Leptos UI builds only for the browser.

pub mod auth;
pub mod config;
pub mod domain;
pub mod graph;
pub mod routes;

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
