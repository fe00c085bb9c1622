//! What the registration and the consent should be, and the smallest change from what is there:
//! pure, so a second run that finds everything in place is seen to change nothing.

use serde_json::{json, Value};

/// Microsoft Graph's application id, the same in every tenant.
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// What the registration must say.
pub struct Desired {
    pub name: String,
    pub url: String,
    pub multi_tenant: bool,
    /// (permission name, its id on Microsoft Graph's service principal), OpenID Connect's first.
    pub permissions: Vec<(String, String)>,
}

impl Desired {
    fn audience(&self) -> &'static str {
        if self.multi_tenant {
            "AzureADMultipleOrgs"
        } else {
            "AzureADMyOrg"
        }
    }

    fn graph_access(&self) -> Value {
        let access: Vec<Value> = self
            .permissions
            .iter()
            .map(|(_, id)| json!({"id": id, "type": "Scope"}))
            .collect();
        json!({"resourceAppId": GRAPH_APP_ID, "resourceAccess": access})
    }

    /// The scope string of the admin consent: every permission by name.
    pub fn grant_scope(&self) -> String {
        let names: Vec<&str> = self.permissions.iter().map(|(n, _)| n.as_str()).collect();
        names.join(" ")
    }

    /// A new registration: a single-page app at the URL, the tiers' permissions, nothing else.
    pub fn new_application(&self) -> Value {
        json!({
            "displayName": self.name,
            "signInAudience": self.audience(),
            "spa": {"redirectUris": [self.url]},
            "requiredResourceAccess": [self.graph_access()],
        })
    }

    /// The PATCH that brings `app` to what is desired, with a line per change; none when it is.
    /// Other redirect URIs and other APIs' permissions are the organisation's and stay.
    pub fn application_changes(&self, app: &Value) -> Option<(Value, Vec<String>)> {
        let mut patch = json!({});
        let mut why = vec![];
        if app["signInAudience"] != json!(self.audience()) {
            patch["signInAudience"] = json!(self.audience());
            why.push(format!(
                "sign-in audience {} -> {}",
                app["signInAudience"],
                self.audience()
            ));
        }
        let uris: Vec<Value> = app["spa"]["redirectUris"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !uris.contains(&json!(self.url)) {
            let mut more = uris.clone();
            more.push(json!(self.url));
            patch["spa"] = json!({"redirectUris": more});
            why.push(format!("single-page-app redirect URI {} added", self.url));
        }
        let rra: Vec<Value> = app["requiredResourceAccess"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let graph = rra
            .iter()
            .find(|r| r["resourceAppId"] == json!(GRAPH_APP_ID));
        let ids = |r: Option<&Value>| -> Vec<String> {
            let mut v: Vec<String> = r
                .and_then(|r| r["resourceAccess"].as_array())
                .into_iter()
                .flatten()
                .filter(|a| a["type"] == "Scope")
                .filter_map(|a| a["id"].as_str().map(str::to_ascii_lowercase))
                .collect();
            v.sort();
            v
        };
        let wanted = ids(Some(&self.graph_access()));
        let roles_elsewhere = graph.is_some_and(|g| {
            g["resourceAccess"]
                .as_array()
                .is_some_and(|l| l.iter().any(|a| a["type"] != "Scope"))
        });
        if ids(graph) != wanted || roles_elsewhere {
            let mut list: Vec<Value> = rra
                .iter()
                .filter(|r| r["resourceAppId"] != json!(GRAPH_APP_ID))
                .cloned()
                .collect();
            list.push(self.graph_access());
            patch["requiredResourceAccess"] = json!(list);
            let had = ids(graph);
            let names = |pick: &dyn Fn(&String) -> bool| -> Vec<String> {
                self.permissions
                    .iter()
                    .filter(|(_, id)| pick(&id.to_ascii_lowercase()))
                    .map(|(n, _)| n.clone())
                    .collect()
            };
            let added = names(&|id| !had.contains(id));
            if !added.is_empty() {
                why.push(format!(
                    "Microsoft Graph permissions added: {}",
                    added.join(", ")
                ));
            }
            let removed = had.iter().filter(|id| !wanted.contains(id)).count();
            if removed > 0 {
                why.push(format!(
                    "{removed} Microsoft Graph permission(s) no chosen tier needs removed"
                ));
            }
        }
        (!why.is_empty()).then_some((patch, why))
    }
}

/// What the tenant-wide consent needs.
#[derive(Debug, PartialEq)]
pub enum GrantStep {
    Nothing,
    Create(Value),
    /// (grant id, the new scope string, what changes)
    Update(String, String, String),
}

fn words(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.split_whitespace().map(str::to_ascii_lowercase).collect();
    v.sort();
    v.dedup();
    v
}

/// The consent for every user (AllPrincipals) holds exactly the tiers' permissions.
pub fn grant_step(
    existing: Option<&Value>,
    client_sp: &str,
    graph_sp: &str,
    scope: &str,
) -> GrantStep {
    match existing {
        None => GrantStep::Create(json!({
            "clientId": client_sp, "consentType": "AllPrincipals", "resourceId": graph_sp, "scope": scope,
        })),
        Some(g) if words(g["scope"].as_str().unwrap_or("")) == words(scope) => GrantStep::Nothing,
        Some(g) => {
            let had = words(g["scope"].as_str().unwrap_or(""));
            let now = words(scope);
            let added: Vec<&String> = now.iter().filter(|s| !had.contains(s)).collect();
            let dropped: Vec<&String> = had.iter().filter(|s| !now.contains(s)).collect();
            let what = format!(
                "consent granted to {} more and withdrawn from {} permission(s)",
                added.len(),
                dropped.len()
            );
            GrantStep::Update(
                g["id"].as_str().unwrap_or("").to_owned(),
                scope.to_owned(),
                what,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desired() -> Desired {
        Desired {
            name: "pim-groups".into(),
            url: "https://pim.contoso.com/".into(),
            multi_tenant: false,
            permissions: vec![
                ("openid".into(), "id-1".into()),
                ("User.Read".into(), "id-2".into()),
            ],
        }
    }

    #[test]
    fn a_registration_made_from_the_plan_needs_no_change() {
        let d = desired();
        let mut app = d.new_application();
        assert_eq!(
            app["spa"]["redirectUris"],
            json!(["https://pim.contoso.com/"])
        );
        assert!(app.get("web").is_none() && app.get("publicClient").is_none());
        app["id"] = json!("obj");
        assert_eq!(d.application_changes(&app), None);
    }

    #[test]
    fn changes_only_what_differs_and_keeps_the_organisations_own() {
        let d = desired();
        let app = json!({
            "signInAudience": "AzureADMyOrg",
            "spa": {"redirectUris": ["https://staging.contoso.com/"]},
            "requiredResourceAccess": [
                {"resourceAppId": "other-api", "resourceAccess": [{"id": "x", "type": "Scope"}]},
                {"resourceAppId": GRAPH_APP_ID, "resourceAccess": [{"id": "ID-2", "type": "Scope"}, {"id": "id-9", "type": "Scope"}]}
            ]
        });
        let (patch, why) = d.application_changes(&app).unwrap();
        assert!(patch.get("signInAudience").is_none());
        assert_eq!(
            patch["spa"]["redirectUris"],
            json!(["https://staging.contoso.com/", "https://pim.contoso.com/"])
        );
        assert_eq!(
            patch["requiredResourceAccess"][0]["resourceAppId"],
            "other-api"
        );
        assert_eq!(patch["requiredResourceAccess"][1], d.graph_access());
        assert!(why.iter().any(|w| w.contains("added: openid")));
        assert!(why
            .iter()
            .any(|w| w.starts_with("1 Microsoft Graph permission")));
        let multi = Desired {
            multi_tenant: true,
            ..desired()
        };
        let (patch, _) = multi.application_changes(&multi_tenant_free(&d)).unwrap();
        assert_eq!(patch, json!({"signInAudience": "AzureADMultipleOrgs"}));
    }

    fn multi_tenant_free(d: &Desired) -> Value {
        d.new_application()
    }

    #[test]
    fn consent_is_created_then_left_alone_then_narrowed() {
        let s = "openid User.Read";
        let GrantStep::Create(body) = grant_step(None, "sp", "graph", s) else {
            panic!()
        };
        assert_eq!(body["consentType"], "AllPrincipals");
        assert!(body.get("principalId").is_none());
        let same = json!({"id": "g", "scope": "User.Read openid"});
        assert_eq!(
            grant_step(Some(&same), "sp", "graph", s),
            GrantStep::Nothing
        );
        let wider = json!({"id": "g", "scope": "openid User.Read Group.ReadWrite.All"});
        let GrantStep::Update(id, scope, what) = grant_step(Some(&wider), "sp", "graph", s) else {
            panic!()
        };
        assert_eq!((id.as_str(), scope.as_str()), ("g", s));
        assert!(what.contains("withdrawn from 1"));
    }
}
