#!/usr/bin/python3
"""Validates HL7 v2.5.1 MDM^T02, DFT^P03 and ACK messages against the v2.5.1 structures.

    /usr/bin/python3 check_messages.py [--standard-only] [--dictionary DIR] FILE.hl7...

Input files: each holds one or more messages.  A message starts at every segment that begins
with "MSH"; segments end with CR, LF or CRLF (so files may be kept with one segment a line);
blank lines and MLLP framing bytes (0x0B, 0x1C) are ignored, so a captured MLLP stream
checks as it is.  (On the wire only CR ends a segment: mllp_peer.py, which uses this module
on the bytes it receives, reports an LF there.)

Checks (v2.5.1, from tests/fixtures/hl7v2/, never from shared/):
  * segment order, optionality and repetition by the message structure (groups included)
  * fields: required fields present, repetition allowed, field lengths (one repetition, after
    un-escaping, separators counted; OBX-5 and ED data are not capped), components
    (required components of a valued field, no more components than the type has, lengths),
    primitive values carrying unescaped separators, escape sequences well formed
    (formatting escapes such as \\.br\\ only in FT)
  * data types: DTM/TS, DT, TM, NM, SI formats; HL7 table values for ID fields
  * conditional rules: OBX-2 when OBX-5 is valued, TXA-3 when the message carries OBX
    content, MSH-18 when the message holds non-ASCII bytes
  * chartflow profile rules (marked "[profile]"; --standard-only drops them): MSH-1/2 are the
    default separators, MSH-9 has all three components and matches the structure, MSH-12 is
    2.5.1, PID-3 identifiers carry CX.4 and CX.5, DG1-3 valued, coded fields (DG1-3, PR1-3,
    FT1-7, FT1-19, FT1-25, OBX-3, DRG-1) carry code and coding system, ICD-10(-CM) codes dotted,
    ICD-10-PCS codes seven characters, DRG-1 an MS-DRG of three digits with the grouper and its
    version as coding system (v2.5.1's definition of DRG-1; not a table 0396 value), set IDs numbered 1..n, values of user-defined
    tables (and of the table-0396 subset chartflow uses), no value a table marks
    "HL7 V2.2 only" (except TXA-3, whose 2-character cap leaves TX as the value for text), and
    no field v2.5.1 keeps for backward compatibility only (EVN-1, DG1-2, DG1-4, PR1-2, PR1-4).

Output: one line per problem, "FILE message N LOC: text", where LOC is SEG-n (a field),
SEG-n.c or SEG-n.c.s (a component), SEG (a segment's place in the structure) or MSG.
Exit status 0 only when no problem was found.
"""
import argparse
import base64
import binascii
import calendar
import json
import pathlib
import re
import sys
from collections import namedtuple

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "hl7v2"

Problem = namedtuple("Problem", "loc text profile code")
# code: an HL7 table 0357 error code, for the peer's ERR-3 (100 segment sequence, 101 required
# field missing, 102 data type error, 103 table value not found, 207 other)

PRIMITIVES = {"ST", "TX", "FT", "ID", "IS", "NM", "SI", "DT", "DTM", "TM", "GTS", "varies", "VARIES"}
STRUCTURES = {("MDM", "T02"): "MDM_T02", ("DFT", "P03"): "DFT_P03"}
CODED_FIELDS = {("DG1", 3), ("PR1", 3), ("FT1", 7), ("FT1", 19), ("FT1", 25), ("OBX", 3), ("DRG", 1)}
# DRG-1's coding system component names the grouper's type and version (v2.5.1's definition of
# DRG-1), not a table 0396 system: chartflow sends "MS-DRG v43.0" / "MS-DRG v43.1".
GROUPER_SYSTEM = re.compile(r"^MS-DRG v[0-9]{2}\.[0-9]$")
MS_DRG = re.compile(r"^[0-9]{3}$")
SET_ID_SEGMENTS = {"DG1", "PR1", "OBX", "FT1"}
BACKWARD_ONLY = {("EVN", 1): "MSH-9.2 carries the trigger event",
                 ("DG1", 2): "use DG1-3.3 for the coding system",
                 ("DG1", 4): "put the description in DG1-3.2",
                 ("PR1", 2): "use PR1-3.3 for the coding system",
                 ("PR1", 4): "put the description in PR1-3.2"}
ICD10_DX = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
ICD10_PCS = re.compile(r"^[0-9A-HJ-NP-Z]{7}$")
DTM_RE = re.compile(r"^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?"
                    r"(?:([+-])(\d{2})(\d{2}))?$")
DT_RE = re.compile(r"^(\d{4})(?:(\d{2})(?:(\d{2}))?)?$")
TM_RE = re.compile(r"^(\d{2})(?:(\d{2})(?:(\d{2})(?:\.\d{1,4})?)?)?(?:[+-]\d{4})?$")
NM_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
SEGNAME_RE = re.compile(r"^[A-Z][A-Z0-9]{2}$")


class Dictionary:
    def __init__(self, directory=FIXTURES):
        directory = pathlib.Path(directory)
        d = json.loads((directory / "hl7v2.5.1-subset.json").read_text())
        self.messages = d["messages"]
        self.segments = d["segments"]
        self.datatypes = d["datatypes"]
        self.tables = {k: v for k, v in json.loads((directory / "tables.json").read_text()).items()
                       if not k.startswith("_")}

    def table(self, number):
        if number is None:
            return None
        return self.tables.get("%04d" % int(number))


class Separators:
    def __init__(self, field="|", enc="^~\\&"):
        self.field = field
        self.comp, self.rep, self.esc, self.sub = (list(enc) + ["^", "~", "\\", "&"][len(enc):])[:4]


def split_messages(data):
    """File mode: bytes of a file -> list of messages (bytes, CR-terminated segments)."""
    data = data.replace(b"\x0b", b"\n").replace(b"\x1c", b"\n")
    lines = re.split(rb"\r\n|\r|\n", data)
    messages, stray = [], []
    for line in lines:
        if not line.strip():
            continue
        if line.startswith(b"MSH"):
            messages.append([line])
        elif messages:
            messages[-1].append(line)
        else:
            stray.append(line)
    return [b"\r".join(m) + b"\r" for m in messages], stray


def unescape(text, seps, problems=None, loc="", formatting=False, charset="utf-8"):
    """HL7 escape sequences -> text.  Formatting commands give "\\n" (.br/.sp/.ce) or spaces.
    Problems (bad sequences) are appended to `problems` when given."""
    if seps.esc not in text:
        return text
    out, pending = [], bytearray()

    def flush():
        if pending:
            out.append(pending.decode(charset, errors="replace"))
            pending.clear()

    def bad(msg):
        if problems is not None:
            problems.append(Problem(loc, msg, False, "102"))

    i = 0
    while i < len(text):
        c = text[i]
        if c != seps.esc:
            flush()
            out.append(c)
            i += 1
            continue
        j = text.find(seps.esc, i + 1)
        if j < 0:
            bad("unterminated escape sequence %r (a literal %s must be sent as %sE%s)"
                % (text[i:i + 12], seps.esc, seps.esc, seps.esc))
            flush()
            out.append(text[i:])
            break
        seq = text[i + 1:j]
        i = j + 1
        if seq.startswith("X"):
            hexpart = seq[1:]
            if hexpart and len(hexpart) % 2 == 0 and re.fullmatch(r"[0-9A-Fa-f]+", hexpart):
                pending.extend(binascii.unhexlify(hexpart))
            else:
                bad("malformed hexadecimal escape %s%s%s" % (seps.esc, seq, seps.esc))
            continue
        flush()
        simple = {"F": seps.field, "S": seps.comp, "T": seps.sub, "R": seps.rep, "E": seps.esc}
        if seq in simple:
            out.append(simple[seq])
        elif seq in ("H", "N"):
            pass  # highlighting on/off
        elif seq.startswith("."):
            if not formatting:
                bad("formatting escape %s%s%s is allowed only in FT data" % (seps.esc, seq, seps.esc))
            m = re.fullmatch(r"\.(br|sp|fi|nf|in|ti|sk|ce)([+-]?\d*)", seq)
            if not m:
                bad("unknown formatting escape %s%s%s" % (seps.esc, seq, seps.esc))
                continue
            cmd, num = m.group(1), m.group(2)
            if cmd in ("br", "ce"):
                out.append("\n")
            elif cmd == "sp":
                out.append("\n" * max(1, int(num or "1")))
            elif cmd in ("in", "ti", "sk"):
                out.append(" " * abs(int(num or "1")))
        elif seq[:1] in ("C", "M", "Z"):
            pass  # character-set switches and locally defined escapes: not interpreted
        elif seq == "":
            bad("empty escape sequence %s%s (a literal %s must be sent as %sE%s)"
                % (seps.esc, seps.esc, seps.esc, seps.esc, seps.esc))
        else:
            bad("unknown escape sequence %s%s%s (a literal %s must be sent as %sE%s)"
                % (seps.esc, seq, seps.esc, seps.esc, seps.esc, seps.esc))
    flush()
    return "".join(out)


def escape(text, seps=None):
    """text -> HL7-escaped text (for values this tool writes, e.g. the peer's ERR-8)."""
    seps = seps or Separators()
    out = []
    for ch in text:
        if ch == seps.esc:
            out.append(seps.esc + "E" + seps.esc)
        elif ch == seps.field:
            out.append(seps.esc + "F" + seps.esc)
        elif ch == seps.comp:
            out.append(seps.esc + "S" + seps.esc)
        elif ch == seps.sub:
            out.append(seps.esc + "T" + seps.esc)
        elif ch == seps.rep:
            out.append(seps.esc + "R" + seps.esc)
        elif ch == "\r":
            out.append(seps.esc + "X0D" + seps.esc)
        elif ch == "\n":
            out.append(seps.esc + "X0A" + seps.esc)
        else:
            out.append(ch)
    return "".join(out)


class Segment:
    def __init__(self, name, fields, index, occurrence):
        self.name = name
        self.fields = fields  # fields[1] is SEG-1; fields[0] is the name
        self.index = index  # 1-based place in the message
        self.occurrence = occurrence  # 1-based among segments of this name

    def field(self, n):
        return self.fields[n] if n < len(self.fields) else ""


def parse_segments(text, seps):
    """text (CR-separated) -> [Segment]; MSH fields numbered as in the standard."""
    segs, counts = [], {}
    for raw in text.split("\r"):
        if raw == "":
            continue  # (an empty segment is reported by Checker.check)
        if raw[:3] == "MSH":
            name = "MSH"
            rest = raw[4:].split(seps.field)
            fields = ["MSH", seps.field] + rest  # MSH-1 = field separator, MSH-2 = encoding chars
        else:
            fields = raw.split(seps.field)
            name = fields[0]
        counts[name] = counts.get(name, 0) + 1
        segs.append(Segment(name, fields, len(segs) + 1, counts[name]))
    return segs


class Checker:
    def __init__(self, dictionary=None, profile=True):
        self.d = dictionary or Dictionary()
        self.profile = profile

    # ---------------------------------------------------------------- entry point
    def check(self, raw, wire=False):
        """raw: one message (bytes).  wire=True: bytes as received over MLLP, where every
        segment must end with CR and LF is an error.  Returns [Problem]."""
        problems = []
        P = problems.append
        if wire:
            if b"\n" in raw:
                P(Problem("MSG", "LF (0x0A) in the message: segments end with CR (0x0D) only, and a line "
                          "break inside a value must be escaped (\\X0A\\, or repetitions/separate OBX for TX)",
                          False, "100"))
            raw = raw.replace(b"\r\n", b"\r").replace(b"\n", b"\r")
        raw = raw.rstrip(b"\r")
        if not raw.startswith(b"MSH") or len(raw) < 8:
            P(Problem("MSG", "message does not begin with an MSH segment", False, "100"))
            return problems
        seps = Separators(chr(raw[3]), raw[4:raw.find(raw[3:4], 4)].decode("ascii", "replace"))
        enc = raw[4:raw.find(raw[3:4], 4)].decode("ascii", "replace")
        if len(enc) != 4 or len(set(enc + seps.field)) != 5:
            P(Problem("MSH-2", "encoding characters must be 4 distinct characters (component, repetition, "
                      "escape, subcomponent), got %r" % enc, False, "102"))
        if self.profile and (seps.field != "|" or enc != "^~\\&"):
            P(Problem("MSH-2", "chartflow sends the default separators |^~\\& (got %r)" % (seps.field + enc),
                      True, "102"))

        # character set: MSH-18 (first repetition), default ASCII
        first = raw.split(b"\r", 1)[0].decode("latin-1")
        msh_fields = ["MSH", seps.field] + first[4:].split(seps.field)
        charset_field = msh_fields[18] if len(msh_fields) > 18 else ""
        charset_name = charset_field.split(seps.rep)[0]
        codec = {"": "ascii", "ASCII": "ascii", "UNICODE UTF-8": "utf-8", "8859/1": "latin-1",
                 "8859/15": "iso8859-15"}.get(charset_name, "utf-8")
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as e:
            if codec == "ascii":
                P(Problem("MSH-18", "the message holds non-ASCII bytes (first at offset %d) but MSH-18 is empty "
                          "(default ASCII): send MSH-18 'UNICODE UTF-8' with UTF-8 text" % e.start, False, "102"))
            else:
                P(Problem("MSH-18", "the message is not valid %s (byte offset %d)" % (charset_name, e.start),
                          False, "102"))
            text = raw.decode("utf-8", errors="replace")
        for ch in set(text):
            if ord(ch) < 0x20 and ch != "\r":
                P(Problem("MSG", "control character 0x%02X in the message (escape it as \\X%02X\\)"
                          % (ord(ch), ord(ch)), False, "102"))

        if "\r\r" in text:
            P(Problem("MSG", "empty segment (two segment terminators in a row)", False, "100"))
        segs = parse_segments(text, seps)
        self.seps, self.codec, self.segs = seps, (codec if codec != "ascii" else "utf-8"), segs
        for s in segs:
            if not SEGNAME_RE.match(s.name):
                P(Problem("MSG", "segment #%d has an invalid segment ID %r" % (s.index, s.name[:10]), False, "100"))

        msh = segs[0]
        msg_type = [unescape(c, seps) for c in msh.field(9).split(seps.comp)] + ["", "", ""]
        structure = self.structure_of(msg_type, problems)
        if structure:
            self.check_structure(structure, segs, problems)
        for s in segs:
            self.check_segment(s, problems)
        self.check_message_rules(segs, problems)
        if not self.profile:
            problems = [p for p in problems if not p.profile]
        return problems

    # ---------------------------------------------------------------- message type / structure
    def structure_of(self, t, problems):
        code, trigger, struct = t[0], t[1], t[2]
        if code == "ACK":
            expected = "ACK"
        else:
            expected = STRUCTURES.get((code, trigger))
        if not expected:
            problems.append(Problem("MSH-9", "unsupported message type %r (this checker knows MDM^T02^MDM_T02, "
                                    "DFT^P03^DFT_P03 and ACK^<trigger>^ACK)" % "^".join(t[:3]).rstrip("^"),
                                    False, "200"))
            return None
        if struct and struct != expected:
            problems.append(Problem("MSH-9.3", "message structure %r does not match %s^%s (expected %s)"
                                    % (struct, code, trigger, expected), False, "200"))
        if self.profile and not (trigger and struct):
            problems.append(Problem("MSH-9", "send all three components: %s^%s^%s" % (code, trigger or "<trigger>",
                                                                                     expected), True, "101"))
        return expected

    def first_set(self, node):
        if "children" in node:
            out = set()
            for c in node["children"]:
                out |= self.first_set(c)
                if c["min"] > 0:
                    break
            return out
        if "compounds" in node:
            out = set()
            for c in node["compounds"]:
                out |= self.first_set(c)
            return out
        return {node["name"]}

    def match_node(self, node, names, pos, problems, where):
        mx = node["max"] or float("inf")
        count = 0
        if "children" not in node and "compounds" not in node:
            while pos < len(names) and names[pos] == node["name"] and count < mx:
                pos += 1
                count += 1
            if count < node["min"]:
                problems.append(Problem(node["name"], "required segment %s missing%s" % (node["name"], where),
                                        False, "100"))
            return pos
        starts = self.first_set(node)
        while count < mx and pos < len(names) and names[pos] in starts:
            sub = []
            if "children" in node:
                newpos = pos
                for c in node["children"]:
                    newpos = self.match_node(c, names, newpos, sub, " (in group %s)" % node["name"])
            else:
                choice = next(c for c in node["compounds"] if names[pos] in self.first_set(c))
                newpos = self.match_node(choice, names, pos, sub, where)
            if newpos == pos:
                break
            problems.extend(sub)
            pos = newpos
            count += 1
        if count < node["min"]:
            problems.append(Problem("/".join(sorted(starts)), "required group %s missing (it starts with %s)%s"
                                    % (node["name"], " or ".join(sorted(starts)), where), False, "100"))
        return pos

    def check_structure(self, structure, segs, problems):
        names = [s.name for s in segs]
        pos = 0
        for node in self.d.messages[structure]["segments"]:
            pos = self.match_node(node, names, pos, problems, "")
        if pos < len(names):
            s = segs[pos]
            known = s.name in self.d.segments
            after = " after %s" % names[pos - 1] if pos else ""
            why = ("out of order, or repeated more often than %s allows" % structure) if known \
                else "not part of %s" % structure
            rest = len(names) - pos - 1
            problems.append(Problem(s.name, "segment #%d %s is not allowed here%s: %s%s"
                                    % (s.index, s.name, after, why,
                                       ("; the %d segment(s) after it were not checked against the structure"
                                        % rest) if rest else ""), False, "100"))

    # ---------------------------------------------------------------- fields
    def tag(self, seg):
        n = sum(1 for s in self.segs if s.name == seg.name)
        return " [%s #%d]" % (seg.name, seg.occurrence) if n > 1 else ""

    def check_segment(self, seg, problems):
        sdef = self.d.segments.get(seg.name)
        if not sdef:
            return
        seps = self.seps
        fdefs = sdef["fields"]
        tag = self.tag(seg)
        if len(seg.fields) - 1 > len(fdefs):
            extra = [i for i in range(len(fdefs) + 1, len(seg.fields)) if seg.fields[i] != ""]
            if extra:
                problems.append(Problem("%s-%d" % (seg.name, extra[0]), "%s has %d fields; v2.5.1 defines %d%s"
                                        % (seg.name, len(seg.fields) - 1, len(fdefs), tag), False, "102"))
        for n, fdef in enumerate(fdefs, 1):
            value = seg.field(n)
            loc = "%s-%d" % (seg.name, n)
            if seg.name == "MSH" and n in (1, 2):
                continue
            if value == "":
                if fdef["usage"] == "R":
                    problems.append(Problem(loc, "required field %s (%s) missing%s" % (loc, fdef["desc"], tag),
                                            False, "101"))
                continue
            if self.profile and (seg.name, n) in BACKWARD_ONLY:
                problems.append(Problem(loc, "%s (%s) is kept for backward compatibility only in v2.5.1: %s%s"
                                        % (loc, fdef["desc"], BACKWARD_ONLY[(seg.name, n)], tag), True, "102"))
            if value == '""':
                continue  # HL7 null
            reps = value.split(seps.rep)
            if fdef["rep"] == 1 and len(reps) > 1:
                problems.append(Problem(loc, "%s does not repeat but holds %d repetitions: a literal %s must be "
                                        "escaped as %sR%s%s" % (loc, len(reps), seps.rep, seps.esc, seps.esc, tag),
                                        False, "102"))
                reps = [value]  # check it as one value
            elif fdef["rep"] > 1 and len(reps) > fdef["rep"]:
                problems.append(Problem(loc, "%s repeats at most %d times, got %d%s" % (loc, fdef["rep"], len(reps),
                                                                                       tag), False, "102"))
            dt = fdef["dt"]
            if seg.name == "OBX" and n == 5:
                dt = unescape(seg.field(2).split(seps.comp)[0], seps) or "ST"
            for k, rep in enumerate(reps, 1):
                rtag = tag + (" (repetition %d)" % k if len(reps) > 1 else "")
                capped = not (seg.name == "OBX" and n == 5)
                self.check_value(rep, dt, fdef.get("len") if capped else None, fdef.get("table"),
                                 loc, 1, rtag, problems, seg, n)

    def check_value(self, text, dt, maxlen, table, loc, level, tag, problems, seg, fieldno):
        """level 1: a field repetition, 2: a component, 3: a subcomponent."""
        seps = self.seps
        if text == "":
            return
        composite = self.d.datatypes.get(dt)
        if composite and level < 3:
            sep = seps.comp if level == 1 else seps.sub
            parts = text.split(sep)
            comps = composite["components"]
            if len(parts) > len(comps):
                hint = (" (a literal %s must be escaped as %s%s%s)" % (sep, seps.esc, "S" if sep == seps.comp
                                                                       else "T", seps.esc))
                problems.append(Problem(loc, "%s value has %d components; %s has %d%s%s"
                                        % (dt, len(parts), dt, len(comps), hint, tag), False, "102"))
            for i, (part, cdef) in enumerate(zip(parts, comps), 1):
                cloc = "%s.%d" % (loc, i)
                if part == "" and cdef["usage"] == "R":
                    problems.append(Problem(cloc, "required component %s (%s) of %s missing%s"
                                            % (cloc, cdef["desc"], dt, tag), False, "101"))
                    continue
                clen = cdef.get("len")
                if dt == "ED" and i == 5:
                    clen = None  # encapsulated data: not capped here
                ctable = cdef.get("table")
                if (seg.name, fieldno, i) == ("DRG", 1, 3):
                    ctable = None  # the grouper's type and version: check_code checks it
                self.check_value(part, cdef["dt"], clen, ctable, cloc, level + 1, tag, problems,
                                 seg, fieldno)
            value = unescape(text, seps)
            if dt == "ED":
                self.check_ed(parts, loc, tag, problems)
            if (seg.name, fieldno) in CODED_FIELDS and level == 1 and dt in ("CE", "CWE", "CNE"):
                self.check_code(parts, loc, tag, problems)
        else:
            if level == 1 and seps.comp in text and dt not in ("VARIES", "varies"):
                problems.append(Problem(loc, "%s is a %s field but holds a component separator: a literal %s "
                                        "must be escaped as %sS%s%s" % (loc, dt, seps.comp, seps.esc, seps.esc, tag),
                                        False, "102"))
            if level <= 2 and seps.sub in text:
                problems.append(Problem(loc, "%s is %s but holds a subcomponent separator: a literal %s must be "
                                        "escaped as %sT%s%s" % (loc, dt, seps.sub, seps.esc, seps.esc, tag),
                                        False, "102"))
            found = []
            value = unescape(text, seps, found, loc, formatting=(dt == "FT"), charset=self.codec)
            problems.extend(p._replace(text=p.text + tag) for p in found)
            self.check_primitive(value, dt, table, loc, tag, problems)
        if maxlen and len(value) > maxlen:
            problems.append(Problem(loc, "%s is %d characters long; v2.5.1 allows %d%s"
                                    % (loc, len(value), maxlen, tag), False, "102"))

    def check_primitive(self, value, dt, table, loc, tag, problems):
        P = problems.append
        if value == '""':
            return
        if dt == "DTM":
            err = check_dtm(value)
            if err:
                P(Problem(loc, "%r is not a valid timestamp (YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]): %s%s"
                          % (value, err, tag), False, "102"))
        elif dt == "DT":
            m = DT_RE.match(value)
            if not m or check_dtm(value):
                P(Problem(loc, "%r is not a valid date (YYYY[MM[DD]])%s" % (value, tag), False, "102"))
        elif dt == "TM":
            if not TM_RE.match(value):
                P(Problem(loc, "%r is not a valid time (HH[MM[SS[.S...]]][+/-ZZZZ])%s" % (value, tag), False, "102"))
        elif dt == "NM":
            if not NM_RE.match(value):
                P(Problem(loc, "%r is not a number%s" % (value, tag), False, "102"))
        elif dt == "SI":
            if not value.isdigit() or int(value) < 1:
                P(Problem(loc, "%r is not a sequence ID (a positive integer)%s" % (value, tag), False, "102"))
        if dt in ("ID", "IS") and table is not None:
            t = self.d.table(table)
            if t:
                ok = value in t["values"] or ("pattern" in t and re.match(t["pattern"], value))
                profile = t["kind"] != "HL7"
                if not ok:
                    kind = {"HL7": "HL7 table", "user": "user-defined table (suggested values)",
                            "subset": "table (the subset chartflow uses)"}[t["kind"]]
                    P(Problem(loc, "%r is not in %s %04d %s%s" % (value, kind, int(table), t["name"], tag),
                              profile, "103"))
                elif value in t.get("v22only", []) and loc != "TXA-3":
                    # (TXA-3 is capped at 2 characters in v2.5.1, so TEXT cannot be sent there: TX is the value)
                    P(Problem(loc, "%r is marked 'HL7 V2.2 only' in table %04d %s%s"
                              % (value, int(table), t["name"], tag), True, "103"))

    def check_ed(self, parts, loc, tag, problems):
        parts = parts + [""] * 5
        encoding, data = parts[3], parts[4]
        if encoding == "Base64":
            compact = re.sub(r"\s+", "", data)
            try:
                base64.b64decode(compact, validate=True)
            except (binascii.Error, ValueError) as e:
                problems.append(Problem(loc + ".5", "ED data is not valid Base64 (%s)%s" % (e, tag), False, "102"))
        elif encoding == "Hex":
            if not re.fullmatch(r"([0-9A-Fa-f]{2})*", data):
                problems.append(Problem(loc + ".5", "ED data is not valid Hex%s" % tag, False, "102"))

    def check_code(self, parts, loc, tag, problems):
        if not self.profile:
            return
        parts = [unescape(p, self.seps) for p in parts] + [""] * 3
        code, system = parts[0], parts[2]
        if code and not system:
            problems.append(Problem(loc + ".3", "coded value %r has no coding system (%s.3)%s" % (code, loc, tag),
                                    True, "101"))
        if system in ("I10", "I10C") and code and not ICD10_DX.match(code):
            problems.append(Problem(loc + ".1", "%r is not an ICD-10 code as chartflow sends them (letter, digit, "
                                    "character, then '.' and up to 4 characters)%s" % (code, tag), True, "102"))
        if loc == "DRG-1" and system and not GROUPER_SYSTEM.match(system):
            problems.append(Problem(loc + ".3", "DRG-1.3 %r does not name the grouper and its version as chartflow "
                                    "sends them (MS-DRG v43.0)%s" % (system, tag), True, "103"))
        if loc == "DRG-1" and GROUPER_SYSTEM.match(system) and not MS_DRG.match(code):
            problems.append(Problem(loc + ".1", "%r is not an MS-DRG (three digits)%s" % (code, tag), True, "102"))
        if system == "I10P" and code and not ICD10_PCS.match(code):
            problems.append(Problem(loc + ".1", "%r is not an ICD-10-PCS code (7 characters, digits and letters "
                                    "other than I and O)%s" % (code, tag), True, "102"))

    # ---------------------------------------------------------------- cross-segment rules
    def check_message_rules(self, segs, problems):
        P = problems.append
        seps = self.seps
        obx = [s for s in segs if s.name == "OBX"]
        for s in obx:
            if s.field(5) != "" and s.field(2) == "":
                P(Problem("OBX-2", "OBX-2 (value type) is required when OBX-5 is valued%s" % self.tag(s),
                          False, "101"))
        txa = [s for s in segs if s.name == "TXA"]
        if txa and obx and txa[0].field(3) == "":
            P(Problem("TXA-3", "TXA-3 (document content presentation) is required when the message carries "
                      "content in OBX segments (table 0191: TX for text, AP for a file)", False, "101"))
        if not self.profile:
            return
        for name in SET_ID_SEGMENTS:
            group = [s for s in segs if s.name == name]
            ids = [s.field(1) for s in group]
            if any(ids) and ids != [str(i) for i in range(1, len(group) + 1)]:
                P(Problem("%s-1" % name, "%s set IDs should be 1..%d in order, got %s"
                          % (name, len(group), ",".join(i or "''" for i in ids)), True, "102"))
        for s in segs:
            if s.name == "PID":
                for k, rep in enumerate(s.field(3).split(seps.rep), 1):
                    comps = rep.split(seps.comp) + [""] * 5
                    if rep and (comps[3] == "" or comps[4] == ""):
                        P(Problem("PID-3", "patient identifier %r should carry its assigning authority (CX.4) and "
                                  "identifier type (CX.5, e.g. MR)%s" % (unescape(comps[0], seps),
                                                                         " (repetition %d)" % k if k > 1 else ""),
                                  True, "101"))
            if s.name == "DG1" and s.field(3) == "":
                P(Problem("DG1-3", "DG1-3 (diagnosis code) is optional in v2.5.1 but chartflow always sends it%s"
                          % self.tag(s), True, "101"))


def check_dtm(value):
    m = DTM_RE.match(value)
    if not m:
        return "bad format"
    y, mo, d, h, mi, s = (int(g) if g else None for g in m.groups()[:6])
    if mo is not None and not 1 <= mo <= 12:
        return "month %02d" % mo
    if d is not None and not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return "day %02d" % d
    if h is not None and h > 23:
        return "hour %02d" % h
    if mi is not None and mi > 59:
        return "minute %02d" % mi
    if s is not None and s > 59:
        return "second %02d" % s
    if m.group(8) and (int(m.group(9)) > 14 or int(m.group(10)) > 59):
        return "time zone offset"
    return None


def format_problem(fname, n, p):
    return "%s message %d %s: %s%s" % (fname, n, p.loc, p.text, " [profile]" if p.profile else "")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", metavar="FILE")
    ap.add_argument("--standard-only", action="store_true", help="skip the chartflow profile rules")
    ap.add_argument("--dictionary", default=str(FIXTURES), help="folder with hl7v2.5.1-subset.json and tables.json")
    args = ap.parse_args(argv)
    checker = Checker(Dictionary(args.dictionary), profile=not args.standard_only)
    total = bad = 0
    for fname in args.files:
        try:
            data = pathlib.Path(fname).read_bytes()
        except OSError as e:
            print("%s message 0 MSG: cannot read: %s" % (fname, e.strerror))
            bad += 1
            continue
        messages, stray = split_messages(data)
        if stray:
            print("%s message 0 MSG: %d line(s) before the first MSH segment" % (fname, len(stray)))
            bad += 1
        if not messages:
            print("%s message 0 MSG: no message (no segment starting with MSH)" % fname)
            bad += 1
        for n, raw in enumerate(messages, 1):
            total += 1
            for p in checker.check(raw):
                print(format_problem(fname, n, p))
                bad += 1
    print("checked %d message(s) in %d file(s): %d problem(s)" % (total, len(args.files), bad), file=sys.stderr)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
