//! The browser entry of My requests and Approve requests.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_groups::start(
        pim_groups::routes::Bundle::Requests,
        pim_groups::entries::requests,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-groups runs in the browser: build it with `trunk build` or run `make demo`.");
}
