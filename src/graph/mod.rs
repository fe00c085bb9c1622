//! Typed Microsoft Graph client: pure request building and response reading; no Leptos here.
