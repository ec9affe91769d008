#!/usr/bin/env bash
# Serves Parcours on the default scenario with live reload (README command 1):
#   bash scripts/serve.sh            → http://127.0.0.1:8080/
#   bash scripts/serve.sh --port 9000 --address 0.0.0.0   (any `trunk serve` option)
# Installs what is missing first (scripts/setup.sh). Debug build: the engine itself is still
# optimized (Cargo.toml), so the start-up run is quick.

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
source scripts/setup.sh || exit 1
printf '\033[1;34m[serve]\033[0m trunk serve %s (Ctrl-C to stop)\n' "$*"
exec trunk serve "$@"
