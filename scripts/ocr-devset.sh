#!/usr/bin/env bash
# Dev-set evaluation of the OCR stage (not part of the test suite: it reads ../shared).
# Renders notes from the MTSamples dev split and the team's synthetic charts into scanned pages
# with every degradation profile (../shared/tools/render_scan.py), then runs the OCR benchmark:
# chartflow's CER and time per page against the `tesseract` command line, side by side.
#   bash scripts/ocr-devset.sh [NOTES_PER_PROFILE] [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
notes=${1:-3}
out=${2:-build/ocr-dev}
shared=../shared
[ -f "$shared/tools/render_scan.py" ] || { echo "needs ../shared/tools/render_scan.py (dev machines only)" >&2; exit 1; }
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import PIL, numpy" 2>/dev/null || apt-get install -y -qq python3-pil python3-numpy fonts-liberation fonts-dejavu-core >/dev/null
mkdir -p "$out/text"
if [ ! -f "$out/.rendered-$notes" ]; then
  /usr/bin/python3 - "$shared/data/corpora/mtsamples-dev.csv" "$out/text" "$notes" <<'PY'
import csv, re, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [r for r in csv.DictReader(open(src, encoding="utf-8")) if 1200 < len(r["transcription"]) < 3500]
for i, r in enumerate(rows[:: max(1, len(rows) // n)][:n]):
    # This copy flattened line breaks to ",  " after headings; restore them.
    text = re.sub(r":,\s+", ":\n", r["transcription"])
    text = re.sub(r"\.,\s+", ".\n", text)
    open(f"{dst}/mts{i}.txt", "w").write(text)
PY
  profiles="clean office fax faxstd upside sideways copy small bad"
  seed=1
  for txt in "$out"/text/*.txt tests/fixtures/charts/discharge-summary-chf.txt; do
    base=$(basename "$txt" .txt)
    for p in $profiles; do
      /usr/bin/python3 "$shared/tools/render_scan.py" "$txt" "$out/$base-$p" --profile "$p" --seed $seed >/dev/null
      rm -f "$out/$base-$p.tif"
      seed=$((seed + 1))
    done
  done
  touch "$out/.rendered-$notes"
fi
cmake --build build --target chartflow_ocr_bench >/dev/null
./build/bin/chartflow_ocr_bench "$out" "${@:3}"
