"""The document font: a TrueType CJK font with Latin digits, embedded; else STSong-Light."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from decimal import Decimal

import pytest
from pdftools import flat, fonts

from heatoffice.billing.documents import Receipt, ReceiptLine
from heatoffice.exports.pdf import fonts as docfonts
from heatoffice.exports.pdf.receipt import render_receipt

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _receipt() -> Receipt:
    return Receipt(receipt_no="2026-000123", taken_at=dt.datetime(2026, 11, 20, 14, 32),
                   business_date=dt.date(2026, 11, 20), account_no="0101020501", name="张伟",
                   address="阳光花园3号楼2单元501", area=Decimal("88.25"),
                   category="residential", seasons=("2026-2027",),
                   lines=(ReceiptLine("2026-2027", "season", Decimal("1234.50")),),
                   amount=Decimal("1234.50"), method="wechat", cashier="王收费")


def test_the_system_font_is_truetype_with_digits_and_embedded(tmp_path):
    font = docfonts.document_font()
    assert font.embedded and font.name == docfonts.FONT_NAME
    assert font.path is not None and font.path.endswith((".ttf", ".ttc"))
    out = tmp_path / "r.pdf"
    render_receipt(out, _receipt(), company="阳光热力")
    found = fonts(out)
    # Every font of the file is the embedded TrueType subset: no Helvetica, nothing external.
    assert found and all(f["type"] == "TrueType" and f["emb"] == "yes" for f in found)
    assert all("WenQuanYi" in f["name"] or "+" in f["name"] for f in found)
    # The account number's digits came out as digits, not as boxes.
    assert "0101020501" in flat(out)


def test_droid_fallback_and_cff_fonts_are_never_candidates(monkeypatch, tmp_path):
    droid = tmp_path / "DroidSansFallbackFull.ttf"
    otf = tmp_path / "NotoSansCJK-Regular.otf"
    for f in (droid, otf):
        f.write_bytes(b"not a font")
    monkeypatch.setattr(docfonts, "KNOWN_FONTS", ((str(droid), 0), (str(otf), 0), (WQY, 0)))
    monkeypatch.setattr(docfonts, "_from_fontconfig", lambda: iter(()))
    monkeypatch.delenv(docfonts.ENV, raising=False)
    assert list(docfonts.candidates()) == [(WQY, 0)]


def test_environment_names_the_font_first(monkeypatch):
    monkeypatch.setenv(docfonts.ENV, f"{WQY}:0")
    assert next(docfonts.candidates()) == (WQY, 0)
    monkeypatch.setenv(docfonts.ENV, WQY)
    assert next(docfonts.candidates()) == (WQY, 0)


def test_a_font_missing_a_required_glyph_or_not_a_font_is_refused(monkeypatch, tmp_path):
    assert docfonts.load_ttf(WQY, 0, "Probe") is not None
    # ☐ (U+2610) is not in WenQuanYi Micro Hei: asking for it refuses the font.
    monkeypatch.setattr(docfonts, "REQUIRED_CHARS", docfonts.REQUIRED_CHARS + "☐")
    assert docfonts.load_ttf(WQY, 0, "Probe2") is None
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"\0" * 64)
    assert docfonts.load_ttf(str(junk), 0, "Probe3") is None
    assert docfonts.load_ttf(str(tmp_path / "missing.ttf"), 0, "Probe4") is None


def test_without_a_truetype_font_documents_use_stsong_not_embedded(monkeypatch, tmp_path):
    monkeypatch.setattr(docfonts, "candidates", lambda: iter(()))
    with pytest.warns(RuntimeWarning, match="fonts-wqy-microhei"):
        fallback = docfonts._resolve()
    assert fallback == docfonts.DocumentFont("STSong-Light", None, 0, embedded=False)
    monkeypatch.setattr(docfonts, "_font", fallback)
    out = tmp_path / "r.pdf"
    render_receipt(out, dataclasses.replace(_receipt(), copy=True), company="阳光热力")
    found = fonts(out)
    assert [(f["name"], f["emb"]) for f in found] == [("STSong-Light", "no")]
    text = flat(out)
    assert "阳光热力" in text and "副本" in text and "2026-000123" in text


def test_font_is_chosen_once_per_process(monkeypatch):
    first = docfonts.document_font()
    monkeypatch.setattr(docfonts, "_resolve", lambda: pytest.fail("resolved twice"))
    assert docfonts.document_font() is first
    assert os.path.exists(first.path or "")
