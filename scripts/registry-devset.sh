#!/usr/bin/env bash
# Dev-set evaluation of the registry stage (not part of the test suite: it reads ../shared).
#   bash scripts/registry-devset.sh [tcga|codiesp-dev|codiesp-train|heldout]   (default: tcga)
# heldout: the 60 synthetic reports a teammate wrote blind (tests/fixtures/registry/heldout, never
#   tuned on: read the figures, do not change rules to fit them).
# tcga: the 953 real TCGA pathology reports of PathRep-Bench val.csv (every one a reportable
#   cancer; its TCGA cancer type fixes the primary site group), OCR noise included.
# codiesp-*: CodiEsp case reports; gold ICD-10 codes in C00-D09 and the CNS D codes make a case
#   reportable and give the site; documents without them are negatives.
# Environment: JOBS (build jobs and run workers, default 2; use 1 on a shared machine),
#   NO_BUILD=1 (use the binaries already in build/, e.g. after `ninja -C build -j1 <targets>`).
set -euo pipefail
cd "$(dirname "$0")/.."
set_name=${1:-tcga}
out=build/registry-$set_name
rm -rf "$out" && mkdir -p "$out/docs"
jobs=${JOBS:-2}
[ "${NO_BUILD:-0}" = 1 ] || cmake --build build --target chartflow_runtime chartflow_registry_eval -j "$jobs" >/dev/null
/usr/bin/python3 - "$set_name" "$out" <<'PY'
import csv, os, sys
csv.field_size_limit(10**9)
name, out = sys.argv[1], sys.argv[2]
gold = []
if name == "heldout":
    import shutil
    src = "tests/fixtures/registry/heldout"
    for f in sorted(os.listdir(f"{src}/docs")):
        shutil.copy(f"{src}/docs/{f}", os.path.join(out, "docs", f))
    for r in csv.DictReader(open(f"{src}/gold.tsv", encoding="utf-8"), delimiter="\t"):
        gold.append((r["doc"], r["reportable"], r["site"], r["histology"], r["behavior"]))
elif name == "tcga":
    # TCGA study -> ICD-O-3 site groups a registrar would code ('-': the study spans many sites).
    sites = {"BRCA": "C50", "KIRC": "C64", "KIRP": "C64", "KICH": "C64", "LGG": "C71", "GBM": "C71", "LUAD": "C34",
             "LUSC": "C34", "PRAD": "C61", "UCEC": "C54|C55", "THCA": "C73", "STAD": "C16", "COAD": "C18|C19",
             "READ": "C20|C19|C18", "LIHC": "C22", "OV": "C56|C57|C48", "CESC": "C53", "BLCA": "C67", "PAAD": "C25",
             "ESCA": "C15|C16", "ACC": "C74", "CHOL": "C22|C24", "UCS": "C54|C55", "SKCM": "C44|C77", "MESO": "C38|C45|C48",
             "THYM": "C37", "TGCT": "C62", "UVM": "C69",
             "HNSC": "C00|C01|C02|C03|C04|C05|C06|C07|C08|C09|C10|C11|C12|C13|C14|C30|C31|C32"}
    # Histology where the TCGA study fixes it (its usual ICD-O-3 codes; '-' where a study mixes
    # histologies, e.g. breast ductal and lobular).
    histologies = {"LUAD": "8140|8250|8251|8252|8253|8254|8255|8260|8480|8550", "LUSC": "8070|8071|8072|8073|8074|8083",
                   "KIRC": "8310|8312", "KIRP": "8260|8312", "KICH": "8317|8312", "PRAD": "8140|8500|8550",
                   "COAD": "8140|8480|8490|8210|8261|8263", "READ": "8140|8480|8490|8210|8261|8263", "GBM": "9440|9441|9442",
                   "LIHC": "8170|8171|8172|8173|8174|8175|8180", "BLCA": "8120|8130|8131", "SKCM": "8720|8721|8742|8743|8744|8745|8770|8771|8772",
                   "MESO": "9050|9051|9052|9053", "THYM": "8580|8581|8582|8583|8584|8585|8586", "UCEC": "8380|8382|8383|8441|8460|8461|8310|8323",
                   "OV": "8441|8460|8461|8463", "THCA": "8260|8340|8341|8342|8343|8344|8050|8330", "HNSC": "8070|8071|8072|8073|8074|8083",
                   "DLBC": "9680|9684", "UVM": "8720|8770|8771|8772|8773|8774", "PCPG": "8680|8693|8700", "ACC": "8370",
                   "CHOL": "8160|8140", "UCS": "8980|8950", "TGCT": "9061|9062|9064|9065|9070|9071|9080|9081|9085|9100",
                   "LGG": "9380|9382|9400|9401|9410|9411|9420|9450|9451"}
    for r in csv.DictReader(open("../shared/data/corpora/tcga-pathrep/val.csv", encoding="utf-8")):
        doc = r["bcr_patient_barcode"]
        open(os.path.join(out, "docs", doc + ".txt"), "w", encoding="utf-8").write(r["text"])
        gold.append((doc, "yes", sites.get(r["type_code"], "-"), histologies.get(r["type_code"], "-"), "-"))
else:
    split = name.split("-")[1]
    base = f"../shared/data/corpora/codiesp/{split}"
    codes = {}
    for line in open(f"{base}/{split}D.tsv", encoding="utf-8"):
        doc, code = line.strip().split("\t")
        codes.setdefault(doc, []).append(code.upper())
    cns = ("D32", "D33", "D352", "D353", "D354", "D42", "D43")
    for f in sorted(os.listdir(f"{base}/text_files_en")):
        doc = f[:-4]
        text = open(f"{base}/text_files_en/{f}", encoding="utf-8").read()
        open(os.path.join(out, "docs", f), "w", encoding="utf-8").write(text)
        cs = codes.get(doc, [])
        bare = [c.replace(".", "") for c in cs]
        reportable = [c for c in bare if (c[0] == "C" and c[:3] <= "C96") or ("D00" <= c[:3] <= "D09") or c.startswith(cns)]
        primary = [c[:3] for c in reportable if c[0] == "C" and c[:3] <= "C75" and c[:3] != "C43"]
        primary += ["C44" for c in reportable if c[:3] == "C43"]
        gold.append((doc, "yes" if reportable else "no", "|".join(sorted(set(primary))) or "-", "-", "-"))
with open(os.path.join(out, "gold.tsv"), "w", encoding="utf-8") as g:
    g.write("doc\treportable\tsite\thistology\tbehavior\n")
    for row in gold:
        g.write("\t".join(row) + "\n")
print(f"{len(gold)} documents, {sum(1 for r in gold if r[1] == 'yes')} reportable")
PY
start=$(date +%s.%N)
./build/bin/chartflow run --config tests/fixtures/registry/pipeline.json --input "$out/docs" --output "$out/run" --jobs "$jobs" >/dev/null || true
end=$(date +%s.%N)
echo "run: $(awk "BEGIN{print $end - $start}") s on $jobs worker(s)"
./build/bin/chartflow_registry_eval "$out/run/records" "$out/gold.tsv" > "$out/eval.txt"
head -6 "$out/eval.txt"
echo "(misses: $out/eval.txt)"
