//! Conditional Access (`/identity/conditionalAccess`): policies and authentication contexts.

use super::call::Call;
use super::model::{AuthenticationContextClassReference, ConditionalAccessPolicy, Page};
use super::request::GraphRequest;

/// Every Conditional Access policy (the caller reads every page).
/// HTTP GET /identity/conditionalAccess/policies
/// <https://learn.microsoft.com/graph/api/conditionalaccessroot-list-policies>
pub fn list_policies() -> Call<Page<ConditionalAccessPolicy>> {
    Call::new(GraphRequest::get("/identity/conditionalAccess/policies"))
}

/// The tenant's authentication contexts (`c1`..`c99`) with their names.
/// HTTP GET /identity/conditionalAccess/authenticationContextClassReferences
/// <https://learn.microsoft.com/graph/api/conditionalaccessroot-list-authenticationcontextclassreferences>
pub fn list_authentication_context_class_references(
) -> Call<Page<AuthenticationContextClassReference>> {
    Call::new(GraphRequest::get(
        "/identity/conditionalAccess/authenticationContextClassReferences",
    ))
}
