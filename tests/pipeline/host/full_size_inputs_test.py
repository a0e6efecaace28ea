#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Pathological inputs at full size through the optimised program, under the memory limits they are about.

The host and reader tests run these inputs under the sanitizers at a quarter of the size (where
they look for memory errors); this test is there to catch superlinear time and memory, so it runs
the full size in the optimised build (no timing is asserted: the test's timeout is the guard).
  - a megabyte of run-on negations and of list text through sections, mentions and coding
    (ConText was once about cubic in an unpunctuated sentence; coding copied it for every mention);
  - a 10 MB HL7 message read under a 128 MB worker limit;
  - a 2 MB pathology report with no sentence break through the registry stages under 512 MB
    (the registry stage once judged each of its thousands of mentions by a copy of all of it).

full_size_inputs_test.py CHARTFLOW_BINARY
"""
import json
import pathlib
import subprocess
import sys
import tempfile

HEADER = "MSH|^~\\&|LAB|FAC|REG|ST|20260310||ORU^R01^ORU_R01|1|P|2.5.1\r"
PATIENT = "PID|1||900020^^^H^MR||SYNTHETICNAME^ALPHA||19550101|F\r"
ORDER = "OBR|1||S26-1^LAB|11529-5^Surgical pathology report^LN|||20260309\r"
TEXT_STAGES = [{"id": "read", "plugin": "text-reader"}, {"id": "norm", "plugin": "text-normalizer"},
               {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"},
               {"id": "coding", "plugin": "clinical-coding"}]
HL7_STAGES = [{"id": "read-text", "plugin": "text-reader"}, {"id": "read-hl7", "plugin": "hl7-reader"}]
REGISTRY_STAGES = HL7_STAGES + [{"id": "normalize", "plugin": "text-normalizer"}, {"id": "sections", "plugin": "clinical-sections"},
                                {"id": "identity", "plugin": "patient-identity"}, {"id": "mentions", "plugin": "clinical-mentions"},
                                {"id": "registry", "plugin": "cancer-registry"}]


def fail(message):
    print(f"full-size inputs test: {message}", file=sys.stderr)
    sys.exit(1)


def repeat_to(piece, size, start=""):
    return start + piece * max(0, -(-(size - len(start)) // len(piece)))


def hl7_with_report(sentence, size):
    message = HEADER + PATIENT + ORDER + "OBX|1|TX|22637-3^Final diagnosis^LN||"
    return repeat_to(sentence, size, message) + "||||||F\r"


def run(chartflow, work, name, stages, inputs, limits=None, jobs=1):
    """Runs the program on inputs ({file name: bytes}); returns the summary and the records by input."""
    folder = work / name
    (folder / "in").mkdir(parents=True)
    for file, data in inputs.items():
        (folder / "in" / file).write_bytes(data.encode())
    config = {"name": name, "stages": stages}
    if limits:
        config["limits"] = limits
    (folder / "pipeline.json").write_text(json.dumps(config))
    done = subprocess.run([chartflow, "run", "--config", str(folder / "pipeline.json"), "--input", str(folder / "in"),
                           "--output", str(folder / "out"), "--progress", "none", "--jobs", str(jobs)],
                          capture_output=True, text=True)
    summary_file = folder / "out" / "summary.json"
    if done.returncode != 0 or not summary_file.exists():
        fail(f"{name}: the run exited {done.returncode}\n{done.stderr[-4000:]}\n"
             f"{summary_file.read_text() if summary_file.exists() else ''}")
    summary = json.loads(summary_file.read_text())
    records = {}
    for document in summary["documents"]:
        if document["outcome"] != "written":
            fail(f"{name}: {document['input']} ended {document['outcome']}: {document.get('reason')}")
        records[document["input"]] = json.loads((folder / "out" / "records" / f"{document['id']}.json").read_text())
    return records


def run_on_negations_and_lists(chartflow, work):
    records = run(chartflow, work, "run-on", TEXT_STAGES, {
        "negations.txt": repeat_to("no fever ", 500_000),
        "list.txt": repeat_to("chills, cough, nausea, headache, ", 500_000, "Review of systems: negative for ") + "and dizziness.\n",
    }, jobs=2)
    for name, record in records.items():
        mentions = record.get("mentions", [])
        if len(mentions) <= 1000:
            fail(f"{name}: {len(mentions)} mentions, expected thousands")
        negated = sum(1 for m in mentions if m["assertion"]["negated"])
        if negated <= len(mentions) * 9 // 10:
            fail(f"{name}: {negated} of {len(mentions)} findings negated; nearly every one is")


def ten_megabyte_message(chartflow, work):
    run(chartflow, work, "ten-megabytes", HL7_STAGES,
        {"message.hl7": hl7_with_report("Invasive ductal carcinoma, grade 2, margins clear.\\.br\\", 10_000_000)},
        limits={"worker_memory_mb": 128})


def long_report_through_the_registry(chartflow, work):
    records = run(chartflow, work, "long-report", REGISTRY_STAGES,
                  {"message.hl7": hl7_with_report("invasive ductal carcinoma of the left breast grade 2 margins clear ", 2_000_000)},
                  limits={"worker_memory_mb": 512, "seconds_per_document": 120})
    tumors = records["message.hl7"].get("tumors", [])
    if len(tumors) != 1:
        fail(f"long report: {len(tumors)} tumours, expected one with every mention its evidence")
    if len(tumors[0]["evidence"]) <= 20_000:
        fail(f"long report: {len(tumors[0]['evidence'])} pieces of evidence, expected over 20,000")
    site = tumors[0]["fields"]["primarySite"]["value"]
    if site != "C509":
        fail(f"long report: primary site {site}, expected C509")


def main():
    if len(sys.argv) != 2:
        fail("usage: full_size_inputs_test.py CHARTFLOW_BINARY")
    chartflow = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        run_on_negations_and_lists(chartflow, work)
        ten_megabyte_message(chartflow, work)
        long_report_through_the_registry(chartflow, work)
    print("full-size inputs test: passed (1 MB run-on negations and lists, a 10 MB HL7 message, a 2 MB report without sentence breaks)")


if __name__ == "__main__":
    main()
