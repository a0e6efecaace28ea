"""SEER's 10,000 multiple-primary test pairs through `chartflow registry primaries`.

Reports agreement with the expected result (and the expected reason, which names the rule) by
rule set, and fails on any pair where either differs: agreement is 100.000% and must stay so.
Also checks what bad input and missing hematopoietic tables get.

usage: primaries_agree_with_seer.py FIXTURES_DIR CHARTFLOW OUT_DIR
"""
import csv
import gzip
import os
import subprocess
import sys
from collections import defaultdict

def run(chartflow, *args):
    return subprocess.run([chartflow, "registry", "primaries", *args], capture_output=True, text=True, timeout=240)


def agreement(rows):
    by_set = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        a = by_set[r["rule_set"] or "(no rule set)"]
        a[0] += 1
        a[1] += r["result"] == r["expected_result"]
        a[2] += r["reason"] == r["expected_reason"]
    return by_set


def main():
    fixtures, chartflow, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    pairs = os.path.join(out, "pairs.csv")
    with gzip.open(os.path.join(fixtures, "mph-testing-2000-2022.csv.gz"), "rb") as src, open(pairs, "wb") as dst:
        dst.write(src.read())
    decided = os.path.join(out, "decided.csv")
    p = run(chartflow, "--pairs", pairs, "--heme-tables", fixtures, "--output", decided)
    if p.returncode != 0:
        sys.exit(f"chartflow registry primaries failed ({p.returncode}): {p.stderr}")
    with open(decided, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 10000, f"{len(rows)} decisions for 10,000 pairs"
    failures = []
    total = [0, 0, 0]
    print(f"{'rule set':45} {'pairs':>6} {'result':>9} {'reason':>9}")
    for name, (n, res, rea) in sorted(agreement(rows).items()):
        print(f"{name:45} {n:6d} {100 * res / n:8.3f}% {100 * rea / n:8.3f}%")
        total = [total[0] + n, total[1] + res, total[2] + rea]
    print(f"{'all':45} {total[0]:6d} {100 * total[1] / total[0]:8.3f}% {100 * total[2] / total[0]:8.3f}%")
    differ = [r for r in rows if r["result"] != r["expected_result"] or r["reason"] != r["expected_reason"]]
    for r in differ[:10]:
        failures.append(f"line {r['line']}: {r['result']} ({r['rule_set']} {r['step']}: {r['reason'][:120]}) "
                        f"but SEER expects {r['expected_result']} ({r['expected_reason'][:120]})")
    if differ:
        failures.append(f"{len(differ)} of {len(rows)} pairs differ from SEER's expected result or reason")

    # Without the hematopoietic database tables, pairs that need them say so instead of guessing.
    bare = run(chartflow, "--pairs", pairs, "--output", os.path.join(out, "no-heme.csv"))
    if bare.returncode != 0:
        failures.append(f"without --heme-tables the command failed: {bare.stderr}")
    else:
        with open(os.path.join(out, "no-heme.csv"), newline="") as f:
            needs = [r for r in csv.DictReader(f) if "Hematopoietic Database" in r["reason"]]
        if not needs or any(r["result"] != "QUESTIONABLE" for r in needs):
            failures.append("without --heme-tables, pairs needing them are not all QUESTIONABLE with a reason")

    # Bad input: a clear message naming the file, line and column; nothing written.
    bad = os.path.join(out, "bad.csv")
    with open(bad, "w") as f:
        f.write("year1,month1,day1,site1,hist1,beh1,lat1,year2,month2,day2,site2,hist2,beh2,lat2\n")
        f.write("2020,01,02,C509,8500,3,1,2021,02,03,C509,85O0,3,2\n")
    p = run(chartflow, "--pairs", bad)
    if p.returncode == 0 or "bad.csv:2" not in p.stderr or "hist2" not in p.stderr:
        failures.append(f"a non-numeric histology got: rc={p.returncode} {p.stderr.strip()}")
    p = run(chartflow, "--pairs", os.path.join(out, "missing.csv"))
    if p.returncode == 0 or "missing.csv" not in p.stderr:
        failures.append(f"a missing file got: rc={p.returncode} {p.stderr.strip()}")
    p = run(chartflow, "--pairs", pairs, "--heme-tables", out)
    if p.returncode == 0 or "Hematopoietic" not in p.stderr:
        failures.append(f"a folder without the hematopoietic tables got: rc={p.returncode} {p.stderr.strip()}")

    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main()
