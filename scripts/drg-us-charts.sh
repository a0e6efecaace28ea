#!/usr/bin/env bash
# MS-DRG agreement on the team's synthetic US-style charts (tests/fixtures/coding/us-charts): the
# inpatient charts run through the coder gold evaluation's pipeline with the drg-grouper stage
# (pipeline-drg.json), and the MS-DRG of chartflow's codes is compared with the MS-DRG of the
# reference coder's codes (same date, sex, discharge status and POA). docs/drg-stage.md has the figures.
#   bash scripts/drg-us-charts.sh [dev|dev2|...|dev11|dev12|heldout|all] [--errors]
set -euo pipefail
cd "$(dirname "$0")/.."
half=${1:-all}
shift || true
cmake --build build --target chartflow_runtime chartflow_drg_eval >/dev/null
for h in $([ "$half" = all ] && echo dev dev2 dev3 dev4 dev5 dev6 dev7 dev8 dev9 dev10 dev11 dev12 heldout || echo "$half"); do
  dir=tests/fixtures/coding/us-charts/$h
  [ -d "$dir/charts" ] || { echo "drg-us-charts: $dir/charts not found" >&2; exit 1; }
  out=build/us-charts-drg-$h
  rm -rf "$out"
  ./build/bin/chartflow run --config tests/fixtures/coding/us-charts/pipeline-drg.json --input "$dir/charts" --output "$out" --jobs 2 >/dev/null
  echo "== $h"
  ./build/bin/chartflow_drg_eval "$out/records" --gold "$dir/gold.tsv" "$@"
done
