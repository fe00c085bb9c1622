//! The oauth2 crate's HTTP client over gloo-net (fetch), and where the browser is now.

use oauth2::{HttpRequest, HttpResponse};

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

#[derive(Debug)]
pub(super) struct HttpError(String);
impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for HttpError {}

/// The oauth2 crate's HTTP client, over gloo-net (fetch).
pub(super) async fn send(req: HttpRequest) -> Result<HttpResponse, HttpError> {
    use gloo_net::http::{Method, RequestBuilder};
    let err = |e: gloo_net::Error| HttpError(e.to_string());
    let mut b = RequestBuilder::new(&req.uri().to_string()).method(Method::POST);
    for (k, v) in req.headers() {
        b = b.header(k.as_str(), v.to_str().unwrap_or_default());
    }
    let body = String::from_utf8_lossy(req.body()).into_owned();
    let res = b.body(body).map_err(err)?.send().await.map_err(err)?;
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "application/json".into());
    let bytes = res.binary().await.map_err(err)?;
    oauth2::http::Response::builder()
        .status(status)
        .header("content-type", kind)
        .body(bytes)
        .map_err(|e| HttpError(e.to_string()))
}
