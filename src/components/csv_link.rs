//! The **Download CSV** link: the file is made when clicked, not each time the data changes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A link that downloads `make()` as `file`; 10,000 rows are 2 MB, so nothing is built before.
#[component]
pub fn CsvLink(
    /// The file name the browser saves.
    file: &'static str,
    /// Builds the CSV text at the click.
    make: Callback<(), String>,
    /// The link's words.
    #[prop(default = "Download CSV")]
    label: &'static str,
) -> impl IntoView {
    let download = move |e: leptos::ev::MouseEvent| {
        let href = format!(
            "data:text/csv;charset=utf-8,{}",
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
