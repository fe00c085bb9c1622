//! The browser entry of Review access: a reviewer's list and the page a review email opens.

pim_groups::bundle_main!(Reviewer, reviewer);
