//! The permissions the registration lists (looked up by name on Microsoft Graph's service
//! principal) and the `config.json` the deployment serves, checked by the app's own parser.

use crate::args;
use crate::plan::Desired;
use pim_groups::config::{AppConfig, Tier};
use serde_json::{json, Value};

/// Each permission of the tiers (with OpenID Connect's), with its id on Graph's service principal.
pub fn permissions(graph_sp: &Value, tiers: &[Tier]) -> Result<Vec<(String, String)>, String> {
    let published = graph_sp["oauth2PermissionScopes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut names: Vec<String> = ["openid", "profile", "offline_access"]
        .map(String::from)
        .to_vec();
    for t in tiers {
        for s in t.default_scopes() {
            if !names.contains(&s) {
                names.push(s);
            }
        }
    }
    names
        .into_iter()
        .map(|n| {
            let found = published
                .iter()
                .find(|p| p["value"].as_str() == Some(n.as_str()));
            match found.and_then(|p| p["id"].as_str()) {
                Some(id) => Ok((n, id.to_owned())),
                None => Err(format!(
                    "Microsoft Graph publishes no delegated permission named {n} in this tenant"
                )),
            }
        })
        .collect()
}

pub fn write(
    o: &args::Options,
    tenant: &str,
    app_id: Option<&str>,
    d: &Desired,
    report: &mut crate::Report,
) -> Result<(), String> {
    let tenant_field = if o.multi_tenant {
        "organizations"
    } else {
        tenant
    };
    let mut tiers = serde_json::Map::new();
    for t in &o.tiers {
        tiers.insert(t.name().into(), json!(t.default_scopes()));
    }
    let mut cfg = json!({
        "authority": format!("{}/{tenant_field}", o.login),
        "tenantId": tenant_field,
        "clientId": app_id.unwrap_or("00000000-0000-0000-0000-000000000000"),
        "redirectUri": d.url,
        "graphBaseUrl": o.graph,
        "tiers": tiers,
    });
    if !o.allowed_tenants.is_empty() {
        cfg["allowedTenants"] = json!(o.allowed_tenants);
    }
    let text = format!("{}\n", serde_json::to_string_pretty(&cfg).expect("json"));
    AppConfig::from_json(&text)
        .map_err(|e| format!("the config.json written would be refused: {e}"))?;
    if std::fs::read_to_string(&o.out).ok().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    let what = format!("wrote {}", o.out);
    if o.dry_run {
        report.dry(&what, "WRITE", &o.out, Some(&cfg));
        return Ok(());
    }
    std::fs::write(&o.out, text).map_err(|e| format!("cannot write {}: {e}", o.out))?;
    report.did(what);
    Ok(())
}
