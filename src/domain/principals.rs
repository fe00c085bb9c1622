//! Who a principal is, in the portal's words: "Name (upn)" for a user, "Name (group)" for a group,
//! learnt from expanded `principal` objects and from user or group reads.

use crate::graph::error::GraphError;
use serde_json::Value;
use std::collections::HashMap;

/// Labels by object id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names(pub HashMap<String, String>);

/// The label of one directory object as Graph sends it (`@odata.type`, `displayName`, `userPrincipalName`).
pub fn label(v: &Value) -> Option<String> {
    let name = v["displayName"].as_str()?;
    Some(match v["userPrincipalName"].as_str() {
        Some(upn) => format!("{name} ({upn})"),
        None if v["@odata.type"] == "#microsoft.graph.group" => format!("{name} (group)"),
        None => name.to_owned(),
    })
}

impl Names {
    /// The label, or the id itself while nothing better is known.
    pub fn of(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }

    pub fn knows(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Learns from an expanded principal, if there is one.
    pub fn learn(&mut self, v: Option<&Value>) {
        let Some(v) = v else { return };
        if let (Some(id), Some(l)) = (v["id"].as_str(), label(v)) {
            self.0.insert(id.to_owned(), l);
        }
    }

    /// Learns from a lookup of `id`: its label, or why it could not be read (never silence).
    pub fn learn_lookup(&mut self, id: &str, answer: Result<Value, GraphError>) {
        let l = match answer {
            Ok(v) => label(&v).unwrap_or_else(|| id.to_owned()),
            Err(e) => format!(
                "{id} ({})",
                crate::domain::wording::unreadable("the name", &e)
            ),
        };
        self.0.insert(id.to_owned(), l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn users_groups_and_failures_have_labels() {
        let mut n = Names::default();
        n.learn(Some(
            &json!({"id": "u", "displayName": "Alex", "userPrincipalName": "alex@x"}),
        ));
        n.learn(Some(
            &json!({"id": "g", "displayName": "Ops", "@odata.type": "#microsoft.graph.group"}),
        ));
        n.learn(None);
        let mut e = GraphError::transport("x", "c");
        e.code = "Request_ResourceNotFound".into();
        n.learn_lookup("z", Err(e));
        n.learn_lookup("s", Ok(json!({"id": "s", "displayName": "Sp"})));
        assert_eq!(n.of("u"), "Alex (alex@x)");
        assert_eq!(n.of("g"), "Ops (group)");
        assert_eq!(n.of("s"), "Sp");
        assert!(n.of("z").contains("Request_ResourceNotFound"));
        assert_eq!(n.of("unknown"), "unknown");
    }
}
