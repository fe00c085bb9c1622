//! Sign-in: PKCE, redirect handling, token cache and step-up; pure parts build natively.

pub mod callback;
pub mod claims;
pub mod errors;
pub mod id_token;
pub mod oidc;
pub mod pkce;
pub mod tokens;

#[cfg(target_arch = "wasm32")]
mod http;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
mod storage;
