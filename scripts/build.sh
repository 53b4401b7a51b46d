#!/usr/bin/env bash
# Builds dist/, the complete static site: the wasm module (dist/attention.js) from the
# CMake "wasm" preset, plus everything in shell/ (page, styles, scripts, icons).
# Incremental: ninja rebuilds only what changed. Does not install anything; run
# scripts/setup.sh first (run.sh and test.sh do).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Emscripten 3.1.6 on Debian needs this to find acorn when it links at -O1 and above.
export NODE_PATH=/usr/share/nodejs
jobs=${ATTN_JOBS:-2}
log_dir=build/logs
mkdir -p "$log_dir"

fail() { echo "build: $*" >&2; exit 1; }

# Quiet steps: the full output goes to a log, shown only when the step fails.
quiet() {
  local name=$1; shift
  local log="$log_dir/$name.log"
  if ! "$@" >"$log" 2>&1; then
    echo "build: '$*' failed; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

for tool in cmake ninja emcc node; do
  command -v "$tool" >/dev/null || fail "'$tool' is not installed: run scripts/setup.sh"
done
[ -f third_party/imgui/imgui.cpp ] || fail "Dear ImGui sources are missing: run scripts/setup.sh"
[ -f shell/index.html ] || fail "shell/index.html is missing: the page has nothing to serve"

# Configure once; afterwards ninja re-runs CMake by itself when a CMakeLists changes.
if [ ! -f build/wasm/build.ninja ]; then
  quiet wasm-configure cmake --preset wasm
fi
quiet wasm-build cmake --build --preset wasm --target attention --parallel "$jobs"
module=build/wasm/web/attention.js
[ -f "$module" ] || fail "the wasm build finished but $module is missing"

# Copy the module and the page. cp -u keeps unchanged files untouched, so servers
# and caches see no churn.
mkdir -p dist
cp -u --preserve=timestamps "$module" dist/attention.js
cp -R -u --preserve=timestamps shell/. dist/
# Drop files that left shell/, keeping only the module the build wrote.
(cd dist && find . -type f ! -name 'attention.js' ! -name 'attention.wasm' -print0) |
  while IFS= read -r -d '' f; do
    [ -e "shell/$f" ] || rm -f "dist/$f"
  done
find dist -mindepth 1 -type d -empty -delete

echo "build: dist/ is ready ($(du -sh dist | cut -f1), module $(du -h dist/attention.js | cut -f1))"
