#!/usr/bin/env bash
# Runs issue 6's benchmarks side by side in one go and prints one table:
#   native -O3 (Google Benchmark), the same core as wasm under Node (plain, SIMD,
#   SIMD without exception catching), tfjs-backend-wasm, and plain JS loops,
# then the page metrics (bench/page_metrics.mjs) when dist/index.html exists,
# then "Watch it learn" training speed, native against wasm (bench/learn_bench.cpp).
# Usage: scripts/bench.sh [quick] [core|page|learn]
#   quick  one short batch per workload: a smoke run, not figures to quote
#   core   only the kernel benchmarks;  page  only the page metrics;  learn  only training
# Results land in build/bench/results/ (JSON per runner, results.md, page.json)
# and build/bench/learn/ (native.json, wasm.json, wasm-page.json, results.md).
# Budgets print PASS/FAIL; the exit status is non-zero only if something broke.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
only=""
for arg in "$@"; do
  case "$arg" in
    quick) quick=quick ;;
    core|page|learn) only=$arg ;;
    *) echo "usage: scripts/bench.sh [quick] [core|page|learn]" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh

export NODE_PATH=/usr/share/nodejs   # Emscripten's linker needs acorn from here
jobs=${ATTN_JOBS:-2}
results=build/bench/results
log_dir=build/bench/logs
mkdir -p "$results" "$log_dir"

quiet() {  # name command...: full output to a log, shown only on failure
  local log="$log_dir/$1.log"; shift
  if ! "$@" >"$log" 2>&1; then
    echo "bench: '$*' failed; last lines of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

run_core() {
  echo "bench: building native (-O3) and wasm benchmarks"
  [ -f build/bench/build.ninja ] || quiet native-configure cmake --preset bench
  quiet native-build cmake --build --preset bench --target attention_bench --parallel "$jobs"
  [ -f build/bench-wasm/build.ninja ] || quiet wasm-configure cmake --preset bench-wasm
  quiet wasm-build cmake --build --preset bench-wasm --parallel "$jobs" \
    --target wasm_bench_page wasm_bench wasm_bench_simd wasm_bench_simd_nocatch

  rm -f "$results"/*.json
  local start=$SECONDS
  # Every runner keeps the best of a few batches of >= 20 ms (two at n = 1024).
  local reps=5 min_time=0.02
  [ -n "$quick" ] && reps=1 min_time=0.005
  echo "bench: native (Google Benchmark)"
  build/bench/bench/attention_bench --benchmark_repetitions=$reps --benchmark_min_time=$min_time \
    --benchmark_out="$results/native.json" --benchmark_out_format=json >"$log_dir/native-run.log" 2>&1
  local variant
  for variant in wasm_page wasm wasm_simd wasm_simd_nocatch; do
    # The page's -Os flags make the kernels tens of times slower: n <= 256 only.
    local limit=""
    [ "$variant" = wasm_page ] && limit=max-n=256
    echo "bench: ${variant//_/-} (Node $(node --version))"
    node --no-experimental-fetch "build/bench-wasm/bench/${variant/wasm/wasm_bench}.js" $quick $limit "${variant//_/-}" \
      >"$results/${variant//_/-}.json"
  done
  echo "bench: tfjs-wasm"
  node --no-experimental-fetch bench/js/tfjs_bench.mjs $quick >"$results/tfjs-wasm.json"
  echo "bench: plain JS"
  node bench/js/plain_bench.mjs $quick >"$results/plain-js.json"
  echo "bench: kernel runs took $((SECONDS - start)) s"
  echo
  node bench/js/report.mjs "$results" "$results/results.md"
  echo
}

run_page() {
  if [ ! -f dist/index.html ]; then
    echo "bench: page metrics skipped: dist/index.html is missing (build the page with scripts/build.sh first)"
    return 0
  fi
  echo "bench: page metrics (headless Chromium)"
  node bench/page_metrics.mjs $quick --out "$results/page.json"
}

# Training steps/s and time to 95% (issue 8), in its own folder: report.mjs
# reads every JSON file in $results. ATTN_LEARN_BUILD overrides the build
# folders' prefix (build/bench and build/bench-wasm by default).
run_learn() {
  local native=${ATTN_LEARN_BUILD:-build/bench}
  local wasm=$native-wasm out=$native/learn
  mkdir -p "$out"
  echo "bench: building learn_bench: native (-O3), wasm (the core's flags), wasm-page (as the page builds it)"
  [ -f "$native/build.ninja" ] || quiet learn-native-configure cmake --preset bench -B "$native"
  quiet learn-native-build cmake --build "$native" --target learn_bench --parallel "$jobs"
  [ -f "$wasm/build.ninja" ] || quiet learn-wasm-configure cmake --preset bench-wasm -B "$wasm"
  quiet learn-wasm-build cmake --build "$wasm" --target learn_bench learn_bench_page --parallel "$jobs"
  echo "bench: learn native"
  "$native/bench/learn_bench" $quick native >"$out/native.json"
  local variant
  for variant in learn_bench learn_bench_page; do
    local name=${variant/learn_bench/wasm}
    echo "bench: learn ${name//_/-} (Node $(node --version))"
    node --no-experimental-fetch "$wasm/bench/$variant.js" $quick "${name//_/-}" >"$out/${name//_/-}.json"
  done
  echo
  node bench/js/learn_report.mjs "$out/native.json" "$out/wasm.json" "$out/wasm-page.json" --md "$out/results.md"
  echo
}

wanted() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if wanted core; then run_core; fi
if wanted page; then run_page; fi
if wanted learn; then run_learn; fi
