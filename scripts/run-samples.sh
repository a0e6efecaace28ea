#!/usr/bin/env bash
# Sets up chartflow on a fresh Debian 12 machine and runs the default pipeline on the bundled
# sample charts (records in ./out/records, or the folder given as the first argument), then the
# registry pipeline on the bundled pathology reports (./out/registry, with naaccr.xml and cases.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-out}

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target chartflow_runtime

./build/bin/chartflow run --config configs/default.json --input tests/fixtures/charts tests/fixtures/scans --output "$output" --pretty
echo
echo "Records: $output/records/ (one JSON file per chart; check them with ./build/bin/chartflow validate --record $output/records)"

# The registry job: the bundled synthetic pathology reports (typed and HL7) to a NAACCR XML file.
echo
./build/bin/chartflow run --config configs/registry.json --input tests/fixtures/registry/reports --output "$output/registry" --pretty
./build/bin/chartflow export naaccr --records "$output/registry" --output "$output/registry/naaccr.xml" --case-list "$output/registry/cases.csv"

# The coder's workstation on the sample output (docs/review.md).
echo
echo "Review the codes against the page they came from, in the coder's workstation:"
echo "  ./build/bin/chartflow review --records $output     # then open http://127.0.0.1:8470/ (Ctrl-C stops it)"
