//! The browser entry of My requests and Approve requests.

pim_groups::bundle_main!(Requests, requests);
