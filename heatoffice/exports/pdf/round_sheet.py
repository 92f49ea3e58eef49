"""收费员走访催缴单: the accounts that owe in a collector's service area, in address order, with
the last contact and promise, and columns the collector fills in on the visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from heatoffice.billing.documents import RoundLine, RoundSheet
from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Progress,
    Target,
    Ticker,
    as_company,
    form_row,
    frame,
    landscape,
    number_text,
    page_footer,
    paper,
    pdf_canvas,
    printed_term,
    shade,
)
from heatoffice.money import format_yuan

TITLE = "收费员走访催缴单"


# (heading, width mm, align); the columns from _FILLED on are written in on the visit.
_COLUMNS = (
    ("序号", 9, "c"), ("户号", 22, "l"), ("户名", 17, "l"), ("地址", 40, "l"), ("电话", 21, "c"),
    ("欠费(元)", 20, "r"), ("滞纳金(元)", 17, "r"), ("上次催缴", 37, "l"), ("已承诺日期", 18, "c"),
    ("走访结果", 34, "l"), ("承诺日期", 18, "c"), ("用户签字", 20, "c"),
)
_OWED, _FEES, _CONTACT, _PROMISE, _FILLED = 5, 6, 7, 8, 9   # indices of _COLUMNS
# A4 landscape with 12 mm of paper white at the sides (273 mm of table) and more above and
# below, so that the same pages printed on A5 (1/√2) keep layout.MIN_MARGIN_MM.
_X0 = 12
_ROW = 9.0        # mm: room for a hand-written line, and two printed ones
_GROUP = 6.0
_HEAD = 7.0
_TOTAL = 7.5
_FIRST_TOP = 45   # mm from the page top to the table: under the letterhead
_NEXT_TOP = 23    # on the pages that continue it
_FOOT = 18        # mm kept under the rows of a page: the footer
_LAST_FOOT = 38   # ... of the last page: the totals, the signatures and the footer
_FOOTER = 13      # mm from the bottom edge to the footer's line
_SIZE = 8.5
_SMALL = 7.0
_COURTESY = ("上门请佩戴服务标志，主动出示工作证并说明来意；催缴语气温和，耐心解答，"
             "用户的意见如实记在“走访结果”栏，工作完毕礼貌道别。")


def _width(columns: Sequence[tuple[str, float, str]]) -> float:
    return sum(col[1] for col in columns) * MM


def page_chunks(count: int, page_height_mm: float) -> list[int]:
    """How many of ``count`` accounts go on each page. A page is filled; the last one also
    holds the totals and signatures, and never carries them without at least one row."""
    def fits(first: bool, foot: float) -> int:
        top = _FIRST_TOP if first else _NEXT_TOP
        return int((page_height_mm - top - _GROUP - _HEAD - foot) // _ROW)

    chunks: list[int] = []
    left = count
    while True:
        first = not chunks
        if left <= fits(first, _LAST_FOOT):
            return [*chunks, left]
        take = min(fits(first, _FOOT), left - 1)
        chunks.append(take)
        left -= take


def collector(sheet: RoundSheet) -> str:
    return f"{sheet.collector}（{sheet.staff_no}）"


def _letterhead(pen: Pen, sheet: RoundSheet, company: Company) -> float:
    w, h = pen.page_width, pen.page_height
    x0 = _X0 * MM
    pen.text(w / 2, h - 17 * MM, company.name, 14, "c", bold=True)
    pen.text(w / 2, h - 25 * MM, TITLE, 13, "c", bold=True)
    line = h - 33.5 * MM
    pen.text(x0, line, f"收费员：{collector(sheet)}", 9.5)
    pen.fit(x0 + 70 * MM, line, f"片区：{'、'.join(sheet.areas) or '—'}", 105 * MM, 9.5)
    pen.text(x0 + 180 * MM, line, f"走访日期：{sheet.on:%Y-%m-%d}", 9.5)
    pen.text(w - x0, line, f"欠费 {len(sheet.rows)} 户", 9.5, "r")
    pen.fit(x0, h - 39.5 * MM, _COURTESY, w - 2 * x0, 8)
    return h - _FIRST_TOP * MM


def _continued(pen: Pen, sheet: RoundSheet) -> float:
    h = pen.page_height
    pen.text(_X0 * MM, h - 17 * MM, f"{TITLE}（续）　收费员：{collector(sheet)}　"
             f"走访日期：{sheet.on:%Y-%m-%d}", 9.5)
    return h - _NEXT_TOP * MM


def _table_head(pen: Pen, top: float, on: dt.date) -> float:
    x0 = _X0 * MM
    printed_w, filled_w = _width(_COLUMNS[:_FILLED]), _width(_COLUMNS[_FILLED:])
    shade(pen.c, x0 + printed_w, top - (_GROUP + _HEAD) * MM, filled_w, (_GROUP + _HEAD) * MM)
    top = form_row(pen, x0, top, _GROUP * MM,
                   [(printed_w, f"欠费情况（截至 {on:%Y-%m-%d}，滞纳金计至当日）", "c"),
                    (filled_w, "本次走访（现场填写）", "c")], 9, bold=True)
    return form_row(pen, x0, top, _HEAD * MM, [(wd * MM, head, "c") for head, wd, _ in _COLUMNS],
                    _SIZE, bold=True)


def _two_lines(pen: Pen, left: float, top: float, width: float, first: str, second: str,
               align: str = "l") -> None:
    """Two short lines in one cell of a row (the row's rules are drawn by form_row)."""
    pad = 1.5 * MM
    x = left + width / 2 if align == "c" else left + pad
    room = width - 2 * pad
    if not second:
        pen.fit(x, top - _ROW * MM / 2 - _SIZE * 0.35, first, room, _SIZE, align)
        return
    pen.fit(x, top - _ROW * MM / 2 + 0.6 * MM, first, room, _SMALL + 0.5, align)
    pen.fit(x, top - _ROW * MM + 1.8 * MM, second, room, _SMALL, align, min_size=_SMALL - 0.5)


def _row(pen: Pen, top: float, n: int, r: RoundLine, on: dt.date) -> float:
    x0 = _X0 * MM
    values = (str(n), r.account_no, r.name, r.address, r.phone, number_text(r.owed),
              number_text(r.late_fees), "", "", "", "", "")
    bottom = form_row(pen, x0, top, _ROW * MM,
                      [(col[1] * MM, v, col[2]) for col, v in zip(_COLUMNS, values, strict=True)],
                      _SIZE)
    left = x0 + _width(_COLUMNS[:_CONTACT])
    if r.contact_date is not None:
        method = printed_term("dunning_method", r.contact_method)
        when = f"{r.contact_date:%Y-%m-%d} {method}".strip()
        _two_lines(pen, left, top, _COLUMNS[_CONTACT][1] * MM, when, r.contact_result)
    left += _COLUMNS[_CONTACT][1] * MM
    if r.promised_date is not None:
        # A promise whose day has passed is what the collector asks about first.
        _two_lines(pen, left, top, _COLUMNS[_PROMISE][1] * MM, f"{r.promised_date:%Y-%m-%d}",
                   "已过期" if r.promised_date < on else "", "c")
    return bottom


def _totals(pen: Pen, top: float, sheet: RoundSheet) -> float:
    cells = [(_width(_COLUMNS[:_OWED]), f"合计：{len(sheet.rows)} 户", "l"),
             (_COLUMNS[_OWED][1] * MM, number_text(sheet.owed), "r"),
             (_COLUMNS[_FEES][1] * MM, number_text(sheet.late_fees), "r"),
             (_width(_COLUMNS[_CONTACT:_FILLED]),
              f"应收合计 {format_yuan(sheet.owed + sheet.late_fees)}", "l"),
             (_width(_COLUMNS[_FILLED:]), "见到 ____ 户，承诺缴费 ____ 户，未遇 ____ 户", "l")]
    return form_row(pen, _X0 * MM, top, _TOTAL * MM, cells, _SIZE, bold=True)


def _signatures(pen: Pen, y: float) -> None:
    x0 = _X0 * MM
    pen.text(x0, y, "收费员签字：______________", 9.5)
    pen.text(x0 + 95 * MM, y, "交回日期：______年____月____日", 9.5)
    pen.text(pen.page_width - x0, y, "收费负责人审核：______________", 9.5, "r")


def draw_round_sheet(pen: Pen, sheet: RoundSheet, company: Company,
                     ticker: Ticker | None = None) -> int:
    """All pages of the sheet; returns the number of pages drawn."""
    w, h = pen.page_width, pen.page_height
    rows = list(sheet.rows)
    chunks = page_chunks(len(rows), h / MM)
    pages = len(chunks)
    printed = f"打印时间：{sheet.printed:%Y-%m-%d %H:%M}" if sheet.printed else ""
    x0, table_w = _X0 * MM, _width(_COLUMNS)
    done = 0
    for page in range(1, pages + 1):
        top = start = (_letterhead(pen, sheet, company) if page == 1
                       else _continued(pen, sheet))
        top = _table_head(pen, top, sheet.on)
        for row in rows[done:done + chunks[page - 1]]:
            done += 1
            top = _row(pen, top, done, row, sheet.on)
            if ticker is not None:
                ticker.step()
        if not rows:
            top = form_row(pen, x0, top, _ROW * MM, [(table_w, "本片区目前没有欠费用户", "c")],
                           _SIZE)
        if page == pages:
            top = _totals(pen, top, sheet)
        frame(pen.c, x0, start, table_w, top)
        if page == pages:
            _signatures(pen, top - 12 * MM)
        page_footer(pen, w, _FOOTER * MM, page, pages, printed, x0)
        pen.new_page()
    return pages


def render_round_sheet(target: Target, sheet: RoundSheet, *, company: Company | str,
                       progress: Progress | None = None, size: str = "A4") -> int:
    """The round sheet on landscape pages (laid out on A4; ``size="A5"`` prints them smaller);
    returns the number of pages."""
    company = as_company(company)
    ticker = Ticker(progress, len(sheet.rows))
    with pdf_canvas(target, paper(size, True), title=TITLE, author=company,
                    layout=landscape(A4)) as (_c, pen):
        pages = draw_round_sheet(pen, sheet, company, ticker)
        ticker.finish()
    return pages
