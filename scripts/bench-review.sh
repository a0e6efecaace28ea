#!/usr/bin/env bash
# Workstation benchmark (issue 14): time to first paint of a 20-page scanned chart (next to a
# 1-page one) and of a worklist of 10,000 documents (next to one of 10), in headless Chromium
# against real `chartflow review` servers on 127.0.0.1, printed as ratios from one run.
#
#   bash scripts/bench-review.sh [RUNS]
# Needs a build (build/bin/chartflow) and the browser test's puppeteer-core (npm ci on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-5}
chartflow=$root/build/bin/chartflow
[ -x "$chartflow" ] || { echo "build first: bash scripts/run-tests.sh (or cmake --build build)" >&2; exit 1; }
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

deps=$root/build/review-browser-test
source tests/support/npm_deps.sh
npm_deps tests/review "$deps" "$work/npm.log" || exit 1
cp scripts/bench-review.mjs "$deps/"

# A 20-page and a 1-page scanned chart, made of the bundled synthetic scans (CCITT G4 TIFF).
mkdir -p "$work/scan1" "$work/scan20"
/usr/bin/python3 - "$work" <<'PY'
import sys
from PIL import Image
work = sys.argv[1]
names = ["scan-operative-note-fax-standard.tif", "scan-pathology-report-breast.tif", "scan-discharge-summary-upside-down.tif"]
pages = [Image.open(f"tests/fixtures/scans/{n}").convert("1") for n in names]
twenty = [pages[i % len(pages)] for i in range(20)]
twenty[0].save(f"{work}/scan20/chart-20-pages.tif", save_all=True, append_images=twenty[1:], compression="group4")
pages[1].save(f"{work}/scan1/chart-1-page.tif", compression="group4")
PY
for n in 1 20; do
  "$chartflow" run --config configs/without-pdf.json --input "$work/scan$n" --output "$work/out$n" --progress none >/dev/null
done
doc_of() { basename "$(ls "$1"/records/*.json | head -1)" .json; }

# Worklists of 10 and 10,000 documents: the sample charts' records, copied under new ids.
"$chartflow" run --config configs/without-pdf.json --input tests/fixtures/charts --output "$work/typed" --progress none >/dev/null
/usr/bin/python3 - "$work" <<'PY'
import json, os, sys, glob
work = sys.argv[1]
records = [json.load(open(f)) for f in sorted(glob.glob(f"{work}/typed/records/*.json"))]
for folder, n in (("list10", 10), ("list10000", 10000)):
    os.makedirs(f"{work}/{folder}/records")
    for i in range(n):
        r = records[i % len(records)]
        doc = f"doc-{i:016x}"
        r["document"]["id"] = doc
        with open(f"{work}/{folder}/records/{doc}.json", "w") as f:
            json.dump(r, f, separators=(",", ":"))
PY

port=0
serve() {  # serve FOLDER -> prints the URL
  "$chartflow" review --records "$1" --port 0 --port-file "$1/.port" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$1/.port" ] && break; sleep 0.1; done
  echo "http://127.0.0.1:$(cat "$1/.port")/"
}
u1=$(serve "$work/out1"); u20=$(serve "$work/out20"); u10=$(serve "$work/list10"); u10k=$(serve "$work/list10000")
du -sh "$work/list10000/records" | awk '{print "10,000 records on disk: " $1}'
node "$deps/bench-review.mjs" "$u1" "$(doc_of "$work/out1")" "$u20" "$(doc_of "$work/out20")" "$u10" "$u10k" "$runs"
