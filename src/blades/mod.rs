//! One folder per portal blade; a blade never imports another blade.

pub mod approvals;
pub mod audit;
pub mod grants;
pub mod group;
pub mod groups;
pub mod my_groups;
pub mod my_requests;
pub mod my_reviews;
pub mod not_found;
pub mod reports;
pub mod reviews;
pub mod setup;
