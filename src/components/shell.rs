//! The portal chrome: top bar, left navigation, breadcrumb and the main landmark.

use crate::auth::session::Session;
use crate::components::route::use_route;
use crate::pages::{nav, Route};
use leptos::prelude::*;

/// The name of the group being shown, set by the group blade so the breadcrumb can say it.
#[derive(Clone, Copy)]
pub struct CurrentGroupName(pub RwSignal<Option<String>>);

/// Wraps every blade in the portal's chrome.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let route = use_route();
    let group_name = CurrentGroupName(RwSignal::new(None));
    provide_context(group_name);
    let menu_open = RwSignal::new(false);
    // Navigating closes the menu on narrow screens, as a phone user expects.
    Effect::new(move |_| {
        route.track();
        menu_open.set(false);
    });
    view! {
        <a class="pim-skip" href="#pim-main">"Skip to content"</a>
        <TopBar menu_open />
        <div class="pim-shell">
            <SideNav route menu_open />
            <div class="pim-shell__content">
                <Breadcrumb route group_name=group_name.0 />
                <main id="pim-main" class="pim-shell__main" tabindex="-1">
                    {children()}
                </main>
            </div>
        </div>
    }
}

#[component]
fn TopBar(menu_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <header class="pim-topbar">
            <button
                class="pim-topbar__menu"
                type="button"
                aria-controls="pim-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|open| *open = !*open)
            >
                <span aria-hidden="true">"☰"</span>
                <span class="pim-visually-hidden">"Menu"</span>
            </button>
            <a class="pim-topbar__product" href=Route::MyGroups.path()>
                "pim-groups"
                <span class="pim-topbar__subtitle">"Privileged Identity Management for Groups"</span>
            </a>
            <AccountMenu />
        </header>
    }
}

#[component]
fn SideNav(route: Memo<Route>, menu_open: RwSignal<bool>) -> impl IntoView {
    let links = nav()
        .map(|(label, href)| {
            let current = move || (route.get().nav_section() == Some(href)).then_some("page");
            view! {
                <li>
                    <a class="pim-nav__link" href=href aria-current=current>{label}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav
            id="pim-nav"
            class="pim-nav"
            class:pim-nav--open=move || menu_open.get()
            aria-label="Privileged Identity Management"
        >
            <ul class="pim-nav__list">{links}</ul>
        </nav>
    }
}

#[component]
fn Breadcrumb(route: Memo<Route>, group_name: RwSignal<Option<String>>) -> impl IntoView {
    let crumbs = move || {
        let trail = route.get().breadcrumb(group_name.get().as_deref());
        let last = trail.len().saturating_sub(1);
        trail
            .into_iter()
            .enumerate()
            .map(|(i, (label, href))| {
                if i == last {
                    view! { <li><span aria-current="page">{label}</span></li> }.into_any()
                } else {
                    view! { <li><a href=href>{label}</a></li> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <nav class="pim-breadcrumb" aria-label="Breadcrumb">
            <ol class="pim-breadcrumb__list">{crumbs}</ol>
        </nav>
    }
}

/// The signed-in person, with Sign out in their menu.
#[component]
fn AccountMenu() -> impl IntoView {
    let session = use_context::<Session>();
    let account = session.as_ref().and_then(Session::account);
    let open = RwSignal::new(false);
    // One build may serve any organisation: the tenant signed in to is always named.
    let multi = use_context::<crate::config::AppConfig>().is_some_and(|c| c.multi_tenant());
    account.map(|a| {
        let domain = a.username.rsplit_once('@').map(|(_, d)| d.to_owned());
        let tenant = format!("Tenant {}", a.tenant_id);
        let sign_out = move |_| {
            if let Some(s) = &session {
                s.sign_out();
            }
        };
        view! {
            <div class="pim-account">
                <button
                    class="pim-account__button"
                    type="button"
                    aria-haspopup="true"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="pim-account-menu"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="pim-account__name">{a.name.clone()}</span>
                </button>
                {multi.then(|| view! { <span class="pim-account__tenant">{domain.clone()}</span> })}
                <div id="pim-account-menu" class="pim-account__menu" hidden=move || !open.get()>
                    <p class="pim-account__who">{a.name}<br /><small>{a.username}</small><br /><small>{tenant}</small></p>
                    <button class="pim-button" type="button" on:click=sign_out>"Sign out"</button>
                </div>
            </div>
        }
    })
}
