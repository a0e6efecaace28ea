#!/usr/bin/env bash
# The coder gold evaluation on the team's synthetic US-style charts (tests/fixtures/coding/
# us-charts): ICD-10-CM F1 overall and by setting, principal / first-listed accuracy, ICD-10-PCS
# F1 and document-type accuracy. dev, dev2, dev3 and dev4 (second to fourth blind sets, by other
# coders) are tuned on; dev5 (fifth blind set) is next to tune on; heldout is only reported.
# `both` (the default) runs all six.
#   bash scripts/coding-us-charts.sh [dev|dev2|...|dev11|dev12|heldout|both] [--errors]
set -euo pipefail
cd "$(dirname "$0")/.."
half=${1:-both}
shift || true
cmake --build build --target chartflow_runtime chartflow_chart_eval >/dev/null
for h in $([ "$half" = both ] && echo dev dev2 dev3 dev4 dev5 dev6 dev7 dev8 dev9 dev10 dev11 dev12 heldout || echo "$half"); do
  dir=tests/fixtures/coding/us-charts/$h
  [ -d "$dir/charts" ] || { echo "coding-us-charts: $dir/charts not found" >&2; exit 1; }
  out=build/us-charts-$h
  rm -rf "$out"
  # A set whose coder's conventions differ from the team's (its README) has its own pipeline.
  config=tests/fixtures/coding/us-charts/pipeline.json
  [ ! -f "$dir/pipeline.json" ] || config=$dir/pipeline.json
  ./build/bin/chartflow run --config "$config" --input "$dir/charts" --output "$out" --jobs 2 >/dev/null
  echo "== $h ($(ls "$dir/charts" | wc -l) charts)"
  ./build/bin/chartflow_chart_eval "$out/records" --gold "$dir/gold.tsv" "$@"
done
