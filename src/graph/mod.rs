//! Typed Microsoft Graph client: pure request building and response reading; no Leptos here.
// GraphError keeps every detail support needs; errors are rare, so its size is not worth boxing.
#![allow(clippy::result_large_err)]

pub mod access_reviews;
pub mod audit;
pub mod batch;
pub mod call;
pub mod conditional_access;
pub mod directory;
pub mod entitlement;
pub mod error;
pub mod model;
pub mod pim;
pub mod policies;
pub mod request;
pub mod retry;
pub mod role_management;

#[cfg(target_arch = "wasm32")]
pub mod client;
