//! A download command whose file is made at the click (a report of 10,000 rows is megabytes).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A link that downloads `make()` as `file`, of media type `mime`.
#[component]
pub fn Download(
    /// The file name the browser saves.
    file: &'static str,
    /// `text/csv`, `application/json`.
    mime: &'static str,
    /// Builds the file's text at the click.
    make: Callback<(), String>,
    /// The command's words.
    label: &'static str,
) -> impl IntoView {
    let download = move |e: leptos::ev::MouseEvent| {
        let href = format!(
            "data:{mime};charset=utf-8,{}",
            js_sys::encode_uri_component(&make.run(()))
        );
        if let Some(a) = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            // Set before the click's default action runs, which downloads what href holds then.
            let _ = a.set_attribute("href", &href);
        }
    };
    view! { <a class="pim-button" href="#" download=file on:click=download>{label}</a> }
}
