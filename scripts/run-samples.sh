#!/usr/bin/env bash
# Sets up chartflow on a fresh Debian 12 machine and runs the default pipeline on the bundled
# sample charts. Records go to ./out/records (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-out}

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target chartflow_runtime

./build/bin/chartflow run --config configs/default.json --input tests/fixtures/charts tests/fixtures/scans --output "$output" --pretty
echo
echo "Records: $output/records/ (one JSON file per chart; check them with ./build/bin/chartflow validate --record $output/records)"
