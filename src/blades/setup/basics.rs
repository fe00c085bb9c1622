//! Check setup's first parts: the configuration this site was given and the sign-in it made
//! (tenant, token lifetime, each permission tier, the clock).

use crate::auth::session::Session;
use crate::config::{AppConfig, Tier};
use crate::domain::setup::{self as verdict, Check, Status};

pub async fn configuration(cfg: &AppConfig) -> Vec<Check> {
    let origin = leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default();
    let mut out = vec![Check::passed(
        "Configuration file",
        "config.json was read and is valid.",
    )];
    // The discovery document is fetched as sign-in fetches the token endpoint: a CSP that lacks
    // the authority's origin refuses it here first.
    let discovery = format!("{}/v2.0/.well-known/openid-configuration", cfg.authority);
    let reached = gloo_net::http::Request::get(&discovery).send().await;
    out.push(match reached {
        Ok(r) if r.ok() => Check::passed("Sign-in endpoint", format!("{} answers and the Content-Security-Policy allows it.", cfg.authority.origin())),
        Ok(r) => failed("Sign-in endpoint", format!("{discovery} answered HTTP {}.", r.status()), "Check authority and tenantId in config.json."),
        Err(e) => failed("Sign-in endpoint", format!("{discovery} could not be fetched ({e})."), "Allow the authority's and Graph's origins in the Content-Security-Policy's connect-src, and check the network."),
    });
    let redirect = cfg.redirect_uri.origin().to_owned();
    out.push(if redirect == origin {
        Check::passed(
            "Redirect URI",
            format!("{} is this site.", cfg.redirect_uri.as_str()),
        )
    } else {
        failed(
            "Redirect URI",
            format!("config.json's redirectUri is on {redirect}, but this site is {origin}."),
            "Set redirectUri to this site's address, registered as a single-page-app redirect URI.",
        )
    });
    out
}

fn failed(name: &str, found: String, fix: &str) -> Check {
    Check {
        name: name.into(),
        status: Status::Failed,
        found,
        fix: Some((fix.into(), None)),
    }
}

pub async fn sign_in(session: &Session, cfg: &AppConfig) -> Vec<Check> {
    let mut out = vec![];
    if let Some(a) = session.account() {
        let kind = if cfg.multi_tenant() {
            "any organisation's (multi-tenant)"
        } else {
            "this tenant's"
        };
        out.push(Check::passed(
            "Tenant",
            format!(
                "Signed in to tenant {} as {}; this deployment takes {kind} people.",
                a.tenant_id, a.username
            ),
        ));
    }
    if let Some(life) = session.token_lifetime() {
        out.push(Check::passed(
            "Token lifetime",
            format!(
                "Access tokens live {} minutes; pim-groups renews them before they end.",
                life / 60
            ),
        ));
    }
    for tier in Tier::ALL {
        let name = format!("Permissions: {} tier", tier.name());
        let scopes = cfg
            .tiers
            .get(&tier)
            .map(|s| s.join(", "))
            .unwrap_or_default();
        out.push(if !cfg.tiers.contains_key(&tier) {
            Check { name, status: Status::Warning, found: "This deployment was set up without it.".into(), fix: Some(("Run the setup command again with this tier in --tiers to use its pages.".into(), None)) }
        } else if session.has_tiers(&[tier]) || tier == Tier::User || session.acquire(&[tier]).await.is_ok() {
            Check::passed(&name, format!("Granted: {scopes}."))
        } else {
            Check { name, status: Status::Warning, found: format!("Not consented for you: {scopes}."), fix: Some(("Open one of its pages and choose Grant access, or ask an administrator to grant admin consent (setup command --consent).".into(), Some(verdict::PORTAL_CONSENT))) }
        });
    }
    out.push(verdict::clock(crate::clock::offset_secs()));
    out
}
