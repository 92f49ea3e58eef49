"""Canvas helpers shared by the documents: the PDF file, text that fits, rules and tables.

Everything here draws on a reportlab canvas directly (no platypus): a batch of 10,000
notices is one canvas, and each helper costs little more than the canvas call it makes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Union

from heatoffice import glossary
from heatoffice.errors import UserError
from heatoffice.exports.files import publish, reserve_beside
from heatoffice.exports.pdf.fonts import document_font

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)
# A4 is A5 scaled by √2: a document laid out on A5 prints on A4 through one transform, and
# one laid out on A4 prints on A5 through the inverse.
A4_OVER_A5 = A4[0] / A5[0]
# Every document keeps at least this much paper white on every side (printers clip nearer
# the edge); the layouts keep more, and tests/unit/test_pdf_margins.py measures it.
MIN_MARGIN_MM = 8
PROGRESS_EVERY = 200

Target = Union[str, "os.PathLike[str]", IO[bytes]]
# progress(done, total): returning False cancels; nothing is written then.
Progress = Callable[[int, "int | None"], "bool | None"]


@dataclass(frozen=True)
class Company:
    """The letterhead: printed on every document (heatoffice.config holds the values)."""

    name: str
    hotline: str = ""                # the service phone
    address: str = ""
    bank_name: str = ""
    bank_account: str = ""
    # Across every page when set: 演示 on the documents of a demo database.
    watermark: str = ""


def as_company(company: Company | str) -> Company:
    return company if isinstance(company, Company) else Company(str(company))


def company_lines(company: Company, hotline: str = "", *, phone: bool = True) -> list[str]:
    """The company's address and service phone (unless the text above already gives it),
    then its bank account for transfers, as printed under a notice, a letter or a receipt;
    empty parts left out."""
    gap = "\u3000"
    phone_no = (hotline or company.hotline) if phone else ""
    contact = [f"地址：{company.address}" if company.address else "",
               f"服务电话：{phone_no}" if phone_no else ""]
    bank = []
    if company.bank_account:
        bank = [f"开户银行：{company.bank_name}" if company.bank_name else "",
                f"账号：{company.bank_account}", f"户名：{company.name}"]
    return [line for line in (gap.join(p for p in contact if p), gap.join(p for p in bank if p))
            if line]


def paper(size: str, landscape_layout: bool = False) -> tuple[float, float]:
    """The page of ``size`` ("A4" or "A5", either case), turned when the layout is landscape."""
    if size.upper() not in ("A4", "A5"):
        raise ValueError(f"page size {size!r}: use A4 or A5")
    page = A4 if size.upper() == "A4" else A5
    return landscape(page) if landscape_layout else page


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    return (max(size), min(size))


class Pen:
    """Text on a canvas in the document font; ``x`` is the left, right or centre edge.

    A page's text goes into one PDF text object, drawn when the page ends (or on
    ``flush``): one BT…ET per page instead of one per string, which is most of the cost of
    reportlab's ``drawString`` on a form with fifty strings. Text is therefore painted over
    the page's rules and boxes, which is what a form wants anyway.
    """

    BOLD_STROKE = 0.35  # pt: the outline stroke that makes the one-weight CJK font bold

    def __init__(self, canvas: Any, font: str,
                 pagesize: tuple[float, float] = A4, scale: float = 1.0) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont

        self.c = canvas
        self.font = font
        # The size the pages are laid out at; ``scale`` maps it onto the paper.
        self.page_width, self.page_height = pagesize
        self.scale = scale
        self._blank = -1  # the canvas's length of page code while a scaled page is blank
        if scale != 1.0:
            canvas.scale(scale, scale)
        self._string_width = getFont(font).stringWidth
        self._widths: dict[tuple[str, float], float] = {}
        self._wraps: dict[tuple[str, float, float], list[str]] = {}
        self._t: Any = None
        self._size = 0.0
        self._bold = False

    def width(self, text: str, size: float) -> float:
        key = (text, size)
        w = self._widths.get(key)
        if w is None:
            if len(self._widths) > 50_000:  # names and amounts never repeat: keep it bounded
                self._widths.clear()
            w = self._widths[key] = self._string_width(text, size)
        return w

    def _begin(self) -> Any:
        self._t = t = self.c.beginText()
        self._size = 0.0
        self._bold = False
        return t

    def text(self, x: float, y: float, text: str, size: float = 9.0, align: str = "l",
             bold: bool = False) -> None:
        t = self._t or self._begin()
        if size != self._size:
            t.setFont(self.font, size)
            self._size = size
        if bold != self._bold:
            t.setTextRenderMode(2 if bold else 0)
            self._bold = bold
        if align == "r":
            x -= self.width(text, size)
        elif align == "c":
            x -= self.width(text, size) / 2
        t.setTextOrigin(x, y)
        t.textOut(text)

    def flush(self) -> None:
        """Paint the text collected so far (before drawing something that must cover it)."""
        if self._t is None:
            return
        c = self.c
        c.saveState()
        c.setLineWidth(self.BOLD_STROKE)
        c.drawText(self._t)
        c.restoreState()
        self._t = None

    def new_page(self) -> None:
        self.flush()
        self.c.showPage()
        if self.scale != 1.0:  # a new page starts from the paper's own coordinates
            self.c.scale(self.scale, self.scale)
            self._blank = len(self.c._code)

    def drop_blank_page(self) -> None:
        """Forget the scaling of a page nothing was drawn on (the one after the last
        ``new_page``), which reportlab would otherwise save as an empty page."""
        if self._blank >= 0 and len(self.c._code) == self._blank:
            self.c._code.clear()

    def fit(self, x: float, y: float, text: str, width: float, size: float = 9.0,
            align: str = "l", min_size: float = 6.0, bold: bool = False) -> None:
        """Draw ``text`` within ``width``: smaller type first, then cut with an ellipsis."""
        w = self.width(text, size)
        if w > width:
            smaller = max(min_size, int(size * width / w * 4) / 4)
            text = self.clip(text, width, smaller)
            size = smaller
        self.text(x, y, text, size, align, bold)

    def clip(self, text: str, width: float, size: float) -> str:
        if self.width(text, size) <= width:
            return text
        while text and self.width(text + "…", size) > width:
            text = text[:-1]
        return text + "…"

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Lines of at most ``width``; Chinese breaks anywhere, Latin words stay whole."""
        key = (text, width, size)
        cached = self._wraps.get(key)
        if cached is not None:
            return cached
        lines: list[str] = []
        for para in text.split("\n"):
            line, used = "", 0.0
            for token in _tokens(para):
                w = self._string_width(token, size)
                # 禁则: closing punctuation never starts a line; it hangs in the margin.
                if line and used + w > width and token not in _NO_LINE_START:
                    lines.append(line.rstrip())
                    line = token.lstrip()
                    used = self._string_width(line, size)
                else:
                    line += token
                    used += w
            lines.append(line.rstrip())
        if len(self._wraps) > 1000:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines


_NO_LINE_START = frozenset("，。、：；！？）》」』”’%．,.;:!?)")


def _tokens(text: str) -> Iterator[str]:
    """Latin words (with the space before them) as one token, every other character alone."""
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            yield word
            word = ""
        if ch == " ":
            word = " "
        else:
            yield ch
    if word:
        yield word


def hline(c: Any, x1: float, x2: float, y: float, width: float = 0.5) -> None:
    c.setLineWidth(width)
    c.line(x1, y, x2, y)


def grid(c: Any, x: float, top: float, widths: Sequence[float], heights: Sequence[float],
         width: float = 0.5) -> None:
    """The rules of a table whose columns are ``widths`` and rows ``heights`` wide/high."""
    c.setLineWidth(width)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    c.grid(xs, ys)


def shade(c: Any, x: float, y: float, width: float, height: float, grey: float = 0.93) -> None:
    """A light grey rectangle (no outline): marks the columns filled in by hand."""
    c.saveState()
    c.setFillColorRGB(grey, grey, grey)
    c.rect(x, y, width, height, stroke=0, fill=1)
    c.restoreState()


def frame(c: Any, x: float, top: float, width: float, bottom: float) -> None:
    """The heavier outline of a table whose rows ``form_row`` drew (it rules no outer edge)."""
    c.setLineWidth(0.8)
    c.rect(x, bottom, width, top - bottom)


def dashed_cut(c: Any, x1: float, x2: float, y: float) -> None:
    c.saveState()
    c.setDash(3, 2)
    c.setLineWidth(0.4)
    c.line(x1, y, x2, y)
    c.restoreState()


def stamp(pen: Pen, x: float, y: float, text: str, size: float = 16) -> None:
    """A red framed word such as 副本 or 红冲, like an ink stamp on the paper form."""
    c = pen.c
    pen.flush()
    c.saveState()
    c.setStrokeColorRGB(0.8, 0.1, 0.1)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    w = pen.width(text, size) + size * 0.8
    h = size * 1.5
    c.setLineWidth(1.2)
    c.roundRect(x, y, w, h, 2, stroke=1, fill=0)
    c.setLineWidth(size * 0.04)
    c.setFont(pen.font, size)
    c.drawCentredString(x + w / 2, y + size * 0.45, text, mode=2)
    c.restoreState()


def printed_term(group: str, code: str) -> str:
    """A term as the printed forms name it: they are Chinese whatever the desk's language."""
    return glossary.label(group, code, "zh")


def date_zh(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def area_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def number_text(value: Decimal | None) -> str:
    """A money figure without the ¥ sign for table columns headed (元)."""
    from heatoffice.money import format_yuan

    return "" if value is None else format_yuan(value, symbol=False)


class Ticker:
    """Calls ``progress`` every few documents and at the end; False from it cancels."""

    def __init__(self, progress: Progress | None, total: int | None) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if (self.progress is not None and self.done % PROGRESS_EVERY == 0
                and self.progress(self.done, self.total) is False):
            raise UserError("cancelled")

    def finish(self) -> None:
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise UserError("cancelled")


def draw_watermark(c: Any, font: str, text: str, scale: float = 1.0) -> None:
    """``text`` large, pale and diagonal across the middle of the page, over its content
    (the forms are mostly white, so it shows, and what is under it stays readable)."""
    width, height = c._pagesize
    size = min(width, height) * 0.28
    c.saveState()
    c.scale(1 / scale, 1 / scale)  # the paper's own coordinates on a scaled page
    c.setFillColorRGB(0.75, 0.1, 0.1)
    c.setFillAlpha(0.14)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    c.setFont(font, size)
    c.drawCentredString(0, -size * 0.35, text)
    c.restoreState()


def _canvas_class(watermark: str, font: str, scale: float) -> Any:
    """reportlab's Canvas, drawing ``watermark`` on every page that has content as it ends."""
    from reportlab.pdfgen.canvas import Canvas

    if not watermark:
        return Canvas

    class WatermarkedCanvas(Canvas):
        def showPage(self) -> None:
            if len(self._code):
                draw_watermark(self, font, watermark, scale)
            super().showPage()

    return WatermarkedCanvas


@contextmanager
def pdf_canvas(target: Target, pagesize: tuple[float, float], *, title: str,
               author: str | Company, layout: tuple[float, float] | None = None
               ) -> Iterator[tuple[Any, Pen]]:
    """A canvas and pen writing to ``target``, saved when the block ends without error.

    ``author``: the company (its name is the PDF's author; its ``watermark``, 演示 on a demo
    database, goes across every page) or just a name.
    ``layout``: the page size the document is drawn at when it differs from the paper (an
    A4 form printed on A5): every page is scaled to fit, the pen's page size is the layout's.
    A path receives the file only when it is complete: a failed or cancelled batch leaves
    an existing file untouched.
    """
    from reportlab import rl_config

    # Binary (deflated) streams: ASCII85 exists for 7-bit mail, makes files 25 % larger and
    # costs a pure-Python pass over every page.
    rl_config.useA85 = 0
    font = document_font()
    tmp: str | None = None
    path: Path | None = None
    if hasattr(target, "write"):
        out: Any = target
    else:
        path = Path(target)
        tmp = reserve_beside(path, ".pdf.part")
        out = tmp
    try:
        scale = pagesize[0] / layout[0] if layout is not None else 1.0
        company = as_company(author)
        # The document font from the first byte: no stray Helvetica in the file's fonts.
        c = _canvas_class(company.watermark, font.name, scale)(
            out, pagesize=pagesize, pageCompression=1, initialFontName=font.name,
            initialFontSize=9)
        c.setTitle(title)
        c.setAuthor(company.name)
        c.setCreator("heatoffice")
        pen = Pen(c, font.name, layout or pagesize, scale)
        yield c, pen
        pen.drop_blank_page()
        c.save()
        if tmp is not None and path is not None:
            publish(tmp, path)
            tmp = None
    except OSError as exc:
        raise UserError("exports.write_failed", value=str(path or "PDF"),
                        reason=exc.strerror or str(exc)) from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def page_footer(pen: Pen, width: float, y: float, page: int, pages: int, left: str = "",
                margin: float = 15 * MM) -> None:
    """第 n 页 / 共 m 页 in the centre, ``left`` (printed at …) at the left margin."""
    if left:
        pen.text(margin, y, left, 7.5)
    pen.text(width / 2, y, f"第 {page} 页 / 共 {pages} 页", 7.5, "c")


Cell = tuple[float, str, str]  # width, text, align ("l", "r", "c")


def form_row(pen: Pen, x: float, top: float, height: float, cells: Sequence[Cell],
             size: float = 9.0, bold: bool = False, pad: float = 1.5 * MM) -> float:
    """One row of a ruled form: each cell's text fitted to it, rules between the cells and
    under the row; returns the row's bottom edge (the next row's top)."""
    bottom = top - height
    base = top - height / 2 - size * 0.35
    rules = []
    left = x
    for i, (width, text, align) in enumerate(cells):
        if i:
            rules.append((left, top, left, bottom))
        if text:
            room = width - 2 * pad
            if align == "r":
                pen.fit(left + width - pad, base, text, room, size, "r", bold=bold)
            elif align == "c":
                pen.fit(left + width / 2, base, text, room, size, "c", bold=bold)
            else:
                pen.fit(left + pad, base, text, room, size, bold=bold)
        left += width
    rules.append((x, bottom, left, bottom))
    c = pen.c
    c.setLineWidth(0.4)
    c.lines(rules)
    return bottom
