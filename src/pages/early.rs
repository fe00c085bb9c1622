//! An entry page's first `$batch`, which index.html's loader sends while the module downloads.
//!
//! The page builds its first batch from these calls, and `pages.json` carries the same batch's
//! body (its parameters as `{name}`) for the loader, so the two cannot differ; the client takes
//! the loader's answer for exactly that body (`graph/client/early.rs`).

use super::{Page, Route, ROWS};
use crate::graph::access_reviews::{decisions_for_reviewer, get_definition, get_instance};
use crate::graph::call::{Batch, Call};
use crate::graph::conditional_access::list_authentication_context_class_references;
use crate::graph::model::{
    AccessReviewDecision, AccessReviewInstance, Approval, AuthenticationContextClassReference,
    Expanded, Page as Paged, PrivilegedAccessGroupScheduleRequest,
};
use crate::graph::pim::{filter_by_current_user, get_approval, get_assignment_schedule_request};
use crate::graph::pim::{Collection, On};

/// My roles' first reads: the user's eligible and active instances, activation and eligibility
/// requests (each with its group), and the authentication contexts. The page picks the types.
pub struct MyRoles<I, A, R> {
    pub eligible: Call<Paged<I>>,
    pub active: Call<Paged<I>>,
    pub activations: Call<Paged<A>>,
    pub requests: Call<Paged<R>>,
    pub contexts: Call<Paged<AuthenticationContextClassReference>>,
}

fn mine<T>(c: Collection) -> Call<Paged<T>> {
    filter_by_current_user(c, On::Principal, "group")
}

pub fn my_roles<I, A, R>() -> MyRoles<I, A, R> {
    MyRoles {
        eligible: mine(Collection::EligibilityScheduleInstances),
        active: mine(Collection::AssignmentScheduleInstances),
        activations: mine(Collection::AssignmentScheduleRequests),
        requests: mine(Collection::EligibilityScheduleRequests),
        contexts: list_authentication_context_class_references(),
    }
}

/// The approval page's first reads: the request (with its group and principal) and its approval.
pub fn approval(
    id: &str,
) -> (
    Call<Expanded<PrivilegedAccessGroupScheduleRequest>>,
    Call<Approval>,
) {
    (get_assignment_schedule_request(id), get_approval(id))
}

/// The review email's page's first reads: the definition, the instance and this reviewer's
/// decisions.
pub fn review_access<D>(
    definition: &str,
    instance: &str,
) -> (
    Call<D>,
    Call<AccessReviewInstance>,
    Call<Paged<AccessReviewDecision>>,
) {
    (
        get_definition(definition),
        get_instance(definition, instance),
        decisions_for_reviewer(definition, instance),
    )
}

/// The first batch of `route`, if its page has one the loader can send.
pub fn batch(route: &Route) -> Option<Batch> {
    use serde_json::Value;
    let mut b = Batch::new();
    match route {
        Route::Home | Route::MyGroups => {
            let r = my_roles::<Value, Value, Value>();
            b.add(r.eligible);
            b.add(r.active);
            b.add(r.activations);
            b.add(r.requests);
            b.add(r.contexts);
        }
        Route::Approval(id) => {
            let (request, approval) = approval(id);
            b.add(request);
            b.add(approval);
        }
        // The groups list's first read: PIM's list of the groups it manages (its first page).
        Route::Groups => {
            b.add(crate::graph::pim::list_group_resources::<Value>(false));
        }
        Route::ReviewAccess(d, i) => {
            let (def, inst, items) = review_access::<Value>(d, i);
            b.add(def);
            b.add(inst);
            b.add(items);
        }
        _ => return None,
    }
    Some(b)
}

/// The groups list's second read, which needs the first's answer: the groups among the ids of
/// PIM's first page of managed groups (`{ids}` in the template, a JSON array of them), as
/// `blades/groups/inventory.rs` asks for them.
pub fn then_template(page: Page) -> Option<String> {
    if page != Page::Groups {
        return None;
    }
    let call = crate::graph::directory::get_groups_by_ids(&["PIMIDS".to_owned()]);
    let req = call.into_request();
    let body = crate::graph::batch::body(&[(0, &req)]).to_string();
    Some(body.replace(r#"["PIMIDS"]"#, "{ids}"))
}

/// The `$batch` body of `page`'s first reads for the loader, its parameters as `{name}`.
pub fn template(page: Page) -> Option<String> {
    let row = ROWS.iter().find(|r| r.page == page)?;
    let names: Vec<&str> = row
        .pattern
        .split('/')
        .filter_map(|s| s.strip_prefix(':'))
        .collect();
    // Markers that every id check and percent-encoding passes unchanged.
    let marker = |n: usize| format!("PIMPARAM{n}X");
    let path: String = row
        .pattern
        .split('/')
        .filter(|s| !s.is_empty())
        .scan(0, |n, s| {
            Some(if s.starts_with(':') {
                *n += 1;
                marker(*n - 1)
            } else {
                s.to_owned()
            })
        })
        .fold(String::new(), |p, s| format!("{p}/{s}"));
    let route = Route::parse(if path.is_empty() { "/" } else { &path });
    let b = batch(&route)?;
    let parts: Vec<(usize, &crate::graph::request::GraphRequest)> =
        b.requests().iter().enumerate().collect();
    let mut body = crate::graph::batch::body(&parts).to_string();
    for (n, name) in names.iter().enumerate() {
        body = body.replace(&marker(n), &format!("{{{name}}}"));
    }
    Some(body)
}
