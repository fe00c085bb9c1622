//! One way to submit: one request at a time (a double click sends nothing twice), the button's
//! state, the error bar with Graph's code and request id, and the success message.

use crate::components::error_bar::ErrorBar;
use crate::graph::error::GraphError;
use leptos::prelude::*;
use std::future::Future;

/// A write in progress or done; cheap to copy into views.
pub struct Submit<I: 'static, O: 'static> {
    action: Action<I, Result<O, GraphError>>,
}

impl<I: 'static, O: 'static> Clone for Submit<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<I: 'static, O: 'static> Copy for Submit<I, O> {}

/// Wraps `write`; `done` runs with each success (close a pane, reload, announce).
pub fn use_submit<I, O, F, Fut>(write: F, done: impl Fn(O) + 'static) -> Submit<I, O>
where
    I: Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
    F: Fn(I) -> Fut + 'static,
    Fut: Future<Output = Result<O, GraphError>> + 'static,
{
    let action = Action::new_local(move |input: &I| write(input.clone()));
    // An effect only to hand the success to the caller once.
    Effect::new(move |_| {
        if let Some(Ok(out)) = action.value().get() {
            done(out);
        }
    });
    Submit { action }
}

impl<I: Clone + Send + Sync + 'static, O: Clone + Send + Sync + 'static> Submit<I, O> {
    /// Sends unless a send is in flight.
    pub fn submit(&self, input: I) {
        if !self.action.pending().get_untracked() {
            self.action.dispatch_local(input);
        }
    }

    /// Whether a send is in flight (for the button).
    pub fn pending(&self) -> Signal<bool> {
        let a = self.action;
        Signal::derive(move || a.pending().get())
    }

    /// The last send's error, if it failed.
    pub fn error(&self) -> Signal<Option<GraphError>> {
        let a = self.action;
        Signal::derive(move || a.value().get().and_then(|r| r.err()))
    }

    /// The last send's answer, if it succeeded.
    pub fn value(&self) -> Signal<Option<O>> {
        let a = self.action;
        Signal::derive(move || a.value().get().and_then(|r| r.ok()))
    }

    /// The error bar of the last send, when it failed.
    pub fn error_bar(&self) -> impl IntoView {
        let e = self.error();
        move || e.get().map(|error| view! { <ErrorBar error /> })
    }
}

/// The submit button: disabled while sending, with its label kept (tests and people find it
/// by name) and `aria-busy` said.
#[component]
pub fn SubmitButton(
    /// The label.
    label: &'static str,
    /// Whether a send is in flight.
    #[prop(into)]
    pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <button class="pim-button pim-button--primary" type="submit" disabled=move || pending.get()
            aria-busy=move || pending.get().to_string()>{label}</button>
    }
}
