//! The one-module experiment (issue 27): every page in one module, each a chunk. Built only by
//! `make experiment-one-module`, never by the app's build.

#[cfg(feature = "one-module")]
pim_groups::bundle_main!(Me, all);

#[cfg(not(feature = "one-module"))]
fn main() {
    eprintln!("The one-module experiment: `make experiment-one-module` builds it.");
}
