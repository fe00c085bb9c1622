//! Permissions asked for when needed: a page whose tiers this session holds no token for gets
//! one silently when they were consented, or says which permissions it needs, with Grant access.

use crate::auth::errors::AuthError;
use crate::auth::session::{current_location, Session};
use crate::components::deferred::{lazy, Deferred};
use crate::components::route::use_route;
use crate::config::{AppConfig, Tier};
use leptos::prelude::*;

/// Graph calls follow the page's tiers (`Session::follow`), and get their token silently when
/// consented. When a page's tiers are not consented, its blade is hidden behind the message bar:
/// the blade is never rebuilt for it, so nothing it holds is thrown away under it.
#[component]
pub fn TierGate(children: Children) -> impl IntoView {
    let session = expect_context::<Session>();
    let route = use_route();
    session.follow(route);
    let tiers =
        Memo::new(move |_| route.with(|r| r.row().map_or(&[][..], |row| row.tiers).to_vec()));
    // Why the page's tiers are missing, once asked; `None` while held (or still being asked).
    let blocked = RwSignal::new(None::<(Vec<Tier>, Option<AuthError>)>);
    let s = session.clone();
    Effect::new(move |_| {
        let wanted = tiers.get();
        blocked.set(None);
        if let Some(refused) = s.take_refusal(&wanted) {
            blocked.set(Some((wanted, Some(refused))));
            return;
        }
        if wanted.is_empty() || s.has_tiers(&wanted) {
            return;
        }
        let s = s.clone();
        leptos::task::spawn_local(async move {
            let answer = s.acquire(&wanted).await;
            // The user may have moved on meanwhile: only this page's answer counts.
            if tiers.get_untracked() != wanted {
                return;
            }
            match answer {
                Ok(()) | Err(AuthError::SignInRequired) => {}
                // Entra refusing the silent request only means nobody consented yet: the page
                // asks, as the first time; other failures are said as they are.
                Err(e) if e.is_consent() => blocked.set(Some((wanted, None))),
                Err(e) => blocked.set(Some((wanted, Some(e)))),
            }
        });
    });
    view! {
        {move || blocked.get().map(|(tiers, error)| needs_permissions(tiers, error))}
        <div class="pim-tier-gate" hidden=move || blocked.with(Option::is_some)>{children()}</div>
    }
}

/// The message bar comes in a chunk of its own: most sessions never see it.
fn needs_permissions(tiers: Vec<Tier>, error: Option<AuthError>) -> impl IntoView {
    let load = lazy!(needs_permissions(tiers: Vec<Tier> = tiers, error: Option<AuthError> = error) => view! { <NeedsPermissions tiers error /> });
    view! { <Deferred load what="the permissions this page needs" /> }
}

/// The message bar: the permissions by name, why, and Grant access (one sign-in, back here).
#[component]
fn NeedsPermissions(tiers: Vec<Tier>, error: Option<AuthError>) -> impl IntoView {
    let session = expect_context::<Session>();
    let cfg = expect_context::<AppConfig>();
    let missing_tier = matches!(error, Some(AuthError::TierMissing(_)));
    let declined = matches!(&error, Some(AuthError::Authority { .. }));
    let names: Vec<String> = tiers
        .iter()
        .flat_map(|t| cfg.tiers.get(t).cloned().unwrap_or_default())
        .collect();
    let purposes: Vec<&str> = tiers.iter().map(|t| t.purpose()).collect();
    let failed = RwSignal::new(None::<String>);
    let wanted = tiers.clone();
    let grant = move |_| {
        if let Err(e) = session.grant(&wanted, &current_location()) {
            failed.set(Some(e.to_string()));
        }
    };
    let (code, said) = match &error {
        Some(AuthError::Authority {
            code,
            error,
            description,
        }) => (
            Some(code.map_or_else(|| error.clone(), |c| format!("AADSTS{c}"))),
            Some(description.clone()),
        ),
        _ => (None, None),
    };
    let cancelled = matches!(
        &error,
        Some(AuthError::Authority {
            code: Some(65004),
            ..
        })
    ) || matches!(&error, Some(AuthError::Authority { error, .. }) if error == "access_denied");
    let advice = match &error {
        Some(e @ AuthError::TierMissing(_)) => e.advice().to_owned(),
        Some(_) if cancelled => "The permissions were not granted: the sign-in was cancelled or consent declined. Grant access to try again.".to_owned(),
        Some(AuthError::Transport(why)) => format!("The permissions could not be asked for: {why}. Grant access to sign in for them."),
        Some(_) if declined => "Your organisation has not granted these permissions to pim-groups, and you cannot grant them yourself. An administrator can grant them for everyone: run the setup command with --consent, or in the Entra admin center open Enterprise applications, pim-groups, Permissions, Grant admin consent.".to_owned(),
        _ => "The first time you open this page, pim-groups asks for the permissions it needs, with one sign-in; you come back here.".to_owned(),
    };
    let role = if declined { "alert" } else { "status" };
    view! {
        <section class="pim-alert pim-alert--warning" aria-labelledby="pim-needs-permissions">
            <h2 id="pim-needs-permissions">"This page needs more permissions"</h2>
            <p>{format!("For {}: ", purposes.join("; "))}</p>
            <ul class="pim-permission-list">
                {names.into_iter().map(|n| view! { <li><code>{n}</code></li> }).collect_view()}
            </ul>
            <p role=role>{advice}</p>
            {code.map(|c| view! { <p class="pim-muted">"Error code: " <code>{c}</code></p> })}
            {said.map(|d| view! { <p class="pim-muted">{d}</p> })}
            {(!missing_tier).then(|| view! {
                <button class="pim-button pim-button--primary" type="button" on:click=grant>"Grant access"</button>
            })}
            {move || failed.get().map(|f| view! { <p class="pim-alert--error" role="alert">{f}</p> })}
        </section>
    }
}
