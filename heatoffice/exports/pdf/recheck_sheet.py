"""现场复核单: the bills of a community or a collector's round, with columns to fill on site."""

from __future__ import annotations

from collections.abc import Iterable

from heatoffice.billing.documents import RecheckSheet
from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Progress,
    Target,
    Ticker,
    area_text,
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
from heatoffice.money import ZERO

TITLE = "现场复核单"


def scope(sheet: RecheckSheet) -> str:
    """复核范围: the community, or the collector's round (within a community)."""
    if sheet.collector is None:
        return sheet.community
    return f"{sheet.community + '，' if sheet.community else ''}收费员 {sheet.collector} 的片区"


# (heading, width mm, align); the last four are filled in by hand.
_COLUMNS = (
    ("序号", 10, "c"), ("户号", 25, "l"), ("户名", 20, "l"), ("地址", 55, "l"),
    ("计费面积(㎡)", 21, "r"), ("状态", 13, "c"), ("应收金额(元)", 23, "r"),
    ("实测面积(㎡)", 22, "c"), ("现场状态", 18, "c"), ("用户签字", 30, "c"), ("备注", 36, "l"),
)
_PRINTED = 7   # columns printed from the bill; the rest are blank
# On A4 landscape with 12 mm of paper white at the sides (273 mm of table) and more above
# and below: printed on A5 the page shrinks by 1/√2 and still keeps layout.MIN_MARGIN_MM.
_X0 = 12
_ROW_H = 8.5
_TOP = 46      # mm from the page top to the table
_BOTTOM = 34   # mm kept below the table for signatures and the footer
_FOOTER = 13   # mm from the bottom edge to the footer's line


def _rows_per_page(height_mm: float) -> int:
    return int((height_mm - _TOP - _BOTTOM - 2 * 7) // _ROW_H)


def _head(pen: Pen, sheet: RecheckSheet, company: Company, w: float, h: float) -> float:
    c = pen.c
    x0 = _X0 * MM
    pen.text(w / 2, h - 17 * MM, company.name, 14, "c", bold=True)
    pen.text(w / 2, h - 25 * MM, TITLE, 13, "c", bold=True)
    line = h - 33.5 * MM
    pen.text(x0, line, f"复核范围：{scope(sheet)}", 9.5)
    pen.text(x0 + 95 * MM, line, f"采暖季：{sheet.season}", 9.5)
    pen.text(x0 + 145 * MM, line, "复核人：" + (sheet.collector or "____________"), 9.5)
    pen.text(w - x0, line, "复核日期：____年___月___日", 9.5, "r")
    pen.text(x0, h - 39.5 * MM, "请逐户如实核对：与账单一致的在“现场状态”栏写“一致”；"
             "面积或状态不同的，填写实测面积和现场状态，注明情况，并请用户签字确认。", 8)
    # Two heading rows: what the bill says, and what the checker writes in.
    top = h - _TOP * MM
    printed_w = sum(col[1] for col in _COLUMNS[:_PRINTED]) * MM
    site_w = sum(col[1] for col in _COLUMNS[_PRINTED:]) * MM
    shade(c, x0 + printed_w, top - 14 * MM, site_w, 14 * MM)
    top = form_row(pen, x0, top, 7 * MM, [(printed_w, "账单信息", "c"),
                                          (site_w, "现场复核（现场填写）", "c")], 9, bold=True)
    return form_row(pen, x0, top, 7 * MM, [(wd * MM, head, "c") for head, wd, _ in _COLUMNS],
                    8.5, bold=True)


def _signatures(pen: Pen, y: float, w: float) -> None:
    x0 = _X0 * MM
    pen.text(x0, y, "复核人签字：______________", 9.5)
    pen.text(x0 + 90 * MM, y, "收费员签字：______________", 9.5)
    pen.text(w - x0, y, "收费负责人审核：______________", 9.5, "r")


def draw_sheet(pen: Pen, sheet: RecheckSheet, company: Company) -> int:
    """All pages of one sheet; returns the number of pages drawn."""
    w, h = pen.page_width, pen.page_height
    per_page = _rows_per_page(h / MM)
    rows = list(sheet.rows)
    pages = max(1, -(-len(rows) // per_page))
    printed = f"打印日期：{sheet.printed:%Y-%m-%d}" if sheet.printed else ""
    x0 = _X0 * MM
    table_w = sum(col[1] for col in _COLUMNS) * MM
    for page in range(pages):
        top = _head(pen, sheet, company, w, h)
        chunk = rows[page * per_page:(page + 1) * per_page]
        for i, row in enumerate(chunk, page * per_page + 1):
            values = (str(i), row.account_no, row.name, row.address, area_text(row.area),
                      printed_term("account_status", row.status), number_text(row.amount),
                      "", "", "", "")
            top = form_row(pen, x0, top, _ROW_H * MM,
                           [(col[1] * MM, v, col[2]) for col, v in zip(_COLUMNS, values,
                                                                       strict=True)], 8.5)
        if page == pages - 1:
            total = sum((r.amount for r in rows), ZERO)
            top = form_row(pen, x0, top, 7 * MM,
                           [(sum(col[1] for col in _COLUMNS[:4]) * MM,
                             f"本单共 {len(rows)} 户", "l"),
                            (_COLUMNS[4][1] * MM, area_text(sum((r.area for r in rows),
                                                                ZERO)), "r"),
                            (_COLUMNS[5][1] * MM, "", "c"),
                            (_COLUMNS[6][1] * MM, number_text(total), "r"),
                            (sum(col[1] for col in _COLUMNS[_PRINTED:]) * MM,
                             "现场差异户数：______ 户", "l")], 8.5, bold=True)
        frame(pen.c, x0, h - _TOP * MM, table_w, top)
        _signatures(pen, top - 9 * MM, w)
        page_footer(pen, w, _FOOTER * MM, page + 1, pages, printed, x0)
        pen.new_page()
    return pages


def render_recheck_sheets(target: Target, sheets: Iterable[RecheckSheet], *,
                          company: Company | str, progress: Progress | None = None,
                          total: int | None = None, size: str = "A4") -> int:
    """Each sheet on landscape pages of its own, numbered per sheet; returns the pages.
    Laid out on A4; ``size="A5"`` prints the same pages smaller."""
    company = as_company(company)
    ticker = Ticker(progress, total)
    pages = 0
    with pdf_canvas(target, paper(size, True), title=TITLE, author=company,
                    layout=landscape(A4)) as (_c, pen):
        for sheet in sheets:
            pages += draw_sheet(pen, sheet, company)
            ticker.step()
        if pages == 0:
            pages = draw_sheet(pen, RecheckSheet("", ()), company)
        ticker.finish()
    return pages
