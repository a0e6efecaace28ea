#!/usr/bin/env python3
"""Delivery after review, end to end through the real program.

A pipeline whose FHIR sink says "deliver": "after_review" codes two charts; the run offers the sink
nothing. A coder, through the workstation's HTTP API on 127.0.0.1 (a real `chartflow review`),
rejects one proposed code, adds one, and approves one chart; `chartflow export fhir --reviewed`
then writes a bundle for that chart only, carrying exactly the coder's final codes, and counts
the other chart as awaiting review.

deliver_after_review_test.py SOURCE_DIR CHARTFLOW_BINARY
"""
import http.cookiejar
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

source_dir, chartflow = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="cf-after-review-")


def fail(message):
    print(f"deliver-after-review test: {message}", file=sys.stderr)
    sys.exit(1)


def run(*args, expect=0):
    result = subprocess.run([chartflow, *args], capture_output=True, text=True)
    if result.returncode != expect:
        fail(f"chartflow {' '.join(args)} exited {result.returncode}, not {expect}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Client:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = self.call("GET", "/api/session")["csrf"]

    def call(self, method, path, body=None, status=200):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
            request.add_header("X-CSRF-Token", getattr(self, "csrf", ""))
        try:
            with self.opener.open(request) as response:
                got, text = response.status, response.read()
        except urllib.error.HTTPError as e:
            got, text = e.code, e.read()
        if got != status:
            fail(f"{method} {path} {body} answered {got}, not {status}: {text[:300]!r}")
        return json.loads(text)


def bundles(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".fhir.json"))


def codes_in(bundle_file):
    bundle = json.load(open(bundle_file))
    out = set()
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] in ("Condition", "Procedure"):
            out.update(c["code"] for c in resource["code"]["coding"])
    return out


try:
    charts, out, fhir = (os.path.join(work, d) for d in ("charts", "out", "fhir"))
    os.makedirs(charts), os.makedirs(fhir)
    for name in ("operative-note-appendectomy.txt", "discharge-summary-chf.txt"):
        shutil.copy(os.path.join(source_dir, "tests/fixtures/charts", name), charts)
    sink_config = {"patient_identifier_system": "urn:oid:2.16.840.1.113883.19.5", "organization": "Example Hospital", "output_dir": fhir}
    config = json.load(open(os.path.join(source_dir, "configs/without-pdf.json")))
    config["sinks"] = [{"id": "ehr", "plugin": "fhir", "deliver": "after_review", "config": sink_config}]
    config_file = os.path.join(work, "pipeline.json")
    json.dump(config, open(config_file, "w"))

    said = run("run", "--config", config_file, "--input", charts, "--output", out, "--isolation", "none", "--progress", "none")
    if "delivers after review" not in said:
        fail(f"the run does not say the sink waits for review:\n{said}")
    if bundles(fhir):
        fail(f"the run delivered before any review: {bundles(fhir)}")

    port_file = os.path.join(work, "port")
    server = subprocess.Popen([chartflow, "review", "--records", out, "--port", "0", "--port-file", port_file],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        else:
            fail("the review server did not start")
        client = Client(int(open(port_file).read()))
        documents = {d["source_name"]: d for d in client.call("GET", "/api/documents")["documents"]}
        operative = documents["operative-note-appendectomy.txt"]["id"]
        review = client.call("GET", f"/api/documents/{operative}")["review"]
        keys = {c["code"]: c["key"] for c in review["codes"]}
        if "0DTJ4ZZ" not in keys or "K35.80" not in keys:
            fail(f"the operative note's proposals changed: {sorted(keys)}")
        client.call("POST", f"/api/documents/{operative}/decisions", {"action": "reject", "key": keys["0DTJ4ZZ"], "reason": "converted to open"})
        client.call("POST", f"/api/documents/{operative}/decisions",
                    {"action": "add", "system": "ICD-10-PCS", "code": "0DTJ0ZZ", "evidence": review["codes"][1]["evidence"][0]})
        client.call("POST", f"/api/documents/{operative}/decisions", {"action": "add", "system": "ICD-10-CM", "code": "D72.829"})
        client.call("POST", f"/api/documents/{operative}/decisions", {"action": "status", "status": "approved"})
    finally:
        server.terminate()
        server.wait(timeout=10)

    sink_file = os.path.join(work, "sink.json")
    json.dump(sink_config, open(sink_file, "w"))
    said = run("export", "fhir", "--records", out, "--reviewed", "--config", sink_file)
    if "awaiting review 1" not in said:
        fail(f"the unapproved chart is not counted as awaiting review:\n{said}")
    written = bundles(fhir)
    if written != [f"{operative}.fhir.json"]:
        fail(f"expected one bundle for the approved chart, got {written}")
    final = codes_in(os.path.join(fhir, written[0]))
    if final != {"K35.80", "0DTJ0ZZ", "D72.829"}:
        fail(f"the bundle carries {sorted(final)}, not the coder's final codes K35.80, 0DTJ0ZZ, D72.829")
    print(f"deliver-after-review test: passed (one approved chart delivered with {sorted(final)}, one awaiting review)")
finally:
    if not os.environ.get("KEEP_WORK"):
        shutil.rmtree(work, ignore_errors=True)
