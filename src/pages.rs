//! THE page table: one row per page; routes, headings, breadcrumbs, the nav and the loader's table come from it.
//!
//! Adding a page is a row here, an arm in its bundle's match in `entries.rs` and its blade folder.
//! `scripts/build/pages.json` (the loader's table in `index.html`, the build's bundle list, the
//! end-to-end test's list of pages) is written from this table: `make pages` rewrites it, and a
//! native test fails while the committed file is stale.

pub mod early;
mod table;

pub use table::{Page, Route, ROWS};

use crate::graph::model::AccessId;

/// A role of a group under PIM: membership or ownership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupRole {
    Member,
    Owner,
}

impl GroupRole {
    /// The URL segment and Graph `accessId`/`roleDefinitionId` value.
    pub fn slug(self) -> &'static str {
        match self {
            GroupRole::Member => "member",
            GroupRole::Owner => "owner",
        }
    }

    /// The portal's word for it.
    pub fn label(self) -> &'static str {
        match self {
            GroupRole::Member => "Member",
            GroupRole::Owner => "Owner",
        }
    }

    /// Reads a URL segment, in any case.
    pub fn from_slug(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "member" => Some(GroupRole::Member),
            "owner" => Some(GroupRole::Owner),
            _ => None,
        }
    }
}

/// The route's word and Graph's are the same two roles.
impl From<GroupRole> for AccessId {
    fn from(role: GroupRole) -> Self {
        match role {
            GroupRole::Member => AccessId::Member,
            GroupRole::Owner => AccessId::Owner,
        }
    }
}

/// Graph may one day name a third role: that is no page's role.
impl TryFrom<AccessId> for GroupRole {
    type Error = AccessId;
    fn try_from(access: AccessId) -> Result<Self, AccessId> {
        match access {
            AccessId::Member => Ok(GroupRole::Member),
            AccessId::Owner => Ok(GroupRole::Owner),
            other => Err(other),
        }
    }
}

/// The part of the app a page's code ships in. Each is its own wasm module, so the approver's
/// page and My roles never download the admin blades; `index.html`'s loader picks one from the
/// page table before any wasm runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The approval page alone (what an approver opens from an email, often on a phone) and
    /// what a group grants, which it shows too.
    Approval,
    /// My roles: what every user opens.
    Me,
    /// My requests and Approve requests.
    Requests,
    /// The groups list, Discover groups, New group, the Overview, the directory-wide Audit and
    /// one group's blade (its menu items are chunks).
    Groups,
    /// Review access: a reviewer's list and the page a review email opens (often on a phone),
    /// which carries none of the administrator's review code.
    Reviewer,
    /// Access reviews (the administrator's pages) and Bulk assignments: occasional work that
    /// the groups list should not carry.
    Reviews,
}

impl Bundle {
    pub const ALL: [Bundle; 6] = [
        Bundle::Approval,
        Bundle::Me,
        Bundle::Requests,
        Bundle::Groups,
        Bundle::Reviewer,
        Bundle::Reviews,
    ];

    /// What the loader opens for a path no page has: it shows Page not found.
    pub const FALLBACK: Bundle = Bundle::Me;

    /// The short name: `bundle-<name>` is the Cargo binary and the prefix of its files.
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Approval => "approval",
            Bundle::Me => "me",
            Bundle::Requests => "requests",
            Bundle::Groups => "groups",
            Bundle::Reviewer => "reviewer",
            Bundle::Reviews => "reviews",
        }
    }
}

/// How a page names itself in the breadcrumb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crumb {
    /// Its heading.
    Heading,
    /// Other words than its heading.
    Text(&'static str),
    /// The group's name (its id until the name is known).
    GroupName,
    /// Nothing: its parent stands for it.
    Skip,
}

/// What a page's row says that its parameters do not change.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub page: Page,
    /// The URL: literal segments and `:name` parameters (each read by [`Param`]).
    pub pattern: &'static str,
    pub bundle: Bundle,
    /// The permission tiers it needs beyond the user's: asked for the first time it opens.
    pub tiers: &'static [crate::config::Tier],
    pub crumb: Crumb,
    /// The left-navigation entry that is current on this page.
    pub section: Page,
    /// Its label when this page is itself a left-navigation entry.
    pub nav: Option<&'static str>,
    /// The `#[wasm_split]` chunk its blade comes in when it is fetched on demand. Only the
    /// build's table (`make pages`) reads it, so no module carries the names.
    #[cfg(not(target_arch = "wasm32"))]
    pub chunk: Option<&'static str>,
}

/// A value a URL segment carries.
pub trait Param: Sized {
    /// The value a segment names, if it is a valid one.
    fn from_segment(s: &str) -> Option<Self>;
    /// The segment that names the value.
    fn segment(&self) -> String;
    /// A value to show a page's heading with (the loader's table, tests).
    fn sample() -> Self;
}

impl Param for String {
    fn from_segment(s: &str) -> Option<Self> {
        id_segment(s)
    }
    fn segment(&self) -> String {
        self.clone()
    }
    fn sample() -> Self {
        "id".into()
    }
}

impl Param for GroupRole {
    fn from_segment(s: &str) -> Option<Self> {
        GroupRole::from_slug(s)
    }
    fn segment(&self) -> String {
        self.slug().into()
    }
    fn sample() -> Self {
        GroupRole::Member
    }
}

/// Ids come from Graph and go back into URLs: keep them to the characters Graph ids use so a
/// crafted link cannot smuggle path segments or markup. Letters, digits, `-`, `_`, `.`; anything
/// else (a `?`, a `/`, percent signs) is refused before it comes near a Graph URL, and so are
/// `.` and `..`, which `fetch` would resolve as path steps.
pub fn id_segment(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s != "."
        && s != ".."
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| s.to_owned())
}

/// The left navigation: (label, path) of each page that is an entry, in the table's order.
pub fn nav() -> impl Iterator<Item = (&'static str, &'static str)> {
    ROWS.iter()
        .filter_map(|r| r.nav.map(|label| (label, r.pattern)))
}

/// The parameters of `path` when it has `pattern`'s shape, with how many literal segments
/// matched (a literal beats a parameter: `/groups/new` is New group, not a group called new).
fn shape<'a>(pattern: &str, parts: &[&'a str]) -> Option<(usize, Vec<&'a str>)> {
    let segments: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    if segments.len() != parts.len() {
        return None;
    }
    let mut params = Vec::new();
    let mut literals = 0;
    for (seg, part) in segments.iter().zip(parts) {
        if seg.starts_with(':') {
            params.push(*part);
        } else if seg == part {
            literals += 1;
        } else {
            return None;
        }
    }
    Some((literals, params))
}

/// `pattern` with each `:name` replaced by the next value.
fn fill(pattern: &str, values: &[String]) -> String {
    let mut values = values.iter();
    let segments: Vec<String> = pattern
        .split('/')
        .filter(|p| !p.is_empty())
        .map(|seg| match seg.strip_prefix(':') {
            Some(_) => values.next().cloned().unwrap_or_default(),
            None => seg.to_owned(),
        })
        .collect();
    format!("/{}", segments.join("/"))
}

impl Route {
    /// Parses a path (without query or fragment); unknown shapes are `NotFound`.
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let mut best: Option<(usize, Route)> = None;
        for row in ROWS {
            let Some((literals, params)) = shape(row.pattern, &parts) else {
                continue;
            };
            if best.as_ref().is_some_and(|(b, _)| *b >= literals) {
                continue;
            }
            if let Some(route) = Route::make(row.page, &params) {
                best = Some((literals, route));
            }
        }
        best.map_or(Route::NotFound, |(_, r)| r)
    }

    /// For a path no page has that has a page's shape but a parameter no value can have (an id
    /// with a `?` in it): that page and what the parameter names ("request", "group"), so Page
    /// not found can say which link is wrong.
    pub fn malformed(path: &str) -> Option<(Page, &'static str)> {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let (row, params) = ROWS
            .iter()
            .filter_map(|r| {
                shape(r.pattern, &parts).map(|(literals, params)| (literals, r, params))
            })
            .max_by_key(|(literals, ..)| *literals)
            .map(|(_, r, params)| (r, params))?;
        let bad = Route::invalid(row.page, &params)?;
        let name = row
            .pattern
            .split('/')
            .filter(|s| s.starts_with(':'))
            .nth(bad)?;
        let noun = match &name[1..] {
            "definition" | "instance" => "access review",
            other => other,
        };
        Some((row.page, noun))
    }

    /// The row of this route's page (`None` for Page not found).
    pub fn row(&self) -> Option<&'static Row> {
        self.page().row()
    }

    /// The bundle that holds this route's blade. A path no bundle knows is shown as Page not
    /// found by whichever bundle the loader chose, so it never sends the browser elsewhere.
    pub fn bundle(&self) -> Option<Bundle> {
        self.row().map(|r| r.bundle)
    }

    /// Which left-navigation entry is current on this route (its path).
    pub fn nav_section(&self) -> Option<&'static str> {
        self.row().and_then(|r| r.section.row()).map(|s| s.pattern)
    }

    /// The trail shown above the blade: (label, link) pairs from the home page to this one.
    /// `group_name` replaces a group's id once it is known.
    pub fn breadcrumb(&self, group_name: Option<&str>) -> Vec<(String, String)> {
        let mut trail = Vec::new();
        let mut at = Some(self.clone());
        while let Some(route) = at {
            let crumb = route.row().map_or(Crumb::Heading, |r| r.crumb);
            let label = match crumb {
                Crumb::Heading => Some(route.heading().to_owned()),
                Crumb::Text(text) => Some(text.to_owned()),
                Crumb::GroupName => Some(group_name.map_or_else(
                    || route.params().into_iter().next().unwrap_or_default(),
                    str::to_owned,
                )),
                Crumb::Skip => None,
            };
            if let Some(label) = label {
                trail.push((label, route.path()));
            }
            at = route.parent();
        }
        let home = Route::MyGroups.path();
        trail.push(("Privileged Identity Management".to_owned(), home));
        trail.reverse();
        trail
    }
}

impl Page {
    /// Its row (`None` for Page not found).
    pub fn row(self) -> Option<&'static Row> {
        ROWS.iter().find(|r| r.page == self)
    }
}

/// The table as `scripts/build/pages.json` holds it (see the module's comment).
#[cfg(not(target_arch = "wasm32"))]
pub fn table_json() -> String {
    use serde_json::{json, Value};
    let pages: Vec<Value> = ROWS
        .iter()
        .map(|r| {
            json!({
                "page": format!("{:?}", r.page),
                "pattern": r.pattern,
                "bundle": r.bundle.name(),
                "heading": Route::sample(r.page).heading(),
                "chunk": r.chunk,
                "early": early::template(r.page),
                "then": early::then_template(r.page),
                "tiers": r.tiers.iter().map(|t| t.name()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let bundles: Vec<&str> = Bundle::ALL.iter().map(|b| b.name()).collect();
    let table = json!({
        "_": "Written from src/pages.rs by `make pages`; do not edit.",
        "fallback": Bundle::FALLBACK.name(),
        "bundles": bundles,
        "pages": pages,
    });
    let mut text = serde_json::to_string_pretty(&table).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
