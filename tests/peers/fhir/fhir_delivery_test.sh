#!/usr/bin/env bash
# FHIR delivery against a real peer. A real `chartflow run` codes the synthetic sample charts and
# its fhir sink POSTs one transaction Bundle per chart to a loopback FHIR R4 server built on
# @medplum/fhir-router (server.mjs, started here on 127.0.0.1), which knows the charts' patients
# (seed-sample-patients.json). Then:
#   - the peer's self-test shows its validator rejects a broken copy of each rule it checks;
#   - every bundle validates against the FHIR R4 JSON Schema and US Core 5.0.1 (validate.mjs);
#   - a search by ICD-10-CM code finds the Condition, filed under the seeded patient;
#   - delivering everything again creates nothing new; `export` without --all sends nothing;
#   - a server that answers 503 (Retry-After 1) then 200 gets each bundle once;
#   - a 400 marks every record failed with the server's OperationOutcome, and the next export
#     delivers exactly those;
#   - a bearer token from an environment variable; a wrong one fails with a clear reason;
#   - HTTPS with the test CA in ca_file; a certificate that does not verify fails;
#   - an unreachable server leaves the records for a later retry;
#   - the charts without an MRN are held for review, never sent;
#   - a discharge summary grouped by configs/inpatient-drg.json, and risk-adjusted by the hcc-v28
#     stage added to it: its bundle, with the MS-DRG in chartflow's ms-drg extension on the
#     principal diagnosis and the CMS-HCCs in cms-hcc extensions, validates, and the server keeps it.
#
# fhir_delivery_test.sh SOURCE_DIR BUILD_DIR CHARTFLOW_BINARY
# The peer's npm packages are installed with `npm ci` from tests/peers/fhir/package-lock.json
# into BUILD_DIR/fhir-peer (the registry is needed the first time only). KEEP_WORK=1 keeps the
# scratch folder.
set -euo pipefail
source_dir=$1 build_dir=$2 chartflow=$3
work=$(mktemp -d)
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "fhir delivery test: $*" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are missing: run scripts/install-deps.sh"

# --- The peer, as the lock file pins it, outside the source tree ---------------------------------
peer="$source_dir/tests/peers/fhir"
deps="$build_dir/fhir-peer"
mkdir -p "$deps"
if ! cmp -s "$peer/package-lock.json" "$deps/package-lock.json" || [ ! -d "$deps/node_modules/@medplum/fhir-router" ]; then
  cp "$peer/package.json" "$peer/package-lock.json" "$deps/"
  if ! (cd "$deps" && npm ci --no-audit --no-fund --ignore-scripts) >"$work/npm.log" 2>&1; then
    rm -f "$deps/package-lock.json"
    cat "$work/npm.log"
    fail "npm ci failed (the first run needs the npm registry)"
  fi
fi
cp "$peer"/*.mjs "$peer"/example-bundle.json "$peer"/seed-patient.json "$deps/"  # beside node_modules, where imports resolve
rm -rf "$deps/profiles" && cp -r "$peer/profiles" "$deps/"

# --- The peer itself: the validator rejects a broken copy of each rule, the server is idempotent --
FHIR_SCHEMA="$source_dir/tests/fixtures/fhir/fhir.schema.json.gz" node --test "$deps/selftest.mjs" >"$work/selftest.txt" 2>&1 ||
  { cat "$work/selftest.txt"; fail "the FHIR test peer's self-test failed, so its verdicts cannot be trusted"; }

# start_server NAME [server.mjs options...]: starts a server and sets $port.
start_server() {
  local name=$1
  shift
  : >"$work/$name.out"  # exists before the background job opens it, for the reads below
  node "$deps/server.mjs" --port 0 --log "$work/$name.log" --seed "$peer/seed-sample-patients.json" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  server_pids+=($!)
  port=
  for _ in $(seq 1 300); do
    port=$(awk '/^listening/ {print $2}' "$work/$name.out")
    [ -n "$port" ] && return 0
    kill -0 "${server_pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/$name.err" >&2
  fail "FHIR server '$name' did not start"
}
search_total() { curl -sf "http://127.0.0.1:$1/$2" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))'; }
posts() { grep -c '"method":"POST"' "$work/$1.log" || true; }

common=(--patient-identifier-system http://hospital.example.org/mrn --encounter-identifier-system http://hospital.example.org/visit
        --organization "Example Hospital" --max-attempts 3 --initial-backoff-seconds 0 --timeout-seconds 10)
mrn_charts=4  # the sample charts that state an MRN (discharge, consult, operative, pathology)
held=3        # the three that do not: held for review

# --- A run whose pipeline delivers --------------------------------------------------------------
start_server main
main_port=$port
mkdir -p "$work/in" "$work/bundles"
cp "$source_dir"/tests/fixtures/charts/*.txt "$work/in/"
node -e '
  const fs = require("fs");
  const [src, out, url, bundles] = process.argv.slice(1);
  const config = JSON.parse(fs.readFileSync(src));
  config.name = "default-to-fhir";
  config.sinks = [{id: "fhir", plugin: "fhir", config: {base_url: url, output_dir: bundles, organization: "Example Hospital",
    patient_identifier_system: "http://hospital.example.org/mrn", encounter_identifier_system: "http://hospital.example.org/visit"}}];
  fs.writeFileSync(out, JSON.stringify(config, null, 2));' \
  "$source_dir/configs/default.json" "$work/pipeline.json" "http://127.0.0.1:$main_port/" "$work/bundles"
status=0
"$chartflow" run --config "$work/pipeline.json" --input "$work/in" --output "$work/out" >"$work/run.txt" 2>&1 || status=$?
[ "$status" = 3 ] || { cat "$work/run.txt"; fail "the run should exit 3 (records held for review), exited $status"; }
node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1])).sinks.fhir;
  if (s.delivered !== Number(process.argv[2]) || s.failed !== Number(process.argv[3])) { console.error(JSON.stringify(s)); process.exit(1); }' \
  "$work/out/summary.json" "$mrn_charts" "$held" || fail "the run's summary should show $mrn_charts delivered and $held failed"
grep -q 'held for review, nothing sent: no patient identifier (MRN) on the chart.*"status":"failed"' "$work/out/deliveries/fhir.jsonl" ||
  fail "the chart without an MRN should be held for review in the delivery log"
[ "$(ls "$work/bundles" | wc -l)" = "$mrn_charts" ] || fail "expected $mrn_charts bundle files, got $(ls "$work/bundles")"

# --- Every bundle is FHIR R4 and US Core ----------------------------------------------------------
node "$deps/validate.mjs" --schema "$source_dir/tests/fixtures/fhir/fhir.schema.json.gz" --profiles "$peer/profiles" "$work/bundles"/*.json \
  >"$work/validate.txt" 2>&1 || { cat "$work/validate.txt"; fail "a bundle does not validate"; }

# The operative note states a visit number: its resources reference that Encounter (the server
# resolved it, or the transaction would have failed).
grep -lq 'Encounter?identifier=http://hospital.example.org/visit|V26-000104' "$work/bundles"/*.json ||
  fail "no bundle references the operative note's encounter"

# --- The server has them: a Condition by its ICD-10-CM code, under the seeded patient ------------
code=$(node -e '
  const b = JSON.parse(require("fs").readFileSync(process.argv[1]));
  console.log(b.entry.find(e => e.resource.resourceType === "Condition").resource.code.coding[0].code)' \
  "$work/bundles/$(ls "$work/bundles" | head -1)")
found=$(curl -sf "http://127.0.0.1:$main_port/Condition?code=http://hl7.org/fhir/sid/icd-10-cm|$code")
echo "$found" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    const b = JSON.parse(s);
    if (!(b.total >= 1) || !b.entry[0].resource.subject.reference.startsWith("Patient/")) process.exit(1); })' ||
  fail "no Condition with ICD-10-CM $code filed under a Patient: $found"
conditions=$(search_total "$main_port" Condition)
documents=$(search_total "$main_port" DocumentReference)
provenances=$(search_total "$main_port" Provenance)
[ "$documents" = "$mrn_charts" ] || fail "expected $mrn_charts DocumentReferences, the server has $documents"

# --- A grouped inpatient record: the MS-DRG on its principal diagnosis, valid R4 and US Core --------
start_server drg
mkdir -p "$work/in-drg" "$work/bundles-drg"
cp "$source_dir/tests/fixtures/charts/discharge-summary-chf.txt" "$work/in-drg/"
node -e '
  const fs = require("fs");
  const [src, out, url, bundles] = process.argv.slice(1);
  const config = JSON.parse(fs.readFileSync(src));
  config.name = "inpatient-drg-to-fhir";
  config.stages.push({id: "hcc", plugin: "hcc-v28"});
  config.sinks = [{id: "fhir", plugin: "fhir", config: {base_url: url, output_dir: bundles, organization: "Example Hospital",
    patient_identifier_system: "http://hospital.example.org/mrn", include_needs_review: true}}];
  fs.writeFileSync(out, JSON.stringify(config, null, 2));' \
  "$source_dir/configs/inpatient-drg.json" "$work/pipeline-drg.json" "http://127.0.0.1:$port/" "$work/bundles-drg"
"$chartflow" run --config "$work/pipeline-drg.json" --input "$work/in-drg" --output "$work/out-drg" >"$work/run-drg.txt" 2>&1 ||
  { cat "$work/run-drg.txt"; fail "the inpatient run to the FHIR server failed"; }
node "$deps/validate.mjs" --schema "$source_dir/tests/fixtures/fhir/fhir.schema.json.gz" --profiles "$peer/profiles" "$work/bundles-drg"/*.json \
  >"$work/validate-drg.txt" 2>&1 || { cat "$work/validate-drg.txt"; fail "a bundle with the ms-drg extension does not validate"; }
record=$(ls "$work/out-drg/records"/*.json)
pdx=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1]));
  const item = (r["reimbursement.drg"] || []).find(i => i.status === "grouped");
  if (!item) { console.error("the discharge summary should be grouped"); process.exit(1); }
  const code = r.codes.find(c => c.id === item.code_ids[0]);
  console.log(code.code + " " + String(item.final.drg).padStart(3, "0"));' "$record") || fail "no grouped reimbursement.drg in $record"
curl -sf "http://127.0.0.1:$port/Condition?code=http://hl7.org/fhir/sid/icd-10-cm|${pdx% *}" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    const want = process.argv[1];
    const found = JSON.parse(s).entry.map(e => e.resource).flatMap(c => c.extension || [])
      .filter(e => e.url === "https://chartflow.dev/fhir/StructureDefinition/ms-drg")
      .map(e => e.extension.find(p => p.url === "drg").valueCoding);
    if (found.length !== 1 || found[0].code !== want || !found[0].system.startsWith("https://www.cms.gov/")) {
      console.error(JSON.stringify(found)); process.exit(1); } })' "${pdx#* }" ||
  fail "the server should hold the principal diagnosis with MS-DRG ${pdx#* } in the ms-drg extension"
hccs=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1]));
  const item = (r["reimbursement.hcc"] || [])[0];
  if (!item || !item.hccs.length) { console.error("the discharge summary should give CMS-HCCs"); process.exit(1); }
  console.log(item.hccs.map(h => h.hcc).sort((a, b) => a - b).join(" "));' "$record") || fail "no reimbursement.hcc in $record"
curl -sf "http://127.0.0.1:$port/Condition?_count=100" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    const found = (JSON.parse(s).entry || []).map(e => e.resource).flatMap(c => c.extension || [])
      .filter(e => e.url === "https://chartflow.dev/fhir/StructureDefinition/cms-hcc")
      .map(e => e.extension.find(p => p.url === "hcc").valueCoding)
      .filter(c => c.system === "https://chartflow.dev/fhir/CodeSystem/cms-hcc" && c.version === "V28");
    const got = [...new Set(found.map(c => Number(c.code)))].sort((a, b) => a - b).join(" ");
    if (got !== process.argv[1]) { console.error("server has HCCs [" + got + "], the record [" + process.argv[1] + "]"); process.exit(1); } })' "$hccs" ||
  fail "the server should hold each CMS-HCC of the record ($hccs) in a cms-hcc extension"

# --- Delivering again creates nothing; export without --all sends nothing -------------------------
"$chartflow" export fhir --records "$work/out" --base-url "http://127.0.0.1:$main_port/" --all "${common[@]}" >"$work/again.txt" 2>&1 || true
grep -q "delivered  *$mrn_charts" "$work/again.txt" || { cat "$work/again.txt"; fail "a second delivery should be acknowledged"; }
[ "$(search_total "$main_port" Condition)" = "$conditions" ] && [ "$(search_total "$main_port" DocumentReference)" = "$documents" ] &&
  [ "$(search_total "$main_port" Provenance)" = "$provenances" ] || fail "a second delivery created duplicates"
before=$(posts main)
"$chartflow" export fhir --records "$work/out" --base-url "http://127.0.0.1:$main_port/" "${common[@]}" >"$work/nothing.txt" 2>&1 || true
grep -q "already delivered $mrn_charts" "$work/nothing.txt" || { cat "$work/nothing.txt"; fail "export should skip what was acknowledged"; }
[ "$(posts main)" = "$before" ] || fail "export without --all sent records the server had acknowledged"

# --- 503 with Retry-After, then 200: each bundle arrives once --------------------------------------
start_server flaky --fail-first 1 --fail-status 503 --retry-after 1
"$chartflow" export fhir --records "$work/out" --base-url "http://127.0.0.1:$port/" --all "${common[@]}" >"$work/flaky.txt" 2>&1 || true
grep -q "delivered  *$mrn_charts" "$work/flaky.txt" || { cat "$work/flaky.txt"; fail "a 503 then 200 should end delivered"; }
[ "$(search_total "$port" DocumentReference)" = "$mrn_charts" ] || fail "after a 503 the server should have each document once"
grep -q '"status":503' "$work/flaky.log" || fail "the flaky server never answered 503"

# --- 400: failed with the OperationOutcome; the next export sends exactly those -------------------
cp -r "$work/out" "$work/out-400"
rm -f "$work/out-400/deliveries/fhir.jsonl"
start_server rejecting --reject-status 400
status=0
"$chartflow" export fhir --records "$work/out-400" --base-url "http://127.0.0.1:$port/" "${common[@]}" >"$work/rejected.txt" 2>&1 || status=$?
[ "$status" = 3 ] || { cat "$work/rejected.txt"; fail "export to a server that answers 400 should exit 3"; }
grep -q "failed  *$((mrn_charts + held))" "$work/rejected.txt" && grep -q "HTTP 400: rejected by the test server" "$work/rejected.txt" ||
  { cat "$work/rejected.txt"; fail "a 400 should fail each record with the server's OperationOutcome"; }
start_server second
"$chartflow" export fhir --records "$work/out-400" --base-url "http://127.0.0.1:$port/" "${common[@]}" >"$work/redelivery.txt" 2>&1 || true
grep -q "delivered  *$mrn_charts" "$work/redelivery.txt" || { cat "$work/redelivery.txt"; fail "the records a 400 refused should be delivered next time"; }

# --- Bearer token --------------------------------------------------------------------------------
start_server guarded --token s3cret-token
FHIR_TOKEN=s3cret-token "$chartflow" export fhir --records "$work/out" --base-url "http://127.0.0.1:$port/" --all --token-env FHIR_TOKEN \
  "${common[@]}" >"$work/token.txt" 2>&1 || true
grep -q "delivered  *$mrn_charts" "$work/token.txt" || { cat "$work/token.txt"; fail "the right token should be accepted"; }
FHIR_TOKEN=wrong "$chartflow" export fhir --records "$work/out" --base-url "http://127.0.0.1:$port/" --all --token-env FHIR_TOKEN \
  "${common[@]}" >"$work/bad-token.txt" 2>&1 || true
grep -q "HTTP 401 (the server refused the credentials" "$work/bad-token.txt" || { cat "$work/bad-token.txt"; fail "a wrong token should say so"; }
! grep -q "s3cret-token" "$work/token.txt" "$work/bad-token.txt" "$work/out/deliveries/fhir.jsonl" || fail "the token was printed or logged"

# --- HTTPS: verified with the test CA; refused when the certificate does not verify ---------------
sh "$peer/make-cert.sh" "$work/tls" >/dev/null
start_server tls --tls-cert "$work/tls/server.pem" --tls-key "$work/tls/server.key"
"$chartflow" export fhir --records "$work/out" --base-url "https://127.0.0.1:$port/" --all --ca-file "$work/tls/ca.pem" \
  "${common[@]}" >"$work/tls-ok.txt" 2>&1 || true
grep -q "delivered  *$mrn_charts" "$work/tls-ok.txt" || { cat "$work/tls-ok.txt"; fail "HTTPS with the test CA should deliver"; }
"$chartflow" export fhir --records "$work/out" --base-url "https://127.0.0.1:$port/" --all --ca-file "$work/tls/other-ca.pem" \
  "${common[@]}" >"$work/tls-bad.txt" 2>&1 || true
grep -q "failed  *$((mrn_charts + held))" "$work/tls-bad.txt" && grep -q "TLS: the server's certificate did not verify" "$work/tls-bad.txt" ||
  { cat "$work/tls-bad.txt"; fail "a certificate that does not verify should fail each record with a TLS reason"; }

# --- Nobody there: left for a later retry -----------------------------------------------------------
closed=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$chartflow" export fhir --records "$work/out" --base-url "http://127.0.0.1:$closed/" --all "${common[@]}" >"$work/down.txt" 2>&1 || true
grep -q "retry  *$mrn_charts" "$work/down.txt" && grep -q "cannot reach the FHIR server" "$work/down.txt" ||
  { cat "$work/down.txt"; fail "an unreachable server should leave the records to retry"; }

echo "fhir delivery test: passed ($mrn_charts charts delivered and validated, $held held for review; a grouped record's MS-DRG; re-delivery, 503, 400, token, TLS, unreachable)"
