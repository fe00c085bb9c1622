//! pim-groups-setup: registers pim-groups in a tenant (a single-page app with the tiers'
//! delegated permissions), grants admin consent when asked, and writes the `config.json` to deploy.

mod args;
mod config_out;
mod graph;
mod plan;
mod signin;

use graph::{encode, literal, Graph, GraphError};
use plan::{grant_step, Desired, GrantStep, GRAPH_APP_ID};
use serde_json::{json, Value};

/// What was done so far, said again when a later step fails so nothing is left unexplained.
#[derive(Default)]
pub(crate) struct Report {
    done: Vec<String>,
    dry: bool,
}

impl Report {
    /// On a dry run: prints the write it would send.
    pub(crate) fn dry(&mut self, what: &str, method: &str, path: &str, body: Option<&Value>) {
        let body = body.map(|b| format!(" {b}")).unwrap_or_default();
        println!("would send: {method} {path}{body}");
        self.done.push(format!("would: {what}"));
    }

    /// A write that was answered: said, and remembered for a later failure's report.
    pub(crate) fn did(&mut self, what: String) {
        println!("{what}");
        self.done.push(what);
    }

    /// Sends one write, or only prints it on a dry run; it is said done once Graph answered.
    fn send<T>(
        &mut self,
        what: String,
        (method, path, body): (&str, &str, &Value),
        step: &str,
        send: impl FnOnce() -> Result<T, GraphError>,
    ) -> Result<Option<T>, String> {
        if self.dry {
            self.dry(&what, method, path, Some(body));
            return Ok(None);
        }
        match send() {
            Ok(v) => {
                self.did(what);
                Ok(Some(v))
            }
            Err(e) => Err(self.failed(step, e)),
        }
    }

    fn failed(&self, step: &str, e: GraphError) -> String {
        let unknown = matches!(e, GraphError::Transport(_)) && step.starts_with("creat");
        let mut out = format!("setup stopped while {step}: {e}");
        if unknown {
            out.push_str("\nWhether that write happened is unknown: run the same command again, which reads what exists first.");
        }
        if self.done.is_empty() {
            out.push_str("\nNothing was changed.");
        } else {
            out.push_str("\nDone before that:");
            for d in &self.done {
                out.push_str(&format!("\n  - {d}"));
            }
            out.push_str(
                "\nNothing else was changed; running the same command again goes on from here.",
            );
        }
        out
    }
}

fn main() {
    let o = match args::parse(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&o) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run(o: &args::Options) -> Result<(), String> {
    // No redirects: a token must never follow a 3xx to another host.
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let tenant = signin::tenant_id(&agent, &o.login, &o.tenant)?;
    println!(
        "Tenant {} ({tenant}){}",
        o.tenant,
        if o.dry_run {
            ": dry run, nothing will be written"
        } else {
            ""
        }
    );
    // Least privilege for the tool too: a dry run reads, and consent is asked for only with --consent.
    let mut scopes: Vec<String> = ["openid", "profile", "offline_access"]
        .map(String::from)
        .to_vec();
    let (app_scope, grant_scope) = if o.dry_run {
        ("Application.Read.All", "DelegatedPermissionGrant.Read.All")
    } else {
        (
            "Application.ReadWrite.All",
            "DelegatedPermissionGrant.ReadWrite.All",
        )
    };
    scopes.push(format!("https://graph.microsoft.com/{app_scope}"));
    if o.consent {
        scopes.push(format!("https://graph.microsoft.com/{grant_scope}"));
    }
    let token = signin::device_code(&agent, &o.login, &tenant, &o.client_id, &scopes)?;
    let g = Graph::new(agent, &o.graph, token);
    let mut report = Report {
        dry: o.dry_run,
        ..Default::default()
    };

    let graph_sp = first(
        &g,
        &format!(
            "/servicePrincipals?$filter={}",
            encode(&format!("appId eq '{GRAPH_APP_ID}'"))
        ),
    )
    .map_err(|e| report.failed("reading Microsoft Graph's service principal", e))?
    .ok_or("Microsoft Graph has no service principal in this tenant")?;
    let desired = Desired {
        name: o.name.clone(),
        url: o.url.clone(),
        multi_tenant: o.multi_tenant,
        permissions: config_out::permissions(&graph_sp, &o.tiers)?,
    };

    let app = find_application(&g, o, &report)?;
    let app_id = match app {
        None => {
            let body = desired.new_application();
            let what = format!(
                "created app registration '{}' (single-page app at {})",
                o.name, o.url
            );
            let made = report.send(
                what,
                ("POST", "/applications", &body),
                "creating the app registration",
                || g.post("/applications", &body),
            )?;
            let ids = made.map_or((None, None), |m| {
                (
                    m["id"].as_str().map(String::from),
                    m["appId"].as_str().map(String::from),
                )
            });
            if let Some(id) = &ids.1 {
                println!("  application (client) id {id}");
            }
            ids.1
        }
        Some(app) => {
            let object = app["id"].as_str().unwrap_or("").to_owned();
            println!(
                "Found app registration '{}' (application id {})",
                app["displayName"].as_str().unwrap_or(""),
                app["appId"].as_str().unwrap_or("")
            );
            if let Some((patch, why)) = desired.application_changes(&app) {
                let path = format!("/applications/{object}");
                let what = format!("updated the app registration: {}", why.join("; "));
                report.send(
                    what,
                    ("PATCH", &path, &patch),
                    "updating the app registration",
                    || g.patch(&path, &patch),
                )?;
            }
            app["appId"].as_str().map(String::from)
        }
    };

    let sp = match &app_id {
        Some(id) => first(
            &g,
            &format!(
                "/servicePrincipals?$filter={}",
                encode(&format!("appId eq '{}'", literal(id)))
            ),
        )
        .map_err(|e| report.failed("looking for the app's service principal", e))?,
        None => None,
    };
    let sp_id = match sp {
        Some(sp) => sp["id"].as_str().map(String::from),
        None => {
            let body = json!({"appId": app_id.clone().unwrap_or_else(|| "(the new application id)".into())});
            let what = "created the app's service principal (enterprise application)".to_owned();
            let made = report.send(
                what,
                ("POST", "/servicePrincipals", &body),
                "creating the service principal",
                || g.post("/servicePrincipals", &body),
            )?;
            made.and_then(|m| m["id"].as_str().map(String::from))
        }
    };

    if o.consent {
        let graph_id = graph_sp["id"].as_str().unwrap_or("");
        let existing = match &sp_id {
            Some(sp) => first(&g, &format!("/oauth2PermissionGrants?$filter={}", encode(&format!("clientId eq '{sp}' and consentType eq 'AllPrincipals' and resourceId eq '{graph_id}'"))))
                .map_err(|e| report.failed("reading the tenant's consent", e))?,
            None => None,
        };
        let client = sp_id
            .clone()
            .unwrap_or_else(|| "(the new service principal)".into());
        match grant_step(existing.as_ref(), &client, graph_id, &desired.grant_scope()) {
            GrantStep::Nothing => {}
            GrantStep::Create(body) => {
                let what = format!(
                    "granted admin consent for the tenant: {}",
                    desired.grant_scope()
                );
                report.send(
                    what,
                    ("POST", "/oauth2PermissionGrants", &body),
                    "granting admin consent",
                    || g.post("/oauth2PermissionGrants", &body),
                )?;
            }
            GrantStep::Update(id, scope, what) => {
                let path = format!("/oauth2PermissionGrants/{id}");
                let body = json!({"scope": scope});
                report.send(
                    what,
                    ("PATCH", &path, &body),
                    "changing the admin consent",
                    || g.patch(&path, &body),
                )?;
            }
        }
    }

    config_out::write(o, &tenant, app_id.as_deref(), &desired, &mut report)?;
    if report.done.is_empty() {
        println!(
            "Nothing to change: the registration{}, and {} are as asked.",
            if o.consent { ", its consent" } else { "" },
            o.out
        );
    }
    Ok(())
}

/// The first item of a list, if any.
fn first(g: &Graph, path: &str) -> Result<Option<Value>, GraphError> {
    Ok(g.list(path)?.into_iter().next())
}

/// The registration to use: the one of `--app-id`, or the only one of the name (none: create it).
/// An ambiguous name or an unknown id is said and stops the run, like any other failure.
fn find_application(
    g: &Graph,
    o: &args::Options,
    report: &Report,
) -> Result<Option<Value>, String> {
    let filter = match &o.app_id {
        Some(id) => format!("appId eq '{}'", literal(id)),
        None => format!("displayName eq '{}'", literal(&o.name)),
    };
    let found = g
        .list(&format!("/applications?$filter={}", encode(&filter)))
        .map_err(|e| report.failed("looking for the app registration", e))?;
    if found.len() > 1 {
        let ids: Vec<&str> = found.iter().filter_map(|a| a["appId"].as_str()).collect();
        return Err(format!(
            "Several registrations are named '{}' ({}): pass --app-id to pick one.",
            o.name,
            ids.join(", ")
        ));
    }
    if found.is_empty() {
        if let Some(id) = &o.app_id {
            return Err(format!("No registration has application id {id}."));
        }
    }
    Ok(found.into_iter().next())
}
