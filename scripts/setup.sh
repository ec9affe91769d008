#!/usr/bin/env bash
# Installs what building and testing Parcours needs, and only what is missing:
#   - the wasm32-unknown-unknown Rust target (and rustfmt, clippy);
#   - Trunk, pinned (TRUNK_VERSION below);
#   - the wasm-bindgen CLI at exactly the version Cargo.lock resolves (it also provides
#     wasm-bindgen-test-runner);
#   - Debian's chromium and chromium-driver (browser tests), poppler-utils (pdftoppm: the e2e test
#     of the printable report turns its PDF into images), and nodejs and npm if absent;
#   - the npm tools pinned in package-lock.json: binaryen's wasm-opt (for Trunk) and
#     playwright-core (end-to-end tests);
#   - every crate in Cargo.lock (`cargo fetch --locked`; Trunk then builds offline).
# Idempotent and quick when everything is there. Everything comes from the package registries
# (crates.io, npm, Debian, rustup's channel); nothing else is downloaded.
#
# Run it directly (`bash scripts/setup.sh`) or source it: scripts/serve.sh and scripts/test.sh
# source it so that node_modules/.bin (wasm-opt) comes first on their PATH.

TRUNK_VERSION="0.21.14"

parcours_setup() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$root" || return 1

  local t0=$SECONDS
  say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
  fail() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; return 1; }

  # Tools installed by cargo land in ~/.cargo/bin; npm's in node_modules/.bin (first: Trunk must
  # find binaryen 132's wasm-opt before any other).
  export PATH="$root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

  command -v cargo >/dev/null || fail "cargo not found: install Rust with rustup (https://rustup.rs)" || return 1
  command -v rustup >/dev/null || fail "rustup not found: it is needed to add the wasm32 target" || return 1

  # --- Rust target and components -------------------------------------------------------------
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target: present"
  else
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || return 1
  fi
  local component
  for component in rustfmt clippy; do
    if rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
      say "$component: present"
    else
      say "adding the $component component"
      rustup component add "$component" || return 1
    fi
  done

  # --- Trunk --------------------------------------------------------------------------------------
  local have
  have="$(trunk --version 2>/dev/null | awk '{print $2}')"
  if [[ "$have" == "$TRUNK_VERSION" ]]; then
    say "trunk $TRUNK_VERSION: present"
  else
    say "installing trunk $TRUNK_VERSION (found: ${have:-none}); about 10 minutes on 2 cores"
    cargo install --locked trunk --version "$TRUNK_VERSION" || return 1
  fi

  # --- wasm-bindgen CLI, at Cargo.lock's version --------------------------------------------------
  local want_bindgen
  want_bindgen="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
  [[ -n "$want_bindgen" ]] || fail "no wasm-bindgen in Cargo.lock" || return 1
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
  local have_runner
  have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')"
  if [[ "$have" == "$want_bindgen" && "$have_runner" == "$want_bindgen" ]]; then
    say "wasm-bindgen $want_bindgen: present"
  else
    say "installing wasm-bindgen-cli $want_bindgen (found: ${have:-none}); about 7 minutes"
    # Not --locked: the CLI's own lock file pins a crate version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$want_bindgen" || return 1
  fi

  # --- Debian packages: Chromium and chromedriver; Node.js and npm if absent ----------------------
  local packages=()
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || packages+=(chromium chromium-driver)
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
  command -v pdftoppm >/dev/null || packages+=(poppler-utils)
  if [[ ${#packages[@]} -eq 0 ]]; then
    say "chromium and chromedriver: present ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
    say "node $(node --version) and npm $(npm --version): present"
  else
    say "installing Debian packages: ${packages[*]}"
    command -v apt-get >/dev/null || fail "apt-get not found: install ${packages[*]} by hand" || return 1
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
      command -v sudo >/dev/null || fail "need root (or sudo) to apt-get install ${packages[*]}" || return 1
      sudo=(sudo -n)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${packages[@]}" </dev/null || return 1
  fi

  # --- npm tools (wasm-opt, playwright-core) ------------------------------------------------------
  local stamp="node_modules/.parcours-lock" lock_sum
  lock_sum="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" && -x node_modules/.bin/wasm-opt ]]; then
    say "npm packages: up to date ($(wasm-opt --version))"
  else
    say "installing npm packages from package-lock.json (npm ci)"
    npm ci --no-audit --no-fund || return 1
    echo "$lock_sum" >"$stamp"
  fi
  [[ "$(command -v wasm-opt)" == "$root/node_modules/.bin/wasm-opt" ]] ||
    fail "wasm-opt on PATH is $(command -v wasm-opt), not node_modules/.bin/wasm-opt" || return 1

  # --- crates ------------------------------------------------------------------------------------
  say "fetching crates (cargo fetch --locked)"
  cargo fetch --locked || return 1

  say "ready in $((SECONDS - t0)) s"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  parcours_setup || exit 1
else
  parcours_setup
fi
