#!/usr/bin/env bash
# Fuzzes the bundle readers, their limits (hostile_limits: archives and boards built from a recipe), the 1/8-scale JPEG reader and the HEIC decoder (decode_heic) with cargo-fuzz (libFuzzer) on stable Rust, with no sanitizer.
# Usage: scripts/fuzz.sh [seconds per target, default 60]
# Reproduce a crash: cargo fuzz run --sanitizer none <target> fuzz/artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
for target in open_bundle open_html jpeg_dc hostile_limits decode_heic; do
  mkdir -p "fuzz/corpus/$target"
  seeds=seeds
  [ "$target" = jpeg_dc ] && seeds=seeds_jpeg
  [ "$target" = hostile_limits ] && seeds=seeds_limits
  [ "$target" = decode_heic ] && seeds=seeds_heic
  echo "== $target: ${seconds}s"
  (cd fuzz && cargo fuzz run --sanitizer none "$target" "corpus/$target" "$seeds" -- \
    -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 | tail -n 12)
done
