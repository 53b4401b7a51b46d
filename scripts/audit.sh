#!/usr/bin/env bash
# Audits the built page with Lighthouse 12 (desktop preset, headless Chromium) and
# prints the four category scores with PASS/FAIL against the lesson's targets:
# accessibility 100, best practices >= 95, SEO >= 90, performance >= 90.
# Serves dist/ on 127.0.0.1 with the e2e harness's static server; build dist/ first
# (scripts/build.sh). Exits non-zero when a score misses its target.
# The full report is left in test-results/lighthouse/ (HTML and JSON).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out_dir=test-results/lighthouse
mkdir -p "$out_dir"

[ -f dist/index.html ] || { echo "audit: dist/ is missing: run scripts/build.sh first" >&2; exit 1; }
[ -x node_modules/.bin/lighthouse ] || { echo "audit: lighthouse is not installed: npm install" >&2; exit 1; }
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

# The server prints its URL on its first line and runs until killed.
url_file=$(mktemp)
profile=$(mktemp -d)
node --input-type=module -e "
  import { startServer } from '$root/tests/e2e/helpers/harness.mjs';
  const s = await startServer();
  console.log(s.url);
" >"$url_file" &
server_pid=$!
cleanup() { kill "$server_pid" 2>/dev/null || true; rm -rf "$url_file" "$profile"; }
trap cleanup EXIT

for _ in $(seq 50); do [ -s "$url_file" ] && break; sleep 0.1; done
url=$(head -n 1 "$url_file")
[ -n "$url" ] || { echo "audit: the static server did not start" >&2; exit 1; }

node_modules/.bin/lighthouse "$url" \
  --preset=desktop --quiet \
  --output=json --output=html --output-path="$out_dir/report" \
  --chrome-flags="--headless --no-sandbox --use-angle=swiftshader --enable-unsafe-swiftshader --disable-background-networking --disable-component-update --no-first-run --disable-sync --user-data-dir=$profile" \
  >"$out_dir/lighthouse.log" 2>&1 || { tail -n 30 "$out_dir/lighthouse.log" >&2; exit 1; }

# Scores, targets and the audits that cost points, read from the JSON report.
node - "$out_dir/report.report.json" <<'EOF'
const fs = require('fs');
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const targets = { performance: 90, accessibility: 100, 'best-practices': 95, seo: 90 };
let failed = 0;
for (const [id, target] of Object.entries(targets)) {
  const category = report.categories[id];
  const score = category && category.score != null ? Math.round(category.score * 100) : null;
  const ok = score != null && score >= target;
  if (!ok) failed++;
  console.log(`audit: ${category ? category.title : id}: ${score ?? 'no score'} (target ${target}) ${ok ? 'PASS' : 'FAIL'}`);
  if (!ok && category) {
    for (const ref of category.auditRefs) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit.score != null && audit.score < 1) {
        console.log(`audit:   - ${audit.title} (${audit.displayValue || Math.round(audit.score * 100)})`);
      }
    }
  }
}
process.exit(failed ? 1 : 0);
EOF
