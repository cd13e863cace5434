#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build the release app, serve it on
# http://127.0.0.1:8080 (Ctrl+C stops). PORT=9000 scripts/serve.sh serves elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo "Flowboard: open http://127.0.0.1:${PORT:-8080}/"
exec node scripts/static-server.mjs --dir dist --port "${PORT:-8080}"
