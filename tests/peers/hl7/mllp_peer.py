#!/usr/bin/python3
"""HL7 v2 MLLP receiver for chartflow's tests, built on python3-hl7 (hl7.mllp, hl7.parse).

    /usr/bin/python3 mllp_peer.py --port N --out FILE.jsonl [--mode MODE] [--delay S]
                                  [--tls-cert CERT.pem --tls-key KEY.pem] [--raw-dir DIR]

Listens on 127.0.0.1:N (0 = any free port), prints exactly one line "listening <port>" on
stdout once it accepts connections, and appends one JSON line to --out for every message
it receives (after it has answered it).  SIGTERM or SIGINT: closes and exits 0.

Modes (which acknowledgment each message gets; "first" = the first message this process
receives, on any connection):
  ack               AA, MSA-2 = the message's control ID (default)
  ae-first          the first message AE with an ERR segment (ERR-3 207, ERR-8 says why), later AA
  ar-always         every message AR with an ERR segment
  drop-first        the first message: the connection is closed without an answer; later AA
                    (the sender must reconnect and send it again)
  wrong-control-id  AA, but MSA-2 names another control ID
  garbled           answers with bytes that are not an MLLP frame (no 0x0B start block)
  slow              AA after --delay seconds (default 5)
  strict            AA when check_messages.py finds no problem in the message, else AE with one
                    ERR segment per problem (at most 10)

The JSON line: see README.md.  Everything the sender got wrong that check_messages.py can
see is in "problems" whatever the mode.
"""
import argparse
import asyncio
import base64
import binascii
import datetime
import hashlib
import json
import logging
import os
import pathlib
import re
import signal
import ssl
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import hl7  # noqa: E402  (Debian python3-hl7)
from hl7.mllp import InvalidBlockError, start_hl7_server  # noqa: E402

import check_messages as cm  # noqa: E402

# python-hl7 logs every escape sequence it cannot decode; "problems" in the JSON line reports them
logging.getLogger(hl7.util.__file__).setLevel(logging.CRITICAL)

MODES = ["ack", "ae-first", "ar-always", "drop-first", "wrong-control-id", "garbled", "slow", "strict"]
MAX_MESSAGE = 256 * 1024 * 1024  # hl7.mllp's default limit (64 KiB) is too small for an ED payload
GARBAGE = b"garbled: this is not an MLLP-framed HL7 acknowledgment\r\n"


def log(*a):
    print("mllp_peer:", *a, file=sys.stderr, flush=True)


def get(seg, f, r=1, c=1, s=1):
    """A value of a python-hl7 segment (un-escaped by python-hl7), '' when absent."""
    try:
        return seg.extract_field(1, f, r, c, s)
    except (IndexError, KeyError, TypeError):
        return ""


def reps(seg, f):
    try:
        field = seg(f)
    except IndexError:
        return 0
    return len(field) if str(field) != "" else 0


def segments(msg, name):
    try:
        return list(msg.segments(name))
    except KeyError:
        return []


class Peer:
    def __init__(self, args):
        self.args = args
        self.out = open(args.out, "a", encoding="utf-8")
        self.received = 0
        self.connections = 0
        self.ack_counter = 0
        self.writers = set()
        self.checker = cm.Checker()

    # ------------------------------------------------------------ connection loop
    async def handle(self, reader, writer):
        self.connections += 1
        conn = self.connections
        self.writers.add(writer)
        try:
            while True:
                try:
                    block = await reader.readblock()
                except asyncio.IncompleteReadError as e:
                    if e.partial.strip():
                        log("connection %d closed inside a frame (%d bytes unframed)" % (conn, len(e.partial)))
                    break
                except InvalidBlockError:
                    log("connection %d: bytes before the 0x0B start block were discarded up to 0x1C 0x0D" % conn)
                    continue
                except ValueError as e:
                    log("connection %d: frame too large: %s" % (conn, e))
                    break
                except (ConnectionError, ssl.SSLError) as e:
                    log("connection %d: %s" % (conn, e))
                    break
                self.received += 1
                keep_open = await self.answer(block, self.received, conn, writer)
                if not keep_open:
                    break
        finally:
            self.writers.discard(writer)
            try:
                writer.close()
            except Exception:
                pass

    async def answer(self, block, n, conn, writer):
        rec, info = self.record(block)
        rec["seq"] = n
        rec["connection"] = conn
        mode = self.args.mode
        code, msa2, err, keep_open = "AA", info["control_id"], None, True
        if info["parse_error"]:
            code, err = "AR", [("100", "Segment sequence error", "message could not be parsed: "
                                + info["parse_error"])]
        if mode == "ae-first" and n == 1:
            code, err = "AE", [("207", "Application internal error",
                                "chartflow test peer (mode ae-first): the first message is refused with AE; "
                                "send it again")]
        elif mode == "ar-always":
            code, err = "AR", [("207", "Application internal error",
                                "chartflow test peer (mode ar-always): every message is rejected")]
        elif mode == "strict" and rec["problems"]:
            code, err = "AE", [(p.code, None, p.loc + ": " + p.text + (" [profile]" if p.profile else ""))
                               for p in info["problem_objs"][:10]]
        elif mode == "wrong-control-id":
            msa2 = "WRONG%015d" % n
        rec["ack_control_id"] = msa2

        sent = True
        if mode == "drop-first" and n == 1:
            rec["ack"] = None
            rec["dropped"] = True
            keep_open = False
        elif mode == "garbled":
            rec["ack"] = "garbled"
            sent = self.send(writer, GARBAGE, framed=False)
        else:
            if mode == "slow":
                await asyncio.sleep(self.args.delay)
            rec["ack"] = code
            ack = self.build_ack(info, code, msa2, err)
            rec["ack_message"] = ack.decode("utf-8")
            sent = self.send(writer, ack, framed=True)
            try:
                await writer.drain()
            except (ConnectionError, ssl.SSLError):
                sent = False
        if not sent:
            rec["ack_sent"] = False
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.out.flush()
        return keep_open and sent

    def send(self, writer, data, framed):
        if writer.is_closing():
            return False
        try:
            if framed:
                writer.writeblock(data)
            else:
                writer.write(data)
            return True
        except (ConnectionError, RuntimeError):
            return False

    # ------------------------------------------------------------ the JSON record
    def record(self, block):
        rec = {"control_id": None, "type": None, "structure": None, "version": None,
               "sending_application": None, "sending_facility": None,
               "pid_identifiers": [], "patient_name": None, "visit_number": None,
               "dg1": [], "pr1": [], "drg": None, "txa": None, "obx": [], "text": None, "ed_bytes": None, "ed": [],
               "segments": [], "bytes": len(block), "sha256": hashlib.sha256(block).hexdigest()}
        info = {"parse_error": None, "control_id": "", "msh": None}
        problems = self.checker.check(block, wire=True)
        info["problem_objs"] = problems
        rec["problems"] = [cm.format_problem("wire", 1, p).split(" ", 3)[3] for p in problems]
        if self.args.raw_dir:
            path = pathlib.Path(self.args.raw_dir) / ("%06d.hl7" % (self.received))
            path.write_bytes(block)
            rec["raw_file"] = str(path)

        text = block.decode("utf-8", errors="replace")
        m = re.match(r"MSH(.)", text)
        if m:  # control ID even when python-hl7 cannot parse the rest
            f = text.split("\r", 1)[0].split(m.group(1))
            info["control_id"] = f[9] if len(f) > 9 else ""
            info["msh_raw"] = f
        try:
            msg = hl7.parse(text)
            self.extract(msg, text, rec, info)
        except Exception as e:  # python-hl7 raises ParseException, IndexError, ... on malformed input
            info["parse_error"] = "%s: %s" % (type(e).__name__, e)
            rec["parse_error"] = info["parse_error"]
            rec["control_id"] = info["control_id"] or None
        return rec, info

    def extract(self, msg, text, rec, info):
        seps = cm.Separators(msg.separators[1], text[4:text.find(msg.separators[1], 4)])
        msh = msg.segment("MSH")
        info["msh"] = msh
        info["control_id"] = get(msh, 10)
        rec["segments"] = [str(s[0]) for s in msg]
        rec["control_id"] = get(msh, 10)
        rec["type"] = "^".join(x for x in (get(msh, 9, 1, 1), get(msh, 9, 1, 2)) if x)
        rec["structure"] = get(msh, 9, 1, 3) or None
        rec["version"] = get(msh, 12)
        rec["sending_application"] = get(msh, 3)
        rec["sending_facility"] = get(msh, 4)

        for pid in segments(msg, "PID")[:1]:
            for r in range(1, reps(pid, 3) + 1):
                rec["pid_identifiers"].append({
                    "id": get(pid, 3, r, 1),
                    "type": get(pid, 3, r, 5),
                    "authority": get(pid, 3, r, 4, 1) or get(pid, 3, r, 4, 2)})
            if reps(pid, 5):
                comps = [get(pid, 5, 1, c) for c in range(1, 15)]
                while comps and comps[-1] == "":
                    comps.pop()
                rec["patient_name"] = "^".join(comps)
        for pv1 in segments(msg, "PV1")[:1]:
            rec["visit_number"] = get(pv1, 19) or None
        for dg1 in segments(msg, "DG1"):
            rec["dg1"].append({"set_id": get(dg1, 1), "code": get(dg1, 3, 1, 1), "description": get(dg1, 3, 1, 2),
                               "system": get(dg1, 3, 1, 3), "type": get(dg1, 6), "priority": get(dg1, 15)})
        for pr1 in segments(msg, "PR1"):
            rec["pr1"].append({"set_id": get(pr1, 1), "code": get(pr1, 3, 1, 1), "description": get(pr1, 3, 1, 2),
                               "system": get(pr1, 3, 1, 3), "date": get(pr1, 5)})
        for drg in segments(msg, "DRG")[:1]:
            rec["drg"] = {"code": get(drg, 1, 1, 1), "description": get(drg, 1, 1, 2), "system": get(drg, 1, 1, 3)}
        for txa in segments(msg, "TXA")[:1]:
            rec["txa"] = {"type": get(txa, 2), "presentation": get(txa, 3), "unique_id": get(txa, 12),
                          "status": get(txa, 17)}

        lines = []
        for obx in segments(msg, "OBX"):
            vtype = get(obx, 2)
            rec["obx"].append({"type": vtype, "id": get(obx, 3, 1, 1)})
            raw5 = str(obx(5)) if len(obx) > 5 else ""
            if vtype in ("TX", "FT"):
                for value in raw5.split(seps.rep):
                    line = cm.unescape(value, seps, formatting=(vtype == "FT"))
                    lines.append(line.replace("\r\n", "\n").replace("\r", "\n"))
            elif vtype == "ED":
                rec["ed"].append(self.decode_ed(obx))
        if lines:
            rec["text"] = "\n".join(lines)
        if rec["ed"]:
            rec["ed_bytes"] = rec["ed"][0]["bytes"]

    @staticmethod
    def decode_ed(obx):
        ed = {"source": get(obx, 5, 1, 1), "type": get(obx, 5, 1, 2), "subtype": get(obx, 5, 1, 3),
              "encoding": get(obx, 5, 1, 4), "bytes": None, "sha256": None}
        data = get(obx, 5, 1, 5)
        try:
            enc = ed["encoding"].lower()
            if enc == "base64":
                payload = base64.b64decode(re.sub(r"\s+", "", data), validate=True)
            elif enc == "hex":
                payload = binascii.unhexlify(data)
            else:
                payload = data.encode("utf-8")
            ed["bytes"] = len(payload)
            ed["sha256"] = hashlib.sha256(payload).hexdigest()
        except (binascii.Error, ValueError) as e:
            ed["error"] = str(e)
        return ed

    # ------------------------------------------------------------ the acknowledgment
    def build_ack(self, info, code, msa2, errors):
        """ACK^<trigger>^ACK, v2.5.1, original acknowledgment mode, default separators."""
        f = info.get("msh_raw") or []
        field = (lambda i: f[i - 1] if len(f) > i - 1 else "")  # msh_raw[0] is "MSH", msh_raw[1] is MSH-2
        esc = cm.escape
        trigger = (field(9).split("^") + [""])[1]
        processing = field(11) or "P"
        msh = ["MSH", "^~\\&", field(5), field(6), field(3), field(4),
               datetime.datetime.now().astimezone().strftime("%Y%m%d%H%M%S%z"), "",
               "ACK^%s^ACK" % trigger if trigger else "ACK", hl7.generate_message_control_id(), processing, "2.5.1"]
        segs = ["|".join(msh)]
        msa = ["MSA", code, esc(msa2 or "")]
        if errors:
            msa.append(esc(errors[0][2][:80]))  # MSA-3 (kept for older senders; ERR is the v2.5.1 way)
        segs.append("|".join(msa))
        for code357, name, text in errors or []:
            name = name or {"100": "Segment sequence error", "101": "Required field missing",
                            "102": "Data type error", "103": "Table value not found",
                            "200": "Unsupported message type"}.get(code357, "Application internal error")
            user = esc(text if len(text) <= 250 else text[:247] + "...")  # ERR-8: 250 characters
            segs.append("|".join(["ERR", "", "", "%s^%s^HL70357" % (code357, name), "E" if code != "AA" else "W",
                                  "", "", "", user]))
        return ("\r".join(segs) + "\r").encode("utf-8")


async def main_async(args):
    peer = Peer(args)
    ctx = None
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
    server = await start_hl7_server(peer.handle, "127.0.0.1", args.port, limit=MAX_MESSAGE, ssl=ctx)
    port = server.sockets[0].getsockname()[1]
    print("listening %d" % port, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    for w in list(peer.writers):
        w.close()
    await server.wait_closed()
    peer.out.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True, help="TCP port on 127.0.0.1 (0 = any free port)")
    ap.add_argument("--out", required=True, help="JSON lines file, one line per message received (appended)")
    ap.add_argument("--mode", choices=MODES, default="ack")
    ap.add_argument("--delay", type=float, default=5.0, help="seconds before the ACK in mode slow")
    ap.add_argument("--tls-cert", help="PEM certificate: serve MLLP over TLS")
    ap.add_argument("--tls-key", help="PEM private key for --tls-cert")
    ap.add_argument("--raw-dir", help="also write each message received, as received, to DIR/NNNNNN.hl7")
    args = ap.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key):
        ap.error("--tls-cert and --tls-key go together")
    if args.raw_dir:
        os.makedirs(args.raw_dir, exist_ok=True)
    try:
        asyncio.run(main_async(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
