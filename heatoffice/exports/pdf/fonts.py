"""The Chinese font of printed documents: a TrueType CJK font found on the system, embedded.

reportlab embeds TrueType outlines only (a CFF ``.otf`` such as Noto CJK is refused), and
DroidSansFallback has no Latin letters or digits, so an account number would print as boxes.
Without a usable font the documents fall back to the built-in STSong-Light CID font, which
the PDF names but does not embed: the printing computer must then have a Song font.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

FONT_NAME = "HeatofficeCJK"
FALLBACK_NAME = "STSong-Light"
# "path" or "path:index" (a .ttc holds several faces) chooses the font explicitly.
ENV = "HEATOFFICE_PDF_FONT"
# Debian/Ubuntu package naming the font the README asks for.
PACKAGE_HINT = "fonts-wqy-microhei"

# (path, face index in a .ttc), most wanted first: sans fonts print cleanly at small sizes.
KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)

# Every one of these must have a glyph: digits and letters of account and receipt numbers,
# the yuan sign, the m² sign and common Chinese.
REQUIRED_CHARS = "0123456789AZaz¥㎡.,-:中国热费收据壹贰叁"
_REJECTED_NAMES = ("droidsansfallback",)


@dataclass(frozen=True)
class DocumentFont:
    """The font registered with reportlab under ``name``."""

    name: str
    path: str | None
    index: int
    embedded: bool


_lock = threading.Lock()
_font: DocumentFont | None = None


def _from_env() -> Iterator[tuple[str, int]]:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return
    path, sep, index = value.rpartition(":")
    # "C:/x.ttf" has a colon too: only a numeric tail is an index.
    if sep and index.isdigit() and path:
        yield path, int(index)
    else:
        yield value, 0


def _from_fontconfig() -> Iterator[tuple[str, int]]:
    if shutil.which("fc-list") is None:
        return
    try:
        out = subprocess.run(["fc-list", "-f", "%{file}\t%{index}\n", ":lang=zh"],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return
    found = []
    for line in out.splitlines():
        path, _, index = line.partition("\t")
        if path.lower().endswith((".ttf", ".ttc")):
            found.append((path, int(index) if index.isdigit() else 0))
    yield from sorted(set(found))


def candidates() -> Iterator[tuple[str, int]]:
    """Fonts worth trying, in order: the environment's choice, known paths, fontconfig's."""
    seen: set[tuple[str, int]] = set()
    for path, index in (*_from_env(), *KNOWN_FONTS, *_from_fontconfig()):
        if (path, index) in seen:
            continue
        seen.add((path, index))
        name = os.path.basename(path).lower()
        if any(bad in name for bad in _REJECTED_NAMES) or name.endswith(".otf"):
            continue
        if os.path.isfile(path):
            yield path, index


def load_ttf(path: str, index: int = 0, name: str = FONT_NAME):
    """The reportlab TTFont of ``path`` if it is TrueType with every REQUIRED_CHARS glyph."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont(name, path, subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        log.info("font %s:%s not usable: %s", path, index, exc)
        return None
    cmap = font.face.charToGlyph
    missing = [c for c in REQUIRED_CHARS if ord(c) not in cmap]
    if missing:
        log.info("font %s:%s lacks %s", path, index, "".join(missing))
        return None
    return font


def _resolve() -> DocumentFont:
    from reportlab.pdfbase import pdfmetrics

    for path, index in candidates():
        font = load_ttf(path, index)
        if font is not None:
            pdfmetrics.registerFont(font)
            return DocumentFont(FONT_NAME, path, index, embedded=True)
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    warnings.warn(f"no TrueType Chinese font found (install {PACKAGE_HINT} or set {ENV}): "
                  f"PDF documents use {FALLBACK_NAME}, which is not embedded",
                  RuntimeWarning, stacklevel=3)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_NAME))
    return DocumentFont(FALLBACK_NAME, None, 0, embedded=False)


def document_font() -> DocumentFont:
    """The registered document font, found and registered on first use (once per process)."""
    global _font
    if _font is None:
        with _lock:
            if _font is None:
                _font = _resolve()
    return _font


def reset() -> None:
    """Forget the chosen font (tests that change the environment)."""
    global _font
    with _lock:
        _font = None
