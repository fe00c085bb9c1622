//! The browser entry of access reviews: the administrator's pages and the reviewer's.

pim_groups::bundle_main!(Reviews, reviews);
