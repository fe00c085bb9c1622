//! The command line: what to register, where, with which tiers; every value checked first.

use pim_groups::config::Tier;

/// Microsoft Graph Command Line Tools: the public client Microsoft documents for scripts that
/// sign in with a device code, present in every tenant.
pub const GRAPH_CLI: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

pub const USAGE: &str =
    "usage: pim-groups-setup --tenant TENANT --url https://pim.example.com/ [options]

  --tenant T          the tenant's id or verified domain (contoso.onmicrosoft.com)
  --url U             where pim-groups is served: its single-page-app redirect URI
  --name N            the app registration's name (default pim-groups)
  --app-id ID         use this registration instead of finding one by name
  --tiers a,b         permission tiers to register (default user,admin,audit,reviews)
  --consent           grant admin consent for the tenant to those tiers' permissions
  --multi-tenant      register for any organisation; config.json names \"organizations\"
  --allowed-tenant ID with --multi-tenant: a tenant whose people may sign in (repeatable)
  --out FILE          where to write config.json (default ./config.json)
  --dry-run           send no write: print each one instead
  --client-id ID      sign in with your organisation's own public client
  --login URL         the Entra sign-in host (default https://login.microsoftonline.com)
  --graph URL         the Graph root (default https://graph.microsoft.com/v1.0)";

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub tenant: String,
    pub url: String,
    pub name: String,
    pub app_id: Option<String>,
    pub tiers: Vec<Tier>,
    pub consent: bool,
    pub multi_tenant: bool,
    pub allowed_tenants: Vec<String>,
    pub out: String,
    pub dry_run: bool,
    pub client_id: String,
    pub login: String,
    pub graph: String,
}

fn secure(value: &str, what: &str) -> Result<String, String> {
    let v = value.trim().trim_end_matches('/');
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|l| {
            v.strip_prefix(l)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/']))
        });
    if v.starts_with("https://") || loopback {
        Ok(v.to_owned())
    } else {
        Err(format!(
            "{what} must use https (or be on this machine): {value}"
        ))
    }
}

fn guid(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut o = Options {
        tenant: String::new(),
        url: String::new(),
        name: "pim-groups".into(),
        app_id: None,
        tiers: Tier::ALL.to_vec(),
        consent: false,
        multi_tenant: false,
        allowed_tenants: vec![],
        out: "config.json".into(),
        dry_run: false,
        client_id: GRAPH_CLI.into(),
        login: "https://login.microsoftonline.com".into(),
        graph: "https://graph.microsoft.com/v1.0".into(),
    };
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--tenant" => o.tenant = value()?,
            "--url" => o.url = value()?,
            "--name" => o.name = value()?,
            "--app-id" => o.app_id = Some(value()?),
            "--tiers" => {
                let list = value()?;
                let mut tiers = vec![Tier::User];
                for name in list.split(',').filter(|n| !n.trim().is_empty()) {
                    let t = Tier::from_name(name).ok_or_else(|| {
                        format!("no tier is named \"{name}\" (user, admin, audit, reviews)")
                    })?;
                    if !tiers.contains(&t) {
                        tiers.push(t);
                    }
                }
                tiers.sort();
                o.tiers = tiers;
            }
            "--consent" => o.consent = true,
            "--multi-tenant" => o.multi_tenant = true,
            "--allowed-tenant" => o.allowed_tenants.push(value()?),
            "--out" => o.out = value()?,
            "--dry-run" => o.dry_run = true,
            "--client-id" => o.client_id = value()?,
            "--login" => o.login = value()?,
            "--graph" => o.graph = value()?,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    if o.tenant.trim().is_empty() || o.url.trim().is_empty() {
        return Err(format!("--tenant and --url are required\n\n{USAGE}"));
    }
    if ["organizations", "common", "consumers"].contains(&o.tenant.as_str()) {
        return Err("--tenant names your own tenant (where the app is registered); --multi-tenant lets others in".into());
    }
    let url = secure(&o.url, "--url")?;
    if url.contains(['?', '#']) {
        return Err("--url is where the app is served, without a query or fragment".into());
    }
    o.url = format!("{url}/");
    o.login = secure(&o.login, "--login")?;
    o.graph = secure(&o.graph, "--graph")?;
    for id in o
        .app_id
        .iter()
        .chain([&o.client_id])
        .chain(&o.allowed_tenants)
    {
        if !guid(id) {
            return Err(format!("{id} is not a GUID"));
        }
    }
    if !o.allowed_tenants.is_empty() && !o.multi_tenant {
        return Err("--allowed-tenant goes with --multi-tenant".into());
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn reads_the_story_s9_command_with_defaults() {
        let o = parse(args(
            "--tenant contoso.onmicrosoft.com --url https://pim.contoso.com --consent",
        ))
        .unwrap();
        assert_eq!(o.url, "https://pim.contoso.com/");
        assert_eq!(o.tiers, Tier::ALL.to_vec());
        assert!(o.consent && !o.dry_run && !o.multi_tenant);
        assert_eq!(o.client_id, GRAPH_CLI);
    }

    #[test]
    fn tiers_always_include_the_user_tier_once() {
        let o = parse(args(
            "--tenant t --url https://x.example --tiers admin,user,admin",
        ))
        .unwrap();
        assert_eq!(o.tiers, vec![Tier::User, Tier::Admin]);
        assert!(
            parse(args("--tenant t --url https://x.example --tiers root"))
                .unwrap_err()
                .contains("root")
        );
    }

    #[test]
    fn refuses_what_would_send_tokens_in_the_clear_or_misplace_the_app() {
        assert!(parse(args("--tenant t --url http://pim.contoso.com")).is_err());
        assert!(parse(args("--tenant t --url http://127.0.0.1:8080")).is_ok());
        assert!(parse(args("--tenant t --url http://127.0.0.1.evil.example")).is_err());
        assert!(parse(args("--tenant t --url https://x.example/#a")).is_err());
        assert!(parse(args("--tenant organizations --url https://x.example")).is_err());
        assert!(parse(args("--tenant t --url https://x.example --app-id nope")).is_err());
        assert!(parse(args("--tenant t --url https://x.example --allowed-tenant 9c3e4b1a-6f0d-4e2b-8a57-1d2c3b4a5e6f")).is_err());
        assert!(parse(args("--url https://x.example")).is_err());
    }
}
