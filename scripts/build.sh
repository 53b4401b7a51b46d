#!/usr/bin/env bash
# Builds dist/, the complete static site: the wasm module from the CMake "wasm"
# preset (attention.js + attention.wasm for http, attention-offline.js for file://),
# plus the page from shell/ with its scripts bundled and minified into one file and
# its stylesheets into one (scripts/bundle_shell.mjs).
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
quiet wasm-build cmake --build --preset wasm --target attention attention_offline --parallel "$jobs"
modules=(attention.js attention.wasm attention-offline.js)
for f in "${modules[@]}"; do
  [ -f "build/wasm/web/$f" ] || fail "the wasm build finished but build/wasm/web/$f is missing"
done

# Copy the modules and the page. Unchanged files are left untouched, so servers
# and caches see no churn. Emscripten's glue goes out through terser: its
# -Oz output keeps every local name (a third of the script gzipped).
mkdir -p dist
terser=node_modules/.bin/terser
[ -x "$terser" ] || fail "terser is missing: run scripts/setup.sh (it installs the Node packages)"
cp -u --preserve=timestamps build/wasm/web/attention.wasm dist/attention.wasm
for f in attention.js attention-offline.js; do
  if [ ! -f "dist/$f" ] || [ "build/wasm/web/$f" -nt "dist/$f" ]; then
    quiet "terser-$f" "$terser" "build/wasm/web/$f" --compress --mangle --output "dist/$f"
  fi
done
cp -u --preserve=timestamps shell/favicon.svg dist/

# index.html with one minified script and one stylesheet in place of the
# readable files shell/ keeps (scripts/bundle_shell.mjs says why).
quiet bundle-shell node scripts/bundle_shell.mjs shell dist

# The licences travel with the folder (LICENSE, docs/SHIPPING.md): ours, and the
# third-party ones copied from what is installed with each component.
cp -u --preserve=timestamps LICENSE dist/LICENSE.txt
quiet third-party-notice node scripts/third_party_notice.mjs dist/THIRD_PARTY_NOTICES.txt

# Drop whatever an earlier build left that this one did not write (bundle_shell.mjs
# tidies js/ and css/ itself).
(cd dist && find . -type f -print0) |
  while IFS= read -r -d '' f; do
    case $f in
      ./attention.js|./attention.wasm|./attention-offline.js|./index.html|./favicon.svg) continue ;;
      ./LICENSE.txt|./THIRD_PARTY_NOTICES.txt) continue ;;
      ./js/*|./css/*) continue ;;
      ./models/trained_gpt.js) [ -f lessons/models/trained_gpt.json ] && continue ;;
      ./names/first_names.js) continue ;;
    esac
    rm -f "dist/$f"
  done
find dist -mindepth 1 -type d -empty -delete

# -- Trained heads (docs/TRAINED.md) --------------------------------------------
# The trained model's weights go out as a classic script that sets one global to
# the JSON text: it loads lazily (only when the learner picks "trained"), also from
# file:// where fetch fails, and under the page's script-src 'self'. Rewritten only
# when the weights change.
if [ -f lessons/models/trained_gpt.json ] &&
   [ ! dist/models/trained_gpt.js -nt lessons/models/trained_gpt.json ]; then
  mkdir -p dist/models
  node -e 'const fs = require("fs");
    const text = JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8")));
    fs.writeFileSync(process.argv[2], "window.ATTENTION_TRAINED_GPT = " + JSON.stringify(text) + ";\n");' \
    lessons/models/trained_gpt.json dist/models/trained_gpt.js
fi
# -- end of trained heads ---------------------------------------------------------

# -- First names (docs/MODEL.md, "Names") -----------------------------------------
# The full list loads when the learner first types a sentence (js/names.js), as a
# classic script setting one global to the JSON text, for the same reasons as the
# trained model above. The core has the lesson's own names compiled in.
if [ ! dist/names/first_names.js -nt lessons/names/first_names.json ]; then
  mkdir -p dist/names
  node -e 'const fs = require("fs");
    const text = JSON.stringify(JSON.parse(fs.readFileSync(process.argv[1], "utf8")));
    fs.writeFileSync(process.argv[2], "window.ATTENTION_FIRST_NAMES = " + JSON.stringify(text) + ";\n");' \
    lessons/names/first_names.json dist/names/first_names.js
fi
# -- end of first names -------------------------------------------------------------

echo "build: dist/ is ready ($(du -sh dist | cut -f1), module $(du -h dist/attention.wasm | cut -f1) + $(du -h dist/attention.js | cut -f1) of script)"
