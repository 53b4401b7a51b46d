#!/usr/bin/env bash
# Installs what is missing, builds dist/ and serves it on 127.0.0.1 (PORT, default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

port=${PORT:-8000}
echo "Serving the lesson at http://127.0.0.1:$port/  (Ctrl+C to stop)"
# Python's server maps .js to text/javascript and .wasm to application/wasm.
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
