//! The sign-in gate: finishes the authority's redirect, sends a signed-out visitor to sign in
//! (keeping the page they asked for), and shows sign-in failures with their AADSTS code.

use crate::auth::errors::AuthError;
use crate::auth::oidc::Prompt;
use crate::auth::session::{current_location, Session};
use leptos::prelude::*;

/// Puts the page the user wanted back in the address bar, so the code never stays in the URL.
fn replace_url(path: &str) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

/// Renders `children` once someone is signed in.
#[component]
pub fn SignInGate(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let s = session.clone();
    let outcome = LocalResource::new(move || {
        let s = s.clone();
        async move { s.complete_redirect().await }
    });
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="pim-boot" role="status">"Signing you in…"</p> }>
            {move || outcome.get().map(|result| match result {
                Ok(next) => {
                    if let Some(path) = next {
                        replace_url(&path);
                    }
                    let search = window().location().search().unwrap_or_default();
                    if session.account().is_some() {
                        children.with_value(|c| c()).into_any()
                    } else if crate::auth::oidc::is_signed_out(&search) {
                        // Back from signing out: nothing is written until the user signs in again.
                        replace_url("/");
                        view! { <SignedOut /> }.into_any()
                    } else {
                        let started = session.sign_in(&current_location(), Prompt::default());
                        match started {
                            Ok(()) => view! { <p class="pim-boot" role="status">"Signing you in…"</p> }.into_any(),
                            Err(error) => view! { <SignInError error /> }.into_any(),
                        }
                    }
                }
                Err(error) => {
                    // A failed redirect's code and state leave the address bar too.
                    replace_url(&window().location().pathname().unwrap_or_else(|_| "/".into()));
                    view! { <SignInError error /> }.into_any()
                }
            })}
        </Suspense>
    }
}

/// A new sign-in from the start page, letting the user pick the account.
fn choose_account(session: &Session) {
    let prompt = Prompt {
        prompt: Some("select_account"),
        ..Default::default()
    };
    let _ = session.sign_in("/", prompt);
}

/// After sign-out: a plain page and a way back in.
#[component]
fn SignedOut() -> impl IntoView {
    let session = expect_context::<Session>();
    let again = move |_| {
        choose_account(&session);
    };
    view! {
        <main class="pim-config-error">
            <h1>"You have signed out"</h1>
            <p>"Nothing of your session is kept in this browser."</p>
            <button class="pim-button pim-button--primary" type="button" on:click=again>"Sign in"</button>
        </main>
    }
}

/// A failed sign-in: what happened, the AADSTS code, what to do, and a way to try again.
#[component]
pub fn SignInError(
    /// The failure to explain.
    error: AuthError,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let code = match &error {
        AuthError::Authority { code: Some(c), .. } => Some(format!("AADSTS{c}")),
        AuthError::Authority { error, .. } => Some(error.clone()),
        _ => None,
    };
    let advice = error.advice();
    let details = error.to_string();
    let retry = move |_| {
        choose_account(&session);
    };
    view! {
        <main class="pim-config-error">
            <h1>"Sign-in failed"</h1>
            <div class="pim-alert pim-alert--error" role="alert">
                <p>{advice}</p>
                {code.map(|c| view! { <p>"Error code: " <code>{c}</code></p> })}
                <p class="pim-muted">{details}</p>
            </div>
            <button class="pim-button pim-button--primary" type="button" on:click=retry>"Sign in again"</button>
        </main>
    }
}
