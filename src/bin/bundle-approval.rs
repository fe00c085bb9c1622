//! The browser entry of the approval page an email opens.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_groups::start(
        pim_groups::routes::Bundle::Approval,
        pim_groups::entries::approval,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-groups runs in the browser: build it with `trunk build` or run `make demo`.");
}
