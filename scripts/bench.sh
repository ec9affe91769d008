#!/usr/bin/env bash
# The benchmark of issue 14 (BENCHMARKS.md): this work tree, as it is (uncommitted changes
# included), measured side by side with a build of an earlier commit in the same run.
#
#   bash scripts/bench.sh [--vs REF] [--only engine,native,page,lighthouse,marginal] [--rounds N]
#                         [--native-rounds N] [--page-rounds N] [--lighthouse-rounds N]
#                         [--moves N] [--quick]
#
#   --vs REF       the commit (or branch, tag) to compare with; default: main
#   --only LIST    what to measure (default: all five):
#                    engine      one thread, default territory and the four-stage chain:
#                                replications and events per second, instructions (callgrind)
#                    native      1,000 replications on 2 threads (`parcours run`)
#                    page        release build in headless Chromium: transfer of a first visit,
#                                time to first figures (cold, after a lever move), 1,000
#                                replications, long tasks on the main thread
#                    lighthouse  Lighthouse performance, mobile and desktop
#                    marginal    « Où agir ? » in headless Chromium: every lever of the default
#                                territory at 200 replications, first and complete ranking
#   --rounds N             engine rounds (default 7); --native-rounds (3); --page-rounds (3,
#                          also « Où agir ? »'s rounds);
#   --lighthouse-rounds N  (3); --moves N lever moves of each kind (idle, busy, drag) a page round (5)
#   --quick        a rough pass: 3 engine rounds, 1 round of everything else
#
# Builds: this tree with its own target/ (release CLI, the bench_run example, `trunk build
# --release` into target/bench/this/dist); REF in a temporary git worktree (target/bench/tree,
# removed afterwards) with its own target dir (target/bench/target, kept so that the next
# comparison rebuilds only what changed), its outputs kept in target/bench/<commit>/ (reused while
# crates/engine/examples/bench_run.rs, which is copied into REF's tree, does not change).
# The report (Markdown) goes to standard output and to target/bench/report.md, the raw figures
# to target/bench/report.json. A benchmark, not a test: scripts/test.sh does not run it.
#
# Needs what scripts/setup.sh installs, plus valgrind for the instruction counts (skipped
# without it). Takes 20-40 minutes on 2 busy cores, builds excepted; run it in the background.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
exec </dev/null

VS=main
ONLY=engine,native,page,lighthouse,marginal
PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --vs) VS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --rounds | --native-rounds | --page-rounds | --lighthouse-rounds | --moves) PASS+=("$1" "$2"); shift 2 ;;
    --quick) PASS+=(--rounds 3 --native-rounds 1 --page-rounds 1 --lighthouse-rounds 1); shift ;;
    -h | --help) sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
want() { [[ ",$ONLY," == *",$1,"* ]]; }

# Tools (trunk, wasm-opt first on PATH, Chromium, node_modules); its chatter to stderr.
# shellcheck source=/dev/null
source scripts/setup.sh >&2
say() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; } # after setup.sh, which has its own

BASE_SHA="$(git rev-parse --verify "${VS}^{commit}")"
BASE_SHORT="$(git rev-parse --short "$BASE_SHA")"
CHANGES=""
[[ -n "$(git status --porcelain)" ]] && CHANGES=" + changes"
THIS_LABEL="this tree ($(git rev-parse --short HEAD)$CHANGES)"
BASE_LABEL="$VS ($BASE_SHORT)"
[[ "$VS" == "$BASE_SHORT" ]] && BASE_LABEL="$BASE_SHORT"
BENCH="$ROOT/target/bench"
THIS="$BENCH/this"
BASE="$BENCH/$BASE_SHA"
HARNESS="crates/engine/examples/bench_run.rs"
mkdir -p "$THIS" "$BASE"
needs_page() { want page || want lighthouse || want marginal; }

# Builds tree $1 with target dir $3 and puts its outputs into $2: bench_run, parcours,
# default.json, and dist/ when the page is measured.
build() {
  local tree="$1" out="$2" target="$3"
  (
    cd "$tree"
    export CARGO_TARGET_DIR="$target"
    say "building in $tree: the CLI and bench_run (release)"
    cargo build --release --locked -p parcours-cli -p parcours-engine --bin parcours --example bench_run >&2
    cp "$target/release/parcours" "$target/release/examples/bench_run" "$out/"
    # The default territory, as that tree's engine has it.
    "$out/bench_run" --print-default >"$out/default.json"
    if needs_page; then
      say "building in $tree: the page (trunk build --release)"
      rm -rf "$out/dist"
      trunk build --release --dist "$out/dist" >&2
    fi
  )
}

# The earlier commit: reuse its outputs when they were built from the same bench_run.rs.
stamp="$(sha256sum "$HARNESS" | cut -d' ' -f1) $(needs_page && echo page || true)"
if [[ -f "$BASE/.built" && "$(cat "$BASE/.built")" == "$stamp"* ]]; then
  say "$BASE_LABEL: already built in $BASE"
else
  TREE="$BENCH/tree"
  git worktree remove --force "$TREE" 2>/dev/null || rm -rf "$TREE"
  git worktree prune
  say "$BASE_LABEL: temporary worktree $TREE"
  git worktree add --detach "$TREE" "$BASE_SHA" >&2
  trap 'git -C "$ROOT" worktree remove --force "$TREE" 2>/dev/null || true' EXIT
  cp "$HARNESS" "$TREE/$HARNESS"
  (cd "$TREE" && cargo fetch --locked >&2)
  build "$TREE" "$BASE" "$BENCH/target"
  echo "$stamp" >"$BASE/.built"
  git worktree remove --force "$TREE"
  trap - EXIT
fi
build "$ROOT" "$THIS" "${CARGO_TARGET_DIR:-$ROOT/target}"

say "measuring: $THIS_LABEL vs $BASE_LABEL ($ONLY)"
# A page's run of 1,000 replications may take minutes on a busy machine (the tests' bound is 4).
export PARCOURS_E2E_RUN_TIMEOUT_MS="${PARCOURS_E2E_RUN_TIMEOUT_MS:-900000}"
node scripts/bench/bench.mjs --this "$THIS" --this-label "$THIS_LABEL" --base "$BASE" \
  --base-label "$BASE_LABEL" --chain "$ROOT/crates/engine/benches/four_stage_chain.json" \
  --only "$ONLY" --raw "$BENCH/report.json" "${PASS[@]}" | tee "$BENCH/report.md"
say "report: target/bench/report.md (raw figures: target/bench/report.json)"
