//! The note before an admin changes an eligibility that an access package delivered to the user.

use crate::client::{use_graph, Graph};
use crate::domain::assignments::Row;
use crate::domain::packaged::{delivered_to, eligibility_packages, package_note};
use crate::domain::wording::unreadable;
use crate::graph::entitlement::{list_access_packages, list_assignments};
use crate::graph::error::GraphError;
use crate::graph::model::{AccessId, AccessPackage, AccessPackageAssignment};
use leptos::prelude::*;

/// The names of the packages that deliver this eligibility to `principal`; only packages giving
/// the group's eligible role are asked for their assignments.
async fn packages_delivering(
    graph: &Graph,
    group: &str,
    principal: &str,
    access: AccessId,
) -> Result<Vec<String>, GraphError> {
    let all: Vec<AccessPackage> = graph.call_all(&list_access_packages()).await?;
    let mut names = vec![];
    for (id, name) in eligibility_packages(group, access, &all) {
        let given: Vec<AccessPackageAssignment> = graph.call_all(&list_assignments(&id)).await?;
        if given.iter().any(|a| delivered_to(a, principal)) {
            names.push(name);
        }
    }
    Ok(names)
}

/// Says, once read, whether an access package gives `row`'s eligibility (nothing when none does).
#[component]
pub fn PackageNote(group: String, row: Row, name: String) -> impl IntoView {
    let graph = use_graph();
    let (principal, access) = (row.principal_id, row.access);
    let note = LocalResource::new(move || {
        let (graph, group, principal, name) = (
            graph.clone(),
            group.clone(),
            principal.clone(),
            name.clone(),
        );
        async move {
            packages_delivering(&graph, &group, &principal, access)
                .await
                .map(|names| package_note(&name, &names))
        }
    });
    move || {
        let text = match note.get()? {
            Ok(text) => text?,
            Err(e) => unreadable(
                "the access packages, so it can't be said whether one gives this eligibility",
                &e,
            ),
        };
        Some(view! { <p class="pim-notice" role="note">{text}</p> })
    }
}
