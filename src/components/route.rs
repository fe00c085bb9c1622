//! The page the address bar shows, parsed once from the page table for every blade: `use_route()`.

use crate::pages::{Bundle, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

/// The current route, a memo: it changes only when the page or its parameters do (a tab or a
/// filter in the query string changes nothing here).
#[derive(Clone, Copy)]
struct CurrentRoute(Memo<Route>);

/// Parses the location into a [`Route`] for everything inside the router; called once, in
/// `app.rs`.
pub fn provide_route() {
    let location = use_location();
    let route = Memo::new(move |_| Route::parse(&location.pathname.get()));
    provide_context(CurrentRoute(route));
    // The router shows a link's URL in the address bar only once told the page is ready (its
    // `<Routes>` would say so; we match pages ourselves). A page of another bundle is left to
    // `Elsewhere`, which loads it in a history entry of its own.
    let here = expect_context::<Bundle>();
    let browser = use_context::<BrowserUrl>();
    // On every new path, not every new route: `/groups/` after `/groups` is the same route, and
    // its navigation must complete too.
    Effect::new(move |_| {
        location.pathname.track();
        let theirs = route.get_untracked().bundle().is_some_and(|b| b != here);
        if let (false, Some(browser)) = (theirs, &browser) {
            browser.ready_to_complete();
        }
    });
}

/// Shows the router's pending URL in the address bar (a page `Elsewhere` keeps here after all).
pub fn complete_navigation() {
    if let Some(browser) = use_context::<BrowserUrl>() {
        browser.ready_to_complete();
    }
}

/// The current route. Blades read their parameters from it (`Route::Review(id)`), never from
/// the path: the page table has checked each of them.
pub fn use_route() -> Memo<Route> {
    expect_context::<CurrentRoute>().0
}
