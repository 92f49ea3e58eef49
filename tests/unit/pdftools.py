"""Reading back the PDFs the documents write: text (pdftotext), fonts and pages (poppler)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def text(path: str | Path, *, layout: bool = True) -> str:
    """The text as laid out on the page, or (``layout=False``) in the order it was drawn."""
    args = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw", str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(path: str | Path) -> str:
    """The text with all white space removed: spaced titles (收 款 收 据) read as words."""
    return re.sub(r"\s+", "", text(path, layout=False))


def pages(path: str | Path) -> list[str]:
    """The text of each page in drawing order without white space (as ``flat``)."""
    return [re.sub(r"\s+", "", page) for page in text(path, layout=False).split("\f")[:-1]]


def fonts(path: str | Path) -> list[dict[str, str]]:
    """pdffonts' table: one dict per font with name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3],
                     "type": " ".join(parts[1:-6])})
    return rows


def page_count(path: str | Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def page_size_mm(path: str | Path) -> tuple[int, int]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    m = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    return round(float(m[1]) * 25.4 / 72), round(float(m[2]) * 25.4 / 72)


MM = 25.4 / 72  # millimetres per PDF point


def text_boxes(path: str | Path) -> list[tuple[float, float, list[tuple[str, float, float,
                                                                         float, float]]]]:
    """Per page: its width and height in mm and every word with its box in mm from the top
    left corner (x_min, y_min, x_max, y_max), from ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    out = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html,
                            re.S):
        words = [(text, float(x0) * MM, float(y0) * MM, float(x1) * MM, float(y1) * MM)
                 for x0, y0, x1, y1, text in re.findall(
                     r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                     r'yMax="([\d.]+)">(.*?)</word>', page[3])]
        out.append((float(page[1]) * MM, float(page[2]) * MM, words))
    return out


def text_margins(path: str | Path) -> list[tuple[float, float, float, float]]:
    """Per page: the white space in mm left, top, right and bottom of all the text on it."""
    margins = []
    for width, height, words in text_boxes(path):
        assert words, "a page without text"
        left = min(w[1] for w in words)
        top = min(w[2] for w in words)
        right = width - max(w[3] for w in words)
        bottom = height - max(w[4] for w in words)
        margins.append((left, top, right, bottom))
    return margins


def ink_margins(path: str | Path, dpi: int = 72) -> list[tuple[float, float, float, float]]:
    """Per page: the white space in mm around everything printed (text, rules, boxes, the
    dashed cut), from the page rendered in grey (pdftoppm) and scanned for non-white pixels."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(path), f"{tmp}/p"],
                       check=True)
        out = []
        for image in sorted(Path(tmp).glob("p-*.pgm")):
            data = image.read_bytes()
            # "P5\n<w> <h>\n<max>\n" then one byte per pixel (pdftoppm writes 8 bits).
            m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
            w, h = int(m[1]), int(m[2])
            pixels = data[m.end():]
            rows = [pixels[y * w:(y + 1) * w] for y in range(h)]
            inked = [y for y, row in enumerate(rows) if min(row) < 200]
            cols = [x for x in range(w) if any(row[x] < 200 for row in rows)]
            per_mm = dpi / 25.4
            out.append((cols[0] / per_mm, inked[0] / per_mm, (w - 1 - cols[-1]) / per_mm,
                        (h - 1 - inked[-1]) / per_mm))
    return out
