#!/usr/bin/env bash
# HL7 v2 delivery against a real peer. A real `chartflow run` codes the synthetic sample charts;
# `chartflow export hl7v2` sends each as MDM^T02 and DFT^P03 over MLLP to Debian's python3-hl7
# (mllp_peer.py, started here on 127.0.0.1). Then:
#   - in strict mode the peer ACKs only messages that pass the v2.5.1 structure and field checks
#     (check_messages.py), and its parsed DG1 codes equal each record's ICD-10-CM codes;
#   - control ids are the same when the same records are sent again;
#   - an AE is reported with the receiver's ERR text, and the next export sends exactly that record;
#   - a dropped connection is retried on a new one; an ACK for another control id, a garbled
#     answer and an AR are never taken for delivery;
#   - MLLP over TLS with the test CA;
#   - the charts without an MRN are held for review, never sent;
#   - a discharge summary grouped by configs/inpatient-drg.json: its DFT^P03 ends with a valid DRG
#     segment naming the record's final MS-DRG (held back, the receipt saying why, while its
#     grouping needs review and --include-needs-review is not given).
#
# hl7_delivery_test.sh SOURCE_DIR BUILD_DIR CHARTFLOW_BINARY
set -euo pipefail
source_dir=$1 build_dir=$2 chartflow=$3
work=$(mktemp -d)
peer_pids=()
cleanup() {
  for pid in "${peer_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "hl7 delivery test: $*" >&2; exit 1; }
python=/usr/bin/python3
$python -c 'import hl7.mllp' 2>/dev/null || fail "Debian's python3-hl7 is missing: run scripts/install-deps.sh"
peer="$source_dir/tests/peers/hl7"
: "$build_dir"

# start_peer NAME [mllp_peer.py options...]: starts a receiver and sets $port.
start_peer() {
  local name=$1
  shift
  : >"$work/$name.out"  # exists before the background job opens it, for the reads below
  $python "$peer/mllp_peer.py" --port 0 --out "$work/$name.jsonl" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  peer_pids+=($!)
  port=
  for _ in $(seq 1 100); do
    port=$(awk '/^listening/ {print $2}' "$work/$name.out")
    [ -n "$port" ] && return 0
    kill -0 "${peer_pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/$name.err" >&2
  fail "MLLP peer '$name' did not start"
}
send() {  # send OUTPUT_NAME PORT [export options...]
  local name=$1 to=$2
  shift 2
  "$chartflow" export hl7v2 --records "$work/out" --host 127.0.0.1 --port "$to" --assigning-authority SYNTH_HOSP \
    --max-attempts 3 --initial-backoff-seconds 0 --timeout-seconds 5 "$@" >"$work/$name.txt" 2>&1 || true
}
mrn_charts=4  # the sample charts that state an MRN (discharge, consult, operative, pathology)
held=3        # the three that do not: held for review

mkdir -p "$work/in" "$work/messages"
cp "$source_dir"/tests/fixtures/charts/*.txt "$work/in/"
"$chartflow" run --config "$source_dir/configs/default.json" --input "$work/in" --output "$work/out" >"$work/run.txt" 2>&1 ||
  { cat "$work/run.txt"; fail "the run failed"; }

# --- Strict receiver: every message valid v2.5.1; its DG1 codes are the record's -------------------
start_peer strict --mode strict
send strict "$port" --output-dir "$work/messages"
grep -q "delivered  *$mrn_charts" "$work/strict.txt" || { cat "$work/strict.txt"; cat "$work/strict.jsonl" | head -c 3000; fail "the strict receiver should ACK every chart's messages"; }
grep -q "held for review, nothing sent: no patient identifier (MRN) on the chart" "$work/strict.txt" ||
  { cat "$work/strict.txt"; fail "the chart without an MRN should be held for review"; }
$python "$peer/check_messages.py" "$work/messages"/*.hl7 >"$work/check.txt" 2>&1 || { cat "$work/check.txt"; fail "a written message is not valid v2.5.1"; }
$python - "$work/strict.jsonl" "$work/out/records" <<'PY' || fail "the receiver's DG1 codes differ from the records' codes"
import json, os, sys
received = [json.loads(l) for l in open(sys.argv[1])]
dft = {m["pid_identifiers"][0]["id"]: sorted(d["code"] for d in m["dg1"]) for m in received if m["type"] == "DFT^P03"}
assert len(dft) == 4, f"expected 4 DFT^P03, got {len(dft)}"
for name in os.listdir(sys.argv[2]):
    r = json.load(open(os.path.join(sys.argv[2], name)))
    mrn = [i["value"] for i in r.get("identity", []) if i["kind"] == "mrn"]
    if not mrn:
        continue
    want = sorted(c["code"] for c in r.get("codes", []) if c["system"] == "ICD-10-CM" and not c.get("needs_review"))
    assert dft[mrn[0]] == want, f"{mrn[0]}: receiver {dft[mrn[0]]} record {want}"
    assert all(m["ack"] == "AA" for m in received), "a message was not AA"
PY

# --- A grouped inpatient record: its DFT^P03 ends with the MS-DRG in a DRG segment ------------------
# (the default pipeline above has no drg-grouper stage, so its DFT^P03s carry no DRG: the checks
# above are the messages of ungrouped records, unchanged)
mkdir -p "$work/in-drg" "$work/messages-drg"
cp "$source_dir/tests/fixtures/charts/discharge-summary-chf.txt" "$work/in-drg/"
"$chartflow" run --config "$source_dir/configs/inpatient-drg.json" --input "$work/in-drg" --output "$work/out-drg" >"$work/run-drg.txt" 2>&1 ||
  { cat "$work/run-drg.txt"; fail "the inpatient run failed"; }
drg_out() {  # drg_out NAME [export options...]: exports the grouped record to a strict peer
  local name=$1
  shift
  start_peer "$name" --mode strict
  "$chartflow" export hl7v2 --records "$work/out-drg" --host 127.0.0.1 --port "$port" --assigning-authority SYNTH_HOSP \
    --max-attempts 3 --initial-backoff-seconds 0 --timeout-seconds 5 --all "$@" >"$work/$name.txt" 2>&1 || true
  grep -q "delivered  *1" "$work/$name.txt" || { cat "$work/$name.txt"; fail "the strict receiver should ACK the grouped record ($name)"; }
}
drg_out drg-default
drg_out drg-all --include-needs-review --output-dir "$work/messages-drg"
$python "$peer/check_messages.py" "$work/messages-drg"/*.hl7 >"$work/check-drg.txt" 2>&1 || { cat "$work/check-drg.txt"; fail "a DFT^P03 with a DRG is not valid v2.5.1"; }
$python - "$work/out-drg/records" "$work/drg-default.jsonl" "$work/out-drg/deliveries/hl7v2.jsonl" "$work/drg-all.jsonl" <<'PY' || fail "the receiver's DRG differs from the record's"
import json, os, sys
records, default_rows, delivery_log, all_rows = sys.argv[1:]
[record] = [json.load(open(os.path.join(records, n))) for n in os.listdir(records)]
items = [i for i in record.get("reimbursement.drg", []) if i["status"] == "grouped"]
assert items, "the discharge summary should be grouped: %s" % record.get("reimbursement.drg")
item = items[0]
want = {"code": "%03d" % item["final"]["drg"], "description": item["final"]["title"], "system": "MS-DRG v%d.%d" % divmod(item["grouper_version"], 10)}
def dft(path):
    [m] = [json.loads(l) for l in open(path) if json.loads(l)["type"] == "DFT^P03"]
    assert m["ack"] == "AA" and not m["problems"], m["problems"]
    return m
# With every code sent, the DRG goes, last, after the DG1s.
m = dft(all_rows)
assert m["drg"] == want, (m["drg"], want)
assert m["segments"][-1] == "DRG" and m["segments"][-2] == "DG1", m["segments"]
# By default it goes only when nothing in its grouping waits for a coder; else the receipt says why.
m = dft(default_rows)
if item["needs_review"]:
    assert m["drg"] is None, m["drg"]
    assert "MS-DRG %s not sent: its grouping needs a coder's review" % want["code"] in open(delivery_log).read()
else:
    assert m["drg"] == want, (m["drg"], want)
print("DRG", want["code"], "needs_review", item["needs_review"])
PY

# --- The same records again: the same control ids --------------------------------------------------
start_peer again
send again "$port" --all
[ "$($python -c 'import json,sys;print(sorted(json.loads(l)["control_id"] for l in open(sys.argv[1])))' "$work/strict.jsonl")" = \
  "$($python -c 'import json,sys;print(sorted(json.loads(l)["control_id"] for l in open(sys.argv[1])))' "$work/again.jsonl")" ] ||
  fail "control ids changed between deliveries of the same records"

# --- AE: reported with the ERR text; the next export sends exactly that record ---------------------
rm -f "$work/out/deliveries/hl7v2.jsonl"
start_peer ae --mode ae-first
send ae "$port"
grep -q "failed  *$((1 + held))" "$work/ae.txt" && grep -q "AE (application error): " "$work/ae.txt" || { cat "$work/ae.txt"; fail "an AE should fail its record with the ERR text"; }
start_peer after-ae
send after-ae "$port"
grep -q "delivered  *1$" "$work/after-ae.txt" && grep -q "already delivered $((mrn_charts - 1))" "$work/after-ae.txt" ||
  { cat "$work/after-ae.txt"; fail "the next export should send exactly the record the AE refused"; }

# --- A dropped connection is retried; wrong control ids, garbled answers and ARs are not delivery ---
start_peer drop --mode drop-first
send drop "$port" --all
grep -q "delivered  *$mrn_charts" "$work/drop.txt" || { cat "$work/drop.txt"; fail "a dropped connection should be retried"; }
start_peer wrong --mode wrong-control-id
send wrong "$port" --all
grep -q "retry  *$mrn_charts" "$work/wrong.txt" && grep -q "the ACK acknowledges control id 'WRONG" "$work/wrong.txt" ||
  { cat "$work/wrong.txt"; fail "an ACK for another control id must not count"; }
start_peer garbled --mode garbled
send garbled "$port" --all
grep -q "retry  *$mrn_charts" "$work/garbled.txt" && grep -q "garbled answer" "$work/garbled.txt" ||
  { cat "$work/garbled.txt"; fail "a garbled ACK must not count"; }
start_peer reject --mode ar-always
send reject "$port" --all
grep -q "failed  *$((mrn_charts + held))" "$work/reject.txt" && grep -q "AR (rejected)" "$work/reject.txt" ||
  { cat "$work/reject.txt"; fail "an AR should fail the record"; }

# --- MLLP over TLS ----------------------------------------------------------------------------------
sh "$source_dir/tests/peers/fhir/make-cert.sh" "$work/tls" >/dev/null
start_peer tls --tls-cert "$work/tls/server.pem" --tls-key "$work/tls/server.key"
send tls "$port" --all --tls --ca-file "$work/tls/ca.pem"
grep -q "delivered  *$mrn_charts" "$work/tls.txt" || { cat "$work/tls.txt"; fail "MLLP over TLS with the test CA should deliver"; }
send tls-bad "$port" --all --tls --ca-file "$work/tls/other-ca.pem"
grep -q "TLS: the receiver's certificate did not verify" "$work/tls-bad.txt" || { cat "$work/tls-bad.txt"; fail "an unverified certificate should be reported"; }

echo "hl7 delivery test: passed ($mrn_charts charts as MDM^T02 + DFT^P03 valid and ACKed, $held held for review; a grouped record's DRG; AE, dropped, wrong id, garbled, AR, TLS)"
