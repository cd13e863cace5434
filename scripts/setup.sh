#!/usr/bin/env bash
# Installs whatever Flowboard's build and tests need and is missing; skips what is present.
# Idempotent and non-interactive (CI runs it as root with no stdin). Only package registries are
# contacted: the Rust, npm and Debian package registries. A second run with everything present takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the exactly pinned `wasm-bindgen` crate in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' Cargo.toml)
: "${WASM_BINDGEN_VERSION:?Cargo.toml must pin wasm-bindgen exactly (=x.y.z)}"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# 1. Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. rustfmt and clippy: the test command checks formatting and lints (rustup's default profile
#     has both; added only if this toolchain lacks them).
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "adding the $component component"
    rustup component add "$component"
  fi
done

# 2. Debian chromium + chromedriver for end-to-end and wasm-bindgen tests, and CJK + emoji fonts
#    so screenshots show Chinese captions the way a user's system fonts would. libheif-examples
#    (heif-enc, heif-convert) makes HEIC fixtures and their reference pixels in tests; ffmpeg
#    makes video clips for tests.
APT_PACKAGES=(chromium chromium-driver fonts-wqy-zenhei fonts-noto-color-emoji libheif-examples ffmpeg)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# 3. npm packages from the committed lockfile (binaryen for wasm-opt, playwright-core; for the
#    tests pdfjs-dist to read printed PDFs and axe-core for accessibility audits).
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.flowboard-lock ] || [ "$(cat node_modules/.flowboard-lock)" != "$lock_sum" ]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.flowboard-lock
fi

# 4. Trunk and wasm-bindgen-cli, built from the Rust package registry once.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (takes a few minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a couple of minutes once)"
  # Not --locked: the registry lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

log "ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null)"
