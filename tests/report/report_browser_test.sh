#!/usr/bin/env bash
# The batch report in a real browser. A real `chartflow run` goes over a small batch of the
# synthetic charts, one scan (so there is OCR confidence), a file with nothing in it and one with
# nothing but whitespace and a hostile name (both quarantined); then headless Debian Chromium,
# driven by puppeteer-core (check_report.mjs), opens the report.html it wrote from a file:// URL
# and checks it renders without console or page errors, fetches nothing, and shows the counts,
# both charts and the hostile name as text.
#
# report_browser_test.sh SOURCE_DIR BUILD_DIR CHARTFLOW_BINARY
# puppeteer-core is installed with `npm ci` from tests/report/package-lock.json into
# BUILD_DIR/report-browser-test (the registry is needed the first time only). KEEP_WORK=1 keeps
# the scratch folder, with a screenshot of the page.
set -euo pipefail
source_dir=$1 build_dir=$2 chartflow=$3
work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
fail() { echo "report browser test: $*" >&2; exit 1; }

export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || fail "$CHROMIUM is missing: run scripts/install-deps.sh (Debian package chromium)"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are missing: run scripts/install-deps.sh"

# --- puppeteer-core, as the lock file pins it, outside the source tree ---------------------------
deps="$build_dir/report-browser-test"
source "$source_dir/tests/support/npm_deps.sh"
npm_deps "$source_dir/tests/report" "$deps" "$work/npm.log" || fail "npm ci failed (the first run needs the npm registry)"
cp "$source_dir/tests/report/check_report.mjs" "$deps/"  # beside node_modules, where its import resolves

# --- A small batch through the real program ----------------------------------------------------
mkdir -p "$work/in"
cp "$source_dir"/tests/fixtures/charts/*.txt "$work/in/"
cp "$source_dir/tests/fixtures/scans/scan-pathology-report-breast.tif" "$work/in/"
: >"$work/in/empty.txt"
hostile='<img src=x onerror=alert(1)>.txt'
printf '  \n\t\n' >"$work/in/$hostile"
status=0
# --isolation none: documents' figures reach the report from threads of this process.
"$chartflow" run --config "$source_dir/configs/without-pdf.json" --input "$work/in" --output "$work/out" \
  --isolation none --progress none >"$work/run.log" 2>&1 || status=$?
[ "$status" -eq 3 ] || { cat "$work/run.log"; fail "chartflow run exited $status, not 3 (finished, some documents quarantined)"; }
[ -s "$work/out/report.html" ] || fail "the run wrote no report.html"

# --- The page in the browser ---------------------------------------------------------------------
node "$deps/check_report.mjs" "$work/out" "$hostile" "$work/report.png" || fail "see above (KEEP_WORK=1 keeps $work)"
