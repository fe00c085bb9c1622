//! Every URL shape of the app in one typed place: parsing, building, titles and breadcrumbs.

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

/// One page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    MyGroups,
    MyRequests,
    Approvals,
    Approval(String),
    /// What membership of a group grants, on its own (the Activate pane links to it).
    Grants(String),
    Overview,
    Groups,
    DiscoverGroups,
    NewGroup,
    /// Assignments to many groups from a CSV file.
    BulkAssignments,
    GroupOverview(String),
    GroupAssignments(String),
    GroupSettings(String),
    GroupRoleSettings(String, GroupRole),
    GroupAudit(String),
    GroupHistory(String),
    /// The access reviews of one group (its menu item).
    GroupReviews(String),
    Audit,
    /// Access reviews: every review, a new one, one review (definition id).
    Reviews,
    NewReview,
    Review(String),
    /// Review access: the reviews the user is asked to do, and one instance to review
    /// (definition id, instance id), the page a reviewer's email opens.
    MyReviews,
    ReviewAccess(String, String),
    NotFound,
}

/// The part of the app a route's code ships in. Each is its own wasm module, so the approver's
/// page and My roles never download the admin blades. `index.html`'s loader picks the same one
/// from the path (`bundle_of` there mirrors [`Route::bundle`]; a test holds them together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The approval page alone (what an approver opens from an email, often on a phone) and
    /// what a group grants, which it shows too.
    Approval,
    /// My roles: what every user opens.
    Me,
    /// My requests and Approve requests.
    Requests,
    /// The groups list, Discover groups, New group and the directory-wide Audit.
    Groups,
    /// One group's blade: Overview, Assignments, Settings and its editor, Audit.
    Group,
    /// Access reviews (the administrator's pages and the reviewer's, what a review email opens)
    /// and Bulk assignments: occasional work that the groups list should not carry.
    Reviews,
}

impl Bundle {
    pub const ALL: [Bundle; 6] = [
        Bundle::Approval,
        Bundle::Me,
        Bundle::Requests,
        Bundle::Groups,
        Bundle::Group,
        Bundle::Reviews,
    ];

    /// The Cargo binary (and so the file name prefix) of the bundle.
    pub fn bin(self) -> &'static str {
        match self {
            Bundle::Approval => "bundle-approval",
            Bundle::Me => "bundle-me",
            Bundle::Requests => "bundle-requests",
            Bundle::Groups => "bundle-groups",
            Bundle::Group => "bundle-group",
            Bundle::Reviews => "bundle-reviews",
        }
    }
}

/// A left-navigation entry: label and target.
pub const NAV: [(&str, &str); 8] = [
    ("Overview", "/overview"),
    ("My roles", "/my/groups"),
    ("My requests", "/my/requests"),
    ("Approve requests", "/approvals"),
    ("Review access", "/my/reviews"),
    ("Groups", "/groups"),
    ("Access reviews", "/reviews"),
    ("Audit", "/audit"),
];

/// Ids come from Graph and go back into URLs: keep them to the characters Graph ids use so a
/// crafted link cannot smuggle path segments or markup.
/// An object id as a link may carry it: letters, digits, `-`, `_`, `.`; anything else (a `?`, a
/// `/`, percent signs) is refused before it comes near a Graph URL.
pub fn id_segment(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| s.to_owned())
}

impl Route {
    /// Parses a path (without query or fragment); unknown shapes are `NotFound`.
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] | ["my"] | ["my", "groups"] => Route::MyGroups,
            ["my", "requests"] => Route::MyRequests,
            ["my", "reviews"] => Route::MyReviews,
            ["my", "reviews", d, i] => match (id_segment(d), id_segment(i)) {
                (Some(d), Some(i)) => Route::ReviewAccess(d, i),
                _ => Route::NotFound,
            },
            ["reviews"] => Route::Reviews,
            ["reviews", "new"] => Route::NewReview,
            ["reviews", id] => id_segment(id).map_or(Route::NotFound, Route::Review),
            ["approvals"] => Route::Approvals,
            ["approvals", id] => id_segment(id).map_or(Route::NotFound, Route::Approval),
            ["grants", id] => id_segment(id).map_or(Route::NotFound, Route::Grants),
            ["overview"] => Route::Overview,
            ["groups"] => Route::Groups,
            ["groups", "discover"] => Route::DiscoverGroups,
            ["groups", "new"] => Route::NewGroup,
            ["groups", "bulk"] => Route::BulkAssignments,
            ["groups", id, rest @ ..] => match (id_segment(id), rest) {
                (Some(id), []) => Route::GroupOverview(id),
                (Some(id), ["assignments"]) => Route::GroupAssignments(id),
                (Some(id), ["settings"]) => Route::GroupSettings(id),
                (Some(id), ["settings", role]) => GroupRole::from_slug(role)
                    .map_or(Route::NotFound, |r| Route::GroupRoleSettings(id, r)),
                (Some(id), ["audit"]) => Route::GroupAudit(id),
                (Some(id), ["history"]) => Route::GroupHistory(id),
                (Some(id), ["reviews"]) => Route::GroupReviews(id),
                _ => Route::NotFound,
            },
            ["audit"] => Route::Audit,
            _ => Route::NotFound,
        }
    }

    /// The canonical path of the route.
    pub fn path(&self) -> String {
        match self {
            Route::MyGroups => "/my/groups".into(),
            Route::MyRequests => "/my/requests".into(),
            Route::Approvals => "/approvals".into(),
            Route::Approval(id) => format!("/approvals/{id}"),
            Route::Grants(id) => format!("/grants/{id}"),
            Route::Overview => "/overview".into(),
            Route::Groups => "/groups".into(),
            Route::DiscoverGroups => "/groups/discover".into(),
            Route::NewGroup => "/groups/new".into(),
            Route::BulkAssignments => "/groups/bulk".into(),
            Route::GroupOverview(id) => format!("/groups/{id}"),
            Route::GroupAssignments(id) => format!("/groups/{id}/assignments"),
            Route::GroupSettings(id) => format!("/groups/{id}/settings"),
            Route::GroupRoleSettings(id, r) => format!("/groups/{id}/settings/{}", r.slug()),
            Route::GroupAudit(id) => format!("/groups/{id}/audit"),
            Route::GroupHistory(id) => format!("/groups/{id}/history"),
            Route::GroupReviews(id) => format!("/groups/{id}/reviews"),
            Route::Audit => "/audit".into(),
            Route::Reviews => "/reviews".into(),
            Route::NewReview => "/reviews/new".into(),
            Route::Review(id) => format!("/reviews/{id}"),
            Route::MyReviews => "/my/reviews".into(),
            Route::ReviewAccess(d, i) => format!("/my/reviews/{d}/{i}"),
            Route::NotFound => "/".into(),
        }
    }

    /// The blade's `h1` where it is fixed; group blades put the group's name there instead.
    pub fn heading(&self) -> &'static str {
        match self {
            Route::MyGroups => "My roles | Groups",
            Route::MyRequests => "My requests",
            Route::Approvals => "Approve requests",
            Route::Approval(_) => "Approval request",
            Route::Grants(_) => "What membership grants",
            Route::Overview => "Overview",
            Route::Groups => "Privileged Identity Management | Groups",
            Route::DiscoverGroups => "Discover groups",
            Route::NewGroup => "New group",
            Route::BulkAssignments => "Bulk assignments",
            Route::GroupOverview(_) => "Overview",
            Route::GroupAssignments(_) => "Assignments",
            Route::GroupSettings(_) => "Settings",
            Route::GroupRoleSettings(_, GroupRole::Member) => "Role setting details - Member",
            Route::GroupRoleSettings(_, GroupRole::Owner) => "Role setting details - Owner",
            Route::GroupAudit(_) => "Audit",
            Route::GroupHistory(_) => "History",
            Route::GroupReviews(_) => "Access reviews",
            Route::Audit => "Audit",
            Route::Reviews => "Access reviews",
            Route::NewReview => "New access review",
            Route::Review(_) => "Access review",
            Route::MyReviews | Route::ReviewAccess(..) => "Review access",
            Route::NotFound => "Page not found",
        }
    }

    /// The trail shown above the blade: (label, link) pairs, the last one being this page.
    /// `group_name` replaces a group's id once it is known.
    pub fn breadcrumb(&self, group_name: Option<&str>) -> Vec<(String, String)> {
        let home = (
            "Privileged Identity Management".to_owned(),
            "/my/groups".to_owned(),
        );
        let groups = ("Groups".to_owned(), "/groups".to_owned());
        let me = (self.heading().to_owned(), self.path());
        let group = |id: &str| {
            let label = group_name.unwrap_or(id).to_owned();
            (label, Route::GroupOverview(id.to_owned()).path())
        };
        match self {
            Route::MyGroups
            | Route::MyRequests
            | Route::Approvals
            | Route::Overview
            | Route::Audit
            | Route::Reviews
            | Route::MyReviews => vec![home, me],
            Route::NewReview | Route::Review(_) => {
                vec![home, ("Access reviews".into(), "/reviews".into()), me]
            }
            Route::ReviewAccess(..) => vec![home, ("Review access".into(), "/my/reviews".into())],
            Route::Grants(_) => vec![home, ("My roles".into(), "/my/groups".into()), me],
            Route::Approval(_) => vec![home, ("Approve requests".into(), "/approvals".into()), me],
            Route::Groups => vec![home, ("Groups".into(), "/groups".into())],
            Route::DiscoverGroups | Route::NewGroup | Route::BulkAssignments => {
                vec![home, groups, me]
            }
            Route::GroupOverview(id) => vec![home, groups, group(id)],
            Route::GroupRoleSettings(id, _) => {
                let settings = (
                    "Settings".to_owned(),
                    Route::GroupSettings(id.clone()).path(),
                );
                vec![home, groups, group(id), settings, me]
            }
            Route::GroupAssignments(id)
            | Route::GroupSettings(id)
            | Route::GroupAudit(id)
            | Route::GroupHistory(id)
            | Route::GroupReviews(id) => vec![home, groups, group(id), me],
            Route::NotFound => vec![home, me],
        }
    }

    /// The bundle that holds this route's blade. A path no bundle knows is shown as Page not
    /// found by whichever bundle the loader chose, so it never sends the browser elsewhere.
    pub fn bundle(&self) -> Option<Bundle> {
        match self {
            Route::Approval(_) | Route::Grants(_) => Some(Bundle::Approval),
            Route::MyGroups => Some(Bundle::Me),
            Route::MyRequests | Route::Approvals => Some(Bundle::Requests),
            Route::Overview
            | Route::Groups
            | Route::DiscoverGroups
            | Route::NewGroup
            | Route::Audit => Some(Bundle::Groups),
            Route::GroupOverview(_)
            | Route::GroupAssignments(_)
            | Route::GroupSettings(_)
            | Route::GroupRoleSettings(..)
            | Route::GroupAudit(_)
            | Route::GroupHistory(_)
            | Route::GroupReviews(_) => Some(Bundle::Group),
            Route::Reviews
            | Route::BulkAssignments
            | Route::NewReview
            | Route::Review(_)
            | Route::MyReviews
            | Route::ReviewAccess(..) => Some(Bundle::Reviews),
            Route::NotFound => None,
        }
    }

    /// Which left-navigation entry is current on this route.
    pub fn nav_section(&self) -> Option<&'static str> {
        match self {
            Route::MyGroups | Route::Grants(_) => Some("/my/groups"),
            Route::MyRequests => Some("/my/requests"),
            Route::Approvals | Route::Approval(_) => Some("/approvals"),
            Route::Audit => Some("/audit"),
            Route::Overview => Some("/overview"),
            Route::Reviews | Route::NewReview | Route::Review(_) => Some("/reviews"),
            Route::MyReviews | Route::ReviewAccess(..) => Some("/my/reviews"),
            Route::NotFound => None,
            _ => Some("/groups"),
        }
    }
}

#[cfg(test)]
mod tests;
