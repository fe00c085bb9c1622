//! The answer to an entry page's first `$batch`, which index.html's loader sent while the module
//! downloaded (`window.pimEarly`: the body it sent, when, and a promise of `{status, text}`). It is
//! taken once, by the batch whose body it is, and only when every part came back 2xx: anything
//! else (an expired token, a tier short of a scope, a throttled part) is sent again as usual.

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// How long after the loader sent it an answer may still be the page's first read.
const FRESH_MS: f64 = 30_000.0;

fn get(from: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(from, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The loader's answer to exactly `body`, if it has one and it is whole: its first batch, or the
/// second it sent with the first's answer (`pimEarlyThen`: the groups list's names).
pub(super) async fn take(body: &Value) -> Option<Value> {
    match take_from("pimEarly", body).await {
        Some(v) => Some(v),
        None => take_from("pimEarlyThen", body).await,
    }
}

async fn take_from(key: &str, body: &Value) -> Option<Value> {
    let window: JsValue = web_sys::window()?.into();
    let early = get(&window, key)?;
    // Only for the page it was sent for, as it starts: a later read (Refresh) reads afresh.
    if js_sys::Date::now() - get(&early, "at")?.as_f64()? > FRESH_MS {
        let _ =
            js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key.into());
        return None;
    }
    let sent: Value = serde_json::from_str(&get(&early, "body")?.as_string()?).ok()?;
    if sent != *body {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key.into());
    let answer: js_sys::Promise = get(&early, "answer")?.dyn_into().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(answer).await.ok()?;
    if get(&answer, "status")?.as_f64()? != 200.0 {
        return None;
    }
    let value: Value = serde_json::from_str(&get(&answer, "text")?.as_string()?).ok()?;
    let whole = value["responses"].as_array()?.iter().all(|r| {
        r["status"]
            .as_u64()
            .is_some_and(|s| (200..300).contains(&s))
    });
    whole.then_some(value)
}
