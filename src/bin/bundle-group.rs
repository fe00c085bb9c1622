//! The browser entry of one group's blade: Overview, Assignments, Settings, Audit.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_groups::start(
        pim_groups::routes::Bundle::Group,
        pim_groups::entries::group,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-groups runs in the browser: build it with `trunk build` or run `make demo`.");
}
