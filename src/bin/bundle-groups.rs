//! The browser entry of the groups list, Discover groups, New group and Audit.

pim_groups::bundle_main!(Groups, groups);
