//! The browser entry of My roles.

pim_groups::bundle_main!(Me, me);
