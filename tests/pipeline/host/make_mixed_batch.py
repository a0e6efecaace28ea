#!/usr/bin/env python3
"""Writes the mixed batch the host's script tests run: NOTES synthetic notes of LINES lines,
copies of notes (each COPY is DEST, a copy of note-001.txt, or SOURCE=DEST; paths relative to
DIR), an empty file, a binary file, and poison.txt, which makes the test-crasher stage crash its
worker.

    make_mixed_batch.py DIR NOTES LINES [COPY ...]
"""
import os
import sys

folder, notes, lines_per_note = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
copies = sys.argv[4:]
LINES = ["Patient presents with chest pain and shortness of breath.", "No fever. Denies cough.",
         "History of hypertension and type 2 diabetes mellitus.", "Assessment: community acquired pneumonia."]
os.makedirs(folder, exist_ok=True)
for i in range(notes):
    body = "\n".join(f"{LINES[(i + k) % 4]} Visit {i}, line {k}." for k in range(lines_per_note))
    open(os.path.join(folder, f"note-{i:03d}.txt"), "w").write(f"HISTORY OF PRESENT ILLNESS:\n{body}\n")
open(os.path.join(folder, "empty.txt"), "w").close()
open(os.path.join(folder, "binary.txt"), "wb").write(b"\x7fELF\x00\x00\x00\x00" + bytes(range(256)) * 4)
for copy in copies:
    source, _, dest = copy.rpartition("=")
    dest_path = os.path.join(folder, dest)
    os.makedirs(os.path.dirname(dest_path), exist_ok=True)
    open(dest_path, "w").write(open(os.path.join(folder, source or "note-001.txt")).read())
open(os.path.join(folder, "poison.txt"), "w").write("HISTORY:\nThis chart makes its worker crash: CRASH-ME.\n")
