#!/usr/bin/env bash
# Installs everything the build and the tests need, on Debian 12 as root.
# Idempotent: each step checks first, so a repeat run takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  emscripten            # emcc 3.1.6, clang-14, lld, binaryen
  cmake ninja-build
  libeigen3-dev nlohmann-json3-dev
  googletest libgtest-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev   # libFuzzer and sanitizers
  chromium                      # browser end-to-end tests
  fonts-inter fonts-dejavu-core python3-fonttools
  zip gzip
  fortunes                      # scripts/train.sh: the trained heads' corpus (and its licence, for the notice)
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.86 sources come from Debian's source package. A private apt
# configuration, derived from the machine's own sources, adds the deb-src entry
# without touching the system's apt setup or naming any mirror here.
imgui_dir=third_party/imgui
imgui_version=1.86
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui $imgui_version sources"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/lists/partial" "$tmp/sources.list.d"
  src_file=$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 || true)
  if [ -n "$src_file" ]; then
    sed 's/^Types: deb$/Types: deb-src/' "$src_file" > "$tmp/sources.list.d/src.sources"
  else
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$tmp/sources.list.d/src.list"
  fi
  apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$tmp/sources.list.d"
            -o "Dir::State::Lists=$tmp/lists" -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq
  (cd "$tmp" && apt-get "${apt_opts[@]}" source --download-only imgui >/dev/null)
  mkdir -p "$imgui_dir"
  tar -xf "$tmp"/imgui_*.orig.tar.* -C "$imgui_dir" --strip-components=1
  rm -rf "$tmp"
fi
got=$(sed -n 's/^#define IMGUI_VERSION *"\(.*\)"/\1/p' "$imgui_dir/imgui.h")
[ "$got" = "$imgui_version" ] || { echo "setup: expected Dear ImGui $imgui_version, got '$got'" >&2; exit 1; }

# Node packages for the build (terser), the browser tests and the benchmarks,
# pinned by package-lock.json.
if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
