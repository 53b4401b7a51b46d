#!/usr/bin/env bash
# Runs every test suite: the core's GoogleTest suite natively, as WebAssembly under
# Node, and under AddressSanitizer+UBSan; the module's JSON API under Node; and the
# page end to end in headless Chromium. Prints one line per suite and, as the very
# last line, "N passed, N failed" over all suites. Exits non-zero if any test failed
# or any suite could not run (a suite that cannot run counts as one failure).
set -uo pipefail
cd "$(dirname "$0")/.."

export NODE_PATH=/usr/share/nodejs   # Emscripten's linker needs acorn from here
jobs=${ATTN_JOBS:-2}
log_dir=test-results/logs
mkdir -p "$log_dir"
started=$(date +%s)
total_passed=0
total_failed=0
problems=()

note_broken() {   # a suite that could not run: one failure, and say why
  echo "test: $1: could not run ($2); see $3" >&2
  total_failed=$((total_failed + 1))
  problems+=("$1")
}

# Configure a preset once (ninja re-runs CMake itself when needed), then build targets.
build_preset() {  # preset log target...
  local preset=$1 log=$2; shift 2
  {
    if [ ! -f "build/$preset/build.ninja" ]; then
      cmake --preset "$preset" || return 1
    fi
    cmake --build --preset "$preset" --target "$@" --parallel "$jobs"
  } >"$log" 2>&1
}

# Counts from GoogleTest's summary ("[  PASSED  ] 12 tests.", "[  FAILED  ] 1 test, ...")
# or from node's TAP reporter ("# pass 12", "# fail 0", "# cancelled 0").
count_results() {  # kind log -> "passed failed" or "" when the log has no summary
  local kind=$1 log=$2 p f c
  if [ "$kind" = gtest ]; then
    p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) tests\{0,1\}\..*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) tests\{0,1\}, .*/\1/p' "$log" | tail -n 1)
    [ -z "$p" ] && [ -z "$f" ] && return 0
    echo "${p:-0} ${f:-0}"
  else
    p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
    c=$(sed -n 's/^# cancelled \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
    [ -z "$p" ] && [ -z "$f" ] && return 0
    echo "${p:-0} $(( ${f:-0} + ${c:-0} ))"
  fi
}

show_failures() {  # kind log
  if [ "$1" = gtest ]; then
    grep -E -A12 'Failure$|runtime error|ERROR: AddressSanitizer|Aborted' "$2" | head -n 120 >&2
  else
    grep -E -A25 '^ *not ok ' "$2" | head -n 160 >&2
  fi
  tail -n 15 "$2" >&2
}

run_suite() {  # name kind command...
  local name=$1 kind=$2; shift 2
  local log="$log_dir/$(echo "$name" | sed "s/[^a-z0-9]\{1,\}/-/g; s/-$//").log" t0=$(date +%s) status counts p f
  "$@" >"$log" 2>&1
  status=$?
  counts=$(count_results "$kind" "$log")
  if [ -z "$counts" ]; then
    show_failures "$kind" "$log"
    note_broken "$name" "no test summary, exit status $status" "$log"
    return
  fi
  read -r p f <<<"$counts"
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  echo "test: $name: $p passed, $f failed ($(( $(date +%s) - t0 ))s)"
  if [ "$f" -gt 0 ]; then
    show_failures "$kind" "$log"
    problems+=("$name")
  elif [ "$status" -ne 0 ]; then
    # Every test passed but the process failed (a crash at exit, a leak report): a failure.
    show_failures "$kind" "$log"
    note_broken "$name" "exit status $status after the tests" "$log"
  fi
}

finish() {
  echo "test: finished in $(( $(date +%s) - started ))s${problems[*]:+; problems in: ${problems[*]}}"
  echo "$total_passed passed, $total_failed failed"
  [ "$total_failed" -eq 0 ]
  exit
}

if ! bash scripts/setup.sh; then
  note_broken "setup" "scripts/setup.sh failed" "its output above"
  finish
fi

# 1. The core natively.
if build_preset native "$log_dir/build-native.log" core_tests; then
  run_suite "core (native)" gtest build/native/tests/core_tests
else
  tail -n 30 "$log_dir/build-native.log" >&2
  note_broken "core (native)" "the native build failed" "$log_dir/build-native.log"
fi

# 2. The same core tests compiled to WebAssembly, under Node.
if build_preset wasm "$log_dir/build-wasm-tests.log" core_tests; then
  run_suite "core (wasm)" gtest node --no-experimental-fetch build/wasm/tests/core_tests.js
else
  tail -n 30 "$log_dir/build-wasm-tests.log" >&2
  note_broken "core (wasm)" "the wasm build of the tests failed" "$log_dir/build-wasm-tests.log"
fi

# 3. The core under AddressSanitizer and UndefinedBehaviorSanitizer, when the preset exists.
if grep -q '"name": *"native-asan"' CMakePresets.json; then
  if build_preset native-asan "$log_dir/build-native-asan.log" core_tests; then
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
      run_suite "core (asan+ubsan)" gtest build/native-asan/tests/core_tests
  else
    tail -n 30 "$log_dir/build-native-asan.log" >&2
    note_broken "core (asan+ubsan)" "the sanitizer build failed" "$log_dir/build-native-asan.log"
  fi
fi

# 4. The site, then the module under Node and the page in the browser.
if bash scripts/build.sh; then
  shopt -s nullglob
  node_tests=(tests/node/*.mjs)
  e2e_tests=(tests/e2e/*.mjs)
  if [ ${#node_tests[@]} -gt 0 ]; then
    run_suite "module (node)" tap node --no-experimental-fetch --test --test-reporter=tap "${node_tests[@]}"
  else
    note_broken "module (node)" "no tests in tests/node" "-"
  fi
  if [ ${#e2e_tests[@]} -gt 0 ]; then
    # One browser at a time: the machine has two cores and SwiftShader uses them.
    run_suite "page (e2e)" tap timeout 1200 node --test --test-concurrency=1 --test-reporter=tap "${e2e_tests[@]}"
  else
    note_broken "page (e2e)" "no tests in tests/e2e" "-"
  fi
else
  note_broken "module (node)" "scripts/build.sh failed" "build/logs"
  note_broken "page (e2e)" "scripts/build.sh failed" "build/logs"
fi

finish
