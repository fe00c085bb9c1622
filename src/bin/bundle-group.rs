//! The browser entry of one group's blade: Overview, Assignments, Settings, Audit.

pim_groups::bundle_main!(Group, group);
