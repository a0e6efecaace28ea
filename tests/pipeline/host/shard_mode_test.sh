#!/usr/bin/env bash
# Shard mode: three shards of one mixed batch (good notes, copies of one note, an empty file, a
# binary file, a document that crashes its worker), run at the same time into one output folder,
# then `chartflow merge`, must equal a single run of the same batch record for record: the same
# records byte for byte, the same quarantine entries, every input settled once in the merged
# summary. Also: the Slurm variables pick the same share as the flags, merge refuses to run beside
# a shard and names a missing one, and a batch sink is refused in shard mode.
#
#   shard_mode_test.sh CHARTFLOW_BINARY TEST_PLUGIN_DIR
set -euo pipefail
chartflow=$1
test_plugins=$2

work=$(mktemp -d)
trap 'pkill -9 -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$(dirname "$0")/make_mixed_batch.py" "$work/in" 40 20 copy-a.txt sub/copy-b.txt
cat >"$work/pipeline.json" <<JSON
{"name": "shard-test", "plugin_path": ["$test_plugins"], "stages": [
  {"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"},
  {"id": "crash", "plugin": "test-crasher", "config": {"mode": "segfault"}}]}
JSON
run() { "$chartflow" run --config "$work/pipeline.json" --input "$work/in" --jobs 2 --progress none "$@" >"$work/last.out" 2>&1; }

set +e
run --output "$work/single"; single_rc=$?
pids=()
for i in 0 1 2; do
  "$chartflow" run --config "$work/pipeline.json" --input "$work/in" --jobs 1 --progress none --output "$work/sharded" \
    --shard-index $i --shard-count 3 >"$work/shard-$i.out" 2>&1 &
  pids+=($!)
done
shard_rcs=()
for pid in "${pids[@]}"; do wait "$pid"; shard_rcs+=($?); done
"$chartflow" merge --output "$work/sharded" >"$work/merge.out" 2>&1; merge_rc=$?
set -e
echo "single run exit $single_rc, shards exit ${shard_rcs[*]}, merge exit $merge_rc"
[ "$single_rc" = 3 ] || { echo "FAIL: the single run should exit 3 (quarantined documents)"; cat "$work/last.out"; exit 1; }
[ "$merge_rc" = "$single_rc" ] || { echo "FAIL: merge should exit like the single run"; cat "$work/merge.out"; exit 1; }

diff -r "$work/single/records" "$work/sharded/records" || { echo "FAIL: records differ"; exit 1; }
python3 - "$work/single" "$work/sharded" <<'PY'
import json, os, sys
single, sharded = sys.argv[1], sys.argv[2]
def quarantine(root):
    out = {}
    for name in os.listdir(os.path.join(root, "quarantine")):
        e = json.load(open(os.path.join(root, "quarantine", name)))
        out[name] = (e["stage"], e["status"])
    return out
assert quarantine(single) == quarantine(sharded), (quarantine(single), quarantine(sharded))
def settled(summary):
    return sorted((d["input"], d["id"], d["outcome"]) for d in summary["documents"])
a = json.load(open(os.path.join(single, "summary.json")))
b = json.load(open(os.path.join(sharded, "summary.json")))
assert settled(a) == settled(b), "merged summary differs from the single run's"
for key in ("inputs", "written", "quarantined", "duplicates", "not_processed", "complete"):
    assert a[key] == b[key], (key, a[key], b[key])
parts = {p["part"]: p["inputs"] for p in b["merged_from"]}
assert sorted(parts) == ["shard-0-of-3", "shard-1-of-3", "shard-2-of-3"], parts
assert sum(parts.values()) == a["inputs"] and min(parts.values()) > 0, parts
assert os.path.exists(os.path.join(sharded, "report.html"))
print(f"{a['inputs']} inputs: {a['written']} written, {a['quarantined']} quarantined, {a['duplicates']} duplicates; shards took {sorted(parts.values())}")
PY

# The Slurm array's variables pick the same share as the flags (an array numbered from 1).
set +e
SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3 run --output "$work/slurm"
set -e
python3 - "$work/sharded/parts/shard-2-of-3/summary.json" "$work/slurm/parts/shard-2-of-3/summary.json" <<'PY'
import json, sys
a, b = (sorted(d["input"] for d in json.load(open(f))["documents"]) for f in sys.argv[1:3])
assert a == b, "the Slurm task took another share than --shard-index"
PY

# merge beside a running shard is refused; a missing shard is named.
rm -rf "$work/sharded/parts/shard-1-of-3"
set +e
"$chartflow" merge --output "$work/sharded" >"$work/merge.out" 2>&1; rc=$?
set -e
[ "$rc" = 1 ] && grep -q "shard 1 of 3 never ran into this folder: run it with --shard-index 1 --shard-count 3" "$work/merge.out" ||
  { echo "FAIL: a missing shard must be named (exit $rc)"; cat "$work/merge.out"; exit 1; }
exec 9>"$work/sharded/parts/shard-0-of-3/.chartflow.lock"
flock -s "$work/sharded/.chartflow.lock" -c "
  \"$chartflow\" merge --output \"$work/sharded\" >\"$work/merge.out\" 2>&1 && exit 1
  grep -q 'another chartflow run is using this output folder' \"$work/merge.out\"" ||
  { echo "FAIL: merge must wait for running shards"; cat "$work/merge.out"; exit 1; }

# A batch sink cannot be split: refused before anything runs, with what to do instead.
cat >"$work/naaccr.json" <<JSON
{"name": "shard-naaccr", "plugin_path": ["$test_plugins"], "stages": [
  {"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"}],
 "sinks": [{"id": "registry", "plugin": "naaccr", "config": {"output": "$work/x.xml"}}]}
JSON
set +e
"$chartflow" run --config "$work/naaccr.json" --input "$work/in" --output "$work/n" --shard-index 0 --shard-count 2 >"$work/n.out" 2>&1; rc=$?
set -e
if [ "$rc" != 1 ] || ! grep -q "writes one file for the whole batch" "$work/n.out"; then
  echo "FAIL: a batch sink must be refused in shard mode (exit $rc)"; cat "$work/n.out"; exit 1
fi
echo "PASS"
