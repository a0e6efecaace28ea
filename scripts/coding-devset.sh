#!/usr/bin/env bash
# Dev-set evaluation of coding on CodiEsp (not part of the test suite: it reads ../shared).
# Runs configs/research-all-findings.json (the all-findings policy CodiEsp's gold follows) over
# the English CodiEsp text of a split and scores the codes, then the mention candidates, against
# the gold diagnoses (D) and procedures (P) with chartflow_code_eval.
#   bash scripts/coding-devset.sh [dev|train]
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-dev}
corpus=../shared/data/corpora/codiesp/$split
[ -d "$corpus" ] || { echo "coding-devset: $corpus not found (the CodiEsp corpus lives in ../shared)" >&2; exit 1; }
out=build/coding-$split
rm -rf "$out"
cmake --build build --target chartflow_runtime chartflow_code_eval >/dev/null
start=$(date +%s.%N)
./build/bin/chartflow run --config configs/research-all-findings.json --input "$corpus/text_files_en" --output "$out" --jobs 1 >/dev/null || true
end=$(date +%s.%N)
echo "$(ls "$out/records" | wc -l) records, $(ls "$out/quarantine" 2>/dev/null | wc -l) quarantined, $(awk "BEGIN{print $end - $start}") s on one worker"
echo "== codes (all-findings policy)"
./build/bin/chartflow_code_eval "$out/records" --diagnoses "$corpus/${split}D.tsv" --procedures "$corpus/${split}P.tsv"
echo "== codes, edition-tolerant (a gold 2018 code FY2026 subdivided matches its FY2026 descendant)"
./build/bin/chartflow_code_eval "$out/records" --diagnoses "$corpus/${split}D.tsv" --procedures "$corpus/${split}P.tsv" --edition-tolerant
echo "== mention candidates (what the coder can reach)"
./build/bin/chartflow_code_eval "$out/records" --diagnoses "$corpus/${split}D.tsv" --procedures "$corpus/${split}P.tsv" --from-mentions
