//! Light and dark Fluent themes that follow the system's colour-scheme setting, live.

use leptos::prelude::*;
use thaw::Theme;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

fn theme_for(dark: bool) -> Theme {
    if dark {
        Theme::dark()
    } else {
        Theme::light()
    }
}

/// A theme signal that switches when the operating system switches between light and dark.
pub fn system_theme() -> RwSignal<Theme> {
    let query = window().match_media(DARK_QUERY).ok().flatten();
    let dark = query.as_ref().is_some_and(|q| q.matches());
    let theme = RwSignal::new(theme_for(dark));
    set_color_scheme(dark);
    if let Some(query) = query {
        // The listener lives as long as the page: the app never unmounts its root.
        let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |event: web_sys::MediaQueryListEvent| {
                theme.set(theme_for(event.matches()));
                set_color_scheme(event.matches());
            },
        );
        let _ =
            query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    theme
}

/// Native form controls and scrollbars follow the theme too.
fn set_color_scheme(dark: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}
