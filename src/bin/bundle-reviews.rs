//! The browser entry of the administrator's access reviews and of Bulk assignments.

pim_groups::bundle_main!(Reviews, reviews);
