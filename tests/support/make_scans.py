#!/usr/bin/python3
"""Makes the scanned-chart fixtures the OCR tests read (chartflow's own generator).

Renders the team's synthetic charts onto letter-size pages and degrades them the way back-office
scans are degraded: skew, sensor noise, blur, speckle, fax binarisation, standard-mode fax
(204 x 98 dpi), pages fed upside down or sideways, photocopies with dark edges and uneven light,
small type at 150 dpi with heavy JPEG. Writes, for each case, the image and NAME.gt.txt (the
text as laid out, pages separated by form feeds), plus multi-page TIFFs in every compression,
PDFs, and corrupt files.

usage: make_scans.py CHARTS_DIR OUT_DIR            (test fixtures)
       make_scans.py --samples CHARTS_DIR OUT_DIR  (the scanned sample charts in tests/fixtures/scans)
       make_scans.py --long CHARTS_DIR OUT.tif N   (one N-page fax TIFF, for the memory benchmark)
Needs Debian's python3-pil, python3-numpy and fonts-liberation.
"""
import io
import os
import random
import struct
import sys
import textwrap
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/liberation"
FONTS = ["LiberationSans-Regular.ttf", "LiberationSerif-Regular.ttf", "LiberationMono-Regular.ttf"]

# name: (dpi_x, dpi_y, points, skew degrees, noise sigma, blur, speckle, binary, jpeg quality, turn)
PROFILES = {
    "clean": (300, 300, 11, 0.0, 0, 0.0, 0.0, False, None, 0),
    "office": (300, 300, 11, 1.2, 7, 0.5, 0.0004, False, 85, 0),
    "fax": (200, 200, 11, 2.0, 0, 0.0, 0.0015, True, None, 0),
    "faxstd": (204, 98, 12, 1.5, 5, 0.6, 0.002, True, None, 0),
    "upside": (300, 300, 11, 0.8, 7, 0.5, 0.0004, False, 85, 180),
    "sideways": (300, 300, 11, 0.8, 7, 0.5, 0.0004, False, 85, 90),
    "copy": (300, 300, 11, 1.5, 9, 0.6, 0.0008, False, 80, 0),
    "small": (150, 150, 9, 0.8, 8, 0.7, 0.0008, False, 55, 0),
    "bad": (300, 300, 11, 3.5, 15, 0.9, 0.002, False, 65, 0),
    # for the bundled samples: a fax fed upside down, small enough to commit
    "faxupside": (200, 200, 11, 1.5, 0, 0.0, 0.001, True, None, 180),
}


def wrap(text, width):
    lines = []
    for para in text.splitlines():
        lines.extend(textwrap.wrap(para, width) if para.strip() else [""])
    return lines


def render_pages(text, profile, seed, max_lines=None):
    dpi_x, dpi_y, points, skew, sigma, blur, speckle, binary, jpeg, turn = PROFILES[profile]
    rng = random.Random(seed)
    dpi = max(dpi_x, dpi_y)  # drawn square, squeezed afterwards for fax standard mode
    font = ImageFont.truetype(os.path.join(FONT_DIR, FONTS[seed % len(FONTS)]), int(points * dpi / 72))
    width, height, margin = int(8.5 * dpi), int(11 * dpi), int(0.8 * dpi)
    chars = int((width - 2 * margin) / (font.getlength("abcdefghijklmnopqrstuvwxyz") / 26))
    line_height = int(points * dpi / 72 * 1.4)
    per_page = (height - 2 * margin) // line_height
    lines = wrap(text, chars)
    if max_lines:
        lines = lines[:max_lines]
    pages, truths = [], []
    for start in range(0, max(1, len(lines)), per_page):
        chunk = lines[start:start + per_page]
        img = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(chunk):
            draw.text((margin, margin + i * line_height), line, font=font, fill=rng.randint(0, 35))
        if skew:
            img = img.rotate(rng.uniform(-skew, skew), resample=Image.BICUBIC, fillcolor=255)
        if blur:
            img = img.filter(ImageFilter.GaussianBlur(blur))
        a = np.asarray(img).astype(np.float32)
        noise = np.random.default_rng(seed * 1000 + start)
        if sigma:
            a += noise.normal(0, sigma, a.shape)
        if speckle:
            m = noise.random(a.shape)
            a[m < speckle / 2] = 0
            a[m > 1 - speckle / 2] = 255
        if profile == "copy":  # uneven light across the page, dark bands where the lid did not close
            a *= 0.72 + 0.28 * (np.arange(a.shape[1])[None, :] / a.shape[1])
            band = int(0.12 * dpi)
            a[:band, :] = 35
            a[-band:, :] = 35
            a[:, : band // 2] = 45
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        if turn:
            img = img.rotate(turn, expand=True)
        if binary:
            img = img.point(lambda v: 255 if v > 150 else 0).convert("1")
        if dpi_y != dpi_x:
            img = img.resize((img.width, int(img.height * dpi_y / dpi_x)), Image.NEAREST)
        if jpeg:
            buffer = io.BytesIO()
            img.save(buffer, "JPEG", quality=jpeg)
            img = Image.open(io.BytesIO(buffer.getvalue()))
            img.load()
        img.info["dpi"] = (dpi_x, dpi_y)
        pages.append(img)
        truths.append("\n".join(chunk))
    return pages, truths


def save_truth(path, truths):
    with open(path, "w") as f:
        f.write("\n\f\n".join(truths) + "\n")


def pdf_bytes(pages):
    """A minimal PDF: each page is ("text", [lines]) drawn in Helvetica, or ("image", PIL image)."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    pages_id = len(objects) + 1 + 2 * len(pages) + sum(1 for p in pages if p[0] == "image")
    for kind, content in pages:
        if kind == "text":
            ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
            for line in content:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"({escaped}) Tj T*")
            ops.append("ET")
            stream = "\n".join(ops).encode("latin-1")
            resources = f"<< /Font << /F1 {font} 0 R >> >>"
        else:
            img = content.convert("L")
            data = zlib.compress(img.tobytes())
            image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
                        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (img.width, img.height, len(data)) + data + b"\nendstream")
            stream = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
            resources = f"<< /XObject << /Im0 {image} 0 R >> >>"
        contents = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] /Resources {resources} "
                        f"/Contents {contents} 0 R >>".encode()))
    assert add(("<< /Type /Pages /Kids [" + " ".join(f"{k} 0 R" for k in kids) + f"] /Count {len(kids)} >>").encode()) == pages_id
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def main(charts_dir, out):
    os.makedirs(out, exist_ok=True)
    chart = open(os.path.join(charts_dir, "history-and-physical-pneumonia.txt")).read()
    note = open(os.path.join(charts_dir, "progress-note-diabetes.txt")).read()

    # One page per profile (the first 30 lines keep the suite fast).
    for seed, profile in enumerate(PROFILES, 1):
        pages, truths = render_pages(chart, profile, seed, max_lines=30)
        img, fmt = pages[0], ("PNG" if profile in ("clean", "fax", "faxstd") else "JPEG" if PROFILES[profile][8] else "PNG")
        if fmt == "JPEG":
            img.save(os.path.join(out, f"{profile}.jpg"), quality=PROFILES[profile][8], dpi=img.info["dpi"])
        else:
            img.save(os.path.join(out, f"{profile}.png"), dpi=img.info["dpi"])
        save_truth(os.path.join(out, f"{profile}.gt.txt"), truths[:1])

    # A three-page chart as multi-page TIFF in every compression Leptonica/libtiff read.
    text = (note + "\n") * 6
    pages, truths = render_pages(text, "fax", 7)
    pages, truths = pages[:3], truths[:3]
    for compression in ["group4", "group3", "packbits", "tiff_lzw", "raw"]:
        imgs = pages if compression.startswith("group") else [p.convert("L") for p in pages]
        imgs[0].save(os.path.join(out, f"multipage-{compression}.tif"), save_all=True, append_images=imgs[1:],
                     compression=compression, dpi=(200, 200))
    save_truth(os.path.join(out, "multipage.gt.txt"), truths)
    # The same pages as a multi-frame GIF (Pillow writes later frames as interlaced deltas of the
    # one before: each page is composed, not read alone).
    frames = [p.convert("L").quantize(colors=2) for p in pages]  # Pillow writes no 1-bit GIF frames
    frames[0].save(os.path.join(out, "multipage.gif"), save_all=True, append_images=frames[1:])

    # PDFs: scanned pages only, and mixed (text layer, scan, text layer).
    note_lines = note.splitlines()
    scan, scan_truth = render_pages(note, "office", 11)
    open(os.path.join(out, "scanned.pdf"), "wb").write(pdf_bytes([("image", scan[0])]))
    save_truth(os.path.join(out, "scanned.gt.txt"), scan_truth[:1])
    first, second = note_lines[: len(note_lines) // 2], note_lines[len(note_lines) // 2:]
    open(os.path.join(out, "mixed.pdf"), "wb").write(pdf_bytes([("text", first), ("image", scan[0]), ("text", second)]))
    save_truth(os.path.join(out, "mixed.gt.txt"), ["\n".join(first), scan_truth[0], "\n".join(second)])

    # Broken inputs.
    good_png = open(os.path.join(out, "clean.png"), "rb").read()
    good_tif = open(os.path.join(out, "multipage-group4.tif"), "rb").read()
    good_jpg = open(os.path.join(out, "office.jpg"), "rb").read()
    good_pdf = open(os.path.join(out, "mixed.pdf"), "rb").read()
    corrupt = {
        "truncated.png": good_png[: len(good_png) // 3],
        "truncated.tif": good_tif[: len(good_tif) // 2],
        "truncated.jpg": good_jpg[:200],
        "header-only.tif": b"II*\x00\x08\x00\x00\x00",
        "garbage.tif": b"II*\x00" + bytes(random.Random(3).randrange(256) for _ in range(4000)),
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "not-a-pdf.pdf": b"%PDF-1.4\n" + bytes(random.Random(4).randrange(256) for _ in range(3000)),
        "encrypted.pdf": good_pdf.replace(b"/Root", b"/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >> /Root", 1),
    }
    # A PNG whose header claims 60000 x 60000 pixels: must be refused by the pixel limit before
    # anything is decoded.
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    corrupt["bomb.png"] = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 1, 0, 0, 0, 0))
                           + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))
    # The same as a GIF: a 60000 x 60000 frame, refused before its pixels are decoded.
    corrupt["bomb.gif"] = (b"GIF89a" + struct.pack("<HHBBB", 60000, 60000, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
                           + b"," + struct.pack("<HHHHB", 0, 0, 60000, 60000, 0) + b"\x02\x02\x4c\x01\x00;")
    good_gif = open(os.path.join(out, "multipage.gif"), "rb").read()
    corrupt["truncated.gif"] = good_gif[: len(good_gif) * 2 // 3]
    # A PNG with an ICC profile libpng rejects: libpng warns (and once printed the warning raw
    # on stderr, through Leptonica). The profile is a made-up 200-byte header, not a real profile.
    profile = struct.pack(">I", 200) + b"none" + bytes(192)
    iccp = chunk(b"iCCP", b"synthetic\x00\x00" + zlib.compress(profile))
    open(os.path.join(out, "icc-warning.png"), "wb").write(good_png[:33] + iccp + good_png[33:])
    # A JPEG with stray bytes before its end marker: libjpeg warns ("Corrupt JPEG data: 59
    # extraneous bytes before marker 0xd9", the others being read ahead) and reads it.
    assert good_jpg.endswith(b"\xff\xd9")
    open(os.path.join(out, "extra-bytes.jpg"), "wb").write(good_jpg[:-2] + bytes(range(1, 65)) + b"\xff\xd9")
    for name, data in corrupt.items():
        open(os.path.join(out, name), "wb").write(data)
    open(os.path.join(out, ".done"), "w").write("ok\n")


def samples(charts_dir, out):
    """Scanned versions of three synthetic charts, as a back office would receive them."""
    def read(name):
        return open(os.path.join(charts_dir, name)).read()
    pages, _ = render_pages(read("pathology-report-breast.txt"), "fax", 21)
    pages[0].save(os.path.join(out, "scan-pathology-report-breast.tif"), compression="group4", dpi=(200, 200))
    pages, _ = render_pages(read("operative-note-appendectomy.txt"), "faxstd", 22)
    pages[0].save(os.path.join(out, "scan-operative-note-fax-standard.tif"), compression="group3", dpi=(204, 98))
    pages, _ = render_pages(read("discharge-summary-chf.txt"), "faxupside", 23)
    pages[0].save(os.path.join(out, "scan-discharge-summary-upside-down.tif"), save_all=True, append_images=pages[1:],
                  compression="group4", dpi=(200, 200))


def long_chart(charts_dir, out_file, pages):
    """One fax TIFF of `pages` pages (for the memory benchmark)."""
    text = "\n".join(open(os.path.join(charts_dir, n)).read() for n in sorted(os.listdir(charts_dir)) if n.endswith(".txt")
                     and "utf16" not in n and "windows1252" not in n)
    images = []
    while len(images) < pages:
        more, _ = render_pages(text, "fax", len(images) + 1)
        images.extend(more)
    images = images[:pages]
    images[0].save(out_file, save_all=True, append_images=images[1:], compression="group4", dpi=(200, 200))


if __name__ == "__main__":
    if sys.argv[1] == "--long":
        long_chart(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "--samples":
        samples(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
