//! A form field: its label, the control, a hint and an error, tied together with
//! `aria-describedby` so a screen reader reads the hint and the error with the control.

use leptos::prelude::*;

/// The ids a control must carry: its own, and what describes it.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut parts = vec![];
    if hint {
        parts.push(format!("{id}-hint"));
    }
    if error {
        parts.push(format!("{id}-error"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Label, control (the children, which must use `id` and `described_by`), hint and error.
#[component]
pub fn Field(
    /// The control's id.
    id: &'static str,
    /// The visible label (the control's accessible name).
    label: &'static str,
    /// Help under the control.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The current problem with the value, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Marks the label as required.
    #[prop(optional)]
    required: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="pim-field" class:pim-field--invalid=move || error.with(Option::is_some)>
            <label for=id>{label}{required.then(|| view! { <span class="pim-field__required" aria-hidden="true">" *"</span> })}</label>
            {children()}
            {hint.map(|h| view! { <p class="pim-field__hint" id=format!("{id}-hint")>{h}</p> })}
            {move || error.get().map(|e| view! { <p class="pim-field__error" id=format!("{id}-error") role="alert">{e}</p> })}
        </div>
    }
}
