#!/usr/bin/env bash
# Runs the test layers in turn (native, the build scripts, browser, end to end) and fails when any
# layer fails or runs no test at all. Ends with one line "N passed, N failed" over all layers.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
mkdir -p target/test-logs
total_pass=0 total_fail=0 failed_layers=()

# layer NAME LOG PASS-REGEX FAIL-REGEX COMMAND...: sums the numbers the runner prints.
layer() {
  local name=$1 log=target/test-logs/$1.log pass_re=$2 fail_re=$3; shift 3
  local start=$SECONDS
  echo "=== layer: $name ==="
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local pass fail
  pass=$(grep -oE "$pass_re" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  fail=$(grep -oE "$fail_re" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  echo "=== $name: $pass passed, $fail failed, exit $rc ($((SECONDS - start))s) ==="
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
  if [ "$rc" -ne 0 ] || [ "$fail" -ne 0 ]; then failed_layers+=("$name (failed)")
  elif [ "$pass" -eq 0 ]; then failed_layers+=("$name (ran no test)"); fi
}

CARGO_RE_PASS='test result: [a-zA-Z]+\. [0-9]+ passed'
CARGO_RE_FAIL='; [0-9]+ failed'
layer native "$CARGO_RE_PASS" "$CARGO_RE_FAIL" cargo test --workspace
layer build-scripts '^# pass [0-9]+' '^# fail [0-9]+' node --test scripts/build/
layer browser "$CARGO_RE_PASS" "$CARGO_RE_FAIL" \
  cargo test --target wasm32-unknown-unknown -p pim-groups --test browser
layer e2e '^# pass [0-9]+' '^# fail [0-9]+' make --no-print-directory test-e2e

# The size budget (issue 14), shown on every run: the bundle the e2e layer just tested.
echo
node scripts/bundle-size.mjs dist | grep '^first_load_brotli_bytes_' || true

echo
if [ ${#failed_layers[@]} -ne 0 ]; then
  echo "test: FAILED layers: ${failed_layers[*]}"
  echo "$total_pass passed, $total_fail failed"
  exit 1
fi
echo "test: every layer ran and passed"
echo "$total_pass passed, $total_fail failed"
