#!/usr/bin/env bash
# The coder's workstation in a real browser. A real `chartflow run` codes the synthetic charts and
# three scans (a fax at 204x98 dpi, a page fed upside down, a pathology report); `chartflow review`
# serves the output; headless Debian Chromium, driven by puppeteer-core (check_review.mjs), works
# through it as a coder would: the worklist, evidence boxes on the scanned pages (on the words'
# pixels), evidence and mentions at the records' UTF-8 byte spans, accept / reject / edit / add
# from selected text / principal / approve / return, a physician query; with HTTP checks (CSRF,
# path traversal, body size, malformed JSON). The server is restarted and every decision must
# still show; then it runs with a users file (sign-in; a reader changes nothing);
# `chartflow review --export` must write the decisions. Then a cancer-registry run: a tumour's
# abstract field edited with a reason persists. Then an inpatient run with the DRG and HCC stages:
# the reimbursement panel shows the DRG, a hint (whose query opens pre-filled) and the HCCs.
#
# review_browser_test.sh SOURCE_DIR BUILD_DIR CHARTFLOW_BINARY
# puppeteer-core is installed with `npm ci` from tests/review/package-lock.json into
# BUILD_DIR/review-browser-test (the registry is needed the first time only). KEEP_WORK=1 keeps
# the scratch folder; the screenshots go to REVIEW_SCREENSHOTS (default: the scratch folder's
# screenshots/).
set -euo pipefail
source_dir=$1 build_dir=$2 chartflow=$3
work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap 'stop_server; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
fail() { echo "review browser test: $*" >&2; exit 1; }

export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || fail "$CHROMIUM is missing: run scripts/install-deps.sh (Debian package chromium)"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are missing: run scripts/install-deps.sh"
shots=${REVIEW_SCREENSHOTS:-$work/screenshots}
mkdir -p "$shots"

# --- puppeteer-core, as the lock file pins it, outside the source tree ---------------------------
deps="$build_dir/review-browser-test"
source "$source_dir/tests/support/npm_deps.sh"
npm_deps "$source_dir/tests/review" "$deps" "$work/npm.log" || fail "npm ci failed (the first run needs the npm registry)"
cp "$source_dir/tests/review/check_review.mjs" "$deps/"  # beside node_modules, where its import resolves
check() { node "$deps/check_review.mjs" "$@" || fail "check_review.mjs $1 failed (see above; KEEP_WORK=1 keeps $work)"; }

# --- `chartflow review` in the background, on a port of its choosing -----------------------------
port=
start_server() {  # RECORDS_DIR LOG_NAME [MORE_ARGUMENTS...]
  local records=$1 log=$2
  shift 2
  rm -f "$work/port"
  "$chartflow" review --records "$records" --port 0 --port-file "$work/port" "$@" >"$work/$log.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if [ -s "$work/port" ]; then
      port=$(tr -dc '0-9' <"$work/port")
      [ -n "$port" ] && return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/$log.log"; server_pid=; fail "chartflow review exited before listening"; }
    sleep 0.1
  done
  cat "$work/$log.log"
  fail "chartflow review wrote no port file in 30 s"
}

# --- A batch through the real program ----------------------------------------------------------
mkdir -p "$work/in"
cp "$source_dir"/tests/fixtures/charts/*.txt "$work/in/"
for scan in scan-pathology-report-breast.tif scan-operative-note-fax-standard.tif scan-discharge-summary-upside-down.tif; do
  cp "$source_dir/tests/fixtures/scans/$scan" "$work/in/"
done
inputs=$(find "$work/in" -type f | wc -l)
status=0
"$chartflow" run --config "$source_dir/configs/without-pdf.json" --input "$work/in" --output "$work/out" \
  --isolation none --progress none >"$work/run.log" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$work/run.log"; fail "chartflow run exited $status, not 0 (every input coded)"; }
records=$(find "$work/out/records" -name 'doc-*.json' | wc -l)
[ "$records" -eq "$inputs" ] || fail "the run wrote $records records for $inputs inputs"

# --- Decisions in the browser, then after a restart of the server ---------------------------------
start_server "$work/out" server-decide
check decide "http://127.0.0.1:$port" "$work/out" "$shots" "$work/state.json"
stop_server
start_server "$work/out" server-persisted
check persisted "http://127.0.0.1:$port" "$work/out" "$shots" "$work/state.json"
stop_server

# --- With a users file: sign-in, a reader who cannot change anything ------------------------------
hash() { printf '%s\n' "$1" | "$chartflow" review --hash-password || fail "chartflow review --hash-password failed"; }
coder_hash=$(hash coder-password-1)
reader_hash=$(hash reader-password-1)
cat >"$work/users.json" <<EOF
{"users": [
  {"name": "coder1", "role": "coder", "password": "$coder_hash"},
  {"name": "reader1", "role": "reader", "password": "$reader_hash"}
]}
EOF
start_server "$work/out" server-users --users "$work/users.json"
check users "http://127.0.0.1:$port" "$work/out" "$shots" "$work/state.json"
stop_server

# --- The export from the command line --------------------------------------------------------------
"$chartflow" review --records "$work/out" --export "$work/decisions.csv" >"$work/export.log" 2>&1 \
  || { cat "$work/export.log"; fail "chartflow review --export failed"; }
check csv "$work/decisions.csv" "$work/state.json"

# --- A cancer-registry run: the abstract ---------------------------------------------------------
# configs/registry.json without its PDF reader (poppler is optional; no PDF goes in here).
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  c.stages = c.stages.filter((s) => s.plugin !== "pdf-reader");
  fs.writeFileSync(process.argv[2], JSON.stringify(c, null, 2));
' "$source_dir/configs/registry.json" "$work/registry.json"
mkdir -p "$work/registry-in"
cp "$source_dir/tests/fixtures/registry/reports/01-breast-idc.txt" "$source_dir/tests/fixtures/registry/reports/13-breast-dcis.txt" "$work/registry-in/"
status=0
"$chartflow" run --config "$work/registry.json" --input "$work/registry-in" --output "$work/registry" \
  --isolation none --progress none >"$work/registry-run.log" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$work/registry-run.log"; fail "the registry run exited $status, not 0"; }
start_server "$work/registry" server-registry
check registry "http://127.0.0.1:$port" "$work/registry" "$shots" "$work/registry-state.json"
stop_server

# --- An inpatient run with the DRG and HCC stages: the reimbursement panel ---------------------------
# configs/inpatient-drg.json without its PDF reader, with the hcc-v28 stage after the drg-grouper.
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  c.stages = c.stages.filter((s) => s.plugin !== "pdf-reader");
  c.stages.push({ id: "hcc", plugin: "hcc-v28" });
  fs.writeFileSync(process.argv[2], JSON.stringify(c, null, 2));
' "$source_dir/configs/inpatient-drg.json" "$work/reimbursement.json"
mkdir -p "$work/drg-in"
cp "$source_dir/tests/fixtures/reimbursement/charts/discharge-summary-heart-failure.txt" "$work/drg-in/"
status=0
"$chartflow" run --config "$work/reimbursement.json" --input "$work/drg-in" --output "$work/drg" \
  --isolation none --progress none >"$work/drg-run.log" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$work/drg-run.log"; fail "the inpatient run exited $status, not 0"; }
start_server "$work/drg" server-reimbursement
check reimbursement "http://127.0.0.1:$port" "$work/drg" "$shots" "$work/drg-state.json"
stop_server

echo "review browser test: passed (screenshots in $shots)"
