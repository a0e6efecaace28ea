#!/usr/bin/python3
"""Self-test of the HL7 test peer: check_messages.py on the examples and on broken variants,
mllp_peer.py in every mode (plus TLS when openssl is installed, a large ED payload, split and
pipelined frames, SIGTERM).  Needs python3-hl7; starts peers on 127.0.0.1 with --port 0.

    /usr/bin/python3 tests/peers/hl7/selftest.py [-v]

Ends with the line "N passed, N failed"; exit status 0 only when none failed.
"""
import base64
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_messages as cm  # noqa: E402

PY = "/usr/bin/python3"
EX = HERE / "examples"
SB, EB, CR = b"\x0b", b"\x1c", b"\r"
VERBOSE = "-v" in sys.argv
results = []


def check(name, cond, detail=""):
    results.append(bool(cond))
    if not cond or VERBOSE:
        print("%s %s%s" % ("ok  " if cond else "FAIL", name, (": " + detail) if detail and not cond else ""))


def example(name):
    msgs, _ = cm.split_messages((EX / name).read_bytes())
    return msgs[0]


def expected(name):
    return json.loads((EX / name).read_text(encoding="utf-8"))


class PeerProc:
    def __init__(self, tmp, mode="ack", extra=()):
        self.out = pathlib.Path(tmp) / ("%s-%d.jsonl" % (mode, time.monotonic_ns()))
        self.proc = subprocess.Popen([PY, str(HERE / "mllp_peer.py"), "--port", "0", "--out", str(self.out),
                                      "--mode", mode, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("listening "), line + self.proc.stderr.read()
        self.port = int(line.split()[1])

    def lines(self, n, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.out.exists():
                rows = [json.loads(x) for x in self.out.read_text(encoding="utf-8").splitlines() if x]
                if len(rows) >= n:
                    return rows
            time.sleep(0.05)
        return [json.loads(x) for x in self.out.read_text(encoding="utf-8").splitlines() if x] \
            if self.out.exists() else []

    def stop(self):
        self.proc.terminate()
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = None
        self.proc.stdout.close()
        self.proc.stderr.close()
        return rc


def connect(port, tls_ctx=None):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls_ctx:
        s = tls_ctx.wrap_socket(s, server_hostname="localhost")
    return s


def frame(msg):
    return SB + msg + EB + CR


def read_answer(sock, timeout=10):
    """-> ('frame', bytes) | ('closed', partial) | ('garbage', bytes) | ('timeout', partial)"""
    sock.settimeout(timeout)
    buf = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return "closed", buf
            buf += chunk
            if not buf.startswith(SB):
                time.sleep(0.1)
                return "garbage", buf
            end = buf.find(EB + CR)
            if end >= 0:
                return "frame", buf[1:end]
    except socket.timeout:
        return "timeout", buf


def seg(ack, name):
    for s in ack.decode().split("\r"):
        if s.startswith(name + "|"):
            return s.split("|")
    return None


def control_id(msg):
    return msg.split(b"\r", 1)[0].split(b"|")[9].decode()


# --------------------------------------------------------------------------- checker
def test_checker():
    files = sorted(str(p) for p in EX.glob("*.hl7"))
    r = subprocess.run([PY, str(HERE / "check_messages.py"), *files], capture_output=True, text=True)
    check("check_messages passes the examples", r.returncode == 0 and r.stdout == "", r.stdout)
    checker = cm.Checker()
    mdm, dft, ed = example("mdm_t02.hl7"), example("dft_p03.hl7"), example("mdm_t02_ed.hl7")
    cases = [
        ("unescaped |", mdm.replace(b"\\F\\ pipe", b"| pipe"), "OBX-"),
        ("unescaped ^", mdm.replace(b"\\S\\ caret", b"^ caret"), "component separator"),
        ("unescaped &", mdm.replace(b"\\T\\ amp", b"& amp"), "subcomponent separator"),
        ("unescaped \\", mdm.replace(b"\\E\\ backslash", b"\\ backslash"), "unterminated escape"),
        ("missing PV1 in MDM", b"\r".join(s for s in mdm.split(b"\r") if not s.startswith(b"PV1")),
         "required segment PV1 missing"),
        ("missing OBX in MDM", b"\r".join(s for s in mdm.split(b"\r") if not s.startswith(b"OBX")),
         "required group OBXNTE missing"),
        ("missing FT1 in DFT", b"\r".join(s for s in dft.split(b"\r") if not s.startswith(b"FT1")),
         "required group FINANCIAL missing"),
        ("PR1 after DG1", move_after(dft, b"PR1", b"DG1|3"), "not allowed here"),
        ("two PID", mdm.replace(b"\rPV1", b"\r" + mdm.split(b"\r")[2] + b"\rPV1"), "PID is not allowed here"),
        ("bad MSH-7", mdm.replace(b"20250314093000-0500||MDM", b"20251314093000-0500||MDM"), "MSH-7.1"),
        ("MSH-10 too long", mdm.replace(b"CF0000000001", b"CF0000000000000000000001"), "MSH-10 is 24"),
        ("PR1-5 missing", dft.replace(b"I10P||20250312143000-0500", b"I10P"), "PR1-5"),
        ("TXA-17 missing", mdm.replace(b"|||||DO\r", b"\r"), "TXA-17"),
        ("TXA-17 bad", mdm.replace(b"|||||DO\r", b"|||||XX\r"), "TXA-17: 'XX' is not in HL7 table 0271"),
        ("TXA-3 missing", mdm.replace(b"|DS|TX|", b"|DS||"), "TXA-3"),
        ("OBX-11 missing", mdm.replace(b"||||||F\r", b"\r", 1), "OBX-11"),
        ("undotted ICD-10-CM", dft.replace(b"N18.31", b"N1831"), "DG1-3.1"),
        ("no coding system", dft.replace(b"stage 3a^I10C", b"stage 3a"), "DG1-3.3"),
        ("PCS code length", dft.replace(b"02HV33Z", b"02HV33"), "ICD-10-PCS"),
        ("DG1-6 missing", dft.replace(b"|||A\r", b"\r"), "DG1-6"),
        ("version 2.5", mdm.replace(b"|2.5.1|", b"|2.5|"), "MSH-12"),
        ("LF on the wire", mdm.replace(b"\r", b"\n"), "LF (0x0A)"),
        ("UTF-8 without MSH-18", mdm.replace(b"|UNICODE UTF-8", b""), "MSH-18"),
        ("bad Base64", ed.replace(b"Base64^", b"Base64^!!"), "Base64"),
        ("set IDs", dft.replace(b"DG1|3|", b"DG1|4|"), "DG1-1"),
        ("CX.1 too long", mdm.replace(b"00-000-0001^", b"00-000-0001-00000^"), "PID-3.1"),
        ("DG1-4 backward", dft.replace(b"I10C|||A", b"I10C|HF||A"), "backward compatibility"),
        ("MSH-9 two components", mdm.replace(b"MDM^T02^MDM_T02", b"MDM^T02"), "MSH-9"),
        ("formatting escape in TX", mdm.replace(b"\\F\\ pipe", b"\\.br\\ pipe"), "only in FT"),
        ("DRG before DG1", move_after(dft, b"DRG", b"PR1"), "not allowed here"),
        ("DRG-1 not three digits", dft.replace(b"\rDRG|", b"\rDRG|0"), "not an MS-DRG"),
        ("DRG-1 grouper unnamed", dft.replace(b"^MS-DRG v43.0", b"^DRG"), "DRG-1.3"),
        ("two DRG", dft.rstrip(b"\r") + b"\r" + dft.rstrip(b"\r").split(b"\r")[-1] + b"\r", "not allowed here"),
    ]
    for name, msg, want in cases:
        probs = [p.loc + ": " + p.text for p in checker.check(msg, wire=True)]
        check("checker catches " + name, any(want in p for p in probs), "got %s" % probs)
    standard = cm.Checker(profile=False)
    check("--standard-only drops profile rules",
          not standard.check(dft.replace(b"N18.31", b"N1831")), "")


def move_after(msg, name, anchor):
    segs = msg.rstrip(b"\r").split(b"\r")
    moved = [s for s in segs if s.startswith(name + b"|")]
    rest = [s for s in segs if not s.startswith(name + b"|")]
    i = next(i for i, s in enumerate(rest) if s.startswith(anchor))
    return b"\r".join(rest[:i + 1] + moved + rest[i + 1:]) + b"\r"


# --------------------------------------------------------------------------- peer
KEYS = ["control_id", "type", "structure", "version", "sending_application", "sending_facility",
        "pid_identifiers", "patient_name", "visit_number", "dg1", "pr1", "drg", "txa", "obx", "text", "ed_bytes",
        "ed", "segments", "problems"]


def test_ack_mode(tmp):
    p = PeerProc(tmp)
    s = connect(p.port)
    names = ["mdm_t02", "dft_p03", "mdm_t02_ed"]
    for n in names:
        msg = example(n + ".hl7")
        s.sendall(frame(msg))
        kind, ack = read_answer(s)
        check("ack: %s answered with a frame" % n, kind == "frame", kind)
        if kind != "frame":
            continue
        msa, msh = seg(ack, "MSA"), seg(ack, "MSH")
        check("ack: %s MSA-1 AA, MSA-2 = control id" % n, msa[1:3] == ["AA", control_id(msg)], str(msa))
        trig = {"mdm_t02": "T02", "dft_p03": "P03", "mdm_t02_ed": "T02"}[n]
        check("ack: %s MSH-9 ACK^%s^ACK, MSH-12 2.5.1, sender/receiver swapped" % (n, trig),
              msh[8] == "ACK^%s^ACK" % trig and msh[11] == "2.5.1" and msh[2] != "CHARTFLOW"
              and msh[4] == "CHARTFLOW" and msh[9] != control_id(msg), str(msh))
        probs = cm.Checker().check(ack, wire=True)
        check("ack: %s the ACK itself passes check_messages" % n, not probs, str(probs))
    s.close()
    rows = p.lines(3)
    for n, row in zip(names, rows):
        want = expected(n + ".expected.json")
        got = {k: row.get(k) for k in KEYS}
        check("ack: JSON of %s matches examples/%s.expected.json" % (n, n), got == want,
              json.dumps({k: (got[k], want[k]) for k in KEYS if got[k] != want[k]}, ensure_ascii=False))
        check("ack: JSON of %s records ack AA" % n, row.get("ack") == "AA")
    check("ack: exit 0 on SIGTERM", p.stop() == 0)


def test_ae_first(tmp):
    p = PeerProc(tmp, "ae-first")
    s = connect(p.port)
    msg = example("mdm_t02.hl7")
    s.sendall(frame(msg))
    kind, ack = read_answer(s)
    err = seg(ack, "ERR") if kind == "frame" else None
    check("ae-first: first AE", kind == "frame" and seg(ack, "MSA")[1] == "AE", repr(ack))
    check("ae-first: ERR-3 and ERR-8 explain", err is not None and err[3].startswith("207^")
          and "ae-first" in err[8], str(err))
    check("ae-first: the AE passes check_messages", not cm.Checker().check(ack, wire=True))
    s.sendall(frame(msg))
    kind, ack = read_answer(s)
    check("ae-first: resend AA", kind == "frame" and seg(ack, "MSA")[1:3] == ["AA", control_id(msg)])
    rows = p.lines(2)
    check("ae-first: JSON acks AE, AA", [r["ack"] for r in rows] == ["AE", "AA"], str(rows))
    s.close()
    p.stop()


def test_ar_always(tmp):
    p = PeerProc(tmp, "ar-always")
    s = connect(p.port)
    for i in range(2):
        msg = example("dft_p03.hl7")
        s.sendall(frame(msg))
        kind, ack = read_answer(s)
        check("ar-always: AR #%d with ERR" % (i + 1), kind == "frame" and seg(ack, "MSA")[1] == "AR"
              and seg(ack, "ERR") is not None, repr(ack))
    s.close()
    p.stop()


def test_drop_first(tmp):
    p = PeerProc(tmp, "drop-first")
    msg = example("mdm_t02.hl7")
    s = connect(p.port)
    s.sendall(frame(msg))
    kind, data = read_answer(s)
    check("drop-first: first message gets no answer, connection closed", kind == "closed" and data == b"", kind)
    s.close()
    s = connect(p.port)
    s.sendall(frame(msg))
    kind, ack = read_answer(s)
    check("drop-first: retry on a new connection AA", kind == "frame"
          and seg(ack, "MSA")[1:3] == ["AA", control_id(msg)], repr(ack))
    rows = p.lines(2)
    check("drop-first: JSON has the drop (ack null) then AA with the same control id",
          [(r["ack"], r["control_id"], r.get("dropped")) for r in rows]
          == [(None, "CF0000000001", True), ("AA", "CF0000000001", None)], str(rows))
    s.close()
    p.stop()


def test_wrong_control_id(tmp):
    p = PeerProc(tmp, "wrong-control-id")
    s = connect(p.port)
    msg = example("mdm_t02.hl7")
    s.sendall(frame(msg))
    kind, ack = read_answer(s)
    msa = seg(ack, "MSA") if kind == "frame" else None
    check("wrong-control-id: AA naming another control id", msa and msa[1] == "AA" and msa[2] != control_id(msg)
          and msa[2], str(msa))
    s.close()
    p.stop()


def test_garbled(tmp):
    p = PeerProc(tmp, "garbled")
    s = connect(p.port)
    s.sendall(frame(example("mdm_t02.hl7")))
    kind, data = read_answer(s)
    check("garbled: answer is not an MLLP frame", kind == "garbage" and not data.startswith(SB), kind)
    s.close()
    p.stop()


def test_slow(tmp):
    p = PeerProc(tmp, "slow", ["--delay", "1.5"])
    s = connect(p.port)
    t = time.time()
    s.sendall(frame(example("mdm_t02.hl7")))
    kind, ack = read_answer(s, timeout=0.5)
    check("slow: no answer within 0.5 s", kind == "timeout", kind)
    kind, ack = read_answer(s, timeout=5)
    check("slow: AA after the delay", kind == "frame" and seg(ack, "MSA")[1] == "AA" and time.time() - t >= 1.4,
          "%s after %.2fs" % (kind, time.time() - t))
    s.close()
    p.stop()


def test_strict_and_wire(tmp):
    p = PeerProc(tmp, "strict")
    s = connect(p.port)
    good = example("dft_p03.hl7")
    s.sendall(frame(good))
    kind, ack = read_answer(s)
    check("strict: valid message AA", kind == "frame" and seg(ack, "MSA")[1] == "AA", repr(ack))
    bad = good.replace(b"I10P||20250312143000-0500", b"I10P").replace(b"\r", b"\n")
    s.sendall(frame(bad))
    kind, ack = read_answer(s)
    errs = [x for x in ack.decode().split("\r") if x.startswith("ERR|")] if kind == "frame" else []
    check("strict: invalid message AE with an ERR per problem", kind == "frame" and seg(ack, "MSA")[1] == "AE"
          and len(errs) >= 2 and any("PR1-5" in e for e in errs), repr(ack))
    check("strict: the AE passes check_messages", kind == "frame" and not cm.Checker().check(ack, wire=True),
          str(cm.Checker().check(ack, wire=True)) if kind == "frame" else "")
    rows = p.lines(2)
    check("wire: LF terminators and PR1-5 reported in JSON problems",
          len(rows) == 2 and any("LF" in x for x in rows[1]["problems"])
          and any(x.startswith("PR1-5") for x in rows[1]["problems"]), str(rows[-1:]))
    s.close()
    p.stop()


def test_framing(tmp):
    p = PeerProc(tmp, "ack", ["--raw-dir", str(pathlib.Path(tmp) / "raw")])
    s = connect(p.port)
    a, b = example("mdm_t02.hl7"), example("dft_p03.hl7")
    data = frame(a)
    for i in range(0, len(data), 37):  # one frame in small pieces
        s.sendall(data[i:i + 37])
        time.sleep(0.005)
    kind, ack = read_answer(s)
    check("framing: a frame split over many writes is answered", kind == "frame"
          and seg(ack, "MSA")[2] == control_id(a))
    s.sendall(frame(a) + frame(b))  # two frames in one write
    got = []
    buf = b""
    s.settimeout(10)
    while buf.count(EB + CR) < 2:
        chunk = s.recv(65536)
        if not chunk:
            break
        buf += chunk
    for f in buf.split(EB + CR)[:2]:
        got.append(seg(f[1:], "MSA")[2])
    check("framing: pipelined frames answered in order", got == [control_id(a), control_id(b)], str(got))
    # a large ED payload (beyond python-hl7's default 64 KiB stream limit)
    payload = os.urandom(600 * 1024)
    big = example("mdm_t02_ed.hl7")
    head, _, tail = big.partition(b"Base64^")
    rest = tail[tail.index(b"|"):]
    big = head + b"Base64^" + base64.b64encode(payload) + rest
    big = big.replace(b"CF0000000003", b"CF0000000099")
    s.sendall(frame(big))
    kind, ack = read_answer(s, timeout=30)
    check("framing: 600 KiB ED payload acknowledged", kind == "frame" and seg(ack, "MSA")[1] == "AA", kind)
    rows = p.lines(4)
    check("framing: ed_bytes and sha256 of the payload", rows and rows[-1]["ed_bytes"] == len(payload)
          and rows[-1]["ed"][0]["sha256"] == __import__("hashlib").sha256(payload).hexdigest(),
          str(rows[-1]["ed"] if rows else rows))
    check("framing: --raw-dir keeps each message as received", rows and
          pathlib.Path(rows[0]["raw_file"]).read_bytes() == a)
    s.close()
    p.stop()


def test_tls(tmp):
    if not shutil.which("openssl"):
        print("skip TLS: no openssl")
        return
    import ssl
    cert, key = pathlib.Path(tmp) / "cert.pem", pathlib.Path(tmp) / "key.pem"
    r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)], capture_output=True)
    if r.returncode != 0:
        check("tls: openssl made a certificate", False, r.stderr.decode())
        return
    p = PeerProc(tmp, "ack", ["--tls-cert", str(cert), "--tls-key", str(key)])
    ctx = ssl.create_default_context(cafile=str(cert))
    s = connect(p.port, ctx)
    msg = example("mdm_t02.hl7")
    s.sendall(frame(msg))
    kind, ack = read_answer(s)
    check("tls: AA over TLS (certificate verified)", kind == "frame" and seg(ack, "MSA")[1:3] == ["AA",
                                                                                                   control_id(msg)])
    s.close()
    r = subprocess.run([PY, str(HERE / "send.py"), "--port", str(p.port), "--tls", "--cafile", str(cert),
                        str(EX / "dft_p03.hl7")], capture_output=True, text=True)
    check("tls: send.py --tls", r.returncode == 0 and "CF0000000002 -> AA" in r.stdout, r.stdout + r.stderr)
    p.stop()


def test_send_py(tmp):
    p = PeerProc(tmp, "drop-first")
    r = subprocess.run([PY, str(HERE / "send.py"), "--port", str(p.port), "--timeout", "5",
                        *(str(EX / n) for n in ("mdm_t02.hl7", "dft_p03.hl7"))], capture_output=True, text=True)
    check("send.py: reconnects after drop-first and gets AA for both", r.returncode == 0
          and "reconnecting" in r.stderr and r.stdout.count("-> AA") == 2, r.stdout + r.stderr)
    p.stop()
    p = PeerProc(tmp, "wrong-control-id")
    r = subprocess.run([PY, str(HERE / "send.py"), "--port", str(p.port), str(EX / "mdm_t02.hl7")],
                       capture_output=True, text=True)
    check("send.py: flags a wrong MSA-2", r.returncode == 1 and "MISMATCH" in r.stdout, r.stdout)
    p.stop()
    p = PeerProc(tmp, "garbled")
    r = subprocess.run([PY, str(HERE / "send.py"), "--port", str(p.port), "--timeout", "3", str(EX / "mdm_t02.hl7")],
                       capture_output=True, text=True)
    check("send.py: flags a garbled answer", r.returncode == 1 and "protocol error" in r.stdout, r.stdout)
    p.stop()


def main():
    tests = [test_checker]
    peer_tests = [test_ack_mode, test_ae_first, test_ar_always, test_drop_first, test_wrong_control_id,
                  test_garbled, test_slow, test_strict_and_wire, test_framing, test_tls, test_send_py]
    with tempfile.TemporaryDirectory(prefix="hl7peer-") as tmp:
        for t in tests:
            t()
        for t in peer_tests:
            try:
                t(tmp)
            except Exception as e:  # a crashed test counts as a failure, the others still run
                check("%s ran" % t.__name__, False, "%s: %s" % (type(e).__name__, e))
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
