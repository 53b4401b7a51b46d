#!/usr/bin/env bash
# Packs the built site (dist/) into one zip that opens from a downloaded folder.
# Builds first, so the zip always matches the sources.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
mkdir -p build/package
out=build/package/attention-lesson.zip
rm -f "$out"
# -X leaves out extra file attributes, so the archive depends only on the files.
(cd dist && zip -q -r -X "../$out" .)
echo "package: $out ($(du -h "$out" | cut -f1))"
