#!/usr/bin/env bash
# Dev-set evaluation of section header detection (not part of the test suite: it reads ../shared).
# Takes the ACI-Bench visit notes (train + valid), whose section headers are capitalised lines of
# their own, as gold: every such line is a header. Runs chartflow's sections stage on the notes and
# prints header precision, recall and F1 (a header counts when its line matches), then the misses.
#   bash scripts/sections-devset.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/sections-dev
rm -rf "$out" && mkdir -p "$out/notes"
cmake --build build --target chartflow_runtime >/dev/null
/usr/bin/python3 - "$out" <<'PY'
import csv, json, os, sys
csv.field_size_limit(10**9)
out = sys.argv[1]
gold = {}
for split in ("train", "valid"):
    for r in csv.DictReader(open(f"../shared/data/corpora/aci-bench/{split}.csv", encoding="utf-8")):
        name = f"{split}-{r['encounter_id']}.txt"
        note = r["note"]
        open(os.path.join(out, "notes", name), "w", encoding="utf-8").write(note)
        lines = note.split("\n")
        gold[name] = [i for i, l in enumerate(lines)
                      if l.strip() and l.strip() == l.strip().upper() and any(c.isalpha() for c in l)
                      and not any(c.isdigit() for c in l) and len(l.strip().split()) <= 6]
json.dump(gold, open(os.path.join(out, "gold.json"), "w"))
PY
cat >"$out/pipeline.json" <<'JSON'
{"name": "sections-dev", "stages": [
  {"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections", "config": {"split_sentences": false}}]}
JSON
./build/bin/chartflow run --config "$out/pipeline.json" --input "$out/notes" --output "$out/out" >/dev/null
/usr/bin/python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
gold = json.load(open(os.path.join(out, "gold.json")))
summary = json.load(open(os.path.join(out, "out/summary.json")))
tp = fp = fn = 0
misses = []
for d in summary["documents"]:
    rec = json.load(open(os.path.join(out, "out/records", d["id"] + ".json")))
    text = next(v["text"] for v in rec["views"] if v["name"] == "normalized").encode()
    predicted = {text[: s["header"]["begin"]].count(b"\n") for s in rec.get("sections", [])}
    lines = text.decode().split("\n")
    g = set(gold[d["input"]])
    tp += len(predicted & g)
    fp += len(predicted - g)
    fn += len(g - predicted)
    misses += [f"  missed: {lines[i]!r}" for i in sorted(g - predicted)]
    misses += [f"  extra:  {lines[i]!r}" for i in sorted(predicted - g)]
p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
print(f"{len(summary['documents'])} notes, {tp + fn} gold headers: precision {p:.3f}, recall {r:.3f}, F1 {2 * p * r / max(1e-9, p + r):.3f}")
from collections import Counter
for line, n in Counter(misses).most_common(25):
    print(f"{line}  x{n}")
PY
