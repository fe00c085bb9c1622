# pim-groups: `make demo` runs the app on the emulator's demo tenant; `make test` runs every test.
# Both install what is missing first (scripts/bootstrap.sh), from package registries only.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

APP_PORT ?= 8080
EMULATOR_PORT ?= 8081
export APP_PORT EMULATOR_PORT

.PHONY: demo test bench pages setup experiment-one-module tools tools-browser build build-app build-emulator build-setup test-native test-browser test-e2e lint

demo: tools build ## Run the app and the emulator's demo tenant; prints both URLs
	scripts/demo.sh

test: tools-browser ## Every layer: native, browser (wasm-bindgen-test), end-to-end (Playwright)
	scripts/test.sh

bench: tools-browser build ## Bundle sizes, first loads, round trips and ms per blade, 10,000 rows
	node scripts/bundle-size.mjs dist
	node scripts/session-bytes.mjs dist
	cargo run --release -q -p entra-emulator --example bench
	cargo build --release -q -p entra-emulator
	node scripts/bench-my-groups.mjs
	node scripts/bench-groups.mjs
	node scripts/bench-reports.mjs
	node scripts/bench-blades.mjs
	node scripts/bench-phone.mjs

pages: ## Rewrite scripts/build/pages.json (the loader's table) from the page table, src/pages.rs
	PIM_WRITE_PAGES=1 cargo test -q -p pim-groups --lib pages::tests::the_committed_loader_table_is_the_page_table

# Issue 27's experiment: every page in one module, each a chunk (src/bin/bundle-all.rs), built
# beside dist/ and measured against the six modules; not part of the app's build.
experiment-one-module: tools build-app
	rm -rf target/one && mkdir -p target/one && echo '<html><head></head></html>' > target/one/index.html
	PIM_BUNDLES=all PIM_FEATURES=one-module node scripts/build/wasm.mjs target/one
	node scripts/session-bytes.mjs dist
	node scripts/session-bytes.mjs dist --one target/one

tools:
	scripts/bootstrap.sh

tools-browser:
	scripts/bootstrap.sh --browser

build: build-app build-emulator build-setup

build-app:
	@start=$$SECONDS; trunk build --release; echo "build: app bundle ($$((SECONDS - start))s)"

build-emulator:
	@start=$$SECONDS; cargo build -p entra-emulator; echo "build: emulator ($$((SECONDS - start))s)"

build-setup:
	@start=$$SECONDS; cargo build -p pim-groups-setup; echo "build: setup command ($$((SECONDS - start))s)"

# Registers pim-groups in a tenant and writes config.json (README, "Deploy to your tenant"):
#   make setup TENANT=contoso.onmicrosoft.com URL=https://pim.contoso.com/ ARGS="--consent"
setup:
	@test -n "$(TENANT)" -a -n "$(URL)" || { echo "usage: make setup TENANT=<tenant> URL=<https://where-it-is-served/> [ARGS=\"--consent --dry-run ...\"]"; exit 2; }
	cargo run -q -p pim-groups-setup -- --tenant "$(TENANT)" --url "$(URL)" $(ARGS)

test-native:
	cargo test --workspace

test-browser:
	cargo test --target wasm32-unknown-unknown -p pim-groups --test browser

test-e2e: build
	node --test --test-concurrency=1 tests/e2e/

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p pim-groups --all-targets -- -D warnings
