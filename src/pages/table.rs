//! The rows of the page table, and the macro that makes `Route`, `Page` and `ROWS` from them.

use super::{Bundle, Crumb, GroupRole, Param, Row};
use crate::config::Tier;

/// Each row: `Name(field: Type, ...) = "/pattern/:field" { ... }`. The fields are the pattern's
/// parameters in order; `heading` and `parent` are expressions that may read them (by reference).
macro_rules! pages {
    ($(
        $(#[$doc:meta])*
        $name:ident $( ( $($field:ident : $ty:ty),+ ) )? = $pattern:literal {
            bundle: $bundle:ident,
            tiers: [$($tier:ident),*],
            heading: $heading:expr,
            crumb: $crumb:expr,
            parent: $parent:expr,
            section: $section:ident,
            nav: $nav:expr,
            chunk: $chunk:expr $(,)?
        }
    )+) => {
        /// One page of the app, with its parameters.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Route {
            $( $(#[$doc])* $name $( ( $($ty),+ ) )?, )+
            /// A path no page has.
            NotFound,
        }

        /// A page without its parameters: what a bundle's match and the tests go by.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Page {
            $( $name, )+
            NotFound,
        }

        /// Every page's row, in the left navigation's order where a page is an entry.
        pub const ROWS: &[Row] = &[$(
            Row {
                page: Page::$name,
                pattern: $pattern,
                bundle: Bundle::$bundle,
                tiers: &[$(Tier::$tier),*],
                crumb: $crumb,
                section: Page::$section,
                nav: $nav,
                #[cfg(not(target_arch = "wasm32"))]
                chunk: $chunk,
            },
        )+];

        impl Route {
            /// Its page, without the parameters.
            pub fn page(&self) -> Page {
                match self {
                    $( Route::$name { .. } => Page::$name, )+
                    Route::NotFound => Page::NotFound,
                }
            }

            /// The route of `page` with the parameters read from `segments`, each checked.
            #[allow(unused_mut, unused_variables)]
            pub(super) fn make(page: Page, segments: &[&str]) -> Option<Route> {
                let mut it = segments.iter();
                match page {
                    $( Page::$name => Some(Route::$name $( ( $( <$ty as Param>::from_segment(it.next()?)? ),+ ) )? ), )+
                    Page::NotFound => Some(Route::NotFound),
                }
            }

            /// The index of the first of `segments` that is no valid value of its parameter.
            #[allow(unused_mut, unused_variables)]
            pub(super) fn invalid(page: Page, segments: &[&str]) -> Option<usize> {
                let mut it = segments.iter().enumerate();
                match page {
                    $( Page::$name => {
                        $($(
                            let (i, s) = it.next()?;
                            if <$ty as Param>::from_segment(s).is_none() {
                                return Some(i);
                            }
                        )+)?
                        None
                    } )+
                    Page::NotFound => None,
                }
            }

            /// `page` with sample parameters: its heading for the loader's table and tests.
            pub fn sample(page: Page) -> Route {
                match page {
                    $( Page::$name => Route::$name $( ( $( <$ty as Param>::sample() ),+ ) )?, )+
                    Page::NotFound => Route::NotFound,
                }
            }

            /// The parameters' segments, in the pattern's order.
            pub fn params(&self) -> Vec<String> {
                match self {
                    $( Route::$name $( ( $($field),+ ) )? => vec![$($( Param::segment($field) ),+)?], )+
                    Route::NotFound => Vec::new(),
                }
            }

            /// The canonical path of the route.
            pub fn path(&self) -> String {
                match self.row() {
                    Some(row) => super::fill(row.pattern, &self.params()),
                    None => "/".into(),
                }
            }

            /// The blade's `h1` where it is fixed; group blades put the group's name there instead.
            #[allow(unused_variables)]
            pub fn heading(&self) -> &'static str {
                match self {
                    $( Route::$name $( ( $($field),+ ) )? => $heading, )+
                    Route::NotFound => "Page not found",
                }
            }

            /// The page above this one in the breadcrumb.
            #[allow(unused_variables)]
            pub fn parent(&self) -> Option<Route> {
                match self {
                    $( Route::$name $( ( $($field),+ ) )? => $parent, )+
                    Route::NotFound => None,
                }
            }
        }
    };
}

use Crumb::{GroupName, Heading, Skip, Text};

pages! {
    /// An administrator's view across every managed group.
    Overview = "/overview" {
        bundle: Groups, tiers: [Admin], heading: "Overview", crumb: Heading, parent: None,
        section: Overview, nav: Some("Overview"), chunk: Some("overview_page"),
    }
    /// `/`: the Overview for a directory-wide administrator of PIM, My roles for everyone else.
    Home = "/" {
        bundle: Me, tiers: [], heading: "My roles | Groups", crumb: Heading, parent: None,
        section: MyGroups, nav: None, chunk: None,
    }
    MyGroups = "/my/groups" {
        bundle: Me, tiers: [], heading: "My roles | Groups", crumb: Heading, parent: None,
        section: MyGroups, nav: Some("My roles"), chunk: None,
    }
    MyRequests = "/my/requests" {
        bundle: Requests, tiers: [], heading: "My requests", crumb: Heading, parent: None,
        section: MyRequests, nav: Some("My requests"), chunk: None,
    }
    Approvals = "/approvals" {
        bundle: Requests, tiers: [], heading: "Approve requests", crumb: Heading, parent: None,
        section: Approvals, nav: Some("Approve requests"), chunk: None,
    }
    /// Review access: the reviews the user is asked to do.
    MyReviews = "/my/reviews" {
        bundle: Reviewer, tiers: [Reviews], heading: "Review access", crumb: Heading, parent: None,
        section: MyReviews, nav: Some("Review access"), chunk: Some("my_reviews_page"),
    }
    Groups = "/groups" {
        bundle: Groups, tiers: [Admin], heading: "Privileged Identity Management | Groups", crumb: Text("Groups"),
        parent: None, section: Groups, nav: Some("Groups"), chunk: None,
    }
    /// Access reviews: every review.
    Reviews = "/reviews" {
        bundle: Reviews, tiers: [Admin, Reviews], heading: "Access reviews", crumb: Heading, parent: None,
        section: Reviews, nav: Some("Access reviews"), chunk: None,
    }
    Audit = "/audit" {
        bundle: Groups, tiers: [Audit], heading: "Audit", crumb: Heading, parent: None,
        section: Audit, nav: Some("Audit"), chunk: Some("audit_page"),
    }
    /// Reports (S10): activations, standing access and unused eligibility for auditors.
    Reports = "/reports" {
        bundle: Reviews, tiers: [Admin, Audit], heading: "Reports", crumb: Heading, parent: None,
        section: Reports, nav: Some("Reports"), chunk: Some("reports_page"),
    }
    /// Check setup: what works in this tenant for the signed-in user, and how to fix the rest.
    Setup = "/setup" {
        bundle: Me, tiers: [], heading: "Check setup", crumb: Heading, parent: None,
        section: Setup, nav: Some("Check setup"), chunk: Some("setup_page"),
    }
    /// One request, the page an approval email links to.
    Approval(request: String) = "/approvals/:request" {
        bundle: Approval, tiers: [], heading: "Approval request", crumb: Heading,
        parent: Some(Route::Approvals), section: Approvals, nav: None, chunk: None,
    }
    /// What membership of a group grants, on its own (the Activate pane links to it).
    Grants(group: String) = "/grants/:group" {
        bundle: Approval, tiers: [], heading: "What membership grants", crumb: Heading,
        parent: Some(Route::MyGroups), section: MyGroups, nav: None, chunk: Some("grants_page"),
    }
    DiscoverGroups = "/groups/discover" {
        bundle: Groups, tiers: [Admin], heading: "Discover groups", crumb: Heading, parent: Some(Route::Groups),
        section: Groups, nav: None, chunk: Some("discover_page"),
    }
    NewGroup = "/groups/new" {
        bundle: Groups, tiers: [Admin], heading: "New group", crumb: Heading, parent: Some(Route::Groups),
        section: Groups, nav: None, chunk: Some("new_group_page"),
    }
    /// Assignments to many groups from a CSV file.
    BulkAssignments = "/groups/bulk" {
        bundle: Reviews, tiers: [Admin], heading: "Bulk assignments", crumb: Heading, parent: Some(Route::Groups),
        section: Groups, nav: None, chunk: Some("bulk_page"),
    }
    GroupOverview(group: String) = "/groups/:group" {
        bundle: Groups, tiers: [Admin], heading: "Overview", crumb: GroupName, parent: Some(Route::Groups),
        section: Groups, nav: None, chunk: Some("group_overview"),
    }
    GroupAssignments(group: String) = "/groups/:group/assignments" {
        bundle: Groups, tiers: [Admin], heading: "Assignments", crumb: Heading,
        parent: Some(Route::GroupOverview(group.clone())), section: Groups, nav: None,
        chunk: Some("group_assignments"),
    }
    GroupSettings(group: String) = "/groups/:group/settings" {
        bundle: Groups, tiers: [Admin], heading: "Settings", crumb: Heading,
        parent: Some(Route::GroupOverview(group.clone())), section: Groups, nav: None,
        chunk: Some("group_settings"),
    }
    GroupRoleSettings(group: String, role: GroupRole) = "/groups/:group/settings/:role" {
        bundle: Groups, tiers: [Admin],
        heading: match role {
            GroupRole::Member => "Role setting details - Member",
            GroupRole::Owner => "Role setting details - Owner",
        },
        crumb: Heading, parent: Some(Route::GroupSettings(group.clone())), section: Groups,
        nav: None, chunk: Some("group_role_settings"),
    }
    GroupHistory(group: String) = "/groups/:group/history" {
        bundle: Groups, tiers: [Admin, Audit], heading: "History", crumb: Heading,
        parent: Some(Route::GroupOverview(group.clone())), section: Groups, nav: None,
        chunk: Some("group_history"),
    }
    /// The access reviews of one group (its menu item).
    GroupReviews(group: String) = "/groups/:group/reviews" {
        bundle: Groups, tiers: [Admin, Reviews], heading: "Access reviews", crumb: Heading,
        parent: Some(Route::GroupOverview(group.clone())), section: Groups, nav: None,
        chunk: Some("group_reviews"),
    }
    GroupAudit(group: String) = "/groups/:group/audit" {
        bundle: Groups, tiers: [Admin, Audit], heading: "Audit", crumb: Heading,
        parent: Some(Route::GroupOverview(group.clone())), section: Groups, nav: None, chunk: None,
    }
    NewReview = "/reviews/new" {
        bundle: Reviews, tiers: [Admin, Reviews], heading: "New access review", crumb: Heading,
        parent: Some(Route::Reviews), section: Reviews, nav: None, chunk: Some("new_review_page"),
    }
    /// One access review (its definition).
    Review(definition: String) = "/reviews/:definition" {
        bundle: Reviews, tiers: [Admin, Reviews], heading: "Access review", crumb: Heading, parent: Some(Route::Reviews),
        section: Reviews, nav: None, chunk: Some("review_page"),
    }
    /// One instance to review, the page a reviewer's email opens.
    ReviewAccess(definition: String, instance: String) = "/my/reviews/:definition/:instance" {
        bundle: Reviewer, tiers: [Reviews], heading: "Review access", crumb: Skip, parent: Some(Route::MyReviews),
        section: MyReviews, nav: None, chunk: None,
    }
}
