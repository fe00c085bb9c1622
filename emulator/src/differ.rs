//! How a real tenant may differ from the demo one, switched on by tests (`/_emulator/differ`): an
//! API this cloud lacks or refuses, a licence taken away, a consent withheld.

use crate::error::ApiError;
use crate::state::World;
use serde::Deserialize;
use std::collections::HashSet;

/// The differences in force.
#[derive(Clone, Debug, Default)]
pub struct Differ {
    /// Paths answered as Graph answers a segment it does not have (400, "Resource not found for
    /// the segment"), as a v1.0 call that exists only in beta, or a beta call withdrawn.
    pub missing: Vec<String>,
    /// Paths refused (403 Authorization_RequestDenied), as for a role the user lacks.
    pub forbidden: Vec<String>,
    /// Users without an Entra ID P2 or ID Governance licence.
    pub unlicensed: HashSet<String>,
}

/// What a test asks for; absent fields change nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    #[serde(default)]
    pub missing: Vec<String>,
    #[serde(default)]
    pub forbidden: Vec<String>,
    #[serde(default)]
    pub unlicensed: Vec<String>,
    /// Delegated permissions taken out of every consent for pim-groups.
    #[serde(default)]
    pub withhold: Vec<String>,
}

impl Differ {
    /// The refusal for `path` (no query), if it is one this tenant answers differently.
    pub fn refusal(&self, path: &str) -> Option<ApiError> {
        let hit = |list: &[String]| {
            list.iter()
                .any(|p| path.eq_ignore_ascii_case(p) || path.starts_with(&format!("{p}/")))
        };
        if hit(&self.missing) {
            let segment = path.rsplit('/').next().unwrap_or("");
            return Some(ApiError::new(
                400,
                "BadRequest",
                format!("Resource not found for the segment '{segment}'."),
            ));
        }
        hit(&self.forbidden).then(ApiError::denied)
    }
}

/// Applies a change to the world.
pub fn apply(w: &mut World, c: Change) {
    w.differ.missing.extend(c.missing);
    w.differ.forbidden.extend(c.forbidden);
    w.differ.unlicensed.extend(c.unlicensed);
    if !c.withhold.is_empty() {
        for g in &mut w.apps.grants {
            let kept: Vec<&str> = g["scope"]
                .as_str()
                .unwrap_or("")
                .split_whitespace()
                .filter(|s| !c.withhold.iter().any(|w| w.eq_ignore_ascii_case(s)))
                .collect();
            g["scope"] = serde_json::json!(kept.join(" "));
        }
    }
}
