#!/usr/bin/env bash
# Packs the built site (dist/) for the three ways the lesson ships (docs/SHIPPING.md):
#   build/package/attention-lesson.zip            the offline folder, opens from file://
#   build/package/attention-lesson-scorm12.zip    with --scorm12: imsmanifest.xml + the site
#   build/package/attention-lesson-scorm2004.zip  with --scorm2004: the same for SCORM 2004
# Options:
#   --no-build        pack dist/ as it is instead of running scripts/build.sh first
#   --scorm12         also write the SCORM 1.2 package
#   --scorm2004       also write the SCORM 2004 package
#   --base-url URL    where the site will be served (https://.../): adds oembed.json and
#                     the page's oEmbed discovery link to every package
# The packages are staged in build/package/site/, so dist/ stays exactly what the build made.
# ATTN_PACKAGE_DIR=dir writes everything there instead of build/package.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
fail() { echo "package: $*" >&2; exit 1; }

build=1 scorm12=0 scorm2004=0 base_url=""
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    --scorm12) scorm12=1 ;;
    --scorm2004) scorm2004=1 ;;
    --base-url) [ $# -ge 2 ] || fail "--base-url needs a URL"; base_url=$2; shift ;;
    --base-url=*) base_url=${1#--base-url=} ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option '$1'" ;;
  esac
  shift
done
if [ -n "$base_url" ]; then
  case $base_url in
    http://*|https://*) ;;
    *) fail "--base-url must start with http:// or https://, got '$base_url'" ;;
  esac
  case $base_url in */) ;; *) base_url="$base_url/" ;; esac
  case $base_url in *'"'*|*'<'*|*'>'*|*' '*|*'@'*|*'|'*|*'&'*|*'\'*) fail "--base-url contains a character that is not allowed" ;; esac
fi
command -v zip >/dev/null || fail "'zip' is not installed (apt-get install zip)"

[ "$build" = 1 ] && bash scripts/build.sh
for f in dist/index.html dist/attention.js dist/attention.wasm dist/attention-offline.js; do
  [ -f "$f" ] || fail "$f is missing: run scripts/build.sh (or drop --no-build)"
done

# The site must stand alone: no script, style, image or font from another host.
external=$(grep -rnoE '(src|href)="(https?:)?//[^"]*"|url\((["'"'"']?)(https?:)?//[^)]*\)|@import[^;]*//' \
  --include='*.html' --include='*.css' dist || true)
[ -z "$external" ] || fail "the site refers to another host, so it would not work offline:
$external"

out_dir=${ATTN_PACKAGE_DIR:-build/package}   # the tests pack into a folder of their own
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
site=$out_dir/site
rm -rf "$site"
mkdir -p "$site"
cp -R dist/. "$site/"

if [ -n "$base_url" ]; then
  sed "s|@BASE_URL@|$base_url|g" packaging/oembed.json >"$site/oembed.json"
  # oEmbed discovery: consumers look for this link in the page's head.
  link="  <link rel=\"alternate\" type=\"application/json+oembed\" href=\"${base_url}oembed.json\" title=\"How attention actually works\">"
  awk -v link="$link" '{ print } /<link rel="icon"/ && !done { print link; done = 1 }' \
    "$site/index.html" >"$site/index.html.new"
  mv "$site/index.html.new" "$site/index.html"
fi

zip_dir() {  # dir zipfile: the folder's contents at the root of the zip, stable order
  local dir=$1 out=$2
  rm -f "$out"
  # -X leaves out extra file attributes, so the archive depends only on the files.
  (cd "$dir" && find . -type f | LC_ALL=C sort | sed 's|^\./||' | zip -q -X -@ "$out")
  echo "package: $out ($(du -h "$out" | cut -f1))"
}

zip_dir "$site" "$out_dir/attention-lesson.zip"

scorm_package() {  # version(12|2004)
  local version=$1 dir="$out_dir/scorm$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -R "$site/." "$dir/"
  # One <file> per file of the site, for the manifest's single resource.
  local files
  files=$(cd "$site" && find . -type f | LC_ALL=C sort | sed 's|^\./||' |
    sed 's/&/\&amp;/g; s/"/\&quot;/g; s/</\&lt;/g' | sed 's|.*|      <file href="&"/>|')
  awk -v files="$files" '$0 == "@FILES@" { print files; next } { print }' \
    "packaging/imsmanifest-scorm$version.xml" >"$dir/imsmanifest.xml"
  if command -v xmllint >/dev/null; then
    xmllint --noout "$dir/imsmanifest.xml" || fail "imsmanifest.xml for SCORM $version is not well-formed"
  fi
  zip_dir "$dir" "$out_dir/attention-lesson-scorm$version.zip"
}

[ "$scorm12" = 1 ] && scorm_package 12
[ "$scorm2004" = 1 ] && scorm_package 2004
exit 0
