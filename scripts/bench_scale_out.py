"""The figures of scripts/bench-scale-out.sh (see there)."""
import glob
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "peers", "rabbitmq"))
import broker as rabbit  # noqa: E402

CHARTFLOW, NOTES, PAGES = os.path.abspath(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
TEXT_STAGES = [{"id": "read-text", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
               {"id": "sections", "plugin": "clinical-sections"}, {"id": "mentions", "plugin": "clinical-mentions"},
               {"id": "coding", "plugin": "clinical-coding", "config": {"policy": "outpatient"}}]
PHRASES = ["Patient presents with chest pain radiating to the left arm.", "Denies fever, chills or cough.",
           "History of type 2 diabetes mellitus and essential hypertension.", "Assessment: community acquired pneumonia.",
           "Plan: start amoxicillin, follow up in two weeks.", "No history of stroke or myocardial infarction.",
           "Chronic kidney disease stage 3a, stable.", "Paroxysmal atrial fibrillation on apixaban."]


def text_batch(folder):
    os.makedirs(folder)
    rnd = random.Random(7)
    for i in range(NOTES):
        lines = [rnd.choice(PHRASES) for _ in range(30)]
        open(f"{folder}/note-{i:04d}.txt", "w").write(f"HISTORY OF PRESENT ILLNESS:\nVisit {i}.\n" + "\n".join(lines) + "\n")


def scan_batch(folder):
    """Distinct pages: the bundled scans, each copy with a few pixels changed (another content hash)."""
    from PIL import Image
    os.makedirs(folder)
    sources = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "scans", "*.tif")))
    for i in range(PAGES):
        image = Image.open(sources[i % len(sources)])
        image.load()
        image = image.copy()
        image.putpixel((i % image.width, 0), 0 if image.getpixel((i % image.width, 0)) else 255)
        image.save(f"{folder}/page-{i:03d}.tif", compression="group4" if image.mode == "1" else "tiff_lzw")


def count_records(output):
    return len(glob.glob(f"{output}/records/*.json")) + len(glob.glob(f"{output}/quarantine/*.json"))


def local_run(config, inputs, output, jobs):
    t = time.time()
    subprocess.run([CHARTFLOW, "run", "--config", config, "--input", inputs, "--output", output, "--jobs", str(jobs),
                    "--progress", "none"], check=False, capture_output=True)
    return time.time() - t


def shard_runs(config, inputs, output, shards):
    t = time.time()
    procs = [subprocess.Popen([CHARTFLOW, "run", "--config", config, "--input", inputs, "--output", output, "--jobs", "1",
                               "--progress", "none", "--shard-index", str(i), "--shard-count", str(shards)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(shards)]
    for p in procs:
        p.wait()
    return time.time() - t


def queue_run(b, queue, config, inputs, output, workers, prefetch, expected):
    subprocess.run([CHARTFLOW, "enqueue", "--broker", b.amqp_url, "--queue", queue, "--input", inputs], check=True, capture_output=True)
    t = time.time()
    procs = [subprocess.Popen([CHARTFLOW, "worker", "--broker", b.amqp_url, "--queue", queue, "--config", config, "--output", output,
                               "--jobs", "1", "--prefetch", str(prefetch), "--name", f"w{i}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(workers)]
    while count_records(output) < expected:
        time.sleep(0.02)
    elapsed = time.time() - t
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        p.wait(60)
    return elapsed


def main():
    work = tempfile.mkdtemp(prefix="chartflow-bench-scale-")
    try:
        text_cfg, ocr_cfg = f"{work}/text.json", os.path.join(ROOT, "configs", "without-pdf.json")
        json.dump({"name": "text-bench", "stages": TEXT_STAGES}, open(text_cfg, "w"))
        text_batch(f"{work}/notes")
        scan_batch(f"{work}/scans")
        with rabbit.Broker(work) as b:
            # Warm the page cache and the plugins' first load once, unmeasured.
            local_run(text_cfg, f"{work}/notes", f"{work}/warm", 1)
            local = local_run(text_cfg, f"{work}/notes", f"{work}/text-local", 1)
            q1 = queue_run(b, "bench.text.p1", text_cfg, f"{work}/notes", f"{work}/text-q1", 1, 1, NOTES)
            q8 = queue_run(b, "bench.text.p8", text_cfg, f"{work}/notes", f"{work}/text-q8", 1, 8, NOTES)
            print(f"text batch, {NOTES} notes, one core:")
            print(f"  local run --jobs 1            {local:7.2f} s  ({NOTES / local:6.1f} docs/s)")
            print(f"  queue worker, prefetch 1      {q1:7.2f} s  ({NOTES / q1:6.1f} docs/s)  broker overhead {1000 * (q1 - local) / NOTES:6.1f} ms/doc")
            print(f"  queue worker, prefetch 8      {q8:7.2f} s  ({NOTES / q8:6.1f} docs/s)  broker overhead {1000 * (q8 - local) / NOTES:6.1f} ms/doc")

            one = queue_run(b, "bench.ocr.1", ocr_cfg, f"{work}/scans", f"{work}/ocr-q1", 1, 1, PAGES)
            two = queue_run(b, "bench.ocr.2", ocr_cfg, f"{work}/scans", f"{work}/ocr-q2", 2, 1, PAGES)
            s1 = shard_runs(ocr_cfg, f"{work}/scans", f"{work}/ocr-s1", 1)
            s2 = shard_runs(ocr_cfg, f"{work}/scans", f"{work}/ocr-s2", 2)
            print(f"OCR, {PAGES} scanned pages, default OCR pipeline (without-pdf):")
            print(f"  queue, 1 worker               {one:7.2f} s  {PAGES * 3600 / one:7.0f} pages/hour per core")
            print(f"  queue, 2 workers              {two:7.2f} s  {PAGES * 3600 / two / 2:7.0f} pages/hour per core   scaling {one / two:4.2f}x")
            print(f"  1 shard                       {s1:7.2f} s  {PAGES * 3600 / s1:7.0f} pages/hour per core")
            print(f"  2 shards side by side         {s2:7.2f} s  {PAGES * 3600 / s2 / 2:7.0f} pages/hour per core   scaling {s1 / s2:4.2f}x")
    finally:
        subprocess.run(["pkill", "-9", "-f", work], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
