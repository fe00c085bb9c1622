//! Who is calling Graph, as read from a verified access token.

/// The signed-in user behind a Graph call.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: String,
    pub display_name: String,
    pub upn: String,
    /// Delegated scopes (`scp`), without the resource prefix.
    pub scopes: Vec<String>,
    /// Authentication context classes satisfied (`acrs`).
    pub acrs: Vec<String>,
    /// Whether `amr` shows multi-factor authentication.
    pub mfa: bool,
}

impl Caller {
    /// Whether any of the listed scopes was granted.
    pub fn has_any_scope(&self, accepted: &[&str]) -> bool {
        accepted
            .iter()
            .any(|s| self.scopes.iter().any(|g| g.eq_ignore_ascii_case(s)))
    }
}
