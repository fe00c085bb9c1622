//! The browser entry point: hands over to the library. Nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_groups::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-groups runs in the browser: build it with `trunk build` or run `make demo`.");
}
