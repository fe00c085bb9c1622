//! A new group: the form's fields checked, and the Graph body built from them.

use serde_json::{json, Value};

/// Security or Microsoft 365.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GroupKind {
    #[default]
    Security,
    Microsoft365,
}

/// What the New group form holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewGroup {
    pub name: String,
    pub description: String,
    pub kind: GroupKind,
    pub role_assignable: bool,
}

/// A mail nickname from the name: ASCII letters, digits, `-` and `_`, at most 64, never empty.
pub fn mail_nickname(name: &str) -> String {
    let mut nick: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while nick.contains("--") {
        nick = nick.replace("--", "-");
    }
    let nick: String = nick.trim_matches('-').chars().take(64).collect();
    if nick.is_empty() {
        "group".into()
    } else {
        nick
    }
}

impl NewGroup {
    /// The problem with the form, naming its field, if any.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let name = self.name.trim();
        if name.is_empty() {
            return Some(("Group name", "Give the group a name."));
        }
        if name.chars().count() > 256 {
            return Some(("Group name", "A group name has at most 256 characters."));
        }
        if self.description.chars().count() > 1024 {
            return Some((
                "Group description",
                "A description has at most 1024 characters.",
            ));
        }
        None
    }

    /// The `POST /groups` body.
    pub fn body(&self) -> Value {
        let m365 = self.kind == GroupKind::Microsoft365;
        let mut b = json!({
            "displayName": self.name.trim(),
            "mailNickname": mail_nickname(&self.name),
            "mailEnabled": m365,
            "securityEnabled": true,
            "groupTypes": if m365 { vec!["Unified"] } else { vec![] },
        });
        if !self.description.trim().is_empty() {
            b["description"] = json!(self.description.trim());
        }
        if self.role_assignable {
            b["isAssignableToRole"] = json!(true);
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_are_mail_safe() {
        assert_eq!(
            mail_nickname("CA-Exclusion-LegacyMFA"),
            "ca-exclusion-legacymfa"
        );
        assert_eq!(mail_nickname("O'Brien's admins"), "o-brien-s-admins");
        assert_eq!(mail_nickname("!!!"), "group");
        assert_eq!(mail_nickname(&"x".repeat(100)).len(), 64);
    }

    #[test]
    fn bodies_follow_the_group_kind() {
        let g = NewGroup {
            name: " CA-Exclusion-LegacyMFA ".into(),
            description: String::new(),
            kind: GroupKind::Security,
            role_assignable: true,
        };
        assert_eq!(
            g.body(),
            json!({"displayName": "CA-Exclusion-LegacyMFA", "mailNickname": "ca-exclusion-legacymfa", "mailEnabled": false, "securityEnabled": true, "groupTypes": [], "isAssignableToRole": true})
        );
        let m = NewGroup {
            name: "Team".into(),
            description: "d".into(),
            kind: GroupKind::Microsoft365,
            role_assignable: false,
        };
        assert_eq!(m.body()["groupTypes"], json!(["Unified"]));
        assert_eq!(m.body()["mailEnabled"], true);
        assert_eq!(
            NewGroup {
                name: "  ".into(),
                ..m
            }
            .problem(),
            Some(("Group name", "Give the group a name."))
        );
    }
}
