#!/usr/bin/env bash
# Text-stage throughput benchmark (issue 10): the text pipeline (read, normalise, sections,
# mentions, coding, writing the records) over the MTSamples dev notes, one worker, for this tree
# and for a base commit built side by side, alternating runs in one invocation. Prints MB/s per
# core (unique input bytes / batch wall seconds, and / CPU seconds of the whole command, start-up
# included: the steadier figure on a shared machine), the split stage by stage and the host's share, the
# peak memory of 1,000 notes with --jobs 2, and the host overhead per no-op stage.
#
#   bash scripts/bench-text.sh [BASE_COMMIT]    (default: the commit before the open record model)
#
# Reads ../shared/data/corpora/mtsamples-dev.csv (a dev-set command, not part of the test suite).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-53bf2bf}
data=${CHARTFLOW_SHARED:-$root/../shared}/data/corpora/mtsamples-dev.csv
[ -f "$data" ] || { echo "bench-text: $data not found (set CHARTFLOW_SHARED to the shared folder)" >&2; exit 1; }
work=${BENCH_DIR:-/tmp/chartflow-bench-text}
mkdir -p "$work"
rm -rf "$work"/out-* "$work"/split-*  # left by an interrupted run
trap 'rm -rf "$work"/out-* "$work"/split-*' EXIT

# Unique notes only: the corpus repeats some, and a repeat is skipped as a duplicate, not processed.
python3 - "$data" "$work/notes" "$work/notes-1000" <<'PY'
import csv, hashlib, os, sys
csv.field_size_limit(10**9)
src, out, out1000 = sys.argv[1:4]
for d in (out, out1000):
    os.makedirs(d, exist_ok=True)
seen, total = set(), 0
for i, row in enumerate(csv.DictReader(open(src, newline='', encoding='utf-8'))):
    text = (row.get('transcription') or '').encode()
    digest = hashlib.sha256(text).hexdigest()
    if not text.strip() or digest in seen:
        continue
    seen.add(digest)
    total += len(text)
    open(os.path.join(out, f'note-{i:05d}.txt'), 'wb').write(text)
    if len(seen) <= 1000:
        open(os.path.join(out1000, f'note-{i:05d}.txt'), 'wb').write(text)
open(os.path.join(os.path.dirname(out), 'bytes'), 'w').write(str(total))
print(f'notes: {len(seen)} unique, {total / 1e6:.2f} MB')
PY
bytes=$(cat "$work/bytes")

echo "building this tree and base $base ..."
cmake --build build --target chartflow_runtime chartflow_bench >/dev/null
if [ ! -x "$work/base-build/bin/chartflow" ] || [ "$(cat "$work/base-commit" 2>/dev/null)" != "$base" ]; then
  rm -rf "$work/base-src" "$work/base-build"
  git worktree add --detach -f "$work/base-src" "$base" >/dev/null 2>&1
  cmake -S "$work/base-src" -B "$work/base-build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHARTFLOW_BUILD_TESTS=OFF >/dev/null
  cmake --build "$work/base-build" --target chartflow_runtime >/dev/null
  git worktree remove --force "$work/base-src" >/dev/null 2>&1 || true
  echo "$base" >"$work/base-commit"
fi

cat >"$work/text.json" <<'JSON'
{"name": "text-bench", "stages": [
  {"id": "read-text", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"},
  {"id": "coding", "plugin": "clinical-coding", "config": {"policy": "outpatient"}}]}
JSON

run() {  # run BINARY OUT EXTRA... -> prints "WALL CPU": the batch's seconds and the command's CPU seconds
  local bin=$1 out=$2; shift 2
  # Each run writes a folder of its own, and all are deleted at the end: deleting thousands of
  # records just before a run makes ext4 scan past the freed inodes for every file it creates,
  # which once cost more than a fifth of the batch (a cost of the benchmark, not of a real night's run).
  [ ! -e "$out" ] || { echo "bench-text: $out exists" >&2; exit 1; }
  # CPU seconds (user + system, every process of the run) are what "per core" means and what a
  # noisy shared machine disturbs least; wall seconds come from the run's own summary.
  python3 - "$out" "$bin" run --config "$work/text.json" --input "$work/notes" --output "$out" --jobs 1 "$@" <<'PY'
import json, resource, subprocess, sys
out, cmd = sys.argv[1], sys.argv[2:]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out + ".log", "w") as log:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=log)
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(f"{json.load(open(out + '/summary.json'))['seconds']:.3f}:{cpu:.3f}")
PY
}

# base: the base commit (threads, in process); this: this tree as run by default (one supervised
# worker process); threads: this tree with --isolation none (one thread: the per-core figure).
declare -A seconds
for round in 1 2 3 4 5; do
  seconds[base]+="$(run "$work/base-build/bin/chartflow" "$work/out-base-$round") "
  seconds[this]+="$(run "$root/build/bin/chartflow" "$work/out-this-$round") "
  seconds[threads]+="$(run "$root/build/bin/chartflow" "$work/out-threads-$round" --isolation none) "
done
# One more run each with debug logs for the stage split (slower: not used for the MB/s figure);
# in one process, so a document's time is its own and not its wait for a worker.
run "$work/base-build/bin/chartflow" "$work/split-base" --log-level debug --log-format json >/dev/null
run "$root/build/bin/chartflow" "$work/split-this" --log-level debug --log-format json --isolation none >/dev/null

python3 - "$bytes" "${seconds[base]}" "${seconds[this]}" "$work/split-base.log" "$work/split-this.log" "${seconds[threads]}" <<'PY'
import json, statistics, sys
size = int(sys.argv[1])
def median(runs, part):  # runs: "WALL:CPU WALL:CPU ..."
    return statistics.median(float(r.split(':')[part]) for r in runs.split())
print(f"\ntext stages incl. writing records, 1 worker (median of 5, same notes, alternating runs):")
print(f"  {'':<22}{'wall: batch':>22}{'CPU: whole command':>30}")
base_wall, base_cpu = median(sys.argv[2], 0), median(sys.argv[2], 1)
for label, runs, note in (("base", sys.argv[2], ""), ("this, one thread", sys.argv[6], "  (--isolation none: per core)"),
                          ("this, one worker proc", sys.argv[3], "  (default)")):
    wall, cpu = median(runs, 0), median(runs, 1)
    ratio = "" if label == "base" else f"x{base_wall / wall:.2f}"
    cpu_ratio = "" if label == "base" else f"x{base_cpu / cpu:.2f}"
    print(f"  {label:<22}{size / wall / 1e6:6.2f} MB/s {ratio:>6} {size / cpu / 1e6:10.2f} MB/s per CPU-s {cpu_ratio:>6}{note}")
print("  (the CPU figure counts start-up and exit too: loading the dictionaries and code sets once per run)")
def split(log):
    stages, docs = {}, 0.0
    for line in open(log):
        try: e = json.loads(line)
        except ValueError: continue
        if e.get('event') == 'stage.done': stages[e['stage']] = stages.get(e['stage'], 0) + e['us'] / 1e6
        if e.get('event') == 'document.done' and e.get('outcome') == 'written': docs += e['ms'] / 1e3
    return stages, docs
sb, db = split(sys.argv[4]); st, dt = split(sys.argv[5])
print("\nsplit (seconds, debug-logged run; a stage's time includes the host's checks of what it adds):")
print(f"  {'stage':<12}{'base':>8}{'this':>8}")
for k in sb:
    print(f"  {k:<12}{sb[k]:8.2f}{st.get(k, 0):8.2f}")
print(f"  {'host other':<12}{db - sum(sb.values()):8.2f}{dt - sum(st.values()):8.2f}   (read, hash, skip check, record JSON, write)")
PY

echo
echo "peak memory, 1,000 notes, --jobs 2 (sum of PSS over the supervisor and its workers, sampled every 20 ms):"
for side in base this; do
  bin=$([ $side = base ] && echo "$work/base-build/bin/chartflow" || echo "$root/build/bin/chartflow")
  rm -rf "$work/mem-$side"
  python3 - "$side" "$bin" "$work/text.json" "$work/notes-1000" "$work/mem-$side" <<'PY'
import os, subprocess, sys, time
side, binary, config, notes, out = sys.argv[1:6]
proc = subprocess.Popen([binary, "run", "--config", config, "--input", notes, "--output", out, "--jobs", "2"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def tree(pid):
    pids, frontier = [pid], [pid]
    while frontier:
        p = frontier.pop()
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                for c in open(f"/proc/{p}/task/{t}/children").read().split():
                    pids.append(int(c)); frontier.append(int(c))
        except OSError:
            pass
    return pids
def pss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
peak = 0
while proc.poll() is None:
    peak = max(peak, sum(pss_kb(p) for p in tree(proc.pid)))
    time.sleep(0.02)
print(f"  {side:<5} {peak / 1024:6.1f} MB")
PY
done

echo
echo "host overhead per no-op stage (10 KB note; 0 vs 16 no-op stages):"
build/bin/chartflow_bench --benchmark_filter='BM_Document10KB/' --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' |
  awk '/_median/ {t[$1]=$2} END {
    for (k in t) { if (k ~ /\/0_/) z=t[k]; if (k ~ /\/16_/) s=t[k] }
    printf "  %.2f us per stage (0 stages %.0f us, 16 stages %.0f us per document)\n", (s-z)/16, z, s }'
