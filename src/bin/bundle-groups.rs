//! The browser entry of the groups list, Discover groups, New group and Audit.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_groups::start(
        pim_groups::routes::Bundle::Groups,
        pim_groups::entries::groups,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-groups runs in the browser: build it with `trunk build` or run `make demo`.");
}
