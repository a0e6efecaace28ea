#!/usr/bin/env python3
"""Queue mode against a real RabbitMQ broker (a throwaway node on 127.0.0.1, tests/peers/rabbitmq).

1. Bad settings get clear errors: broker unreachable (exit 1), a login in the URL (exit 2), wrong
   credentials (exit 1).
2. A mixed batch (slow notes, copies of one note, an empty file, a binary file, a document that
   kills its worker) plus a message that is not chartflow's and one naming a missing file goes
   through two workers. Workers run with --isolation none, so the poison document kills the
   whole worker, as an out-of-memory kill would; the test restarts dead workers as Kubernetes
   would. One worker is also killed with SIGKILL in the middle of a document. At the end every
   input is in exactly one place (a record or a quarantine entry with its reason, the poison
   one dead-lettered), nothing is duplicated, the queues are empty, the results queue names every
   document, and `chartflow merge` gives the batch's summary.
3. SIGTERM: a worker finishes the documents in hand, acks them and exits 0; the rest stay queued.
4. The broker is stopped and started again under a running worker: it reconnects and finishes.
5. A queue that exists as a classic queue gets a warning that delivery limits do not apply.

    queue_mode_test.py CHARTFLOW_BINARY TEST_PLUGIN_DIR
"""
import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers", "rabbitmq"))
import broker as rabbit  # noqa: E402

CHARTFLOW, PLUGINS = sys.argv[1], sys.argv[2]
QUEUE, RESULTS = "chartflow.charts", "chartflow.results"


def write_config(path, sleep_ms):
    stages = [{"id": "read", "plugin": "text-reader"}, {"id": "normalize", "plugin": "text-normalizer"},
              {"id": "sections", "plugin": "clinical-sections"},
              {"id": "slow", "plugin": "test-crasher", "config": {"mode": "sleep", "marker": "SLOW", "sleep_ms": sleep_ms}},
              {"id": "crash", "plugin": "test-crasher", "config": {"mode": "segfault"}}]
    json.dump({"name": "queue-test", "plugin_path": [PLUGINS], "stages": stages}, open(path, "w"))


def note(i, tag):
    return f"HISTORY OF PRESENT ILLNESS:\nSLOW note {tag} {i}: chest pain and shortness of breath.\nNo fever.\n"


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


class Workers:
    """Worker processes the way an orchestrator keeps them: a dead one is started again."""

    def __init__(self, env, work, config, output, extra=()):
        self.env, self.work, self.config, self.output, self.extra = env, work, config, output, list(extra)
        self.procs, self.deaths = {}, []

    def start(self, name):
        log = open(os.path.join(self.work, f"worker-{name}.log"), "a")
        cmd = [CHARTFLOW, "worker", "--broker", self.env["BROKER"], "--queue", QUEUE, "--config", self.config,
               "--output", self.output, "--jobs", "1", "--prefetch", "1", "--delivery-limit", "2", "--name", name,
               "--heartbeat", os.path.join(self.work, f"heartbeat-{name}"), "--results-queue", RESULTS, "--log-level", "info"] + self.extra
        self.procs[name] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env)

    def keep_alive(self):
        for name, p in list(self.procs.items()):
            if p.poll() is not None:
                self.deaths.append((name, p.returncode))
                self.start(name)

    def stop(self):
        for p in self.procs.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        return {name: p.wait(60) for name, p in self.procs.items()}


def start_worker(b, env, config, output, name, log, jobs=1, prefetch=1):
    return subprocess.Popen([CHARTFLOW, "worker", "--broker", b.amqp_url, "--queue", QUEUE, "--delivery-limit", "2", "--config", config,
                             "--output", output, "--jobs", str(jobs), "--prefetch", str(prefetch), "--name", name],
                            stdout=log, stderr=subprocess.STDOUT, env=env)


def run(args, env, check_rc=None):
    r = subprocess.run([CHARTFLOW] + args, capture_output=True, text=True, env=env, timeout=120)
    if check_rc is not None and r.returncode != check_rc:
        raise AssertionError(f"{args[0]}: exit {r.returncode}, wanted {check_rc}\n{r.stdout}\n{r.stderr}")
    return r


def settled(b, queue):
    q = b.queues().get(queue, {})
    if q.get("messages", 1) or q.get("messages_unacknowledged", 1):
        return False
    time.sleep(1.2)  # the counts lag a little: look again
    q = b.queues().get(queue, {})
    return q.get("messages", 1) == 0 and q.get("messages_unacknowledged", 1) == 0


def bad_settings(b, env, work, config):
    closed = rabbit.free_port()
    r = run(["worker", "--broker", f"amqp://127.0.0.1:{closed}/%2f", "--queue", QUEUE, "--config", config, "--output", f"{work}/x"], env, 1)
    assert "cannot connect to the broker at amqp://127.0.0.1:%d" % closed in r.stderr, r.stderr
    r = run(["enqueue", "--broker", f"amqp://guest:guest@127.0.0.1:{closed}/", "--queue", QUEUE, "--input", work], env, 2)
    assert "carries a user or password" in r.stderr, r.stderr
    wrong = dict(env, CHARTFLOW_BROKER_USER="guest", CHARTFLOW_BROKER_PASSWORD="not-the-password")
    r = run(["enqueue", "--broker", b.amqp_url, "--queue", QUEUE, "--input", work], wrong, 1)
    assert "refused the login of user 'guest'" in r.stderr, r.stderr
    b.add_user("chartflow", "s3cret:with-colon")
    creds = os.path.join(work, "broker-login")
    open(creds, "w").write("chartflow:s3cret:with-colon\n")
    r = run(["enqueue", "--broker", b.amqp_url, "--queue", "chartflow.login-test", "--input", config],
            dict(env, CHARTFLOW_BROKER_CREDENTIALS_FILE=creds), 0)
    assert "1 input(s) published" in r.stdout, r.stdout
    print("bad settings: unreachable broker, login in the URL and wrong password refused; a credentials file works")


def mixed_batch(b, env, work):
    inputs, output, config = f"{work}/in", f"{work}/out", f"{work}/pipeline.json"
    os.makedirs(f"{inputs}/sub")
    for i in range(16):
        open(f"{inputs}/note-{i:02d}.txt", "w").write(note(i, "batch"))
    shutil.copy(f"{inputs}/note-01.txt", f"{inputs}/copy-of-note-01.txt")
    shutil.copy(f"{inputs}/note-02.txt", f"{inputs}/sub/note-02.txt")
    open(f"{inputs}/empty.txt", "w").close()
    open(f"{inputs}/binary.txt", "wb").write(b"\x7fELF\x00\x00" + bytes(range(256)) * 4)
    open(f"{inputs}/poison.txt", "w").write("HISTORY:\nThis chart kills its worker: CRASH-ME.\n")
    r = run(["enqueue", "--broker", b.amqp_url, "--queue", QUEUE, "--delivery-limit", "2", "--input", inputs], env, 0)
    files = sorted(glob.glob(f"{inputs}/**/*.txt", recursive=True))
    assert f"{len(files)} input(s) published" in r.stdout, r.stdout
    b.wait_for(lambda: b.queues().get(QUEUE, {}).get("messages") == len(files), what="every message in the queue")
    q = b.queues()[QUEUE]
    assert q["type"] == "quorum" and q["arguments"]["x-delivery-limit"] == 2, q
    b.publish(QUEUE, "hello, not a chartflow message")
    missing = {"schema": "chartflow-work/1", "path": f"{work}/gone.txt", "sha256": "0" * 64, "size": 3}
    b.publish(QUEUE, json.dumps(missing))

    workers = Workers(env, work, config, output, ["--isolation", "none"])
    workers.start("a")
    workers.start("b")
    deadline, killed = time.time() + 240, False
    while time.time() < deadline:
        workers.keep_alive()
        if not killed and time.time() > deadline - 236:  # a few documents in: kill one worker mid-document
            workers.procs["a"].send_signal(signal.SIGKILL)
            killed = True
        if killed and settled(b, QUEUE) and settled(b, QUEUE + ".quarantine"):
            break
        time.sleep(0.3)
    rcs = workers.stop()
    assert all(rc == 0 for rc in rcs.values()), f"SIGTERM should end workers cleanly: {rcs}"
    assert settled(b, QUEUE) and settled(b, QUEUE + ".quarantine"), b.queues()
    assert len(workers.deaths) >= 3, f"the kill and the poison's two deliveries should have ended workers: {workers.deaths}"

    records = {os.path.basename(p)[:-5] for p in glob.glob(f"{output}/records/*.json")}
    quarantine = {os.path.basename(p)[:-5]: json.load(open(p)) for p in glob.glob(f"{output}/quarantine/*.json")}
    assert not records & set(quarantine), "a document in two places"
    ids = {f: "doc-" + sha(f)[:16] for f in files}
    for f, i in ids.items():
        assert (i in records) != (i in quarantine), f"{f} is not in exactly one place"
    poison = quarantine[ids[f"{inputs}/poison.txt"]]
    assert poison["status"] == "dead-lettered", poison
    for name in ("empty.txt", "binary.txt"):
        entry = quarantine[ids[f"{inputs}/{name}"]]
        assert entry["status"] and entry["reason"] and entry["input_path"] == f"{inputs}/{name}", entry
    reasons = {e["status"] for e in quarantine.values()}
    assert {"bad-message", "unreadable", "dead-lettered"} <= reasons, reasons
    assert len(records) == len(set(ids.values())) - 3, (len(records), len(set(ids.values())))
    leftovers = [p for p in glob.glob(f"{output}/**/.*tmp-*", recursive=True)]
    assert not leftovers, leftovers

    results = b.get(RESULTS, 1000)
    result_ids = {json.loads(m["payload"])["doc_id"] for m in results}
    assert set(ids.values()) <= result_ids, set(ids.values()) - result_ids
    r = run(["merge", "--output", output], env)
    assert r.returncode == 3, r.stdout + r.stderr  # documents were quarantined
    summary = json.load(open(f"{output}/summary.json"))
    inputs_seen = {(d["input"], d["id"]) for d in summary["documents"]}
    assert len(inputs_seen) == len(summary["documents"]), "a document counted twice"
    outcome = {d["id"]: d["outcome"] for d in summary["documents"]}
    for i in records:  # a record whose message came back after a kill is "already done" the second time
        assert outcome.get(i) in ("written", "skipped"), (i, outcome.get(i))
    for i in quarantine:
        assert outcome.get(i) == "quarantined", (i, outcome.get(i))
    assert summary["written"] + summary["skipped_already_done"] >= len(records)
    print(f"mixed batch: {len(files)} files + 2 foreign messages, {len(records)} records, {len(quarantine)} quarantined "
          f"({sorted(reasons)}), worker deaths {len(workers.deaths)}, {len(results)} result messages for {len(result_ids)} documents")


def graceful_stop(b, env, work):
    inputs, output, config = f"{work}/in-stop", f"{work}/out", f"{work}/slow.json"
    write_config(config, 1500)
    os.makedirs(inputs)
    for i in range(6):
        open(f"{inputs}/n{i}.txt", "w").write(note(i, "stop"))
    run(["enqueue", "--broker", b.amqp_url, "--queue", QUEUE, "--delivery-limit", "2", "--input", inputs], env, 0)
    log = open(f"{work}/worker-stop.log", "w")
    p = start_worker(b, env, config, output, "stopper", log, prefetch=2)
    def records_done():
        return [f for f in glob.glob(f"{inputs}/*.txt") if os.path.exists(f"{output}/records/doc-{sha(f)[:16]}.json")]
    b.wait_for(lambda: len(records_done()) >= 1, what="the worker's first document")  # the next one is running now
    p.send_signal(signal.SIGTERM)
    rc = p.wait(60)
    assert rc == 0, f"SIGTERM: exit {rc}"
    q = b.queues()[QUEUE]
    done = [f for f in glob.glob(f"{inputs}/*.txt") if os.path.exists(f"{output}/records/doc-{sha(f)[:16]}.json")]
    assert 1 <= len(done) < 6, f"the stopped worker should have finished what it held, and no more: {len(done)}"
    b.wait_for(lambda: b.queues()[QUEUE]["messages_unacknowledged"] == 0 and b.queues()[QUEUE]["messages_ready"] == 6 - len(done),
               what=f"{6 - len(done)} messages back in the queue, none unacked")
    q = b.queues()[QUEUE]
    p = start_worker(b, env, config, output, "finisher", log, jobs=2, prefetch=2)
    b.wait_for(lambda: settled(b, QUEUE), what="the rest to be done")
    p.send_signal(signal.SIGTERM)
    assert p.wait(60) == 0
    done = [f for f in glob.glob(f"{inputs}/*.txt") if os.path.exists(f"{output}/records/doc-{sha(f)[:16]}.json")]
    assert len(done) == 6
    print(f"SIGTERM: the stopped worker finished and acked the documents in hand ({6 - q['messages_ready']} of 6), "
          "the rest stayed queued and another worker did them")


def broker_restart(b, env, work):
    inputs, output, config = f"{work}/in-restart", f"{work}/out", f"{work}/restart.json"
    write_config(config, 300)
    os.makedirs(inputs)
    records_before = len(glob.glob(f"{output}/records/*.json"))
    for i in range(20):
        open(f"{inputs}/r{i}.txt", "w").write(note(i, "restart"))
    run(["enqueue", "--broker", b.amqp_url, "--queue", QUEUE, "--delivery-limit", "2", "--input", inputs], env, 0)
    log = open(f"{work}/worker-restart.log", "w")
    p = start_worker(b, env, config, output, "survivor", log)
    b.wait_for(lambda: len(glob.glob(f"{output}/records/*.json")) > records_before, what="the worker's first document")
    b.stop()  # mid-batch: the rest of the documents are still on the broker
    time.sleep(2)
    assert p.poll() is None, "the worker must wait for its broker, not die"
    b.start()
    b.wait_for(lambda: settled(b, QUEUE), timeout=120, what="the worker to reconnect and finish")
    p.send_signal(signal.SIGTERM)
    assert p.wait(60) == 0
    done = [f for f in glob.glob(f"{inputs}/*.txt") if os.path.exists(f"{output}/records/doc-{sha(f)[:16]}.json")]
    assert len(done) == 20, len(done)
    text = open(f"{work}/worker-restart.log").read()
    assert "broker.lost" in text, text[-2000:]
    print("broker restart: the worker waited, reconnected and finished every document")


def tls(b, env, work):
    """amqps:// verifies the broker: with its CA it connects; without, a clear error and exit 1."""
    note = f"{work}/in/note-00.txt"
    r = run(["enqueue", "--broker", b.amqps_url, "--queue", "chartflow.tls", "--input", note],
            dict(env, CHARTFLOW_BROKER_CA_FILE=b.ca_file), 0)
    assert "1 input(s) published" in r.stdout, r.stdout + r.stderr
    r = run(["enqueue", "--broker", b.amqps_url, "--queue", "chartflow.tls", "--input", note], env, 1)
    assert "cannot connect to the broker at amqps://localhost" in r.stderr, r.stderr
    print("TLS: amqps:// with the broker's CA connects; without it the broker is refused (certificate not trusted)")


def classic_queue_warning(b, env, work):
    b.declare("classic.q", {"x-queue-type": "classic"})
    r = run(["enqueue", "--broker", b.amqp_url, "--queue", "classic.q", "--input", f"{work}/in/note-00.txt"], env, 0)
    assert "delivery limit" in r.stderr and "redelivered forever" in r.stderr, r.stderr
    print("classic queue: warned that delivery limits do not apply")


def main():
    if not rabbit.available():
        print("SKIP: rabbitmq-server is not installed (scripts/install-deps.sh installs it)")
        return 77
    work = tempfile.mkdtemp(prefix="chartflow-queue-")
    try:
        with rabbit.Broker(work, tls=True) as b:
            env = dict(os.environ, BROKER=b.amqp_url)
            for k in ("CHARTFLOW_BROKER_USER", "CHARTFLOW_BROKER_PASSWORD", "CHARTFLOW_BROKER_CREDENTIALS_FILE"):
                env.pop(k, None)
            write_config(f"{work}/pipeline.json", 300)
            bad_settings(b, env, work, f"{work}/pipeline.json")
            mixed_batch(b, env, work)
            graceful_stop(b, env, work)
            broker_restart(b, env, work)
            classic_queue_warning(b, env, work)
            tls(b, env, work)
        print("PASS")
        return 0
    finally:
        subprocess.run(["pkill", "-9", "-f", work], check=False)
        if os.environ.get("KEEP_QUEUE_TEST") != "1":
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept", work)


if __name__ == "__main__":
    sys.exit(main())
