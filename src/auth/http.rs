//! The token endpoint's HTTP call over gloo-net (fetch), and where the browser is now.

/// Where the user is now: path, query and fragment.
pub fn current_location() -> String {
    let l = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        l.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    format!(
        "{}{}{}",
        part(web_sys::Location::pathname),
        part(web_sys::Location::search),
        part(web_sys::Location::hash)
    )
}

/// POSTs a form to the token endpoint over fetch: the status and the body, or why nothing came.
pub(super) async fn post_form(url: String, form: String) -> Result<(u16, String), String> {
    use gloo_net::http::Request;
    let err = |e: gloo_net::Error| e.to_string();
    let res = Request::post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(form)
        .map_err(err)?
        .send()
        .await
        .map_err(err)?;
    let status = res.status();
    Ok((status, res.text().await.map_err(err)?))
}
