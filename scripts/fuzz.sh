#!/usr/bin/env bash
# Runs each libFuzzer target for a set time (default 60 s each; FUZZ_SECONDS to
# change) over the corpus kept in tests/fuzz_corpus/, and prints executions and
# findings. Crashes are written to build/fuzz/findings/. Name targets to run only
# those: scripts/fuzz.sh tokenizer lesson_loader.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
bash scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
mkdir -p build/fuzz/findings
status=0
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer lesson_loader json_api)
for target in "${targets[@]}"; do
  corpus=tests/fuzz_corpus/${target}
  work=build/fuzz/corpus/${target}
  mkdir -p "$work"
  log=build/fuzz/${target}.log
  echo "fuzz: ${target} for ${seconds}s"
  if ! build/fuzz/fuzz/fuzz_${target} -max_total_time="$seconds" -max_len=4096 -timeout=60 \
      -artifact_prefix=build/fuzz/findings/${target}- "$work" "$corpus" >"$log" 2>&1; then
    status=1
    echo "fuzz: ${target} FOUND A PROBLEM, see $log and build/fuzz/findings/"
  fi
  grep -E '^#[0-9]+.*(DONE|pulse)' "$log" | tail -n 1 || true
done
exit $status
