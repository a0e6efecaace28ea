#!/usr/bin/env bash
# kill -9 at random points, many times: a mixed batch (good notes, an empty file, a binary file,
# duplicates, a document that crashes its worker) is started and killed with SIGKILL at a random
# moment, resumed and killed again, then resumed to the end. After every round each input must be
# in exactly one place (its record, its quarantine entry, or a duplicate of another input), nothing
# else may be in the output folder, no temporary file may be left, and the journal must say where
# every input ended.
#
#   kill_resume_test.sh CHARTFLOW_BINARY TEST_PLUGIN_DIR [ROUNDS]
set -euo pipefail
chartflow=$1
test_plugins=$2
rounds=${3:-8}

work=$(mktemp -d)
trap 'pkill -9 -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$(dirname "$0")/make_mixed_batch.py" "$work/in" 300 40 copy-of-note-001.txt note-002.txt=sub/note-002.txt
cat >"$work/pipeline.json" <<JSON
{"name": "kill-test", "plugin_path": ["$test_plugins"], "stages": [
  {"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"},
  {"id": "crash", "plugin": "test-crasher", "config": {"mode": "segfault"}}]}
JSON

run_and_kill() {  # output folder, seconds before SIGKILL
  "$chartflow" run --config "$work/pipeline.json" --input "$work/in" --output "$1" --jobs 2 --progress none >/dev/null 2>&1 &
  local pid=$!
  sleep "$2"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # Its workers die with it (PR_SET_PDEATHSIG), a moment later on a loaded machine, and hold the
  # output folder's lock until then: the next run would be refused ("another chartflow run is
  # using this output folder"), as a user's would. Wait for them as the message says.
  for _ in $(seq 1 200); do
    pgrep -f -- "--output $1 --jobs" >/dev/null || break
    sleep 0.05
  done
  find "$1/records" -name 'doc-*.json' 2>/dev/null | wc -l
}

for round in $(seq 1 "$rounds"); do
  out="$work/out-$round"
  read -r first second < <(python3 -c 'import random; print(f"{random.uniform(0.3, 2.0):.2f} {random.uniform(0.3, 1.5):.2f}")')
  done_first=$(run_and_kill "$out" "$first")
  done_second=$(run_and_kill "$out" "$second")
  set +e
  "$chartflow" run --config "$work/pipeline.json" --input "$work/in" --output "$out" --jobs 2 --progress none >"$work/final.out" 2>"$work/final.err"
  status=$?
  set -e
  if [ "$status" -ne 3 ]; then  # 3: the empty, binary and poisoned inputs are quarantined
    echo "FAIL round $round (killed after $first s and $second s): final run exited $status"; cat "$work/final.out"; tail -5 "$work/final.err"; exit 1
  fi
  python3 - "$work/in" "$out" "$round" "$first" "$second" <<'PY'
import hashlib, json, os, sqlite3, sys
inputs, out, round_, first, second = sys.argv[1:6]
def fail(msg):
    sys.exit(f"FAIL round {round_} (killed after {first} s and {second} s): {msg}")
paths = sorted(os.path.join(root, f) for root, _, files in os.walk(inputs) for f in files)
ids = {p: "doc-" + hashlib.sha256(open(p, "rb").read()).hexdigest()[:16] for p in paths}
records = {f[:-5] for f in os.listdir(os.path.join(out, "records")) if not f.startswith(".")}
quarantine = {f[:-5] for f in os.listdir(os.path.join(out, "quarantine")) if not f.startswith(".")}
temporaries = [os.path.join(r, f) for r, _, files in os.walk(out) for f in files if ".tmp-" in f]
if temporaries: fail(f"temporary files left: {temporaries}")
if records & quarantine: fail(f"in two places at once: {records & quarantine}")
if records | quarantine != set(ids.values()): fail(f"outcomes {sorted(records | quarantine)} != inputs {sorted(set(ids.values()))}")
summary = json.load(open(os.path.join(out, "summary.json")))
if not summary["complete"] or summary["inputs"] != len(paths): fail(f"summary incomplete: {summary['inputs']} inputs, complete={summary['complete']}")
if summary["duplicates"] != 2: fail(f"expected 2 duplicates, got {summary['duplicates']}")
for name in ("empty.txt", "binary.txt", "poison.txt"):
    if ids[os.path.join(inputs, name)] not in quarantine: fail(f"{name} is not quarantined")
states = dict(sqlite3.connect(os.path.join(out, "journal.sqlite")).execute("SELECT path, state FROM inputs").fetchall())
for p in paths:
    if states.get(os.path.abspath(p)) not in ("written", "quarantined", "duplicate"): fail(f"journal says {states.get(os.path.abspath(p))!r} for an input")
poison = json.load(open(os.path.join(out, "quarantine", ids[os.path.join(inputs, "poison.txt")] + ".json")))
if poison["status"] != "crashed" or poison["stage"] != "crash": fail(f"poisoned input quarantined as {poison['stage']}/{poison['status']}")
PY
  echo "round $round: killed after $first s ($done_first records) and $second s ($done_second records); resumed to the end, every input in exactly one place"
done
