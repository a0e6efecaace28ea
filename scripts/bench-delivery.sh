#!/usr/bin/env bash
# EHR delivery benchmark, measured side by side in one run: how many FHIR bundles chartflow
# builds per second, and what delivering costs per document: `chartflow export fhir` writing
# bundles to files, then POSTing them to the loopback FHIR server (tests/peers/fhir/server.mjs,
# first delivery and a repeat that creates nothing), and `chartflow export hl7v2` to the MLLP test
# receiver. The records are the sample charts, each copied COPIES times with a distinct header
# line so that every copy is its own chart. Prints ratios; never a pass/fail on time.
#
# bench-delivery.sh [COPIES]   (default 20; needs a built tree: cmake --build build)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-20}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
chartflow=build/bin/chartflow

mkdir -p "$work/in"
for i in $(seq 1 "$copies"); do
  for f in tests/fixtures/charts/*.txt; do
    case "$f" in *utf16*|*windows1252*) continue ;; esac
    { head -1 "$f"; echo "Copy $i of the bench charts."; tail -n +2 "$f"; } >"$work/in/$(basename "$f" .txt)-$i.txt"
  done
done
echo "coding $(ls "$work/in" | wc -l) charts ..."
"$chartflow" run --config configs/default.json --input "$work/in" --output "$work/out" >/dev/null 2>&1 || true
records=$(ls "$work/out/records" | wc -l)

build/bin/chartflow_fhir_bench "$work/out/records" 20

deps=build/fhir-peer
if [ ! -d "$deps/node_modules/@medplum/fhir-router" ]; then
  mkdir -p "$deps" && cp tests/peers/fhir/package*.json "$deps/" && (cd "$deps" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi
cp tests/peers/fhir/*.mjs "$deps/"
seed="$work/seed.json"
node -e '
  const n = Number(process.argv[1]), entry = [];
  for (let i = 1; i <= 6; i++) entry.push({resource: {resourceType: "Patient", identifier: [{system: "http://hospital.example.org/mrn", value: "00-000-000" + i}]}});
  require("fs").writeFileSync(process.argv[2], JSON.stringify({resourceType: "Bundle", type: "collection", entry}));' "$copies" "$seed"
node "$deps/server.mjs" --port 0 --seed "$seed" --log "$work/server.log" >"$work/server.out" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 300); do grep -q '^listening' "$work/server.out" && break; sleep 0.1; done
port=$(awk '/^listening/ {print $2}' "$work/server.out")
/usr/bin/python3 tests/peers/hl7/mllp_peer.py --port 0 --out "$work/mllp.jsonl" >"$work/mllp.out" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^listening' "$work/mllp.out" && break; sleep 0.1; done
mllp_port=$(awk '/^listening/ {print $2}' "$work/mllp.out")

fhir=(--patient-identifier-system http://hospital.example.org/mrn --organization "Example Hospital")
timed() {  # timed LABEL command...: prints the milliseconds the command took
  local start end
  shift
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
mkdir -p "$work/bundles"
files_ms=$(timed files "$chartflow" export fhir --records "$work/out" --all --output-dir "$work/bundles" "${fhir[@]}")
post_ms=$(timed post "$chartflow" export fhir --records "$work/out" --all --base-url "http://127.0.0.1:$port/" "${fhir[@]}")
server_ms=$(node -e '
  let t = 0;
  for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) if (l.includes("\"POST\"")) t += JSON.parse(l).ms;
  console.log(Math.round(t))' "$work/server.log")
again_ms=$(timed again "$chartflow" export fhir --records "$work/out" --all --base-url "http://127.0.0.1:$port/" "${fhir[@]}")
hl7_ms=$(timed hl7 "$chartflow" export hl7v2 --records "$work/out" --all --host 127.0.0.1 --port "$mllp_port")
per() { awk -v t="$1" -v n="$records" 'BEGIN {printf "%.2f ms/record", t / n}'; }
echo "records: $records"
echo "export fhir to files:              $(per "$files_ms")"
echo "export fhir to the loopback server: $(per "$post_ms") (first delivery), $(per "$again_ms") (repeat, nothing created)"
echo "export hl7v2 to the MLLP receiver:  $(per "$hl7_ms")"
awk -v f="$files_ms" -v p="$post_ms" -v s="$server_ms" -v n="$records" 'BEGIN {
  printf "delivery overhead of POSTing over writing files: %.2f ms/record (%.1fx), of which the test server spent %.2f ms/record\n", (p - f) / n, p / f, s / n
  printf "HTTP overhead on the chartflow side per record (POST minus files minus server time): %.2f ms\n", (p - f - s) / n }'
