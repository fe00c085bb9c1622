//! Tokens per scope set, with their expiry, and the decision of when to refresh. Pure: the
//! browser layer keeps this in memory and sessionStorage (never localStorage).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Refresh this long before expiry, so a call never leaves with a token about to lapse.
pub const REFRESH_MARGIN_SECS: i64 = 300;

/// What the token endpoint gave for one set of scopes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenSet {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// Unix seconds.
    pub expires_at: i64,
    /// Seconds the token lived when issued, to scale the refresh margin for short-lived tokens.
    pub lifetime: i64,
    /// The authentication context the token carries, if it was obtained by step-up.
    pub acrs: Option<String>,
}

impl TokenSet {
    /// Whether to refresh before use at `now` (unix seconds): within the margin of expiry, where
    /// the margin never exceeds half the token's life.
    pub fn needs_refresh(&self, now: i64) -> bool {
        let margin = REFRESH_MARGIN_SECS.min(self.lifetime / 2).max(1);
        now + margin >= self.expires_at
    }
}

/// The cache key of a scope set: order and case do not matter.
pub fn scope_key(scopes: &[String]) -> String {
    let mut s: Vec<String> = scopes.iter().map(|x| x.to_ascii_lowercase()).collect();
    s.sort();
    s.dedup();
    s.join(" ")
}

/// Tokens by scope set (and by authentication context, kept apart for the operation that needed it).
/// A `HashMap`, not a `BTreeMap`: serde_json's objects are the module's one B-tree already, and a
/// second key type would compile its code again (about 1 KB brotli) for a map of two entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenCache {
    entries: HashMap<String, TokenSet>,
}

impl TokenCache {
    fn key(scopes: &[String], acrs: Option<&str>) -> String {
        format!("{}|{}", scope_key(scopes), acrs.unwrap_or(""))
    }

    pub fn get(&self, scopes: &[String], acrs: Option<&str>) -> Option<&TokenSet> {
        self.entries.get(&Self::key(scopes, acrs))
    }

    pub fn put(&mut self, scopes: &[String], tokens: TokenSet) {
        let key = Self::key(scopes, tokens.acrs.as_deref());
        self.entries.insert(key, tokens);
    }

    pub fn remove(&mut self, scopes: &[String], acrs: Option<&str>) {
        self.entries.remove(&Self::key(scopes, acrs));
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A refresh token of this session, preferring `scopes`' own: Entra's refresh tokens reach
    /// every consented permission, so one signs a page's tier in without a redirect.
    pub fn any_refresh_token(&self, scopes: &[String]) -> Option<String> {
        let own = self.get(scopes, None).and_then(|t| t.refresh_token.clone());
        own.or_else(|| self.entries.values().find_map(|t| t.refresh_token.clone()))
    }

    /// Entra rotates refresh tokens: the newest one replaces the one every entry holds, so no
    /// entry is left with a spent token.
    pub fn share_refresh_token(&mut self, rt: &str) {
        for t in self.entries.values_mut() {
            if t.refresh_token.is_some() {
                t.refresh_token = Some(rt.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(expires_at: i64, lifetime: i64) -> TokenSet {
        TokenSet {
            access_token: "a".into(),
            refresh_token: Some("r".into()),
            expires_at,
            lifetime,
            acrs: None,
        }
    }

    #[test]
    fn refreshes_five_minutes_early_or_at_half_life_for_short_tokens() {
        let t = set(10_000, 3_600);
        assert!(!t.needs_refresh(10_000 - 301));
        assert!(t.needs_refresh(10_000 - 300));
        assert!(t.needs_refresh(10_001));
        let short = set(1_060, 60);
        assert!(!short.needs_refresh(1_000));
        assert!(short.needs_refresh(1_030));
    }

    #[test]
    fn scope_sets_match_regardless_of_order_and_contexts_are_kept_apart() {
        let a = vec!["openid".to_owned(), "User.Read".to_owned()];
        let b = vec!["user.read".to_owned(), "OpenID".to_owned()];
        let mut cache = TokenCache::default();
        cache.put(&a, set(1, 1));
        assert!(cache.get(&b, None).is_some());
        let mut stepped = set(2, 1);
        stepped.acrs = Some("c1".into());
        cache.put(&a, stepped);
        assert_eq!(cache.get(&a, Some("c1")).unwrap().expires_at, 2);
        assert_eq!(cache.get(&a, None).unwrap().expires_at, 1);
        cache.remove(&a, None);
        assert!(cache.get(&a, None).is_none());
        let mut admin = set(3, 1);
        admin.refresh_token = Some("r-admin".into());
        let b_scopes = vec!["openid".to_owned(), "Group.ReadWrite.All".to_owned()];
        cache.put(&b_scopes, admin);
        assert_eq!(
            cache.any_refresh_token(&b_scopes).as_deref(),
            Some("r-admin")
        );
        cache.share_refresh_token("r-new");
        assert_eq!(cache.any_refresh_token(&a).as_deref(), Some("r-new"));
        let json = serde_json::to_string(&cache).unwrap();
        assert_eq!(serde_json::from_str::<TokenCache>(&json).unwrap(), cache);
    }
}
