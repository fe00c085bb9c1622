//! Native tests of the page table: URL parsing and building, headings, breadcrumbs, the loader's table.

use super::*;

#[test]
fn every_route_round_trips_through_its_path() {
    let g = "2b5ed229-4072-478d-9504-a047ebd4b07d".to_owned();
    let all = [
        Route::Home,
        Route::MyGroups,
        Route::MyRequests,
        Route::Grants(g.clone()),
        Route::Approvals,
        Route::Approval("f8bd9e2d-bc15-49b1-8a9b-c571b3cf9555".into()),
        Route::Overview,
        Route::Groups,
        Route::DiscoverGroups,
        Route::NewGroup,
        Route::BulkAssignments,
        Route::GroupOverview(g.clone()),
        Route::GroupAssignments(g.clone()),
        Route::GroupSettings(g.clone()),
        Route::GroupRoleSettings(g.clone(), GroupRole::Member),
        Route::GroupRoleSettings(g.clone(), GroupRole::Owner),
        Route::GroupAudit(g.clone()),
        Route::GroupHistory(g.clone()),
        Route::GroupReviews(g.clone()),
        Route::Audit,
        Route::Reviews,
        Route::NewReview,
        Route::Review(g.clone()),
        Route::MyReviews,
        Route::ReviewAccess(g.clone(), "6444d4fd-ab55-4608-8cf9-c6702d172bcc".into()),
    ];
    for r in all {
        assert_eq!(Route::parse(&r.path()), r, "{}", r.path());
        assert_eq!(Route::parse(&format!("{}/", r.path())), r);
    }
}

#[test]
fn the_root_is_my_roles_and_unknown_paths_are_not_found() {
    assert_eq!(Route::parse("/"), Route::Home);
    assert_eq!(Route::Home.nav_section(), Some("/my/groups"));
    assert_eq!(Route::parse("/nope"), Route::NotFound);
    assert_eq!(Route::parse("/groups/new/x"), Route::NotFound);
    assert_eq!(Route::parse("/groups/x/settings/guest"), Route::NotFound);
    assert_eq!(Route::parse("/groups/x/y/z"), Route::NotFound);
}

#[test]
fn ids_with_odd_characters_are_refused() {
    assert_eq!(Route::parse("/approvals/<script>"), Route::NotFound);
    assert_eq!(Route::parse("/groups/a%2Fb"), Route::NotFound);
    // `fetch` resolves these as path steps (and `%2E%2E` is `..` to it).
    assert_eq!(Route::parse("/approvals/.."), Route::NotFound);
    assert_eq!(Route::parse("/grants/."), Route::NotFound);
    assert_eq!(Route::parse("/groups/MEMBER/settings/MEMBER"), {
        Route::GroupRoleSettings("MEMBER".into(), GroupRole::Member)
    });
}

#[test]
fn headings_follow_the_portal_wording() {
    assert_eq!(Route::MyGroups.heading(), "My roles | Groups");
    assert_eq!(
        Route::Groups.heading(),
        "Privileged Identity Management | Groups"
    );
    let r = Route::GroupRoleSettings("g".into(), GroupRole::Owner);
    assert_eq!(r.heading(), "Role setting details - Owner");
}

#[test]
fn breadcrumbs_end_at_the_page_and_name_the_group() {
    let r = Route::GroupRoleSettings("g1".into(), GroupRole::Member);
    let crumbs = r.breadcrumb(Some("Helpdesk Admin-Group"));
    let labels: Vec<&str> = crumbs.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Privileged Identity Management",
            "Groups",
            "Helpdesk Admin-Group",
            "Settings",
            "Role setting details - Member"
        ]
    );
    assert_eq!(crumbs.last().unwrap().1, "/groups/g1/settings/member");
    assert_eq!(
        Route::GroupOverview("g1".into()).breadcrumb(None)[2].0,
        "g1"
    );
}

#[test]
fn every_nav_link_parses_to_its_own_section() {
    let entries: Vec<_> = nav().map(|(label, _)| label).collect();
    assert_eq!(
        entries,
        [
            "Overview",
            "My roles",
            "My requests",
            "Approve requests",
            "Review access",
            "Groups",
            "Access reviews",
            "Audit",
            "Reports",
            "Check setup"
        ]
    );
    for (_, href) in nav() {
        assert_eq!(Route::parse(href).nav_section(), Some(href));
    }
}

#[test]
fn each_page_is_in_one_bundle_and_unknown_pages_in_none() {
    let g = "2b5ed229-4072-478d-9504-a047ebd4b07d";
    let cases = [
        ("/", Some(Bundle::Me)),
        ("/my/groups", Some(Bundle::Me)),
        ("/my/requests", Some(Bundle::Requests)),
        ("/approvals", Some(Bundle::Requests)),
        ("/approvals/f8bd9e2d", Some(Bundle::Approval)),
        ("/grants/347ea741-b4c8", Some(Bundle::Approval)),
        ("/groups", Some(Bundle::Groups)),
        ("/groups/discover", Some(Bundle::Groups)),
        ("/groups/new", Some(Bundle::Groups)),
        ("/groups/bulk", Some(Bundle::Reviews)),
        ("/audit", Some(Bundle::Groups)),
        ("/overview", Some(Bundle::Groups)),
        (&format!("/groups/{g}"), Some(Bundle::Groups)),
        (&format!("/groups/{g}/history"), Some(Bundle::Groups)),
        (&format!("/groups/{g}/assignments"), Some(Bundle::Groups)),
        (&format!("/groups/{g}/settings/owner"), Some(Bundle::Groups)),
        (&format!("/groups/{g}/audit"), Some(Bundle::Groups)),
        (&format!("/groups/{g}/reviews"), Some(Bundle::Groups)),
        ("/reviews", Some(Bundle::Reviews)),
        ("/reviews/new", Some(Bundle::Reviews)),
        (&format!("/reviews/{g}"), Some(Bundle::Reviews)),
        ("/my/reviews", Some(Bundle::Reviewer)),
        (&format!("/my/reviews/{g}/{g}"), Some(Bundle::Reviewer)),
        ("/my/reviews/x/<y>", None),
        ("/groups/new/x", None),
        ("/nowhere", None),
    ];
    for (path, bundle) in cases {
        assert_eq!(Route::parse(path).bundle(), bundle, "{path}");
    }
}

#[test]
fn a_link_of_a_pages_shape_with_a_bad_id_names_what_is_wrong() {
    assert_eq!(
        Route::malformed("/approvals/f8bd9e2d?$select=id"),
        Some((Page::Approval, "request"))
    );
    assert_eq!(
        Route::malformed("/groups/g1/settings/guest"),
        Some((Page::GroupRoleSettings, "role"))
    );
    assert_eq!(
        Route::malformed("/my/reviews/d1/<i>"),
        Some((Page::ReviewAccess, "access review"))
    );
    assert_eq!(Route::malformed("/approvals/r1"), None);
    assert_eq!(Route::malformed("/no/such/page"), None);
}

/// A literal segment beats a parameter, whatever the rows' order.
#[test]
fn literal_segments_win_over_parameters() {
    assert_eq!(Route::parse("/groups/new"), Route::NewGroup);
    assert_eq!(Route::parse("/groups/bulk"), Route::BulkAssignments);
    assert_eq!(Route::parse("/reviews/new"), Route::NewReview);
    assert_eq!(
        Route::parse("/groups/news"),
        Route::GroupOverview("news".into())
    );
}

#[test]
fn every_row_has_its_own_pattern_and_a_section_that_is_a_nav_entry() {
    for (i, row) in ROWS.iter().enumerate() {
        assert!(
            ROWS[..i].iter().all(|r| r.pattern != row.pattern),
            "{}",
            row.pattern
        );
        assert!(
            ROWS[..i].iter().all(|r| r.page != row.page),
            "{:?}",
            row.page
        );
        let section = row.section.row().expect("a section is a page");
        assert!(
            section.nav.is_some(),
            "{:?}'s section is no nav entry",
            row.page
        );
        let sample = Route::sample(row.page);
        assert_eq!(
            Route::parse(&sample.path()).page(),
            row.page,
            "{}",
            row.pattern
        );
    }
}

#[test]
fn group_roles_and_graph_access_ids_convert() {
    use crate::graph::model::AccessId;
    for role in [GroupRole::Member, GroupRole::Owner] {
        assert_eq!(GroupRole::try_from(AccessId::from(role)), Ok(role));
    }
    assert_eq!(
        GroupRole::try_from(AccessId::Unknown),
        Err(AccessId::Unknown)
    );
}

/// index.html's loader, the build and the end-to-end tests read the page table from
/// `scripts/build/pages.json`; a page missing there opens in the wrong bundle.
#[test]
#[cfg(not(target_arch = "wasm32"))]
fn the_committed_loader_table_is_the_page_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/build/pages.json");
    let want = table_json();
    if std::env::var_os("PIM_WRITE_PAGES").is_some() {
        std::fs::write(path, &want).expect("scripts/build/pages.json is writable");
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "scripts/build/pages.json is not the page table of src/pages.rs: run `make pages`"
    );
    // index.html names no page: its loader matches the table's patterns.
    let html = include_str!("../../index.html");
    for row in ROWS.iter().filter(|r| r.pattern != "/") {
        assert!(
            !html.contains(&format!("\"{}", row.pattern)),
            "{}",
            row.pattern
        );
    }
}

/// The loader sends an entry page's first batch with the page's own parameters; the body it
/// carries is the page's, parameters named as in the pattern, and every other page has none.
#[test]
fn the_entry_pages_first_batches_are_templates_of_their_own() {
    let review = early::template(Page::ReviewAccess).unwrap();
    assert!(review.contains("/identityGovernance/accessReviews/definitions/{definition}/instances/{instance}/decisions/filterByCurrentUser(on='reviewer')"), "{review}");
    assert!(!review.contains("PIMPARAM"));
    let approval = early::template(Page::Approval).unwrap();
    assert!(
        approval.contains("assignmentScheduleRequests/{request}"),
        "{approval}"
    );
    assert!(
        approval.contains("assignmentApprovals/{request}"),
        "{approval}"
    );
    assert_eq!(early::template(Page::Home), early::template(Page::MyGroups));
    let mine: serde_json::Value =
        serde_json::from_str(&early::template(Page::MyGroups).unwrap()).unwrap();
    assert_eq!(mine["requests"].as_array().unwrap().len(), 5);
    // The groups list's: PIM's list of managed groups, alone (its first page, `get_page`'s).
    let groups = early::template(Page::Groups).unwrap();
    assert_eq!(
        groups,
        r#"{"requests":[{"id":"0","method":"GET","url":"/identityGovernance/privilegedAccess/group/resources"}]}"#
    );
    // Its second read: the groups among the first page's ids, as inventory.rs asks for them.
    let then = early::then_template(Page::Groups).unwrap();
    let ids = vec!["g-1".to_owned(), "g-2".to_owned()];
    let req = crate::graph::directory::get_groups_by_ids(&ids).into_request();
    let want = crate::graph::batch::body(&[(0, &req)]);
    let got: serde_json::Value =
        serde_json::from_str(&then.replace("{ids}", r#"["g-1","g-2"]"#)).unwrap();
    assert_eq!(got, want, "{then}");
    assert_eq!(early::then_template(Page::MyGroups), None);
    for page in [Page::Review, Page::GroupOverview, Page::NotFound] {
        assert_eq!(early::template(page), None, "{page:?}");
    }
    // With real parameters, the same body as the page's batch.
    let route = Route::ReviewAccess("d-1".into(), "i-2".into());
    let parts: Vec<_> = early::batch(&route).unwrap().requests().to_vec();
    let indexed: Vec<(usize, &crate::graph::request::GraphRequest)> =
        parts.iter().enumerate().collect();
    let body = crate::graph::batch::body(&indexed).to_string();
    assert_eq!(
        body,
        review
            .replace("{definition}", "d-1")
            .replace("{instance}", "i-2")
    );
}

/// The loader sends a page's first batch only for ids this module takes: the same rule.
#[test]
fn the_loader_takes_the_ids_the_page_table_takes() {
    let html = include_str!("../../index.html");
    assert!(html.contains(r#"/^[A-Za-z0-9._-]{1,128}$/.test(v) && v !== "." && v !== "..""#));
    for ok in ["f8bd9e2d-bc15-49b1-8a9b-c571b3cf9555", "a.b_c-D"] {
        assert!(id_segment(ok).is_some(), "{ok}");
    }
    for bad in ["", ".", "..", "a%3Fb", "a?b", "a/b", &"x".repeat(129)] {
        assert!(id_segment(bad).is_none(), "{bad}");
    }
}
