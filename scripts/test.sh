#!/usr/bin/env bash
# One command runs every test: installs what is missing, runs the native tests of the pure core,
# builds the release app, and drives it in headless Chromium (node --test). Exits non-zero if
# anything fails. Screenshots land in test-results/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "== format (cargo fmt --check: run \`cargo fmt --all\` to fix)"
cargo fmt --all --check

echo "== lint (clippy, warnings are errors)"
cargo clippy --locked --workspace --all-targets --features tasks -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --bins --features tasks -- -D warnings

echo "== native tests (cargo test)"
cargo test --locked --workspace

echo "== release build"
bash scripts/build.sh
node scripts/size-guard.mjs dist  # the page before a drop, gzip -9: fails past its limit (BENCHMARKS.md, "App size")

echo "== end-to-end tests in headless Chromium"
node --test --test-concurrency=1 --test-timeout=240000 tests/e2e/
