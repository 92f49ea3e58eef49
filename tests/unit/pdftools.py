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
