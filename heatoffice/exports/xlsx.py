"""One streamed .xlsx sheet: title rows, styled header, fitted columns, safe text, print setup."""

from __future__ import annotations

import datetime as _dt
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Any

from heatoffice import clock, config, glossary
from heatoffice.auth.actor import Actor
from heatoffice.errors import UserError
from heatoffice.exports.files import publish, reserve_beside

MONEY = "#,##0.00"
AREA = "0.00"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm:ss"
PERCENT = "0.00%"

HEADER_FILL = "DDEBF7"
# A text starting with one of these is a formula (or a DDE payload) to Excel, LibreOffice and
# WPS once the cell is edited or the sheet is saved as CSV: the classic formula injection.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 500
SAMPLE = 200          # rows read ahead to size the columns (the rest stream after them)
MIN_WIDTH = 6
MAX_WIDTH = 50        # a long address wraps on screen rather than pushing the page wide
TOTAL_ROOM = 3        # a total is a few digits longer than the figures it adds up
PORTRAIT_WIDTH = 100  # characters across an A4 portrait page: wider sheets print landscape

# progress(done, total) is called every PROGRESS_EVERY rows and at the end; returning False
# cancels the export (the file is then not written).
Progress = Callable[[int, "int | None"], "bool | None"]

_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def display_width(text: str) -> int:
    """Columns a text needs in Excel: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return (title.translate(_TITLE_FORBIDDEN).strip("'") or "Sheet")[:31]


class Formula(str):
    """A formula the program wrote ("=SUM(C5:C9)"), written as one (any other text starting
    with "=" is escaped); a total that Excel and LibreOffice recompute from the rows."""


def _cells(ws: Any, row: Sequence[Any], formats: Mapping[int, str], cell_type: type,
           illegal: Any) -> list[Any]:
    out: list[Any] = []
    for col, value in enumerate(row):
        if isinstance(value, Formula):
            cell = cell_type(ws, value=str(value))
            if formats.get(col) is not None:
                cell.number_format = formats[col]
            out.append(cell)
            continue
        if isinstance(value, str):
            # Control characters make the file unreadable to Excel; they carry no meaning here.
            value = illegal.sub("", value)
            if value.startswith(DANGEROUS_START):
                cell = cell_type(ws, value=value)
                # Stored as text, and quotePrefix keeps it text when a clerk edits the cell.
                cell.data_type = "s"
                cell.quotePrefix = True
                out.append(cell)
                continue
            out.append(value)
            continue
        fmt = formats.get(col)
        if fmt is not None and value is not None:
            cell = cell_type(ws, value=value)
            cell.number_format = fmt
            out.append(cell)
        else:
            out.append(value)
    return out


def title_lines(actor: Actor, report: str, *, filters: Sequence[tuple[str, Any]] = (),
                period: str = "", lang: str | None = None) -> list[str]:
    """The rows above a sheet's table: the company, the report, its filters and period, who
    printed it and when (``filters``: (name, value) pairs; empty values are left out)."""
    sep = glossary.pick("：", ": ", lang)
    shown = [f"{name}{sep}{value}" for name, value in filters if value not in (None, "")]
    scope = []
    if shown:
        scope.append(glossary.pick("筛选条件", "Filters", lang) + sep
                     + glossary.pick("；", "; ", lang).join(shown))
    if period:
        scope.append(glossary.pick("期间", "Period", lang) + sep + period)
    gap = glossary.pick("\u3000\u3000", "    ", lang)
    who = actor.display_name or actor.username
    printed = (glossary.pick("打印人", "Printed by", lang) + sep + who + gap
               + glossary.pick("打印时间", "Printed at", lang) + sep
               + f"{clock.now():%Y-%m-%d %H:%M}")
    return [config.company_name(), report, *([gap.join(scope)] if scope else []), printed]


class HeaderRow(tuple):
    """A footer row that heads a further table of the sheet (styled like the header)."""


def _value_width(value: Any, fmt: str | None) -> int:
    """Characters a value needs as Excel shows it in its number format."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max((display_width(part) for part in value.split("\n")), default=0)
    if isinstance(value, _dt.datetime):
        return 19
    if isinstance(value, _dt.date):
        return 10
    if isinstance(value, (int, float, Decimal)) and fmt in (MONEY, AREA):
        return len(f"{value:,.2f}" if fmt == MONEY else f"{value:.2f}")
    return display_width(str(value))


def fitted_widths(headers: Sequence[str], sample: Sequence[Sequence[Any]],
                  formats: Mapping[int, str], caps: Sequence[float | None] | None
                  ) -> list[float]:
    """Column widths from the header and the rows seen so far: room for the header and its
    filter button, for the longest value up to the column's cap (MAX_WIDTH when none), and
    for totals a few digits longer than the figures under them."""
    out = []
    for col, header in enumerate(headers):
        cap = caps[col] if caps is not None and col < len(caps) else None
        need = max((_value_width(row[col], formats.get(col)) for row in sample
                    if col < len(row)), default=0)
        numeric = formats.get(col) in (MONEY, AREA) or any(
            isinstance(row[col], (int, float, Decimal)) and not isinstance(row[col], bool)
            for row in sample if col < len(row))
        if numeric and need:
            need += TOTAL_ROOM
        content = min(need + 2, cap or MAX_WIDTH)
        out.append(float(max(MIN_WIDTH, display_width(str(header)) + 4, content)))
    return out


def _print_setup(ws: Any, widths: Sequence[float], header_row: int, lang: str | None,
                 landscape: bool | None) -> None:
    """A4, landscape when the columns are wider than a portrait page, every column on the
    page's width (as many pages down as needed), the header row on every page, page
    numbers in the footer."""
    from openpyxl.worksheet.properties import PageSetupProperties

    wide = sum(widths) > PORTRAIT_WIDTH if landscape is None else landscape
    ws.page_setup.paperSize = "9"  # A4 in the OOXML paper size table
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = glossary.pick("第 &P 页，共 &N 页", "Page &P of &N", lang)
    ws.oddFooter.center.size = 9


def write_sheet(path: str | os.PathLike[str], title: str, headers: Sequence[str],
                rows: Iterable[Sequence[Any]], *,
                number_formats: Mapping[int, str] | None = None,
                widths: Sequence[float | None] | None = None,
                progress: Progress | None = None, total: int | None = None,
                footer: Iterable[Sequence[Any]] = (), heading: Sequence[str] = (),
                landscape: bool | None = None, lang: str | None = None) -> int:
    """Stream ``rows`` into a new workbook at ``path``; returns the number of data rows.

    ``heading``: title rows above the table (title_lines). ``number_formats`` maps a 0-based
    column to an Excel format (MONEY, AREA, DATE); ``widths`` caps each column's width in
    characters (None: MAX_WIDTH); the widths fit the header and the first SAMPLE rows.
    Decimal values are written as exact numbers. ``footer`` rows (totals) follow the data
    in bold, outside the autofilter, so sorting the data leaves them last; a HeaderRow among
    them heads a further table. The page is set up for printing (``landscape``: None
    decides by the width). The file appears only when complete: a failed or cancelled
    export leaves an existing file untouched.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    target = Path(path)
    # The temporary file first: a wrong folder fails before the rows are read, not after.
    tmp = reserve_beside(target, ".xlsx.part")
    formats = dict(number_formats or {})
    ncols = len(headers)
    head_row = len(heading) + 1
    wb = Workbook(write_only=True)
    wb.properties.creator = "heatoffice"
    ws = wb.create_sheet(sheet_title(title))
    count = 0
    try:
        # Widths, views and page properties go into the sheet's head, before the first row:
        # the first rows are read ahead to size the columns.
        source = iter(rows)
        sample = list(islice(source, SAMPLE))
        fitted = fitted_widths(headers, sample, formats, widths)
        ws.freeze_panes = f"A{head_row + 1}"
        for col, width in enumerate(fitted):
            ws.column_dimensions[get_column_letter(col + 1)].width = width
        _print_setup(ws, fitted, head_row, lang, landscape)

        font, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
        align = Alignment(horizontal="center", vertical="center")
        title_fonts = (Font(bold=True, size=14), Font(bold=True, size=12), Font(size=10))

        def header_cells(values: Sequence[Any]) -> list[Any]:
            out = []
            for value in values:
                cell = WriteOnlyCell(ws, value=None if value is None else str(value))
                cell.data_type = "s"
                cell.font, cell.fill, cell.alignment = font, fill, align
                out.append(cell)
            return out

        for i, line in enumerate(heading):
            cell = WriteOnlyCell(ws, value=line)
            cell.data_type = "s"
            cell.font = title_fonts[min(i, len(title_fonts) - 1)]
            ws.append([cell])
        ws.append(header_cells(headers))
        for row in chain(sample, source):
            ws.append(_cells(ws, row, formats, WriteOnlyCell, ILLEGAL_CHARACTERS_RE))
            count += 1
            if (progress is not None and count % PROGRESS_EVERY == 0
                    and progress(count, total) is False):
                raise UserError("cancelled")
        if progress is not None and progress(count, total) is False:
            raise UserError("cancelled")
        for row in footer:
            if isinstance(row, HeaderRow):
                ws.append(header_cells(row))
                continue
            cells = []
            for value in _cells(ws, row, formats, WriteOnlyCell, ILLEGAL_CHARACTERS_RE):
                cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value)
                cell.font = font
                cells.append(cell)
            ws.append(cells)
        if ncols:
            ws.auto_filter.ref = (f"A{head_row}:{get_column_letter(ncols)}"
                                  f"{head_row + count}")
        wb.save(tmp)
        publish(tmp, target)
    except OSError as exc:
        _discard(ws, tmp)
        # On Windows a workbook open in Excel cannot be replaced: the reason says so.
        raise UserError("exports.write_failed", value=str(target),
                        reason=exc.strerror or str(exc)) from exc
    except BaseException:
        _discard(ws, tmp)
        raise
    return count


def _discard(ws: Any, tmp: str) -> None:
    """Remove the temporary file and openpyxl's own temporary sheet of an abandoned export."""
    if os.path.exists(tmp):
        os.unlink(tmp)
    writer = getattr(ws, "_writer", None)
    if writer is None or ws.closed:
        return
    if ws._rows is not None:
        ws._rows.close()
    writer.close()
    writer.cleanup()
