//! The one-module experiment (issue 27): every page in one module, each a chunk. Built only by
//! `make experiment-one-module`, never by the app's build.

pim_groups::bundle_main!(Me, all);
