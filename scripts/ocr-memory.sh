#!/usr/bin/env bash
# Memory benchmark of the OCR stage: peak resident memory of `chartflow run` with two workers on
# one 100-page scanned chart (pages stream: a page's image lives only while it is read), and the
# time it takes. Prints figures; not part of the test suite.
#   bash scripts/ocr-memory.sh [PAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-100}
work=build/ocr-memory
mkdir -p "$work"
[ -f "$work/chart-$pages.tif" ] || /usr/bin/python3 tests/support/make_scans.py --long tests/fixtures/charts "$work/chart-$pages.tif" "$pages"
cmake --build build --target chartflow_runtime >/dev/null
rm -rf "$work/out"
/usr/bin/python3 - "$work" "$pages" <<'PY'
import resource, subprocess, sys, time
work, pages = sys.argv[1], int(sys.argv[2])
started = time.time()
result = subprocess.run(["build/bin/chartflow", "run", "--config", "configs/default.json", "--input", f"{work}/chart-{pages}.tif",
                         "--output", f"{work}/out", "--jobs", "2"], capture_output=True, text=True)
seconds = time.time() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(result.stdout.strip())
print(f"{pages}-page chart, 2 workers: peak resident memory {peak:.0f} MB (goal < 500 MB), {seconds:.1f} s, {pages / seconds:.2f} pages/s")
sys.exit(result.returncode)
PY
