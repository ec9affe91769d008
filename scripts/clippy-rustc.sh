#!/bin/sh
# rustc with Clippy's lints, warnings denied. scripts/test.sh compiles the workspace's own crates
# through it (RUSTC_WORKSPACE_WRAPPER; Cargo calls `clippy-rustc.sh rustc <arguments>`), so that
# the build that the tests need is also the Clippy check: the dependencies are compiled once,
# instead of once checked for `cargo clippy` and once built for `cargo test`. clippy-driver is
# rustc plus Clippy's lints, the documented way to run Clippy as a compiler
# (https://doc.rust-lang.org/clippy/usage.html); dependencies are compiled by plain rustc, as with
# `cargo clippy`. The same lints as `cargo clippy -- -D warnings`.
exec clippy-driver "$@" -D warnings
