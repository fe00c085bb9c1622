#!/usr/bin/env bash
# Installs what pim-groups needs, only when it is missing, and says how long each step took.
# Only package registries are used: rustup's target, crates.io, npm and Debian.
#   scripts/bootstrap.sh            build tools (wasm32 target, trunk, wasm-bindgen, npm tools)
#   scripts/bootstrap.sh --browser  the same plus Debian's chromium, chromium-driver and nginx
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WSPLIT_VERSION=0.2.4
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { # step NAME CHECK-COMMAND INSTALL-COMMAND
  local name=$1 check=$2 install=$3 start=$SECONDS
  if eval "$check" >/dev/null 2>&1; then
    echo "bootstrap: $name present (0s)"
  else
    echo "bootstrap: installing $name..."
    eval "$install"
    eval "$check" >/dev/null 2>&1 || { echo "bootstrap: $name still missing after install" >&2; exit 1; }
    echo "bootstrap: $name installed ($((SECONDS - start))s)"
  fi
}

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or Trunk (offline) refuses.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WBG_VERSION" ] || { echo "bootstrap: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

step "wasm32 target" \
  "rustup target list --installed | grep -qx wasm32-unknown-unknown" \
  "rustup target add wasm32-unknown-unknown"
step "trunk $TRUNK_VERSION" \
  "trunk --version | grep -qx 'trunk $TRUNK_VERSION'" \
  "cargo install --locked trunk --version $TRUNK_VERSION"
# Without --locked: the CLI's own lockfile wants a webpki-roots version the registry lacks.
step "wasm-bindgen-cli $WBG_VERSION" \
  "wasm-bindgen --version | grep -qx 'wasm-bindgen $WBG_VERSION' && wasm-bindgen-test-runner --version" \
  "cargo install --force wasm-bindgen-cli --version $WBG_VERSION"
# Splits each bundle at its #[wasm_split] points (scripts/build/wasm.mjs); the version the
# wasm_split_helpers crate in Cargo.lock is made for.
step "wasm-split-cli $WSPLIT_VERSION" \
  "test -x $HOME/.cargo/bin/wasm-split-cli && cargo install --list | grep -qx 'wasm_split_cli_support v$WSPLIT_VERSION:'" \
  "cargo install --locked wasm_split_cli_support --version $WSPLIT_VERSION --features build-binary"
step "npm tools (binaryen 132, terser, playwright-core, axe-core, Fluent icons)" \
  "node_modules/.bin/wasm-opt --version | grep -q 'version 132' && test -f node_modules/terser/package.json && test -f node_modules/playwright-core/package.json && test -f node_modules/axe-core/axe.min.js && test -f node_modules/@fluentui/svg-icons/icons/info_16_filled.svg" \
  "npm ci --no-audit --no-fund"

if [ "${1:-}" = "--browser" ]; then
  apt_install() {
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
  }
  step "chromium and chromium-driver" \
    "test -x /usr/bin/chromium && test -x /usr/bin/chromedriver" \
    "apt_install chromium chromium-driver"
  # The end-to-end test of the README's nginx configuration (tests/e2e/hosting.test.mjs).
  step "nginx with brotli_static" \
    "test -x /usr/sbin/nginx && test -f /etc/nginx/modules-enabled/50-mod-http-brotli-static.conf" \
    "apt_install nginx libnginx-mod-http-brotli-static"
fi
