#!/usr/bin/env python3
"""`chartflow registry stats` against R on the same synthetic cohort (tests/fixtures/registry/stats):
Kaplan-Meier (every point: survival, Greenwood standard error, log interval) to 1e-6 against
survival::survfit; Ederer II and Pohar-Perme net survival at 1, 3 and 5 years within 0.1% of
relsurv::rs.surv; age-adjusted incidence and its Fay-Feuer interval to 1e-6 against
epitools::ageadjust.direct, the Tiwari upper limit against its formula in R.

stats_agree_with_r.py SOURCE_DIR CHARTFLOW_BINARY"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

source, chartflow = sys.argv[1], sys.argv[2]
fixtures = os.path.join(source, "tests/fixtures/registry/stats")
work = tempfile.mkdtemp(prefix="cf-stats-")
problems = []


def rows(path):
    return list(csv.DictReader(open(path)))


def close(ours, theirs, what, absolute=None, relative=None):
    ours, theirs = float(ours), float(theirs)
    ok = abs(ours - theirs) <= absolute if absolute is not None else abs(ours - theirs) <= relative * abs(theirs)
    if not ok:
        problems.append(f"{what}: chartflow {ours:.9g}, R {theirs:.9g}")
    return abs(ours - theirs) / abs(theirs) if theirs else abs(ours)


try:
    if not shutil.which("Rscript"):
        sys.exit("stats test: Rscript is missing: run scripts/install-deps.sh (r-base-core, r-cran-survival, r-cran-relsurv, r-cran-epitools)")
    subprocess.run(["Rscript", os.path.join(source, "tests/registry/stats_reference.R"), fixtures, work], check=True)
    out = os.path.join(work, "ours")
    subprocess.run([chartflow, "registry", "stats", "--cohort", f"{fixtures}/cohort.csv", "--life-table", f"{fixtures}/life_table.csv",
                    "--population", f"{fixtures}/population.csv", "--by", "site", "--output", out], check=True, stdout=subprocess.DEVNULL)

    ours_km = {(r["group"], float(r["time_days"])): r for r in rows(f"{out}/survival.csv") if r["method"] == "kaplan_meier"}
    km_points = 0
    for r in rows(f"{work}/km.csv"):
        o = ours_km.get((r["group"], float(r["time"])))
        if o is None:
            problems.append(f"Kaplan-Meier {r['group']} has no point at day {r['time']}")
            continue
        km_points += 1
        for ours, theirs in (("survival", "surv"), ("std_error", "std_error"), ("lower", "lower"), ("upper", "upper")):
            if r[theirs] not in ("NA", "Inf", "NaN") and o[ours] not in ("inf", "nan"):
                close(o[ours], r[theirs], f"KM {r['group']} day {r['time']} {ours}", absolute=1e-6)

    ours_net = {(r["group"], r["method"], float(r["years"])): r for r in rows(f"{out}/survival-summary.csv")}
    worst = 0.0
    for r in rows(f"{work}/net.csv"):
        o = ours_net[(r["group"], r["method"], float(r["years"]))]
        worst = max(worst, close(o["survival"], r["survival"], f"{r['method']} {r['group']} {r['years']} years", relative=0.001))

    ours_rates = {r["area"]: r for r in rows(f"{out}/incidence.csv")}
    for r in rows(f"{work}/incidence.csv"):
        o = ours_rates[r["area"]]
        for ours, theirs in (("crude_per_100k", "crude"), ("age_adjusted_per_100k", "adjusted"), ("fay_feuer_lower", "fay_feuer_lower"),
                             ("fay_feuer_upper", "fay_feuer_upper"), ("tiwari_upper", "tiwari_upper")):
            close(o[ours], r[theirs], f"incidence area {r['area']} {ours}", relative=1e-6)

    if problems:
        print("\n".join(problems[:30]), file=sys.stderr)
        sys.exit(f"stats test: {len(problems)} figures disagree with R")
    print(f"stats test: passed ({km_points} Kaplan-Meier points to 1e-6; net survival within {100 * worst:.3f}% of relsurv; "
          f"{len(ours_rates)} areas' incidence to 1e-6)")
finally:
    shutil.rmtree(work, ignore_errors=True)
