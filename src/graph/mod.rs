//! Typed Microsoft Graph client: pure request building and response reading; no Leptos here.
// GraphError keeps every detail support needs; errors are rare, so its size is not worth boxing.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod error;
pub mod model;
pub mod queries;
pub mod request;
pub mod retry;

#[cfg(target_arch = "wasm32")]
pub mod client;
