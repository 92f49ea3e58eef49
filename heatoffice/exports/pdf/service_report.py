"""The service report (服务报表) on A4 landscape: the title block, then each table of
``heatoffice.service.reports.ServiceReport`` under its own heading, a long one continued on
further pages under its header row; page numbers on each page and the house margins
(layout.MIN_MARGIN_MM) everywhere. The same tables as the workbook (exports/service_xlsx)
and the screen (``reports.cell_text``), printed in Chinese like every form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from heatoffice import clock
from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    as_company,
    form_row,
    landscape,
    paper,
    pdf_canvas,
)
from heatoffice.service.reports import ServiceReport, Sheet, cell_text, is_figure

TITLE = "服务报表"
_X0, _X1 = 15, 282          # mm: the tables between these (A4 landscape is 297 mm wide)
_TOP = 18                   # mm from the top edge where a continued page starts
_FOOT = 21                  # mm from the bottom where tables stop
_FOOTER = 13                # mm from the bottom edge to the page number
_ROW = 6.0                  # mm
_HEAD = 7.0                 # mm: a header row
_SIZE = 7.5                 # pt: the cells


def _printable(text: str) -> str:
    """℃ as °C: the CJK fonts found (WenQuanYi) have no ℃."""
    return text.replace("℃", "°C")


class _Pages:
    def __init__(self, pen: Pen) -> None:
        self.pen = pen
        self.pages = 1

    def footer(self) -> None:
        self.pen.text(self.pen.page_width / 2, _FOOTER * MM, f"第 {self.pages} 页", 7.5, "c")

    def next(self) -> float:
        self.footer()
        self.pen.new_page()
        self.pages += 1
        return self.pen.page_height - _TOP * MM

    def room(self, top: float, need_mm: float) -> float:
        return self.next() if top - need_mm * MM < _FOOT * MM else top

    def end(self) -> int:
        self.footer()
        self.pen.new_page()  # paints the page's text; the empty page after it is dropped
        return self.pages


def _cells(sheet: Sheet, row: Sequence[object]) -> list[tuple[str, str]]:
    """(text, align) of each cell: figures right, times and days centred, words left."""
    out = []
    for column, value in zip(sheet.columns, row, strict=True):
        align = "r" if is_figure(value) else "c" if isinstance(value, dt.date) else "l"
        out.append((_printable(cell_text(column, value, "zh")), align))
    return out


def draw_sheet(pages: _Pages, top: float, sheet: Sheet) -> float:
    """One table under its heading; returns where it ends."""
    pen = pages.pen
    x0 = _X0 * MM
    scale = (_X1 - _X0) / sum(c.width for c in sheet.columns)
    widths = [c.width * scale * MM for c in sheet.columns]
    # the heading, the header and a first row together, else on the next page
    top = pages.room(top, 9 + _HEAD + _ROW)
    pen.text(x0, top - 5 * MM, sheet.title_zh, 10.5, bold=True)
    top -= 8 * MM

    def header(at: float) -> float:
        return form_row(pen, x0, at, _HEAD * MM,
                        [(w, _printable(c.zh), "c")
                         for w, c in zip(widths, sheet.columns, strict=True)],
                        _SIZE, bold=True)

    top = header(top)
    if not sheet.rows:
        pen.text(x0 + 1.5 * MM, top - 4.5 * MM, "（无）", _SIZE)
        return top - _ROW * MM
    last = len(sheet.rows) - 1
    for i, row in enumerate(sheet.rows):
        if top - _ROW * MM < _FOOT * MM:
            top = header(pages.next())
        # the calls', dispatch and crews' tables end with their totals
        bold = i == last and isinstance(row[0], str) and row[0] in ("合计", "Total")
        top = form_row(pen, x0, top, _ROW * MM,
                       [(w, text, align) for w, (text, align)
                        in zip(widths, _cells(sheet, row), strict=True)], _SIZE, bold=bold)
    return top


def draw_report(pen: Pen, report: ServiceReport, company: Company, printed_by: str,
                printed_at: dt.datetime) -> int:
    pages = _Pages(pen)
    w, h = pen.page_width, pen.page_height
    pen.text(w / 2, h - 17 * MM, company.name, 14, "c", bold=True)
    pen.text(w / 2, h - 25 * MM, TITLE, 13, "c", bold=True)
    pen.text(_X0 * MM, h - 32 * MM, f"期间：{report.start} 至 {report.end}", 9)
    pen.text(_X1 * MM, h - 32 * MM, f"制表：{printed_by}　{printed_at:%Y-%m-%d %H:%M}", 8, "r")
    top = h - 35 * MM
    for sheet in report.sheets:
        top = draw_sheet(pages, top, sheet) - 5 * MM
    return pages.end()


def render_service_report(target: Target, report: ServiceReport, *, company: Company | str,
                          printed_by: str = "", printed_at: dt.datetime | None = None,
                          size: str = "A4") -> int:
    """The report laid out on A4 landscape (``size="A5"`` prints the same pages smaller);
    returns the number of pages."""
    company = as_company(company)
    at = printed_at or clock.now().replace(microsecond=0)
    with pdf_canvas(target, paper(size, True), title=TITLE, author=company,
                    layout=landscape(A4)) as (_c, pen):
        return draw_report(pen, report, company, printed_by, at)
