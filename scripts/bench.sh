#!/usr/bin/env bash
# The benchmark suite in one command: builds the release app, then runs every stage in headless
# Chromium (import vs the browser's own decoder, export, cold load, scale) and prints a table;
# results in bench/results/run.json. `--smoke` for the quick version the test command runs.
# Native micro-benchmarks are separate: cargo bench -p flowboard-core
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
node bench/run.mjs "$@"
