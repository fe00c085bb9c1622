//! One folder per portal blade; a blade never imports another blade.

pub mod approvals;
pub mod audit;
pub mod grants;
pub mod group;
pub mod groups;
pub mod my_groups;
pub mod my_requests;
pub mod not_found;
