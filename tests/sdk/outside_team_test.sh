#!/usr/bin/env bash
# Proves the record model is open to outside teams. Three plugins of a fictional vendor (acme),
# in tests/sdk/outside-team, are built outside the tree against an installed chartflow: a stage
# that declares a new annotation field (acme.medications), a stage that reads it and declares a
# second one referring to the first (acme.med_flags), and a batch sink writing both as CSV. They
# run next to the product plugins over synthetic notes; the records must carry the new fields and
# pass `chartflow validate --record`, and the CSV must hold the expected rows. Then the host's
# start-up checks of declared fields and its per-document schema check are exercised through the
# CLI.
set -euo pipefail
source_dir=$1 build_dir=$2 generator=${3:-Ninja}
work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT  # KEEP_WORK=1 keeps the scratch folder to look into
fail() { echo "outside team: $*" >&2; exit 1; }

# --- Install chartflow, build the vendor's plugins against it ------------------------------------
cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
cmake -S "$source_dir/tests/sdk/outside-team" -B "$work/build" -G "$generator" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
if grep -q "warning:" "$work/build.log"; then cat "$work/build.log"; fail "the plugins build with warnings"; fi

export CHARTFLOW_PLUGIN_PATH="$work/build/plugins"
chartflow="$work/prefix/bin/chartflow"

# --- Listed, with the fields they add ----------------------------------------------------------
"$chartflow" plugins >"$work/plugins.txt" || { cat "$work/plugins.txt"; fail "chartflow plugins reports a problem"; }
for plugin in acme-medications acme-med-reconciler acme-med-csv; do
  grep -q "^$plugin 1.0.0 " "$work/plugins.txt" || { cat "$work/plugins.txt"; fail "$plugin is not listed"; }
done
grep -q "^    adds field acme.medications: A medication named in the text" "$work/plugins.txt" \
  || { cat "$work/plugins.txt"; fail "chartflow plugins does not show the field acme-medications adds"; }
grep -q "^    adds field acme.med_flags: " "$work/plugins.txt" || fail "chartflow plugins does not show acme.med_flags"
"$chartflow" plugins --name acme-med-csv | grep -q "^    sink, batch delivery" || fail "acme-med-csv is not shown as a batch sink"

# --- Synthetic notes ---------------------------------------------------------------------------
mkdir -p "$work/in"
cat >"$work/in/discharge.txt" <<'NOTE'
DISCHARGE SUMMARY

DIAGNOSES:
1. Type 2 diabetes mellitus with hyperglycemia.
2. Essential hypertension.

HOSPITAL COURSE:
Admitted with hyperglycemia. Reports good adherence to metformin at home.
Heparin 5000 units SC q8h was given for DVT prophylaxis and stopped at discharge.

DISCHARGE MEDICATIONS:
1. Metformin 500 mg PO BID.
2. Insulin glargine 10 units SC at bedtime.
3. Aspirin 81 mg daily.
4. Lisinopril 10 mg by mouth daily.
5. Albuterol 2 puffs inhaled q6h PRN wheezing.
6. Atorvastatin at bedtime.
7. Lasix 40 mg PO daily.
8. Furosemide 40 mg PO daily.
NOTE
cat >"$work/in/pneumonia.txt" <<'NOTE'
HISTORY AND PHYSICAL

CHIEF COMPLAINT: Cough and fever for three days.

ASSESSMENT AND PLAN:
Community-acquired pneumonia. Stress hyperglycemia on admission; no history of diabetes.
Start insulin lispro 4 units subcutaneously before meals while glucose is high.
Albuterol via nebulizer q4h as needed.
Continue home omeprazole 20mg PO once daily; hold warfarin.
NOTE
# An en dash and an accented letter before the medications: spans are byte offsets.
cat >"$work/in/clinic.txt" <<'NOTE'
CLINIC NOTE – follow-up, café visit.

PLAN:
Zorblatin 5 mg PO daily.
Metoprolol 25 mg twice daily, amlodipine 5 mg daily.
NOTE

# The site adds a drug whose recorded name is hostile to spreadsheets (a formula, quotes, a comma):
# the CSV must neutralise and quote it.
hostile_name='=HYPERLINK(\"http://x\",\"zorblatin, site drug\")'
write_pipeline() {  # write_pipeline FILE MEDICATIONS_EXTRA_CONFIG
  cat >"$1" <<JSON
{"name": "acme-check", "stages": [
  {"id": "read", "plugin": "text-reader"},
  {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections"},
  {"id": "mentions", "plugin": "clinical-mentions"},
  {"id": "coding", "plugin": "clinical-coding", "config": {"policy": "inpatient"}},
  {"id": "meds", "plugin": "acme-medications",
   "config": {"extra_drugs": [{"name": "$hostile_name", "forms": ["zorblatin"]}]$2}},
  {"id": "reconcile", "plugin": "acme-med-reconciler"}],
 "sinks": [{"id": "csv", "plugin": "acme-med-csv", "config": {"file": "exports/medications.csv"}}]}
JSON
}
write_pipeline "$work/pipeline.json" ""

# --- Run: records carry the new fields, valid; the sink wrote the CSV ---------------------------
"$chartflow" run --config "$work/pipeline.json" --input "$work/in" --output "$work/out" >"$work/run.log" 2>&1 \
  || { cat "$work/run.log"; cat "$work/out/summary.json" 2>/dev/null; fail "the run did not succeed"; }
"$chartflow" validate --record "$work/out/records" >"$work/validate.log" 2>&1 \
  || { cat "$work/validate.log"; fail "chartflow validate --record refuses the records"; }
cp "$work/out/exports/medications.csv" "$work/first.csv"

python3 - "$work" <<'PY'
import csv, json, pathlib, sys

work = pathlib.Path(sys.argv[1])
HOSTILE = '=HYPERLINK("http://x","zorblatin, site drug")'
# Per note: (name, dose, route, frequency) in text order, and the expected flags as (name, flag).
EXPECTED = {
    "discharge.txt": (
        [("metformin", None, None, None),
         ("heparin", "5000 units", "subcutaneous", "q8h"),
         ("metformin", "500 mg", "oral", "BID"),
         ("insulin glargine", "10 units", "subcutaneous", "at bedtime"),
         ("aspirin", "81 mg", None, "daily"),
         ("lisinopril", "10 mg", "oral", "daily"),
         ("albuterol", "2 puffs", "inhaled", "q6h PRN"),
         ("atorvastatin", None, None, "at bedtime"),
         ("furosemide", "40 mg", "oral", "daily"),
         ("furosemide", "40 mg", "oral", "daily")],
        [("atorvastatin", "no_dose"), ("furosemide", "duplicate")]),
    "pneumonia.txt": (
        [("insulin lispro", "4 units", "subcutaneous", None),
         ("albuterol", None, "inhaled", "q4h PRN"),
         ("omeprazole", "20 mg", "oral", "daily"),
         ("warfarin", None, None, None)],
        [("insulin lispro", "insulin_without_diabetes_code"), ("albuterol", "no_dose"), ("warfarin", "no_dose")]),
    "clinic.txt": (
        [(HOSTILE, "5 mg", "oral", "daily"),
         ("metoprolol", "25 mg", None, "BID"),
         ("amlodipine", "5 mg", None, "daily")],
        []),
}
FORMS = {"furosemide": {"furosemide", "lasix"}, HOSTILE: {"zorblatin"}}

def fail(message):
    sys.exit("outside team: " + message)

records = {}
for path in sorted((work / "out" / "records").glob("*.json")):
    record = json.loads(path.read_text())
    records[record["document"]["source"]["name"]] = record
if sorted(records) != sorted(EXPECTED):
    fail(f"expected records for {sorted(EXPECTED)}, found {sorted(records)}")

expected_rows = []
for note, (meds_expected, flags_expected) in EXPECTED.items():
    record = records[note]
    text = next(v["text"] for v in record["views"] if v["name"] == "normalized").encode("utf-8")
    sentences = {s["id"]: s for s in record.get("sentences", [])}
    meds = record.get("acme.medications", [])
    got = [(m["name"], m.get("dose"), m.get("route"), m.get("frequency")) for m in meds]
    if got != meds_expected:
        fail(f"{note}: acme.medications\n  got      {got}\n  expected {meds_expected}")
    for m in meds:
        if m["producer"] != "meds" or m["view"] != "normalized":
            fail(f"{note}: {m['id']} has producer {m['producer']!r} and view {m['view']!r}")
        words = text[m["begin"]:m["end"]].decode("utf-8").lower()
        if words not in FORMS.get(m["name"], {m["name"]}):
            fail(f"{note}: {m['id']} spans {words!r}, not the drug {m['name']!r}")
        sentence = sentences.get(m.get("sentence_id"))
        if not sentence or not (sentence["begin"] <= m["begin"] and m["end"] <= sentence["end"]):
            fail(f"{note}: {m['id']} is not inside its sentence {m.get('sentence_id')}")
    by_id = {m["id"]: m for m in meds}
    flags = record.get("acme.med_flags", [])
    got_flags = sorted((by_id[f["medication_id"]]["name"], f["flag"]) for f in flags)
    if got_flags != sorted(flags_expected):
        fail(f"{note}: acme.med_flags\n  got      {got_flags}\n  expected {sorted(flags_expected)}")
    for f in flags:
        target = by_id[f["medication_id"]]
        if (f["view"], f["begin"], f["end"]) != (target["view"], target["begin"], target["end"]) or f["producer"] != "reconcile":
            fail(f"{note}: flag {f['id']} is not on its medication's words")
    # The second furosemide listing is the duplicate, not the first.
    if note == "discharge.txt":
        duplicate = next(f for f in flags if f["flag"] == "duplicate")
        if duplicate["medication_id"] != meds[-1]["id"]:
            fail("discharge.txt: the duplicate flag is not on the second furosemide listing")
    flags_of = {}
    for f in flags:
        flags_of.setdefault(f["medication_id"], []).append(f["flag"])
    for m in meds:
        expected_rows.append([record["document"]["id"], m["name"], m.get("dose", ""), m.get("route", ""), m.get("frequency", ""),
                              m["begin"], m["end"], ";".join(flags_of.get(m["id"], []))])

# The CSV: a header, one row per medication sorted by document id then begin, hostile cells defused.
expected_rows.sort(key=lambda r: (r[0], r[5]))
for row in expected_rows:
    if row[1].startswith(("=", "+", "-", "@")):
        row[1] = "'" + row[1]
raw = (work / "out" / "exports" / "medications.csv").read_text()
with open(work / "out" / "exports" / "medications.csv", newline="") as f:
    rows = list(csv.reader(f))
if rows[0] != ["document_id", "name", "dose", "route", "frequency", "begin", "end", "flags"]:
    fail(f"CSV header is {rows[0]}")
got_rows = [r[:5] + [int(r[5]), int(r[6])] + r[7:] for r in rows[1:]]
if got_rows != expected_rows:
    fail("CSV rows differ:\n  got      " + "\n           ".join(map(str, got_rows)) +
         "\n  expected " + "\n           ".join(map(str, expected_rows)))
if '"\'=HYPERLINK(""http://x"",""zorblatin, site drug"")"' not in raw:
    fail("the formula-like, quoted, comma-holding name is not escaped as '=... in quotes")

summary = json.loads((work / "out" / "summary.json").read_text())
sink = summary["sinks"]["csv"]
if sink["delivered"] != 3 or sink["failed"] or sink["retry"] or not sink.get("report", "").startswith("wrote 17 medication row(s) of 3 record(s) to "):
    fail(f"sink summary is {sink}")
print("outside team: records and CSV as expected")
PY

# A batch sink gets every record of the output folder, including those a re-run skips: the file
# is rewritten whole, and the same.
"$chartflow" run --config "$work/pipeline.json" --input "$work/in" --output "$work/out" >"$work/rerun.log" 2>&1 \
  || { cat "$work/rerun.log"; fail "the re-run did not succeed"; }
grep -q "skipped      3" "$work/rerun.log" || { cat "$work/rerun.log"; fail "the re-run did not skip the 3 documents"; }
cmp -s "$work/first.csv" "$work/out/exports/medications.csv" || fail "the re-run wrote a different CSV"
grep -q '"report":"wrote 17 medication row(s) of 3 record(s)' <(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["sinks"]["csv"], separators=(",", ":")))' "$work/out/summary.json") \
  || fail "the re-run's sink report is not about all 3 records"

# --- Start-up checks: each bad declaration stops the run with exit 1 and one line -----------------
# A case is a folder of plugins: copies of acme-medications' library with an edited manifest.
# Manifest checks run before any library is loaded, so the copy's embedded manifest never matters.
make_plugin() {  # make_plugin CASE NAME PYTHON_EDIT: copies acme-medications as NAME, edits its manifest
  local dir="$work/cases/$1/$2"
  mkdir -p "$dir"
  cp "$work/build/plugins/acme-medications/libacme-medications.so" "$dir/"
  python3 - "$work/build/plugins/acme-medications/plugin.json" "$dir/plugin.json" "$2" "$3" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
manifest["name"] = sys.argv[3]
exec(sys.argv[4], {"m": manifest})
json.dump(manifest, open(sys.argv[2], "w"), indent=2)
PY
}
expect_startup_error() {  # expect_startup_error CASE EXTRA_STAGES_JSON WORD...: run fails at start-up naming every WORD
  local case=$1 stages=$2
  shift 2
  cat >"$work/cases/$case.json" <<JSON
{"name": "acme-$case", "stages": [
  {"id": "read", "plugin": "text-reader"},
  {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections"},
  $stages]}
JSON
  local status=0
  CHARTFLOW_PLUGIN_PATH="$work/cases/$case:$CHARTFLOW_PLUGIN_PATH" "$chartflow" run --config "$work/cases/$case.json" --input "$work/in" \
    --output "$work/cases/$case-out" >"$work/cases/$case.out" 2>"$work/cases/$case.err" || status=$?
  [ "$status" -eq 1 ] || { cat "$work/cases/$case.err"; fail "$case: exit status $status, expected 1 (could not start)"; }
  [ "$(wc -l <"$work/cases/$case.err")" -eq 1 ] || { cat "$work/cases/$case.err"; fail "$case: the error is not one line"; }
  [ -z "$(find "$work/cases/$case-out" -name '*.json' 2>/dev/null)" ] || fail "$case: records were written"
  for word in "$@"; do
    grep -qF -- "$word" "$work/cases/$case.err" || { cat "$work/cases/$case.err"; fail "$case: the error does not name $word"; }
  done
}

make_plugin builtin acme-claims 'm["writes"] = ["codes"]; m["fields"] = {"codes": m["fields"].pop("acme.medications")}'
expect_startup_error builtin '{"id": "claims", "plugin": "acme-claims"}' "acme-claims" "codes"

make_plugin bare acme-bare 'm["writes"] = ["medications"]; m["fields"] = {"medications": m["fields"].pop("acme.medications")}'
expect_startup_error bare '{"id": "bare", "plugin": "acme-bare"}' "acme-bare" "medications"

make_plugin twice acme-medications-fork 'pass'
expect_startup_error twice '{"id": "meds", "plugin": "acme-medications"}, {"id": "fork", "plugin": "acme-medications-fork"}' \
  "acme-medications-fork" "'acme-medications'" "acme.medications"
# Installed side by side they are listed, with the clash reported as a problem of the plugin path.
status=0
CHARTFLOW_PLUGIN_PATH="$work/cases/twice:$CHARTFLOW_PLUGIN_PATH" "$chartflow" plugins >"$work/cases/twice-plugins.txt" || status=$?
clash=$(grep "^CLASH " "$work/cases/twice-plugins.txt" || true)
[ "$status" -eq 1 ] && [[ $clash == *"'acme-medications-fork'"* && $clash == *"'acme-medications'"* && $clash == *"'acme.medications'"* ]] \
  || { cat "$work/cases/twice-plugins.txt"; fail "chartflow plugins does not report two plugins declaring acme.medications (exit $status)"; }

make_plugin schema acme-bad-schema 'm["fields"]["acme.medications"]["item_schema"] = {"type": 12}'
expect_startup_error schema '{"id": "meds", "plugin": "acme-bad-schema"}' "acme-bad-schema" "acme.medications" "item_schema"

make_plugin undeclared acme-reads-nothing 'm["reads"] = ["views.normalized", "acme.nothing"]; m["writes"] = []; m["fields"] = {}'
expect_startup_error undeclared '{"id": "nothing", "plugin": "acme-reads-nothing"}' "acme-reads-nothing" "acme.nothing"

# --- An item breaking its field's schema quarantines the document, naming the field --------------
write_pipeline "$work/invalid.json" ', "emit_invalid_for_test": true'
status=0
"$chartflow" run --config "$work/invalid.json" --input "$work/in" --output "$work/invalid-out" >"$work/invalid.log" 2>&1 || status=$?
[ "$status" -eq 3 ] || { cat "$work/invalid.log"; fail "a run with invalid items exited $status, expected 3 (documents quarantined)"; }
python3 - "$work/invalid-out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
entries = [json.loads(p.read_text()) for p in sorted((out / "quarantine").glob("*.json"))]
if len(entries) != 3 or list(out.glob("records/*.json")):
    sys.exit(f"outside team: expected the 3 documents quarantined and none written, got {len(entries)} quarantined")
for e in entries:
    if e["stage"] != "meds" or e["status"] != "rejected" or not e["reason"].startswith("acme.medications[0] does not match the schema") \
            or "route" not in e["reason"]:
        sys.exit(f"outside team: quarantine entry {e['stage']}/{e['status']}: {e['reason']}")
PY

echo "outside team: 3 plugins built out of tree, listed with their fields, run, records valid, CSV right, bad declarations refused"
