//! The browser entry of the approval page an email opens.

pim_groups::bundle_main!(Approval, approval);
