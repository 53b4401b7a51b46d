#!/usr/bin/env bash
# Trains the lesson's word-level GPT on Debian's fortunes and writes
# lessons/models/trained_gpt.json (docs/TRAINED.md). Needs the `fortunes`
# package (scripts/setup.sh installs it). Same seed, same machine: same file.
# Extra arguments go to the trainer, e.g. scripts/train.sh --steps 200 --out /tmp/t.json
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=/usr/share/games/fortunes
[ -d "$corpus" ] || { echo "train: $corpus is missing; run scripts/setup.sh (package fortunes)" >&2; exit 1; }

cmake --preset native -B build/train -DCMAKE_BUILD_TYPE=Release -DATTN_BUILD_TESTS=OFF >/dev/null
cmake --build build/train --target train_gpt --parallel 2

mkdir -p lessons/models
build/train/train/train_gpt --corpus "$corpus" --out lessons/models/trained_gpt.json --seed 8 "$@"
