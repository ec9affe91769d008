#!/usr/bin/env bash
# Runs the tests of Parcours (README command 2; `.ci/run` calls it).
#
#   bash scripts/test.sh         every test: setup → rustfmt → Clippy and the native tests → Clippy
#                                and the browser tests (wasm32: wasm-bindgen-test in headless
#                                Chromium), with the release build (trunk) beside those two → end-to-end tests (Playwright
#                                driving Chromium against dist/ served on 127.0.0.1, at the root and
#                                under a sub-path; screenshots in tests/e2e/output/).
#   bash scripts/test.sh quick   the inner loop: rustfmt → Clippy and the native tests → Clippy on
#                                the app for wasm32, checked, not built (no setup, no browser).
#
# Clippy (warnings denied) runs inside the builds the tests need: the workspace's own crates are
# compiled by scripts/clippy-rustc.sh (rustc plus Clippy's lints), so the dependencies are compiled
# once per target instead of once checked and once built.
# Every step runs even if an earlier one failed (the end-to-end tests need the release build);
# prints the time of each step and ends with PASS (exit 0) or FAIL (exit 1).
# Works without a terminal or stdin (CI=true).

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
MODE="${1:-full}"
case "$MODE" in
  full | quick) ;;
  *)
    echo "usage: bash scripts/test.sh [quick]" >&2
    exit 2
    ;;
esac
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
  record "$name" "$status" $((SECONDS - t0))
}

# Counts a finished step (name, exit status, seconds) for the report; returns its status.
record() {
  local name="$1" status="$2" dt="$3"
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
  return "$status"
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

# Clippy inside the builds the tests need (see the top of this file); not in the release build.
with_clippy() { RUSTC_WORKSPACE_WRAPPER="$PWD/scripts/clippy-rustc.sh" "$@"; }

# Every target of every crate is built and linted, as `cargo clippy --all-targets` would: `cargo
# test` builds the libraries, binaries, examples and tests and runs the tests and the
# documentation's examples; `--bench '*'` then builds the benchmarks and runs each once
# (criterion's test mode), reusing the rest (`--benches` would also run the libraries' and
# binaries' unit tests a second time: they count as benchmark targets).
# The app (the root package) is left out: it holds no native test (its tests are the browser's
# and the end-to-end ones; the golden summary's native side is in crates/engine-tests), and the
# browser step builds and lints it for its own target.
native_tests() {
  with_clippy cargo test --locked --workspace --exclude parcours &&
    with_clippy cargo test --locked --workspace --exclude parcours --bench '*'
}

# The app for wasm32: its targets built and linted (the library, the page's and the workers'
# binaries, the tests), and the browser tests run: one test binary, tests/browser/
# (wasm-bindgen-test in Debian's Chromium through its chromedriver, headless; a generous timeout
# for slow machines). The library's test binary holds no browser test (the runner
# says « no tests to run »), but compiling them lints their code for wasm32.
# The engine's tests join once their dev-dependencies build for wasm32 (proptest's default `fork`
# feature pulls wait-timeout, which does not): WASM_TEST_PACKAGES="-p parcours -p parcours-engine-tests".
read -r -a WASM_TEST_PACKAGES <<<"${WASM_TEST_PACKAGES:--p parcours}"
wasm_tests() {
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
    with_clippy cargo test --locked --target wasm32-unknown-unknown "${WASM_TEST_PACKAGES[@]}"
}

# The three binaries first in one cargo invocation, with the arguments Trunk gives each of them
# (index.html): their final optimisation (fat LTO, one codegen unit) runs side by side, not one
# after the other behind Cargo's lock; Trunk's own cargo calls then find them built.
release_build() {
  rm -rf dist
  cargo build --locked --profile wasm-release --target wasm32-unknown-unknown \
    --bin parcours-app --bin parcours-worker --bin parcours-search &&
    trunk build --release && du -ab dist | sort -k2 && gzip_sizes
}

gzip_sizes() {
  local f
  for f in dist/*.wasm; do
    printf '%s: %d bytes, %d gzipped\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

# Two files at once at least: one file keeps about one core busy (its page's main thread, two
# workers in bursts, waits): its CPU time was 0.5–0.95 of its wall time, and node's default of one
# file fewer than the cores (1 on 2 cores) left the other core idle. Each file has its own
# Chromium, servers and ports. The tests that time the page against a bound the product promises
# (a Cancel read by every worker within 200 ms, no frame over 200 ms, a bad link named within
# 1 s, a silent worker caught within 500 ms) are in one file that runs after the others, alone:
# another file's work never decides them.
E2E_TIMED=(tests/e2e/runtime.test.mjs)
e2e() {
  rm -rf tests/e2e/output
  local jobs=$(($(nproc) - 1)) file status=0
  ((jobs < 2)) && jobs=2
  local rest=()
  for file in tests/e2e/*.test.mjs; do
    [[ " ${E2E_TIMED[*]} " == *" $file "* ]] || rest+=("$file")
  done
  node --test --test-concurrency="$jobs" --test-reporter=spec "${rest[@]}" || status=1
  node --test --test-concurrency=1 --test-reporter=spec "${E2E_TIMED[@]}" || status=1
  return $status
}

# setup.sh is sourced so its PATH (node_modules/.bin first, for wasm-opt) applies here. The quick
# mode needs no browser tools: it assumes rustfmt and Clippy are installed (setup.sh adds them).
setup() { source scripts/setup.sh; }
if [[ $MODE == full ]] && ! step "setup (tools, browsers, npm, crates)" setup; then
  report
  exit 1
fi

# The quick mode's check of the app (the full mode's browser step builds it instead).
app_check() {
  with_clippy cargo check --locked --target wasm32-unknown-unknown -p parcours --lib --bins --tests
}

# The release build runs beside the native and browser steps (full mode): each of those leaves a
# core idle for long stretches (one crate compiled at a time, links, fat LTO of one codegen unit,
# a test binary's slowest test), and the release build needs nothing they make. They do not
# wait for each other: the release profile's host artefacts and lock are in target/wasm-release/,
# the tests' in target/debug/. Its output is shown, and its step counted, when it is awaited.
RELEASE_LOG="${TMPDIR:-/tmp}/parcours-release-build.$$"
start_release_build() {
  (
    t0=$SECONDS
    release_build >"$RELEASE_LOG" 2>&1
    printf '%d %d\n' $? $((SECONDS - t0)) >"$RELEASE_LOG.status"
  ) &
  RELEASE_PID=$!
}
await_release_build() {
  local name="release build (beside native, browser)" status dt
  printf '\n\033[1;36m==> %s\033[0m\n    $ release_build (started with the native step)\n' "$name"
  wait "$RELEASE_PID"
  cat "$RELEASE_LOG"
  read -r status dt <"$RELEASE_LOG.status"
  rm -f "$RELEASE_LOG" "$RELEASE_LOG.status"
  record "$name" "$status" "$dt"
}

step "rustfmt" cargo fmt --all -- --check
if [[ $MODE == full ]]; then
  start_release_build
fi
step "clippy + native tests (workspace)" native_tests
if [[ $MODE == quick ]]; then
  step "clippy (the app, wasm32, checked)" app_check
fi
if [[ $MODE == full ]]; then
  step "clippy + browser tests (wasm32, Chromium)" wasm_tests
  if await_release_build; then
    step "end-to-end tests (Playwright, Chromium)" e2e
  else
    skip "end-to-end tests (Playwright, Chromium)" "no release build"
  fi
fi

report
exit $FAILED
