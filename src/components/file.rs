//! Files in and out of the browser: saving text the app made (a link clicked for the user) and
//! reading the text of the file chosen in a file input.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Saves `text` as a file named `name` of type `mime`.
pub fn download(name: &str, mime: &str, text: &str) {
    let href = format!(
        "data:{mime};charset=utf-8,{}",
        js_sys::encode_uri_component(text)
    );
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", &href);
        let _ = a.set_attribute("download", name);
        let a: web_sys::HtmlElement = a.unchecked_into();
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
}

/// The text of the file chosen in the input that fired `ev`.
pub async fn chosen_text(ev: leptos::ev::Event) -> Result<String, String> {
    let input: web_sys::HtmlInputElement = ev
        .target()
        .and_then(|t| t.dyn_into().ok())
        .ok_or("No file was chosen.")?;
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or("No file was chosen.")?;
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "The file could not be read.".to_owned())
}
