//! The browser entry of My roles.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_groups::start(pim_groups::routes::Bundle::Me, pim_groups::entries::me);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-groups runs in the browser: build it with `trunk build` or run `make demo`.");
}
