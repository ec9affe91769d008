#!/usr/bin/env bash
# Runs every test of Parcours (README command 2; `.ci/run` calls it):
#   setup → rustfmt → clippy (native, and wasm32 for the app) → native tests → browser tests
#   (wasm-bindgen-test in headless Chromium) → release build (trunk) → end-to-end tests
#   (Playwright driving Chromium against dist/ served on 127.0.0.1, at the root and under a
#   sub-path; screenshots in tests/e2e/output/).
# Every step runs even if an earlier one failed (the end-to-end tests need the release build);
# prints the time of each step and ends with PASS (exit 0) or FAIL (exit 1).
# Works without a terminal or stdin (CI=true).

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
exec </dev/null
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-always}"

declare -a NAMES=() RESULTS=() TIMES=()
FAILED=0
T_START=$SECONDS

step() {
  local name="$1"
  shift
  printf '\n\033[1;36m==> %s\033[0m\n    $ %s\n' "$name" "$*"
  local t0=$SECONDS status
  "$@"
  status=$?
  local dt=$((SECONDS - t0))
  NAMES+=("$name")
  TIMES+=("$dt")
  if [[ $status -eq 0 ]]; then
    RESULTS+=("pass")
    printf '\033[1;32m<== %s: pass (%d s)\033[0m\n' "$name" "$dt"
  else
    RESULTS+=("FAIL")
    FAILED=1
    printf '\033[1;31m<== %s: FAIL, exit %d (%d s)\033[0m\n' "$name" "$status" "$dt"
  fi
  return $status
}

skip() {
  NAMES+=("$1")
  TIMES+=(0)
  RESULTS+=("skipped: $2")
  FAILED=1
  printf '\n\033[1;33m==> %s: skipped (%s)\033[0m\n' "$1" "$2"
}

report() {
  printf '\n\033[1m%-44s %-8s %s\033[0m\n' "step" "result" "time"
  local i
  for i in "${!NAMES[@]}"; do
    printf '%-44s %-8s %4d s\n' "${NAMES[$i]}" "${RESULTS[$i]}" "${TIMES[$i]}"
  done
  printf '%-44s %-8s %4d s\n' "total" "" "$((SECONDS - T_START))"
  if [[ $FAILED -eq 0 ]]; then
    printf '\n\033[1;32mPASS: every step passed.\033[0m\n'
  else
    printf '\n\033[1;31mFAIL: see the steps marked FAIL above.\033[0m\n'
  fi
}

# setup.sh is sourced so its PATH (node_modules/.bin first, for wasm-opt) applies here.
setup() { source scripts/setup.sh; }
if ! step "setup (tools, browsers, npm, crates)" setup; then
  report
  exit 1
fi

# Packages whose tests also run in the browser. The app's include the engine's reference run
# compared bit for bit with the native one (tests/web.rs). The engine joins this list once its
# dev-dependencies build for wasm32 (proptest's default `fork` feature pulls wait-timeout, which
# does not): WASM_TEST_PACKAGES="-p parcours -p parcours-engine" bash scripts/test.sh
read -r -a WASM_TEST_PACKAGES <<<"${WASM_TEST_PACKAGES:--p parcours}"

wasm_tests() {
  # The runner drives Debian's chromedriver, headless; a generous timeout for slow machines.
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
    cargo test --locked --target wasm32-unknown-unknown "${WASM_TEST_PACKAGES[@]}"
}

release_build() {
  rm -rf dist
  trunk build --release && du -ab dist | sort -k2 && gzip_sizes
}

gzip_sizes() {
  local f
  for f in dist/*.wasm; do
    printf '%s: %d bytes, %d gzipped\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

e2e() {
  rm -rf tests/e2e/output
  node --test --test-reporter=spec tests/e2e/
}

step "rustfmt" cargo fmt --all -- --check
step "clippy (native, all targets)" cargo clippy --locked --workspace --all-targets -- -D warnings
step "clippy (wasm32, app)" \
  cargo clippy --locked --target wasm32-unknown-unknown -p parcours --all-targets -- -D warnings
step "native tests (workspace)" cargo test --locked --workspace
step "browser tests (wasm-bindgen-test, Chromium)" wasm_tests
if step "release build (trunk build --release)" release_build; then
  step "end-to-end tests (Playwright, Chromium)" e2e
else
  skip "end-to-end tests (Playwright, Chromium)" "no release build"
fi

report
exit $FAILED
