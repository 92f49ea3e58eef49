"""Canvas helpers: wrapping Chinese and Latin text, fitting a cell, safe file writing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pdftools import flat, page_count

from heatoffice.billing.documents import Notice, NoticeLine
from heatoffice.errors import UserError
from heatoffice.exports.pdf import pdf_bytes
from heatoffice.exports.pdf.fonts import document_font
from heatoffice.exports.pdf.layout import MM, Pen, pdf_canvas
from heatoffice.exports.pdf.notice import render_notices


class _NullCanvas:
    def __getattr__(self, name):
        return lambda *a, **k: None


@pytest.fixture
def pen():
    return Pen(_NullCanvas(), document_font().name)


def test_wrap_breaks_chinese_anywhere_and_keeps_latin_words_whole(pen):
    text = "请拨打服务热线 0351-96000 咨询，我们将安排工作人员上门复核供热面积。"
    width = pen.width("请拨打服务热线 0351-96", 9)
    lines = pen.wrap(text, width, 9)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(pen.width(line, 9) <= width or line[-1] in "，。" for line in lines)
    # The phone number never splits across lines.
    assert any("0351-96000" in line for line in lines)


def test_wrap_never_starts_a_line_with_closing_punctuation(pen):
    text = "甲" * 10 + "，乙乙。"
    lines = pen.wrap(text, pen.width("甲" * 10, 9), 9)
    assert lines == ["甲" * 10 + "，", "乙乙。"]


def test_wrap_keeps_paragraphs(pen):
    assert pen.wrap("第一段\n第二段", 500, 9) == ["第一段", "第二段"]


def test_fit_shrinks_then_cuts_with_an_ellipsis(pen):
    drawn = []
    pen.text = lambda x, y, text, size=9.0, align="l", bold=False: drawn.append((text, size))
    pen.fit(0, 0, "阳光花园", 100 * MM, 9)
    pen.fit(0, 0, "阳光花园" * 3, pen.width("阳光花园" * 3, 9) * 0.8, 9)
    pen.fit(0, 0, "阳光花园" * 20, 20 * MM, 9)
    assert drawn[0] == ("阳光花园", 9)
    assert drawn[1][0] == "阳光花园" * 3 and 6 <= drawn[1][1] < 9
    text, size = drawn[2]
    assert size == 6 and text.endswith("…") and pen.width(text, 6) <= 20 * MM


def _notice(no: str) -> Notice:
    return Notice(account_no=no, name="张伟", address="阳光花园3号楼2单元501",
                  area=Decimal("85.50"), category="residential", season="2026-2027",
                  lines=(NoticeLine("热费", Decimal("85.50"), Decimal("24.00"),
                                    Decimal("2052.00")),),
                  total=Decimal("2052.00"), issued=dt.date(2026, 10, 20))


def test_a_cancelled_batch_leaves_the_old_file_untouched(tmp_path):
    out = tmp_path / "notices.pdf"
    out.write_bytes(b"old")
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 200

    with pytest.raises(UserError) as err:
        render_notices(out, (_notice(f"A{i:04d}") for i in range(450)), company="阳光热力",
                       progress=progress, total=450)
    assert err.value.code == "cancelled"
    assert calls == [(200, 450)]
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notices.pdf"]


def test_progress_is_reported_and_the_file_replaced_when_complete(tmp_path):
    out = tmp_path / "notices.pdf"
    out.write_bytes(b"old")
    calls = []
    n = render_notices(out, (_notice(f"A{i:04d}") for i in range(401)), company="阳光热力",
                       progress=lambda d, t: calls.append((d, t)), total=401)
    assert n == 401 and calls == [(200, 401), (400, 401), (401, 401)]
    assert page_count(out) == 401
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notices.pdf"]


def test_an_unwritable_target_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError) as err:
        render_notices(blocker / "sub" / "n.pdf", [_notice("A1")], company="阳光热力")
    assert err.value.code == "exports.write_failed"


def test_pdf_bytes_for_a_preview():
    data = pdf_bytes(render_notices, [_notice("A0001")], company="阳光热力")
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_text_is_painted_even_when_a_page_has_only_text(tmp_path):
    out = tmp_path / "t.pdf"
    with pdf_canvas(out, (100 * MM, 50 * MM), title="t", author="a") as (_c, pen):
        pen.text(10, 10, "户号 0101", 9)
        pen.text(200, 10, "右对齐 ¥1,234.50", 9, "r", bold=True)
        pen.new_page()
    assert flat(out) == "户号0101右对齐¥1,234.50"
