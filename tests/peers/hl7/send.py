#!/usr/bin/python3
"""Minimal MLLP sender for trying mllp_peer.py (or any MLLP receiver) by hand.

    /usr/bin/python3 send.py --port N [--host 127.0.0.1] [--tls [--cafile CA.pem]]
                             [--timeout S] [--retries K] [--show-ack] FILE.hl7...

Files are read as check_messages.py reads them (one or more messages; segments may end
with LF, CRLF or CR); each message is sent with CR segment terminators in an MLLP frame
(0x0B ... 0x1C 0x0D) and its acknowledgment awaited, as a sender must:
  * the answer must start with 0x0B and end with 0x1C 0x0D, else it is a protocol error;
  * MSA-2 must equal the control ID (MSH-10) sent, else the answer is not for this message;
  * no answer (connection closed, or --timeout) -> reconnect and send the same message
    again, up to --retries times (the peer's drop-first mode tests this).
Prints one line per message: "<control id> -> <MSA-1> (MSA-2 <id>)" or the error.
Exit status 0 when every message got AA (or CA) naming its own control ID.
"""
import argparse
import pathlib
import socket
import ssl
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_messages as cm  # noqa: E402

SB, EB, CR = b"\x0b", b"\x1c", b"\x0d"


class NoAnswer(Exception):
    pass


class BadAnswer(Exception):
    pass


def connect(args):
    sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    if args.tls:
        ctx = ssl.create_default_context(cafile=args.cafile) if args.cafile else ssl._create_unverified_context()
        if args.cafile:
            ctx.check_hostname = False
        sock = ctx.wrap_socket(sock, server_hostname=args.host)
    return sock


def read_frame(sock):
    """Reads one MLLP frame; raises NoAnswer (closed/timeout) or BadAnswer (not a frame)."""
    buf = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                raise NoAnswer("connection closed before an acknowledgment" +
                               (" (%d unframed bytes)" % len(buf) if buf else ""))
            buf += chunk
            if not buf.startswith(SB):
                raise BadAnswer("answer does not start with 0x0B: %r" % buf[:40])
            end = buf.find(EB + CR)
            if end >= 0:
                return buf[1:end]
    except socket.timeout:
        if buf:
            raise BadAnswer("incomplete frame after timeout: %r" % buf[:40])
        raise NoAnswer("no acknowledgment within the timeout")


def field(segment, n, sep="|"):
    parts = segment.split(sep)
    if segment.startswith("MSH"):
        n -= 1
    return parts[n] if n < len(parts) else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--cafile", help="verify the server certificate against this CA (default: no verification)")
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--retries", type=int, default=2)
    ap.add_argument("--show-ack", action="store_true", help="print each acknowledgment")
    args = ap.parse_args()

    messages = []
    for f in args.files:
        msgs, _ = cm.split_messages(pathlib.Path(f).read_bytes())
        messages += msgs
    ok = True
    sock = None
    for raw in messages:
        control_id = field(raw.split(b"\r", 1)[0].decode("utf-8", "replace"), 10)
        attempt = 0
        while True:
            try:
                if sock is None:
                    sock = connect(args)
                sock.sendall(SB + raw + EB + CR)
                ack = read_frame(sock).decode("utf-8", "replace")
                break
            except (NoAnswer, ConnectionError) as e:
                if sock:
                    sock.close()
                sock = None
                attempt += 1
                if attempt > args.retries:
                    print("%s -> no acknowledgment: %s" % (control_id, e))
                    ok = False
                    ack = None
                    break
                print("%s -> %s; reconnecting (retry %d)" % (control_id, e, attempt), file=sys.stderr)
            except BadAnswer as e:
                print("%s -> protocol error: %s" % (control_id, e))
                ok = False
                ack = None
                sock.close()
                sock = None
                break
        if ack is None:
            continue
        segs = [s for s in ack.split("\r") if s]
        msa = next((s for s in segs if s.startswith("MSA")), "")
        code, acked = field(msa, 1), field(msa, 2)
        note = "" if acked == control_id else "  MISMATCH: MSA-2 is not the control ID sent"
        errs = [field(s, 8) for s in segs if s.startswith("ERR") and field(s, 8)]
        print("%s -> %s (MSA-2 %s)%s%s" % (control_id, code or "?", acked, note,
                                            "  ERR: " + " / ".join(errs) if errs else ""))
        if args.show_ack:
            print("   " + "\n   ".join(segs))
        if code not in ("AA", "CA") or acked != control_id:
            ok = False
    if sock:
        sock.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
