//! The browser entry of access reviews (the administrator's pages and the reviewer's) and of
//! Bulk assignments.

pim_groups::bundle_main!(Reviews, reviews);
