#!/usr/bin/env bash
# The output disk fills up in the middle of a batch (a 400 KB tmpfs in a private mount namespace):
# chartflow must stop taking inputs, keep every record it wrote whole, say so clearly and exit 3;
# after space is freed, the same command finishes the rest and every input ends in exactly one place.
#
#   output_full_test.sh CHARTFLOW_BINARY
# Exit 77 (skipped) when this machine cannot make a mount namespace.
set -euo pipefail
chartflow=$1

if [ "${2:-}" != inside ]; then
  if ! unshare -m true 2>/dev/null; then
    echo "skipped: no private mount namespace here (unshare -m failed), so no small disk to fill"
    exit 77
  fi
  exec unshare -m bash "$0" "$chartflow" inside
fi

work=$(mktemp -d)
trap 'umount "$work/out" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
python3 - "$work/in" <<'PY'
import sys, os
lines = ["Patient presents with chest pain and shortness of breath.", "No fever. Denies cough.",
         "History of hypertension and type 2 diabetes mellitus.", "Assessment: community acquired pneumonia."]
for i in range(60):
    body = "\n".join(f"{lines[(i + k) % 4]} Visit {i}, note line {k}." for k in range(40))
    open(os.path.join(sys.argv[1], f"note-{i:03d}.txt"), "w").write(f"HISTORY OF PRESENT ILLNESS:\n{body}\n")
PY
cat >"$work/text.json" <<'JSON'
{"name": "text", "stages": [
  {"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"}]}
JSON
mount -t tmpfs -o size=400k tmpfs "$work/out"

set +e
"$chartflow" run --config "$work/text.json" --input "$work/in" --output "$work/out" --jobs 2 --progress none \
  >"$work/first.out" 2>"$work/first.err"
status=$?
set -e
fail() { echo "FAIL: $*"; echo "--- stdout"; cat "$work/first.out"; echo "--- stderr"; tail -20 "$work/first.err"; exit 1; }
[ "$status" -eq 3 ] || fail "a full disk should end the run with exit 3, got $status"
grep -q "is full" "$work/first.err" || fail "no clear message about the full disk on stderr"
written=$(find "$work/out/records" -name 'doc-*.json' | wc -l)
[ "$written" -gt 0 ] && [ "$written" -lt 60 ] || fail "expected some but not all records before the disk filled, got $written"
for record in "$work"/out/records/doc-*.json; do
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$record" || fail "a half-written record: $record"
done
[ -z "$(find "$work/out" -name '.*.tmp-*')" ] || fail "temporary files left behind"

mount -o remount,size=64m "$work/out"
"$chartflow" run --config "$work/text.json" --input "$work/in" --output "$work/out" --jobs 2 --progress none >"$work/second.out" 2>"$work/second.err" ||
  { cat "$work/second.out" "$work/second.err"; echo "FAIL: the re-run after freeing space did not finish"; exit 1; }
python3 - "$work/out" <<'PY'
import json, os, sys
out = sys.argv[1]
summary = json.load(open(os.path.join(out, "summary.json")))
assert summary["complete"] and not summary["output_full"], summary
assert summary["written"] + summary["skipped_already_done"] == 60, summary
records = [f for f in os.listdir(os.path.join(out, "records")) if f.endswith(".json")]
assert len(records) == 60, len(records)
assert not [f for f in os.listdir(os.path.join(out, "quarantine")) if not f.startswith(".")], "nothing should be quarantined"
print(f"ok: {summary['skipped_already_done']} kept from the first run, {summary['written']} finished by the re-run")
PY
