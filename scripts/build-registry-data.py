#!/usr/bin/python3
"""Builds the cancer-registry plugin's reference data from the public sources in ../shared/data.

  /usr/bin/python3 scripts/build-registry-data.py [SHARED_DATA_DIR [OUT_DIR]]

SHARED_DATA_DIR defaults to ../shared/data (next to the repository), OUT_DIR to
plugins/cancer-registry/data. Writes (UTF-8 TSV, one '#' comment line, then a header line):

  topography.tsv               code, kind, title, group, group_title       ICD-O-3 topography (C50.9 style)
  morphology.tsv               histology, behavior, kind, title, edition   ICD-O-3.1 (+ ICD-O-3) morphology
  site_histology_valid.tsv     site_group, histology_from, histology_to, behaviors, sites
                                                                           SEER site/type validation list
  icd10cm_to_icdo3.tsv         icd10cm, site, histology, behavior, laterality, reportable   (SEER/IMS map)
  reportability_keywords.tsv   phrase, polarity                            IMS reportability screener
  naaccr_v26_items.tsv         naaccrId, naaccrNum, name, parentXmlElement, length, dataType, padding,
                               recordTypes                                 NAACCR v26 base dictionary
  naaccr/                      NAACCR XML 1.8 schemas (copied) and a minimal synthetic v26 example
  naaccr_notes.md, hl7_notes.md, README.md, NOTICE.md

Licences (see ../shared/data/README.md): ICD-O-3 codes may be used freely, ICD-O-3 term text only with
attribution to WHO (NOTICE.md carries it); SEER lists are public domain; the IMS (imsweb) files are
BSD-style and their licence text is reproduced in NOTICE.md. The multiple-primary test cases and the
NAACCR Vol V HL7 samples are test-only: they are summarised in README.md / hl7_notes.md, never copied.
This is a developer tool: the product only reads the generated files, never ../shared. Standard library
only; no timestamps are written, so re-running on the same sources gives byte-identical output.
"""
import collections
import csv
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, ".."))
SCRIPT_NAME = "scripts/build-registry-data.py"

# Source files, relative to SHARED_DATA_DIR.
ICDO_DIR = "vocab/icdo3"
TOPO = ICDO_DIR + "/Topoenglish.txt"
MORPH = ICDO_DIR + "/Morphenglish.txt"
HIST31 = ICDO_DIR + "/icd_o_31_histologies.csv"
SYN31 = ICDO_DIR + "/icd_o_31_histology_synonyms.csv"
SITETYPE = ICDO_DIR + "/sitetype.icdo3.d20150918.csv"
SEER_VALID = ICDO_DIR + "/seer_valid_icdo3_site_histology_combinations.csv"
ICDO_LICENSE = ICDO_DIR + "/LICENSE"
ALG_DIR = "registry/seer-icdo3-algorithms"
CM_MAP = ALG_DIR + "/icd/icd-10-cm-to-icd-o-3.csv"
ALG_LICENSE = ALG_DIR + "/LICENSE"
SCREENER_DIR = "registry/reportability-screener"
KEYWORDS = SCREENER_DIR + "/default.keyword.list.txt"
SCREENER_LICENSE = SCREENER_DIR + "/LICENSE"
NX_DIR = "registry/naaccr-xml"
DICT = {v: NX_DIR + f"/dictionaries/naaccr-dictionary-{v}.xml" for v in ("240", "250", "260")}
DICT_CSV_260 = NX_DIR + "/docs/naaccr-xml-items-260.csv"
XSD_DATA = NX_DIR + "/xsd/naaccr_data_1.8.xsd"
XSD_DICT = NX_DIR + "/xsd/naaccr_dictionary_1.8.xsd"
NX_SAMPLE = NX_DIR + "/samples/naaccr-xml-sample-v250-incidence-10.xml.gz"
NX_LICENSE = NX_DIR + "/LICENSE"
LOOKUPS_LICENSE = "registry/naaccr-lookups/LICENSE"
HL7_SAMPLES = "registry/naaccr-lookups/hl7/hl7_samples_from_official_documentation.txt"
HL7_DICT = "interop/hl7v2-dictionary/hl7v2.5.1_segments.json"  # field names only (test-use source)
MPH_DIR = "registry/mph-rules"
MPH_CASES = MPH_DIR + "/mph-testing-2000-2022.csv.gz"
MPH_LICENSE = MPH_DIR + "/LICENSE"
CM_ORDER = "vocab/icd10cm/icd10cm_order_2026.txt"  # only to check the map against FY2026 codes

NAACCR_NS = "http://naaccr.org/naaccrxml"
NS = "{" + NAACCR_NS + "}"
V26_DICT_URI = "http://naaccr.org/naaccrxml/naaccr-dictionary-260.xml"

# Licence tags for the comment line of each generated file.
LIC_WHO = "ICD-O-3 terms (c) WHO, reproduced with attribution, see NOTICE.md"
LIC_SEER = "SEER, public domain"
LIC_IMS = "IMS/SEER, BSD-style licence, see NOTICE.md"

# Data-type patterns from the comments in naaccr_dictionary_1.8.xsd ('n' = item length).
DATATYPE_RE = {
    "digits": r"\d{%d}",
    "mixed": r"[A-Z\d]{%d}",
    "alpha": r"[A-Z]{%d}",
    "numeric": r"\d+(\.\d+)?",
    "date": r"(18|19|20)\d\d((0[1-9]|1[012])(0[1-9]|[12]\d|3[01])?)?",
    "text": None,
    "dateTime": None,
}

# The synthetic example data file (written by us; not third-party data). Order matters only for the
# XSD: NaaccrData items, then Patient(s); Patient items, then Tumor(s).
EXAMPLE_ROOT_ITEMS = [("registryId", "0000000001")]
EXAMPLE_PATIENT_ITEMS = [
    ("patientIdNumber", "00000001"),
    ("sexAssignedAtBirth", "2"),
    ("dateOfBirth", "19600412"),
]
EXAMPLE_TUMOR_ITEMS = [
    ("tumorRecordNumber", "01"),
    ("sequenceNumberCentral", "00"),
    ("primarySite", "C504"),
    ("laterality", "1"),
    ("histologicTypeIcdO3", "8500"),
    ("behaviorCodeIcdO3", "3"),
    ("dateOfDiagnosis", "20250314"),
    ("diagnosticConfirmation", "1"),
    ("gradeClinical", "2"),
    ("gradePathological", "2"),
    ("ajccTnmPathT", "pT1c"),
    ("ajccTnmPathN", "pN0"),
    ("ajccTnmPathM", "cM0"),
    ("ajccTnmPathStageGroup", "1A"),
]

# Abstracting concepts the registry stage fills -> v26 naaccrIds (looked up in the dictionary below,
# so a wrong id fails the build). Older ids that v26 no longer has are listed separately.
FIELD_CONCEPTS = [
    ("Patient ID", ["patientIdNumber"]),
    ("Sex", ["sexAssignedAtBirth"]),
    ("Date of birth", ["dateOfBirth"]),
    ("Tumor record number / sequence", ["tumorRecordNumber", "sequenceNumberCentral", "sequenceNumberHospital"]),
    ("Primary site (ICD-O-3 topography)", ["primarySite"]),
    ("Histology (ICD-O-3)", ["histologicTypeIcdO3"]),
    ("Behavior (ICD-O-3)", ["behaviorCodeIcdO3"]),
    ("Grade, diagnoses 2018+", ["gradeClinical", "gradePathological", "gradePostTherapyClin",
                                "gradePostTherapy", "derivedSummaryGrade2018"]),
    ("Grade, diagnoses before 2018", ["grade"]),
    ("Laterality", ["laterality"]),
    ("Date of diagnosis", ["dateOfDiagnosis"]),
    ("Diagnostic confirmation", ["diagnosticConfirmation"]),
    ("AJCC TNM pathological, 2018+", ["ajccTnmPathT", "ajccTnmPathTSuffix", "ajccTnmPathN",
                                       "ajccTnmPathNSuffix", "ajccTnmPathM", "ajccTnmPathStageGroup"]),
    ("AJCC TNM clinical, 2018+", ["ajccTnmClinT", "ajccTnmClinN", "ajccTnmClinM", "ajccTnmClinStageGroup"]),
    ("AJCC staging identifiers", ["ajccId", "schemaId", "tnmEditionNumber"]),
    ("TNM pathological, before 2018", ["tnmPathT", "tnmPathN", "tnmPathM", "tnmPathStageGroup"]),
    ("Pathology report text", ["textDxProcPath", "textHistologyTitle", "textPrimarySiteTitle"]),
    ("Path report identifiers", ["pathReportNumber1", "pathReportType1", "pathReportingFacId1"]),
]
OLD_IDS = ["sex", "tnmPathT"]  # 'sex' (#220) was replaced by sexAssignedAtBirth (#225) in v26

# LOINC codes seen in OBX-3 of pathology messages (meaning per LOINC "Path report.*" parts).
LOINC_SECTIONS = {
    "22633-2": "nature of specimen / site of origin",
    "22634-0": "gross description",
    "22635-7": "microscopic observation",
    "22636-5": "clinical history (relevant Hx)",
    "22637-3": "final diagnosis",
    "22638-1": "comments",
    "22049-1": "flow cytometry phenotype (cancer-related studies)",
    "11529-5": "surgical pathology study report (OBR-4 order code)",
}


# ----------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------

def clean(text):
    """Collapses all whitespace (tabs and newlines included) to single spaces, so a field is TSV-safe."""
    return " ".join((text or "").split())


def dotted_site(code):
    """'C509' -> 'C50.9' (ICD-O-3 topography); already dotted codes pass through."""
    code = code.strip().upper()
    if len(code) == 4 and "." not in code:
        return code[:3] + "." + code[3:]
    return code


def dotted_cm(code):
    """'C50911' -> 'C50.911', 'C4A0' -> 'C4A.0', 'C61' -> 'C61' (ICD-10-CM)."""
    code = code.strip().upper()
    if len(code) > 3 and "." not in code:
        return code[:3] + "." + code[3:]
    return code


def comment_line(sources, licence):
    names = ", ".join(os.path.basename(s) for s in sources)
    return f"# Generated by {SCRIPT_NAME} from {names} ({licence}). Do not edit by hand."


def write_tsv(path, sources, licence, header, rows):
    """Writes comment line, header line and rows; returns (row count, byte size)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(comment_line(sources, licence) + "\n")
        f.write("\t".join(header) + "\n")
        for row in rows:
            assert len(row) == len(header), (path, row)
            f.write("\t".join(clean(str(v)) for v in row) + "\n")
            count += 1
    return count, os.path.getsize(path)


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return os.path.getsize(path)


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def balanced(text):
    return text.count("(") == text.count(")")


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |")
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------
# ICD-O-3 topography
# ----------------------------------------------------------------------------------------------

def build_topography(shared, out, ctx):
    """topography.tsv: one 'preferred' row per 4-character site code, then its inclusion terms."""
    with open(os.path.join(shared, TOPO), encoding="ascii", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["Kode", "Lvl", "Title"], rows[0]
    groups, preferred, order = {}, {}, []
    synonyms = collections.defaultdict(list)
    prefix = {}                       # 'k' rows: "Skin of:" -> combined with each 'b' row of that code
    bullets = collections.defaultdict(list)
    skipped = []
    for code, level, title in rows[1:]:
        title = clean(title)
        if level == "3":
            groups[code] = title
        elif level == "4":
            preferred[code] = title
            order.append(code)
        elif level == "incl":
            # Inclusion lines that start in lower case or cite another code are fragments of the
            # exclusion notes ("skin of upper lip" under C00.0 belongs to 'excludes ... C44.0').
            if title[:1].islower() or re.search(r"C\d\d", title):
                skipped.append((code, title))
            else:
                synonyms[code].append(title)
        elif level == "k":
            assert code not in prefix, code
            prefix[code] = re.sub(r"\s*:\s*$", "", title)
        elif level == "b":
            bullets[code].append(title)
        else:
            raise ValueError(f"unknown Topoenglish level {level!r}")
    for code, items in bullets.items():
        assert code in prefix, f"{code}: bullet terms without a 'k' prefix"
        synonyms[code].extend(f"{prefix[code]} {b}" for b in items)

    out_rows, n_syn = [], 0
    for code in sorted(order):
        group = code[:3]
        assert group in groups, code
        out_rows.append((code, "preferred", preferred[code], group, groups[group]))
        seen = {preferred[code].lower()}
        for term in synonyms.get(code, []):
            if term.lower() in seen:
                continue
            seen.add(term.lower())
            out_rows.append((code, "synonym", term, group, groups[group]))
            n_syn += 1
    assert not set(synonyms) - set(preferred), set(synonyms) - set(preferred)
    ctx["topo_codes"] = set(order)
    ctx["topo_groups"] = groups
    ctx["topo_title"] = preferred
    ctx["topo_skipped"] = skipped
    print("ICD-O-3 topography")
    print(f"  {len(order)} site codes in {len(groups)} groups, {n_syn} synonyms; "
          f"{len(skipped)} exclusion-note fragments dropped: {skipped}")
    return {"topography.tsv": write_tsv(os.path.join(out, "topography.tsv"), [TOPO], LIC_WHO,
                                        ["code", "kind", "title", "group", "group_title"], out_rows)}


# ----------------------------------------------------------------------------------------------
# ICD-O-3 morphology
# ----------------------------------------------------------------------------------------------

def read_csv_pairs(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return [(a.strip(), clean(b)) for a, b in rows[1:]]


def build_morphology(shared, out, ctx):
    """morphology.tsv: ICD-O-3.1 preferred terms and synonyms; ICD-O-3 (2000) terms the 3.1 extract
    lacks are added with edition 3.0 (codes 3.1 dropped or moved, and older synonyms)."""
    hist31 = read_csv_pairs(os.path.join(shared, HIST31))
    syn31 = read_csv_pairs(os.path.join(shared, SYN31))
    with open(os.path.join(shared, MORPH), encoding="ascii", newline="") as f:
        morph = list(csv.reader(f, delimiter="\t"))
    assert morph[0] == ["Code", "Struct", "Label"], morph[0]
    code_re = re.compile(r"^\d{4}/[012369]$")

    title31 = {}
    for code, title in hist31:
        assert code_re.match(code) and code not in title31, code
        title31[code] = title
    title30, subs30, broken = {}, collections.defaultdict(list), []
    for code, struct, label in morph[1:]:
        assert code_re.match(code), code
        label = clean(label)
        if not balanced(label) or label.endswith("/j"):  # truncated at ';' or stray suffix in the source
            broken.append((code, label))
            continue
        if struct == "title":
            title30[code] = label
        elif struct == "sub":
            subs30[code].append(label)
        else:
            raise ValueError(struct)
    syns31 = collections.defaultdict(list)
    for code, term in syn31:
        assert code in title31, code
        syns31[code].append(term)

    rows = []
    only30 = []
    for code in sorted(set(title31) | set(title30) | set(subs30)):
        hist, beh = code.split("/")
        if code in title31:
            pref, edition = title31[code], "3.1"
        elif code in title30:
            pref, edition = title30[code], "3.0"
            only30.append(code)
        else:
            raise ValueError(f"{code}: synonyms but no title")
        rows.append((hist, beh, "preferred", pref, edition))
        seen = {pref.lower()}
        extra = [(t, "3.1") for t in syns31.get(code, [])]
        if code in title30:
            extra.append((title30[code], "3.0"))
        extra += [(t, "3.0") for t in subs30.get(code, [])]
        for term, ed in extra:
            if term.lower() in seen:
                continue
            seen.add(term.lower())
            rows.append((hist, beh, "synonym", term, ed))
    ctx["morph_codes"] = {f"{r[0]}/{r[1]}" for r in rows}
    ctx["morph_only30"] = only30
    ctx["morph_broken"] = broken
    ctx["morph_counts"] = collections.Counter((r[2], r[4]) for r in rows)
    ctx["morph_title"] = {f"{r[0]}/{r[1]}": r[3] for r in rows if r[2] == "preferred"}
    print("ICD-O-3 morphology")
    print(f"  {len(title31)} ICD-O-3.1 codes, {len(only30)} more only in ICD-O-3 (2000): {only30}")
    print(f"  {len(broken)} truncated Morphenglish labels dropped: {broken}")
    print(f"  rows by (kind, edition): {dict(sorted(ctx['morph_counts'].items()))}")
    return {"morphology.tsv": write_tsv(os.path.join(out, "morphology.tsv"), [HIST31, SYN31, MORPH], LIC_WHO,
                                        ["histology", "behavior", "kind", "title", "edition"], rows)}


# ----------------------------------------------------------------------------------------------
# SEER site/histology validation list
# ----------------------------------------------------------------------------------------------

def site_ranges(text):
    """'C000-C006,C008-C009' -> [('C00.0', 'C00.6'), ('C00.8', 'C00.9')] (spaces in the source dropped)."""
    ranges = []
    for part in text.replace(" ", "").split(","):
        lo, _, hi = part.partition("-")
        ranges.append((dotted_site(lo), dotted_site(hi or lo)))
    return ranges


def build_site_histology(shared, out, ctx):
    """site_histology_valid.tsv: site_group, histology_from, histology_to, behaviors, sites.

    The SEER list names each site group by ranges of 4-character site codes and lists the
    histology/behaviour codes valid in the group; the expanded pair list
    (seer_valid_icdo3_site_histology_combinations.csv) is checked to be exactly this list expanded
    over the valid ICD-O-3 site codes. Compaction, checked to be lossless:
    - histologies of a group that have the same behaviours and are consecutive among all known
      histology codes (morphology.tsv plus the list itself) become one histology_from..histology_to row;
    - each row is keyed by the 3-character site category (`site_group`, what the plugin's loader looks
      up) and repeats the SEER group's exact site list in `sites`; a group spanning several categories
      (C09.0-C10.9) gets a row under each.
    """
    with open(os.path.join(shared, SITETYPE), encoding="ascii", newline="") as f:
        src = list(csv.DictReader(f))
    codes = sorted(ctx["topo_codes"])
    expanded, group_of = set(), {}
    group_order, group_label, group_sites, group_hist = [], {}, {}, {}
    for r in src:
        ranges = site_ranges(r["Site recode"])
        sites = ",".join(lo if lo == hi else f"{lo}-{hi}" for lo, hi in ranges)
        for lo, hi in ranges:
            assert lo in ctx["topo_codes"] and hi in ctx["topo_codes"], (lo, hi)
        if sites not in group_label:
            group_order.append(sites)
            group_label[sites] = clean(r["Site Description"])
            group_sites[sites] = [c for c in codes if any(lo <= c <= hi for lo, hi in ranges)]
            group_hist[sites] = collections.defaultdict(set)
            for c in group_sites[sites]:
                assert c not in group_of, f"{c} in two site groups"
                group_of[c] = sites
        hist, beh = r["Histology/Behavior"].split("/")
        assert hist[:3] == r["Histology"] and beh not in group_hist[sites][hist], r
        group_hist[sites][hist].add(beh)
        for c in group_sites[sites]:
            expanded.add((c, f"{hist}/{beh}"))
    with open(os.path.join(shared, SEER_VALID), encoding="ascii", newline="") as f:
        pairs = {(a, b) for a, b in list(csv.reader(f))[1:]}
    assert expanded == pairs, (len(expanded - pairs), len(pairs - expanded))
    uncovered = [c for c in codes if c not in group_of]
    assert not uncovered, uncovered

    universe = sorted({code.split("/")[0] for code in ctx["morph_codes"]} |
                      {h for g in group_hist.values() for h in g})
    rows = []
    for sites in group_order:
        hists = group_hist[sites]
        runs = []  # [from, to, behaviours]
        for h in universe:
            behs = ",".join(sorted(hists[h])) if h in hists else None
            if behs is None:
                if runs and runs[-1][3]:
                    runs[-1][3] = False  # a known code outside the group ends the run
                continue
            if runs and runs[-1][3] and runs[-1][2] == behs:
                runs[-1][1] = h
            else:
                runs.append([h, h, behs, True])
        for cat in sorted({c[:3] for c in group_sites[sites]}):
            for lo, hi, behs, _open in runs:
                rows.append((cat, lo, hi, behs, sites))
    rows.sort(key=lambda r: (r[0], group_order.index(r[4]), r[1]))
    # Lossless: expand the rows back (categories restricted to their own site codes).
    back = set()
    for cat, lo, hi, behs, sites in rows:
        for c in group_sites[sites]:
            if c[:3] != cat:
                continue
            for h in universe:
                if lo <= h <= hi:
                    for b in behs.split(","):
                        back.add((c, f"{h}/{b}"))
    assert back == pairs, (len(back - pairs), len(pairs - back))
    ctx["valid_pairs"] = pairs
    ctx["sitetype_rows"] = len(src)
    ctx["site_groups"] = [(s, group_label[s]) for s in group_order]
    ctx["valid_beh"] = collections.Counter(b for g in group_hist.values() for bs in g.values() for b in bs)
    ctx["valid_multi_cat"] = [s for s in group_order if len({c[:3] for c in group_sites[s]}) > 1]
    ctx["valid_split_cat"] = sorted({c[:3] for s in group_order for c in group_sites[s]
                                     if len({group_of[x] for x in codes if x[:3] == c[:3]}) > 1})
    ctx["valid_universe"] = len(universe)
    print("SEER site/histology validation list (2015-09-18)")
    print(f"  {len(src)} source rows in {len(group_order)} site groups -> {len(rows)} rows; expands back to "
          f"{len(pairs)} site/histology pairs = the expanded CSV exactly; every one of the {len(codes)} site codes "
          f"is in exactly one group")
    print(f"  categories split over several SEER groups: {ctx['valid_split_cat']}")
    return {"site_histology_valid.tsv": write_tsv(
        os.path.join(out, "site_histology_valid.tsv"), [SITETYPE], LIC_SEER,
        ["site_group", "histology_from", "histology_to", "behaviors", "sites"], rows)}


# ----------------------------------------------------------------------------------------------
# ICD-10-CM -> ICD-O-3 (SEER / IMS algorithms)
# ----------------------------------------------------------------------------------------------

def read_cm_order(shared):
    """FY2026 ICD-10-CM codes and headers from the CMS order file (dotted), or None if absent."""
    path = os.path.join(shared, CM_ORDER)
    if not os.path.exists(path):
        return None
    codes = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.strip():
                codes[dotted_cm(line[6:13].strip())] = line[14]
    return codes


def build_icd10cm_map(shared, out, ctx):
    with open(os.path.join(shared, CM_MAP), encoding="ascii", newline="") as f:
        src = list(csv.DictReader(f))
    expected = ["ICD-10-CM-CODE", "ICD-O-3-PRIMARY-SITE", "HISTOLOGY", "BEHAVIOR", "GRADE", "LATERALITY",
                "REPORTABILITY", "GENDER"]
    assert list(src[0].keys()) == expected, list(src[0].keys())
    assert not any(r["GENDER"] for r in src), "GENDER is no longer empty: keep it"
    rows = []
    for r in src:
        rows.append((dotted_cm(r["ICD-10-CM-CODE"]), dotted_site(r["ICD-O-3-PRIMARY-SITE"]), r["HISTOLOGY"],
                     r["BEHAVIOR"], r["LATERALITY"], r["REPORTABILITY"]))
    codes = [r[0] for r in rows]
    assert len(set(codes)) == len(codes)
    stats = {
        "flags": collections.Counter(r[5] for r in rows),
        "bad_site": sorted({r[1] for r in rows if r[1] not in ctx["topo_codes"]}),
        "bad_morph": sorted({f"{r[2]}/{r[3]}" for r in rows if f"{r[2]}/{r[3]}" not in ctx["morph_codes"]}),
        "not_seer_valid": sorted({(r[1], f"{r[2]}/{r[3]}") for r in rows
                                  if (r[1], f"{r[2]}/{r[3]}") not in ctx["valid_pairs"]}),
        "grades": collections.Counter(r["GRADE"] for r in src),
    }
    order = read_cm_order(shared)
    if order is not None:
        stats["not_fy2026"] = [c for c in codes if c not in order]
        mapped = set(codes)

        def covered(code):
            c = code.replace(".", "")
            while c:
                if dotted_cm(c) in mapped:
                    return True
                c = c[:-1]
            return False
        # FY2026 billable codes in the malignant (C00-C96 without C44) and in-situ (D00-D09) ranges
        # that neither the map nor any ancestor of theirs covers.
        stats["fy2026_gaps"] = sorted(c for c, flag in order.items() if flag == "1" and (
            ("C00" <= c[:3] <= "C96" and not c.startswith("C44")) or "D00" <= c[:3] <= "D09") and not covered(c))
    ctx["cm_stats"] = stats
    ctx["cm_rows"] = {r[0]: r for r in rows}
    print("ICD-10-CM -> ICD-O-3 (imsweb algorithms)")
    print(f"  {len(rows)} codes; reportability flags {dict(stats['flags'])}; grade values dropped "
          f"{dict(stats['grades'])}")
    print(f"  sites not in topography: {stats['bad_site']}; histology/behaviour not in morphology: "
          f"{stats['bad_morph']}")
    print(f"  {len(stats['not_seer_valid'])} site/morphology pairs outside the SEER site/type list, e.g. "
          f"{stats['not_seer_valid'][:8]}")
    if order is not None:
        print(f"  {len(stats['not_fy2026'])} map codes are not FY2026 codes/headers: {stats['not_fy2026'][:20]}")
        print(f"  {len(stats['fy2026_gaps'])} FY2026 billable C00-C96 (not C44) / D00-D09 codes with no entry "
              f"for themselves or an ancestor: {stats['fy2026_gaps'][:20]}")
    return {"icd10cm_to_icdo3.tsv": write_tsv(os.path.join(out, "icd10cm_to_icdo3.tsv"), [CM_MAP], LIC_IMS,
                                              ["icd10cm", "site", "histology", "behavior", "laterality",
                                               "reportable"], rows)}


# ----------------------------------------------------------------------------------------------
# Reportability keywords
# ----------------------------------------------------------------------------------------------

def build_keywords(shared, out, ctx):
    rows, seen, respaced, dups = [], set(), [], []
    with open(os.path.join(shared, KEYWORDS), encoding="ascii") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            phrase, sep, group = line.rpartition("|")
            assert sep and group in ("Positive", "Negative", "Other"), (n, line)
            assert "\t" not in phrase, (n, line)
            # Whitespace is collapsed (as everywhere in these files); two phrases differ from others
            # only by a double space, and one then duplicates an existing phrase: keep the first.
            key = (clean(phrase).lower(), group)
            if clean(phrase) != phrase:
                respaced.append(phrase)
            if key in seen:
                dups.append(phrase)
                continue
            seen.add(key)
            rows.append((clean(phrase), group.lower()))
    assert len({r[0].lower() for r in rows}) == len(rows), "same phrase in two groups"
    ctx["kw_respaced"], ctx["kw_dups"] = respaced, dups
    ctx["kw_counts"] = collections.Counter(r[1] for r in rows)
    ctx["kw_dash"] = sum(1 for r in rows if r[0].startswith("-"))
    print("Reportability keywords")
    print(f"  {len(rows)} phrases {dict(ctx['kw_counts'])} ({ctx['kw_dash']} start with '-', kept as given); "
          f"whitespace collapsed in {respaced}, duplicates then dropped: {dups}")
    return {"reportability_keywords.tsv": write_tsv(os.path.join(out, "reportability_keywords.tsv"), [KEYWORDS],
                                                    LIC_IMS, ["phrase", "polarity"], rows)}


# ----------------------------------------------------------------------------------------------
# NAACCR XML v26
# ----------------------------------------------------------------------------------------------

def read_dictionary(path):
    root = ET.parse(path).getroot()
    assert root.tag == NS + "NaaccrDictionary", root.tag
    items = [dict(i.attrib) for i in root.iter(NS + "ItemDef")]
    return root.attrib, items


def example_xml():
    def items(pairs, indent):
        return "".join(f'{indent}<Item naaccrId="{k}">{v}</Item>\n' for k, v in pairs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<!-- Minimal NAACCR XML v26 data file: one patient, one tumor. Synthetic values written for\n"
            f"     chartflow by {SCRIPT_NAME}; validates against naaccr_data_1.8.xsd. -->\n"
            f'<NaaccrData baseDictionaryUri="{V26_DICT_URI}"\n'
            '            recordType="I"\n'
            '            specificationVersion="1.8"\n'
            f'            xmlns="{NAACCR_NS}">\n'
            + items(EXAMPLE_ROOT_ITEMS, "    ")
            + "    <Patient>\n"
            + items(EXAMPLE_PATIENT_ITEMS, "        ")
            + "        <Tumor>\n"
            + items(EXAMPLE_TUMOR_ITEMS, "            ")
            + "        </Tumor>\n"
            + "    </Patient>\n"
            + "</NaaccrData>\n")


def check_against_dictionary(xml_text, items_by_id):
    """Dictionary-level checks the XSD cannot do: known id, right parent, length, data type, unique."""
    problems = []
    root = ET.fromstring(xml_text)

    def walk(elem, parent):
        seen = set()
        for item in elem.findall(NS + "Item"):
            nid, value = item.get("naaccrId"), item.text or ""
            d = items_by_id.get(nid)
            if d is None:
                problems.append(f"{nid}: not in the v26 dictionary")
                continue
            if nid in seen:
                problems.append(f"{nid}: repeated in one {parent}")
            seen.add(nid)
            if d["parentXmlElement"] != parent:
                problems.append(f"{nid}: belongs under {d['parentXmlElement']}, found under {parent}")
            length, dtype = int(d["length"]), d.get("dataType", "text")
            if len(value) > length:
                problems.append(f"{nid}: value longer than {length}")
            pattern = DATATYPE_RE[dtype]
            if pattern and not re.fullmatch(pattern % length if "%d" in pattern else pattern, value):
                problems.append(f"{nid}: {value!r} is not a valid {dtype}({length})")
        for tag in ("Patient", "Tumor"):
            for child in elem.findall(NS + tag):
                walk(child, tag)
    walk(root, "NaaccrData")
    return problems


def xmllint(xsd, xml_text):
    """Validates xml_text against xsd with xmllint; returns (ran, ok, message)."""
    exe = shutil.which("xmllint")
    if not exe:
        return False, None, "xmllint not installed"
    proc = subprocess.run([exe, "--noout", "--schema", xsd, "-"], input=xml_text.encode("utf-8"),
                          capture_output=True)
    msg = clean(proc.stderr.decode("utf-8", "replace")).replace(xsd, os.path.basename(xsd))
    msg = re.sub(r"(^|\s)-(:| validates| fails)", lambda m: m.group(1) + "<stdin>" + m.group(2), msg)
    return True, proc.returncode == 0, msg


def build_naaccr(shared, out, ctx):
    files = {}
    dicts = {v: read_dictionary(os.path.join(shared, p)) for v, p in DICT.items()}
    attrs, items = dicts["260"]
    assert attrs["dictionaryUri"] == V26_DICT_URI and attrs["naaccrVersion"] == "260", attrs
    present = collections.Counter(k for i in items for k in i)
    assert "allowUnlimitedText" not in present  # the v26 dictionary (spec 1.8) has no such attribute
    by_id = {i["naaccrId"]: i for i in items}
    assert len(by_id) == len(items)
    rows = []
    for i in sorted(items, key=lambda i: int(i["naaccrNum"])):
        rows.append((i["naaccrId"], i["naaccrNum"], i.get("naaccrName", ""), i["parentXmlElement"], i["length"],
                     i.get("dataType", "text"), i.get("padding", "none"), i.get("recordTypes", "")))
    # Cross-check with the CSV listing the same dictionary.
    with open(os.path.join(shared, DICT_CSV_260), encoding="utf-8", newline="") as f:
        csv_rows = {r["NAACCR XML ID"]: r for r in csv.DictReader(f)}
    mismatch = [nid for nid, i in by_id.items() if nid not in csv_rows
                or csv_rows[nid]["NAACCR Number"] != i["naaccrNum"] or csv_rows[nid]["Length"] != i["length"]
                or csv_rows[nid]["Parent XML Element"] != i["parentXmlElement"]
                or csv_rows[nid]["Data Type"] != i.get("dataType", "text")]
    assert not mismatch and len(csv_rows) == len(by_id), mismatch[:10]
    files["naaccr_v26_items.tsv"] = write_tsv(
        os.path.join(out, "naaccr_v26_items.tsv"), [DICT["260"]], LIC_IMS,
        ["naaccrId", "naaccrNum", "name", "parentXmlElement", "length", "dataType", "padding", "recordTypes"], rows)

    # Version-to-version changes, by item number.
    def diff(a, b):
        A = {i["naaccrNum"]: i for i in dicts[a][1]}
        B = {i["naaccrNum"]: i for i in dicts[b][1]}
        return {
            "removed": sorted((A[n]["naaccrId"], int(n)) for n in A if n not in B),
            "added": sorted((B[n]["naaccrId"], int(n)) for n in B if n not in A),
            "changed": sorted((A[n]["naaccrId"], int(n), k, A[n].get(k), B[n].get(k)) for n in A if n in B
                              for k in ("naaccrId", "length", "dataType", "parentXmlElement", "naaccrName")
                              if A[n].get(k) != B[n].get(k)),
        }
    changes = diff("250", "260")

    # Schemas (copied unchanged) and the synthetic example.
    nx_out = os.path.join(out, "naaccr")
    os.makedirs(nx_out, exist_ok=True)
    for src in (XSD_DATA, XSD_DICT):
        dst = os.path.join(nx_out, os.path.basename(src))
        shutil.copyfile(os.path.join(shared, src), dst)
        files["naaccr/" + os.path.basename(src)] = (None, os.path.getsize(dst))
    example = example_xml()
    problems = check_against_dictionary(example, by_id)
    assert not problems, problems
    files["naaccr/example-v26-minimal.xml"] = (None, write_text(os.path.join(nx_out, "example-v26-minimal.xml"),
                                                             example))
    xsd_path = os.path.join(nx_out, os.path.basename(XSD_DATA))
    lint = xmllint(xsd_path, example)
    broken = example.replace(f'baseDictionaryUri="{V26_DICT_URI}"\n            ', "")
    lint_neg = xmllint(xsd_path, broken)
    sample_path = os.path.join(shared, NX_SAMPLE)
    lint_sample = None
    if os.path.exists(sample_path):
        with gzip.open(sample_path, "rt", encoding="utf-8") as f:
            lint_sample = xmllint(xsd_path, f.read())

    fields = []
    for concept, ids in FIELD_CONCEPTS:
        for nid in ids:
            d = by_id.get(nid)
            assert d is not None, f"{nid} is not a v26 item"
            fields.append((concept, nid, d["naaccrNum"], d["parentXmlElement"], d["length"],
                           d.get("dataType", "text"), d.get("recordTypes", "")))
    old = {i["naaccrId"]: i for i in dicts["250"][1]}
    ctx["naaccr"] = {"items": len(items), "parents": collections.Counter(i["parentXmlElement"] for i in items),
                     "types": collections.Counter(i.get("dataType", "text") for i in items),
                     "padding": collections.Counter(i.get("padding", "none") for i in items),
                     "attrs": attrs, "present": present, "changes": changes, "fields": fields,
                     "lint": lint, "lint_neg": lint_neg, "lint_sample": lint_sample, "example": example,
                     "root_items": [(i["naaccrId"], i["naaccrNum"]) for i in items
                                    if i["parentXmlElement"] == "NaaccrData"],
                     "sex_v25": old.get("sex"), "by_id": by_id,
                     "spec_versions": {v: d[0].get("specificationVersion") for v, d in dicts.items()}}
    files["naaccr_notes.md"] = (None, write_text(os.path.join(out, "naaccr_notes.md"), naaccr_notes(ctx)))
    print("NAACCR XML v26")
    print(f"  {len(items)} items {dict(ctx['naaccr']['parents'])}; allowUnlimitedText present: no")
    print(f"  v25 -> v26: {len(changes['removed'])} removed, {len(changes['added'])} added, "
          f"{len(changes['changed'])} changed")
    print(f"  xmllint example: {lint}; without baseDictionaryUri: {lint_neg}; v250 sample: {lint_sample}")
    return files


def naaccr_notes(ctx):
    n = ctx["naaccr"]
    lint, lint_neg, lint_sample = n["lint"], n["lint_neg"], n["lint_sample"]

    def lint_text(res):
        if res is None:
            return "not run (file missing)"
        ran, ok, msg = res
        if not ran:
            return msg
        return ("valid" if ok else "INVALID") + (f" (`{msg}`)" if msg else "")
    ch = n["changes"]
    field_rows = [(c, f"`{nid}`", num, parent, length, dtype, rt) for c, nid, num, parent, length, dtype, rt
                  in n["fields"]]
    root_items = ", ".join(f"`{i}` (#{num})" for i, num in n["root_items"])
    sex = n["sex_v25"]
    return f"""# NAACCR XML v26 notes (for the registry export)

Generated by `{SCRIPT_NAME}` from the imsweb/naaccr-xml copy in `../shared/data/registry/naaccr-xml`
(base dictionaries v24/v25/v26, XML schemas 1.0-1.8; BSD-style licence, see NOTICE.md).
The item list is `naaccr_v26_items.tsv` ({n['items']} items).

## Files

- `naaccr/naaccr_data_1.8.xsd` validates a NAACCR XML *data* file (NaaccrData / Patient / Tumor / Item).
  It is the only schema a data file needs; it has no imports. (1.7 and 1.8 data schemas are identical.)
- `naaccr/naaccr_dictionary_1.8.xsd` validates a NAACCR *dictionary* (only needed if we ever write a
  user-defined dictionary for our own items).
- `naaccr/example-v26-minimal.xml` is the example below (synthetic, written by this script).

## The data file

- Root element `NaaccrData` in namespace `{NAACCR_NS}` (default namespace or a prefix; every
  element is in that namespace, attributes are unqualified).
- Root attributes (XSD): `baseDictionaryUri` **required** (anyURI) - for v26 it is
  `{V26_DICT_URI}`; `recordType` **required**, one of `A` (abstract), `M` (modified),
  `C` (confidential), `I` (incidence); `specificationVersion` **required** (the XSD does not restrict
  the value; write `1.8`, the version the v26 dictionary declares: `specificationVersion="{n['spec_versions']['260']}"`;
  v24 declared {n['spec_versions']['240']}, and the v25 synthetic samples in shared/data still say 1.7);
  optional `userDictionaryUri` (anyURI), `timeGenerated`
  (xsd:dateTime), and any attribute from another namespace.
- Content, in this order: `Item`* (items whose parentXmlElement is NaaccrData: {root_items}),
  then extension elements from other namespaces, then `Patient`*. `Patient`: `Item`*, extensions,
  `Tumor`*. `Tumor`: `Item`*, extensions.
- `Item`: `naaccrId` required (xsd:NCName), `naaccrNum` optional (integer; must match the dictionary if
  given), text content = the value. Empty values are simply left out.
- `recordType` (#10) and `naaccrRecordVersion` (#50) are flat-file fields; in XML the root attributes
  `recordType` and `baseDictionaryUri` carry them, so the example does not repeat them as Items.

What the XSD does **not** check (the writer must, from `naaccr_v26_items.tsv`): that a naaccrId exists
in the v26 dictionary; that it sits under its `parentXmlElement`; that an item appears at most once per
parent; value length <= `length`; data types (from the comments in the dictionary XSD):
`digits` = exactly n digits, `alpha` = exactly n A-Z, `mixed` = exactly n of A-Z/0-9, `numeric` =
`\\d+(\\.\\d+)?`, `date` = `YYYY`, `YYYYMM` or `YYYYMMDD` (years 18xx-20xx), `dateTime` = ISO 8601,
`text` = up to n characters. `padding="leftZero"` ({n['padding'].get('leftZero', 0)} items) means the
value is left-padded with zeros to full length. No v26 item has `allowUnlimitedText` (the attribute
was dropped from the dictionary schema after 1.5; 1.1-1.5 had it), so every value must fit `length`
(the long text fields are 4000).

Values: ICD-O-3 site is written **without** the dot (`C504`), histology 4 digits (`8500`), behaviour
1 digit; dates `YYYYMMDD` with unknown parts left off (`2025`, `202503`).

## Item ids for the abstracted fields (v26)

{md_table(["concept", "naaccrId", "naaccrNum", "parent", "length", "dataType", "recordTypes"], field_rows)}

Grade: `grade` (#440) is the ICD-O grade/differentiation code for cases diagnosed before 2018; cases
diagnosed 2018+ use `gradeClinical` / `gradePathological` / `gradePostTherapyClin` /
`gradePostTherapy` (site-specific code sets). TNM: the `tnm*` items (#880-#990) hold pre-2018 AJCC
values; 2018+ AJCC values go in `ajccTnm*` (#1001-#1036), written with their prefix (`pT1c`, `pN0`,
`cM0`), stage group without "Stage" (`1A`). Sex: `sex` (#220, "{sex['naaccrName'] if sex else '?'}" in v25) is
**gone** in v26; use `sexAssignedAtBirth` (#225).

## Changes v25 -> v26 (by item number)

- Removed ({len(ch['removed'])}): {", ".join(f"`{i}` (#{num})" for i, num in ch['removed'])}
- Added ({len(ch['added'])}): {", ".join(f"`{i}` (#{num})" for i, num in ch['added'])}
- Changed ({len(ch['changed'])}): {"; ".join(f"#{num} {k}: {a} -> {b}" for _i, num, k, a, b in ch['changed']) or "none"}

The v26 dictionary's own changelog also records (after its 2025-06-12 release date) that
`spreadThrougAirSpacesStas` was renamed `spreadThroughAirSpacesStas` and `geocodingAccuracyType` grew
to 21 characters; the file's `dateLastModified` was not updated, so check a published copy if it matters.

## Minimal valid example (one Patient, one Tumor)

```xml
{n['example'].rstrip()}
```

xmllint (`xmllint --noout --schema naaccr/naaccr_data_1.8.xsd`), run by the build script:

- this example: {lint_text(lint)}
- the same without `baseDictionaryUri` (negative check): {lint_text(lint_neg)}
- the imsweb v250 synthetic incidence sample (10 patients): {lint_text(lint_sample)}

The example also passes the dictionary-level checks above (ids, parents, lengths, data types).
"""


# ----------------------------------------------------------------------------------------------
# HL7 v2.5.1 pathology samples (NAACCR Vol V) -> notes only; the samples are test-only
# ----------------------------------------------------------------------------------------------

def parse_hl7_samples(path):
    """The documentation file writes each segment on its own line ending in a literal '<CR>', with a blank
    line between messages. Returns a list of messages, each a list of field lists."""
    text = read_text(path)
    messages = []
    for block in re.split(r"\n\s*\n", text):
        segs = [s for s in (x.strip() for x in re.split(r"<CR>\s*|\n", block)) if s]
        if segs:
            messages.append([s.split("|") for s in segs])
    return text, messages


def field(seg, n):
    """HL7 field n of a split segment (MSH counts its field separator as MSH-1)."""
    idx = n - 1 if seg[0] == "MSH" else n
    return seg[idx] if idx < len(seg) else ""


def build_hl7_notes(shared, out, ctx):
    path = os.path.join(shared, HL7_SAMPLES)
    if not os.path.exists(path):
        return {}
    text, messages = parse_hl7_samples(path)
    names = {}
    dict_path = os.path.join(shared, HL7_DICT)
    if os.path.exists(dict_path):
        with open(dict_path, encoding="utf-8") as f:
            seg_dict = json.load(f)
        for seg, d in seg_dict.items():
            for i, fd in enumerate(d.get("fields", []), 1):
                names[(seg, i)] = fd.get("desc", "")
    populated = collections.defaultdict(set)
    seg_counts = collections.Counter()
    obx_codes = collections.Counter()
    obx_types = collections.Counter()
    msg_rows = []
    encodings, versions, profiles, types, mids = set(), set(), set(), set(), collections.Counter()
    for m_no, msg in enumerate(messages, 1):
        obx = [s for s in msg if s[0] == "OBX"]
        for s in msg:
            seg_counts[s[0]] += 1
            for n in range(1, len(s) + (1 if s[0] == "MSH" else 0)):
                if field(s, n):
                    populated[s[0]].add(n)
        msh = msg[0]
        assert msh[0] == "MSH", msh
        encodings.add(field(msh, 2))
        versions.add(field(msh, 12))
        profiles.add(field(msh, 21))
        types.add(field(msh, 9))
        mids[field(msh, 10)] += 1
        for s in obx:
            code = field(s, 3).split("^")
            obx_codes[(code[0], code[1] if len(code) > 1 else "")] += 1
            obx_types[field(s, 2)] += 1
        obr = [s for s in msg if s[0] == "OBR"]
        sub_ids = sorted({field(s, 4) for s in obx if field(s, 4)})
        br = sum(field(s, 5).count("\\.br\\") for s in obx)
        msg_rows.append((m_no, " ".join(s[0] for s in msg), field(obr[0], 4).split("^")[0] if obr else "",
                         len(obx), ",".join(sorted({field(s, 2) for s in obx})),
                         ",".join(sub_ids) or "-", br, max(len(field(s, 5)) for s in obx) if obx else 0))
    escapes = collections.Counter(re.findall(r"\\(?:\.[a-z]{2}[^\\|]*|[FSTRE]|X[0-9A-Fa-f]+|H|N|Z[^\\|]*)\\", text))
    ctx["hl7"] = {"messages": len(messages), "segments": seg_counts}

    def fname(seg, n):
        return names.get((seg, n), "")
    pop_rows = []
    for seg in ["MSH", "PID", "PV1", "ORC", "OBR", "OBX", "SPM"]:
        if seg in populated:
            pop_rows.append((seg, seg_counts[seg], ", ".join(
                f"{seg}-{n}" + (f" {fname(seg, n)}" if fname(seg, n) else "") for n in sorted(populated[seg]))))
    by_code = collections.defaultdict(lambda: [0, []])
    for (c, name), k in sorted(obx_codes.items(), key=lambda x: (x[0][0], x[0][1].lower())):
        by_code[c][0] += k
        by_code[c][1].append(f'"{name}"')
    code_rows = [(c, LOINC_SECTIONS.get(c, ""), k, ", ".join(names)) for c, (k, names) in sorted(by_code.items())]
    msg_table = md_table(["#", "segments", "OBR-4 (LOINC)", "OBX count", "OBX-2 types", "OBX-4 sub-ids",
                          "`\\.br\\` count", "longest OBX-5"], msg_rows)
    notes = f"""# HL7 v2.5.1 pathology report messages (ORU^R01) - notes

Generated by `{SCRIPT_NAME}` from `../shared/data/{HL7_SAMPLES}`
(field names from the hl7-dictionary v2.5.1 segment list, MIT, where available).

## Source and licence: test only, not copied

`hl7_samples_from_official_documentation.txt` holds {len(messages)} example ORU^R01 messages taken from the
NAACCR Standards Volume V (Pathology Laboratory Electronic Reporting) documentation, bundled in the
imsweb `layout` lookups folder. shared/data/README.md lists `registry/naaccr-lookups/` as "ship / test":
the code lookups may ship, the HL7 samples (NAACCR documentation text, with third-party report text)
are test-only. So **no sample is copied** into `plugins/cancer-registry/data/`; tests that need a
pathology message should use synthetic messages written by the team (the structure below is enough
to write them). The same breast-case report text is also in reportability-screener/sample-path1.txt.

## File layout (as stored)

- Each segment is on its own text line and ends with the literal four characters `<CR>` (how the
  documentation prints the carriage return); there are no real CR (0x0D) bytes. Messages are separated
  by a blank line. A real feed uses `\\r` between segments (often MLLP-framed: 0x0B ... 0x1C 0x0D).
  A reader for these samples must turn `<CR>` + newline into a segment break.
- Encoding characters `MSH-2 = {", ".join(sorted(encodings))}` (field `|`, component `^`, repetition `~`,
  escape `\\`, subcomponent `&`). MSH-18 (character set) is empty in every message, so the default
  (ASCII) applies; the file is pure ASCII.
- MSH-9 message type: {", ".join(sorted(types))}; MSH-12 version: {", ".join(sorted(versions))};
  MSH-21 profile: {", ".join(sorted(profiles))} (NAACCR Vol V profile OID 2.16.840.1.113883.9.8).
  All {len(messages)} messages reuse one control id (MSH-10) and MSH-7 time: they are documentation
  examples, not a real feed, so de-duplication by MSH-10 would wrongly collapse them.

## Messages

{msg_table}

## Segments and the fields the samples populate

{md_table(["segment", "count", "populated fields"], pop_rows)}

Key fields for the registry stage: PID-3 patient identifiers (repeating `~`, type in component 5, e.g.
`SS` social security number, `MR` medical record number), PID-5 name, PID-7 birth date, PID-8 sex, PID-10 race,
PID-11 address; OBR-3 filler order number = pathology accession number; OBR-4 the report type
(LOINC 11529-5 surgical pathology report); OBR-7 specimen collection time; OBR-25 result status
(`F` final); OBR-32 principal result interpreter (the pathologist, subcomponents split by `&`);
ORC-21/22/24 ordering facility name and address; OBX-2 value type, OBX-3 section code, OBX-4
sub-id, OBX-5 text, OBX-11 result status (`F`), OBX-14 observation time; SPM specimen segments
(message 5).

## Report sections: OBX-3 LOINC codes seen

{md_table(["LOINC (OBX-3.1)", "section", "OBX count", "text component as sent (OBX-3.2)"], code_rows)}

- Final diagnosis = **22637-3**; gross description = **22634-0**; microscopic = **22635-7**; clinical
  history = 22636-5; specimen / site of origin = 22633-2; comments = 22638-1. The code is the key;
  the text component varies ("final diagnosis", "Path report.final diagnosis", "Final diagnosis").
  OBX-3 may carry a local code as the alternate triplet (`22633-2^Nature of Specimen^LN^L47^SUBMITTED
  TISSUE^L`): match on the LN code in components 1-3.
- OBX-2 value types: {", ".join(f"{t} ({k})" for t, k in sorted(obx_types.items()))}. `FT` (formatted
  text) and `TX` both carry the report text; `ST` is used for short specimen names.

How the text is split across OBX segments (all three occur):

1. One OBX per section, the whole section in OBX-5 with line breaks written as the escape `\\.br\\`
   (message 2, FT).
2. One OBX per section **per specimen part**, the part number in OBX-4 (`1`, `2`, `3`) and no `\\.br\\`
   (messages 3 and 4, TX/ST). The same LOINC repeats; join by (LOINC, OBX-4).
3. One SPM segment per specimen, each followed by its own OBX group whose OBX-1 set id restarts at 1
   (message 5). OBX-1 is therefore not unique within a message; keep segment order.

A section's text = OBX-5 of consecutive OBX segments with the same OBX-3 code (and OBX-4 sub-id), in
order, with `\\.br\\` turned into a newline. Long sections (up to
{max(r[7] for r in msg_rows)} characters here) stay in one OBX-5; no sample continues a sentence across OBX
segments, but a reader should still concatenate rather than assume one OBX per section.

## Escape sequences

Seen in the samples: {", ".join(f"`{e}` x{k}" for e, k in sorted(escapes.items())) or "none"}.
A reader must still decode the standard ones: `\\F\\` = `|`, `\\S\\` = `^`, `\\T\\` = `&`,
`\\R\\` = `~`, `\\E\\` = `\\`, `\\X..\\` hex data, `\\.br\\` line break, and ignore highlighting/formatting
commands (`\\H\\`, `\\N\\`, `\\.sp\\`, `\\.in\\`, `\\.ti\\`, `\\.ce\\`, `\\.fi\\`, `\\.nf\\`). Decode escapes
after splitting fields, never before.

## Other observations

- The report text has the typos of a real dictated report ("clincial", "firbrofatty", "beast",
  "received flesh", "radila"); the NLP must not depend on clean spelling.
- Flow cytometry (message 1) is reported under OBR-4 22049-1 with a `phenotype` OBX also coded 22049-1.
- Messages 4-5 add PV1 (patient visit); none carries NTE, TQ1 or CTI segments.
"""
    return {"hl7_notes.md": (None, write_text(os.path.join(out, "hl7_notes.md"), notes))}


# ----------------------------------------------------------------------------------------------
# Multiple-primary test cases (summary only; test-only data)
# ----------------------------------------------------------------------------------------------

def mph_summary(shared):
    path = os.path.join(shared, MPH_CASES)
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    years = [int(r[k]) for r in rows for k in ("year1", "year2")]
    s = {
        "n": len(rows), "header": header,
        "results": collections.Counter(r["result"] for r in rows),
        "years": (min(years), max(years)),
        "sites": collections.Counter(r["site1"][:3] for r in rows).most_common(8),
        "same_group": sum(r["site1"][:3] == r["site2"][:3] for r in rows),
        "heme": sum(9590 <= int(r["hist1"]) <= 9993 or 9590 <= int(r["hist2"]) <= 9993 for r in rows),
        "beh": collections.Counter(r["beh1"] for r in rows),
        "lat": collections.Counter(r["lat1"] for r in rows),
        "reasons": len({r["reason"] for r in rows}),
    }
    other = []
    for name in sorted(os.listdir(os.path.join(shared, MPH_DIR))):
        if name.startswith("Hematopoietic") and name.endswith(".csv"):
            with open(os.path.join(shared, MPH_DIR, name), encoding="utf-8", newline="") as f:
                r = list(csv.reader(f))
            other.append((name, len(r) - 1, ", ".join(r[0])))
    s["other"] = other
    return s


# ----------------------------------------------------------------------------------------------
# NOTICE.md and README.md
# ----------------------------------------------------------------------------------------------

def build_notice(shared, out):
    def lic(rel):
        return read_text(os.path.join(shared, rel)).strip()
    text = f"""# Third-party notices for plugins/cancer-registry/data

Generated by `{SCRIPT_NAME}`. The files in this folder are derived from the public sources below.
Redistributions of this folder (source or binary) must keep this notice.

## ICD-O-3 / ICD-O-3.1 terms - World Health Organization

`topography.tsv` and `morphology.tsv` contain term text (titles and synonyms) of the
**International Classification of Diseases for Oncology, Third Edition (ICD-O-3)**, (c) World Health
Organization 2000, and of its **First Revision (ICD-O-3.1)**, (c) World Health Organization 2013
(Fritz A, Percy C, Jack A, et al., eds. Geneva: WHO). The codes may be used freely; the term text is
reproduced with this attribution, unchanged except for whitespace normalisation, the joining of
"Skin of:" style headings with their sub-terms, and the removal of truncated or misplaced lines.
WHO has not reviewed or endorsed this product. Topography terms come from WHO's `Topoenglish.txt`,
ICD-O-3 morphology from WHO's `Morphenglish.txt`, ICD-O-3.1 morphology from an extract of the NCI
Metathesaurus (source ICDO) published in the icd-o-to-snomed repository (below).

## icd-o-to-snomed (compilation of the ICD-O-3 files) - MIT License

The ICD-O files and the SEER site/histology list were taken from the icd-o-to-snomed repository
by Michael Gurley (shared/data/vocab/icdo3), which carries this licence:

```
{lic(ICDO_LICENSE)}
```

## SEER - public domain

`site_histology_valid.tsv` is the SEER ICD-O-3 Site/Histology Validation List (2015-09-18 edition,
seer.cancer.gov/icd-o-3), a work of the US National Cancer Institute SEER Program, in the public domain.

## Information Management Services, Inc. (SEER) - BSD-style licences

`icd10cm_to_icdo3.tsv` (imsweb/algorithms, ICD conversion data created by IMS),
`reportability_keywords.tsv` (imsweb/reportability-screener), `naaccr_v26_items.tsv` and the files in
`naaccr/` (imsweb/naaccr-xml: NAACCR v26 base dictionary, NAACCR XML 1.8 schemas copied unchanged)
are derived from or copied from IMS projects developed for the SEER program under these licences:

imsweb/algorithms (also imsweb/layout lookups and imsweb/mph, same text):

```
{lic(ALG_LICENSE)}
```

imsweb/reportability-screener:

```
{lic(SCREENER_LICENSE)}
```

imsweb/naaccr-xml:

```
{lic(NX_LICENSE)}
```

The NAACCR XML Data Exchange Standard and the data item definitions are published by NAACCR
(North American Association of Central Cancer Registries, www.naaccr.org); NAACCR did not review this
product.

## Not bundled

The SEER multiple-primary test cases (imsweb/mph) and the NAACCR Volume V HL7 sample messages are
test-only sources; they are described in README.md and hl7_notes.md but not included here.
"""
    return {"NOTICE.md": (None, write_text(os.path.join(out, "NOTICE.md"), text))}


def build_readme(out, files, ctx, mph):
    def rc(name):
        rows, size = files[name]
        return f"{rows:,}" if rows is not None else "-", f"{size / 1000:,.1f} kB"
    n = ctx["naaccr"]
    cm = ctx["cm_stats"]
    mc = ctx["morph_counts"]
    file_rows = []
    for name in sorted(files):
        r, s = rc(name)
        file_rows.append((f"`{name}`", r, s))
    group_rows = [(s, label) for s, label in ctx["site_groups"]]
    cm_gaps = cm.get("fy2026_gaps")
    mph_text = "The test-case file was not found when this README was generated."
    if mph:
        res = ", ".join(f"{k} {v:,}" for k, v in mph["results"].most_common())
        sites = ", ".join(f"{k} ({v:,})" for k, v in mph["sites"])
        other = "\n".join(f"  - `{name}`: {rows:,} rows; columns {cols}" for name, rows, cols in mph["other"])
        mph_text = f"""Source: `registry/mph-rules/` (imsweb/mph, the SEER Java implementation of the Multiple Primary and
Histology (MP/H) and Solid Tumor rules; BSD-style). shared/data/README.md marks it **test** only, so
nothing from it is copied into this folder; this is a description for writing tests.

- `mph-testing-2000-2022.csv.gz`: {mph['n']:,} tumour pairs, one per row, with the expected decision.
  Columns: {", ".join(f"`{h}`" for h in mph['header'])}. Each tumour is given by diagnosis date
  (year, month, day as separate fields, all known), primary site without dot (`C619`), ICD-O-3
  histology and behaviour, and laterality (NAACCR codes 0-9). `result` is one of {res};
  `reason` is the text of the SEER rule that decided ({mph['reasons']} distinct texts, e.g. timing rules
  "diagnosed more than N years apart", different topography at the 2nd/3rd character, prostate
  adenocarcinoma always single, bilateral breast, Heme DB calculator for haematopoietic pairs).
- Diagnosis years actually span {mph['years'][0]}-{mph['years'][1]} (the file name says 2000-2022), so
  the cases exercise the 2007+ MP/H and 2018+/2021+/2023+ Solid Tumor rule sets, not the pre-2007 rules.
- Most frequent first sites: {sites}. {mph['same_group']:,} pairs share the 3-character site group;
  {mph['heme']:,} involve a haematopoietic histology (9590-9993). Behaviour of tumour 1:
  {", ".join(f"/{k} {v:,}" for k, v in mph['beh'].most_common())}; laterality of tumour 1:
  {", ".join(f"{k}: {v:,}" for k, v in mph['lat'].most_common())}.
- Rule tables for haematopoietic neoplasms, same folder:
{other}

To use them: a registry test can feed each pair (two tumours of one patient) to our multiple-primary
logic and compare `result`; QUESTIONABLE means the rules cannot decide without more information.
The file stays in ../shared and is read by the test at run time, never copied into the repository."""

    return f"""# Cancer-registry reference data

Generated by `{SCRIPT_NAME}` from the public sources in `../shared/data` (see shared/data/README.md for
their origin and licence). Do not edit by hand; re-run

    /usr/bin/python3 scripts/build-registry-data.py [SHARED_DATA_DIR [OUT_DIR]]

The product only reads these files. Every TSV is UTF-8 with one `#` comment line (the generator, the
sources and their licence), then a header line, then rows; fields are tab-separated, no quoting,
whitespace collapsed. Attributions and licence texts: `NOTICE.md`.

## Files

{md_table(["file", "rows", "size"], file_rows)}

(rows = data rows without the comment and header lines; `-` = not a table.)

## topography.tsv - ICD-O-3 topography

Columns: `code` (`C50.9`, with dot), `kind` (`preferred` | `synonym`), `title`, `group` (3-character
category, `C50`), `group_title` (as printed in ICD-O, upper case: `BREAST`).
One `preferred` row per site code ({len(ctx['topo_codes'])} codes in {len(ctx['topo_groups'])} groups), followed by that code's
inclusion terms as `synonym` rows. Source: WHO `Topoenglish.txt` (ICD-O-3 topography; the
topography axis did not change in ICD-O-3.1). Title spelling is WHO's (e.g. "Columnella" under C44.3). Licence: codes free, term text with WHO attribution (NOTICE.md) - shared/data/README.md
says "ship codes + attribution", so titles are included.
Cleaning: "Skin of:" headings (`k` lines) are joined with their sub-terms (`b` lines) into
"Skin of nose" etc.; {len(ctx['topo_skipped'])} inclusion lines that are really fragments of exclusion notes are
dropped ({"; ".join(f"{c} '{t}'" for c, t in ctx['topo_skipped'])}).
The NAACCR `primarySite` item is written without the dot (`C509`).

## morphology.tsv - ICD-O-3 morphology

Columns: `histology` (4 digits), `behavior` (0, 1, 2, 3, 6, 9), `kind` (`preferred` | `synonym`),
`title`, `edition` (`3.1` = in the ICD-O-3.1 extract, `3.0` = only in ICD-O-3 (2000)).
Preferred titles are ICD-O-3.1 (icd_o_31_histologies.csv); synonyms are the ICD-O-3.1 synonyms
(icd_o_31_histology_synonyms.csv), then ICD-O-3 (Morphenglish.txt) titles and synonyms that 3.1 does
not already list for the code. {len(ctx['morph_only30'])} codes exist only in ICD-O-3 and get an ICD-O-3 preferred title
with edition 3.0 ({", ".join(ctx['morph_only30'])}): 3.1 moved or re-coded them
(e.g. 9751/1 became 9751/3; 8157 became 8152), so they are valid only for older diagnoses.
Row counts by (kind, edition): {", ".join(f"{k}/{e} {v:,}" for (k, e), v in sorted(mc.items()))}.
{len(ctx['morph_broken'])} Morphenglish labels that the WHO file truncated at a `;` (e.g. "Acute myeloid leukemia, t(8")
or that carry a stray suffix ("Atypical lipoma/j") are dropped. Licence as topography.

**Currency:** this is ICD-O-3.1 (2011). The ICD-O-3.2 update and the annual NAACCR/SEER ICD-O
updates from 2018 on (new codes such as 8023/3 NUT carcinoma, and behaviour changes) are not in the
sources; the registry stage must not reject a code only because it is missing here.

## site_histology_valid.tsv - SEER site/histology validation list

Columns: `site_group` (3-character site category, `C50`), `histology_from`, `histology_to` (4-digit
histology range, inclusive), `behaviors` (the behaviour codes valid for every histology in the range,
comma-separated: `3` or `2,3`), `sites` (the SEER group's exact site list: dotted codes and inclusive
ranges, `C50.0-C50.6,C50.8-C50.9`).

Source structure: the SEER list (sitetype.icdo3.d20150918.csv, {ctx['sitetype_rows']:,} rows) is organised as
{len(ctx['site_groups'])} site groups, each a list of site-code ranges, times the histology/behaviour codes valid in
that group (one row per histology/behaviour). The expanded file (seer_valid_icdo3_site_histology_combinations.csv,
{len(ctx['valid_pairs']):,} site x histology/behaviour pairs) is exactly that list expanded over the valid site
codes; the build checks this. Every one of the {len(ctx['topo_codes'])} site codes falls in exactly one group.

Chosen form, and why: the rows are keyed by the 3-character category because that is what the
plugin's loader (`RegistryTables::load`, header `site_group`, columns 1-3 = category, histology from,
histology to) looks up. Within a SEER group, histologies with the same behaviours that are consecutive
among all {ctx['valid_universe']:,} known histology codes (morphology.tsv plus the list) are merged into one
from-to range - so a range never skips over a known code that is not valid there. A group spanning two
categories (e.g. C09.0-C10.9 oropharynx) is written under each. Nothing is lost: the build expands the
rows back (site codes of `sites` within `site_group` x histologies of the range x `behaviors`) and checks
that this gives exactly the {len(ctx['valid_pairs']):,} source pairs.

How to check a tumour exactly: take the rows of its category whose `sites` contain the site code (split on
`,` and `-`; all codes have the form `Cnn.n`, so a plain string comparison `lo <= code <= hi` tests a
range) and whose range contains the histology, then require the behaviour in `behaviors`. The current
loader reads only the first three columns, i.e. it checks category + histology and ignores the sub-site and
the behaviour: that is looser only for the categories that SEER splits over several groups
({", ".join(ctx['valid_split_cat'])}: e.g. appendix C18.1 vs the rest of the colon, retina vs
other eye, ventricle/cerebellum vs the rest of the brain) and for behaviour. A histology code newer than
the list that happens to fall inside a range (ICD-O-3.2 codes) is accepted by the range check.
Source rows by behaviour: {", ".join(f"/{k} {v:,}" for k, v in sorted(ctx['valid_beh'].items()))} - malignant (3) for all
sites, in situ (2) for most sites, benign (0) and borderline (1) only for the brain/CNS and
intracranial endocrine groups (C70-C72, C75.1-C75.3; SEER collects benign brain tumours), plus a few
/1 rows for ovary (C56.9). A combination
missing from the list is "unusual", not impossible: SEER edits let a registrar confirm it with the
Over-ride Site/Type flag (`overRideSiteType`, #2030). Licence: SEER, public domain (compiled in the
MIT-licensed icd-o-to-snomed repository). The site group names, e.g.:
{"; ".join(f"{label}" for _s, label in group_rows[:10])}; ... (73 in all; see the source file).

**Currency:** the 2015-09-18 edition; later SEER site/type tables (2018+, ICD-O-3.2) are not in
shared/data.

## icd10cm_to_icdo3.tsv - ICD-10-CM to ICD-O-3 (with reportability)

Columns: `icd10cm` (with dot, `C50.911`; 3-character categories such as `C50` are included), `site`
(ICD-O-3, dotted), `histology`, `behavior`, `laterality` (NAACCR code: 0 not paired, 1 right, 2 left,
9 unknown/paired), `reportable` exactly as given: `Y` = reportable ({cm['flags'].get('Y', 0):,} rows), `O` =
optional ({cm['flags'].get('O', 0)} rows: in situ neoplasms of skin, D04.x, and D18.02 haemangioma of
intracranial structures; the imsweb code names the value REPORTABILITY_OPTIONAL).
Source: imsweb/algorithms `icd/icd-10-cm-to-icd-o-3.csv` ("created by IMS. No further information is
available."), BSD-style. Dropped columns: `GENDER` (empty in every row) and `GRADE` (the pre-2018 ICD-O
grade/differentiation code, 9 unless the ICD-10-CM code implies a cell line - 5 T-cell, 6 B-cell, 8 NK;
v26 abstracts record 2018+ grade in gradeClinical/gradePathological with different codes).

How to use it: look up the full code; if absent, drop trailing characters until a code matches
(the map lists categories and subcategories). A code with no match at any level is **not in the
reportable list** - notably all of C44 (basal/squamous cell carcinoma of skin: C44.91 is absent),
and benign D-codes other than CNS. Histology is mostly the NOS default (8000, or e.g. 8720 melanoma,
8500/2 for D05.1x DCIS) and must be replaced by the pathology report's histology.
Checks (this build), kept as given but worth knowing:
- map sites that are not ICD-O-3 codes: {", ".join(cm['bad_site']) or "none"}{" (the row for category C76 gives C76.9; ICD-O-3 C76 has only .0-.5, .7, .8; flag such a case for review)" if "C76.9" in cm['bad_site'] else ""};
- histology/behaviour pairs not in morphology.tsv: {", ".join(cm['bad_morph']) or "none"}{" (8000/2 is the behaviour-matrix in situ form of 8000, allowed by the ICD-O matrix rule; 9703/3, given for C84.4 peripheral T-cell lymphoma, is an ICD-O-2 code - ICD-O-3 lists 'T-zone lymphoma' under 9702/3)" if "9703/3" in cm['bad_morph'] else ""};
- {len(cm['not_seer_valid'])} (site, morphology) pairs are outside the SEER site/type list
  ({", ".join(f"{a} {b}" for a, b in cm['not_seer_valid'][:10])}{", ..." if len(cm['not_seer_valid']) > 10 else ""}):
  mostly NOS histology 8000 with behaviour 2 or 0/1, which that list does not enumerate.
{"" if cm_gaps is None else f'''- against the FY2026 ICD-10-CM order file: {len(cm['not_fy2026'])} map codes are not FY2026 codes or headers{(" (" + ", ".join(cm['not_fy2026'][:15]) + ")") if cm['not_fy2026'] else ""};
  {len(cm_gaps)} FY2026 billable codes in C00-C96 (without C44) and D00-D09 have no entry for themselves or
  an ancestor: {", ".join(cm_gaps[:15]) or "none"}{" - D06 is carcinoma in situ of the cervix (CIN III), which US registries have not collected since 2003, so the gap is intended" if any(c.startswith("D06") for c in cm_gaps) else ""}.'''}

## reportability_keywords.tsv - reportability screener keywords

Columns: `phrase` (case as given), `polarity` (`positive` | `negative` | `other`); the source has no
other column. {sum(ctx['kw_counts'].values()):,} phrases: {", ".join(f"{k} {v:,}" for k, v in sorted(ctx['kw_counts'].items()))}.
Source: imsweb/reportability-screener `default.keyword.list.txt` (`phrase|Group`), BSD-style.
How the Java screener uses them: it finds every phrase of each group in the text (Aho-Corasick;
its tests compare matches ignoring case); a positive match lying inside a negative match (e.g.
"cancer" inside "not cancer") is ignored; the report is REPORTABLE if any positive match remains,
otherwise NON_REPORTABLE. `other` matches (site words such as "adrenal", lab names) are only reported,
they never change the result. {ctx['kw_dash']} phrases begin with `-` (list-item dashes copied from reports,
e.g. "-no evidence of squamous dysplasia or malignancy"); they are kept as given. Whitespace is
collapsed like everywhere in these files ({", ".join(repr(p) for p in ctx['kw_respaced'])} had double or
trailing spaces), after which {", ".join(repr(p) for p in ctx['kw_dups']) or "nothing"} duplicated an
existing phrase and was dropped ({sum(ctx['kw_counts'].values()) + len(ctx['kw_dups']):,} source lines). A matcher should also
collapse whitespace in the report text before matching.

## naaccr_v26_items.tsv - NAACCR v26 data items

Columns: `naaccrId`, `naaccrNum`, `name` (naaccrName), `parentXmlElement` (NaaccrData | Patient |
Tumor), `length`, `dataType` (digits, text, date, numeric, mixed, alpha, dateTime; `text` where the
dictionary omits it, its default), `padding` (`leftZero` | `none`), `recordTypes` (record types the item
belongs to: A abstract, M modified, C confidential, I incidence). All {n['items']} items of the v26 base
dictionary (`naaccr-dictionary-260.xml`, dictionaryUri {V26_DICT_URI}, specificationVersion
{n['spec_versions']['260']}), sorted by number; by parent: {", ".join(f"{k} {v}" for k, v in sorted(n['parents'].items()))}.
`allowUnlimitedText` does not occur in the v26 dictionary (nor in its 1.8 schema), so there is no such
column. The dictionary's `startColumn` is absent too (v26 is XML-only). Cross-checked against
`docs/naaccr-xml-items-260.csv`. See `naaccr_notes.md` for the file format, the item ids of the
abstracted fields, the v25 -> v26 changes and the validated example; `naaccr/` holds the XML schemas
(copied unchanged, BSD-style) and the example. Licence: BSD-style (imsweb/naaccr-xml).

## naaccr_notes.md, hl7_notes.md

Developer notes generated with the data: the NAACCR XML v26 format (root element, namespace,
required attributes, item ids, minimal valid example with its xmllint result) and the HL7 v2.5.1
ORU^R01 pathology message structure seen in the NAACCR Vol V samples (segments, OBX LOINC codes for
final diagnosis / gross / microscopic, text splitting, escapes). The HL7 samples are test-only and are
not copied (see hl7_notes.md).

## Multiple-primary test cases (summary; not bundled)

{mph_text}
"""


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------

def sanity(out, ctx):
    print("Sanity checks")
    checks = []

    def check(label, ok, detail=""):
        checks.append(ok)
        print(f"  [{'ok' if ok else 'FAIL'}] {label}{(': ' + detail) if detail else ''}")
    check("C50.9 in topography", "C50.9" in ctx["topo_codes"], ctx["topo_title"].get("C50.9", ""))
    check("8500/3 in morphology", "8500/3" in ctx["morph_codes"], ctx["morph_title"].get("8500/3", ""))
    ok_file = False
    with open(os.path.join(out, "site_histology_valid.tsv"), encoding="utf-8") as f:
        for line in f:
            g = line.rstrip("\n").split("\t")
            if line.startswith(("#", "site_group\t")) or g[0] != "C61":
                continue
            in_sites = any(p.split("-")[0] <= "C61.9" <= p.split("-")[-1] for p in g[4].split(","))
            ok_file = ok_file or (in_sites and g[1] <= "8140" <= g[2] and "3" in g[3].split(","))
    check("C61.9 + 8140/3 is a valid SEER combination", ("C61.9", "8140/3") in ctx["valid_pairs"] and ok_file,
          "in the source list and found through site_histology_valid.tsv")
    cm = ctx["cm_rows"]
    r = cm.get("C50.911")
    check("ICD-10-CM C50.911 reportable", bool(r and r[5] == "Y"), str(r))
    r = cm.get("D05.10")
    check("ICD-10-CM D05.10 (DCIS) reportable", bool(r and r[5] == "Y"), str(r))
    r = cm.get("C44.91")
    in_map = [c for c in ("C44.91", "C44.9", "C44") if c in cm]
    check("ICD-10-CM C44.91 (basal cell carcinoma of skin) not reportable", not in_map,
          "absent from the map at every level (C44.91, C44.9, C44)" if not in_map else f"found {in_map}")
    check("NAACCR example valid against naaccr_data_1.8.xsd",
          ctx["naaccr"]["lint"][1] is not False, str(ctx["naaccr"]["lint"]))
    return all(checks)


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "plugins", "cancer-registry", "data")
    shared, out = os.path.abspath(shared), os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    ctx = {}
    files = {}
    files.update(build_topography(shared, out, ctx))
    files.update(build_morphology(shared, out, ctx))
    files.update(build_site_histology(shared, out, ctx))
    files.update(build_icd10cm_map(shared, out, ctx))
    files.update(build_keywords(shared, out, ctx))
    files.update(build_naaccr(shared, out, ctx))
    files.update(build_hl7_notes(shared, out, ctx))
    files.update(build_notice(shared, out))
    mph = mph_summary(shared)
    readme = build_readme(out, files, ctx, mph)
    files["README.md"] = (None, write_text(os.path.join(out, "README.md"), readme))

    print(f"Files in {out}")
    total = 0
    for rel, (rows, size) in sorted(files.items()):
        total += size
        print(f"  {rel:34} {'' if rows is None else rows:>8} {'rows' if rows is not None else '    '} "
              f"{size / 1000:9.1f} kB")
    print(f"  {'total':34} {'':>8}      {total / 1000:9.1f} kB")
    if not sanity(out, ctx):
        sys.exit(1)


if __name__ == "__main__":
    main()
