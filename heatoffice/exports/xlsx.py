"""Write one sheet of rows to an .xlsx file, streamed, with a styled header and safe text."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from heatoffice.errors import UserError
from heatoffice.exports.files import reserve_beside

MONEY = "#,##0.00"
AREA = "0.00"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm:ss"

HEADER_FILL = "DDEBF7"
# A text starting with one of these is a formula (or a DDE payload) to Excel, LibreOffice and
# WPS once the cell is edited or the sheet is saved as CSV: the classic formula injection.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 500

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


def _cells(ws: Any, row: Sequence[Any], formats: Mapping[int, str], cell_type: type,
           illegal: Any) -> list[Any]:
    out: list[Any] = []
    for col, value in enumerate(row):
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


def write_sheet(path: str | os.PathLike[str], title: str, headers: Sequence[str],
                rows: Iterable[Sequence[Any]], *,
                number_formats: Mapping[int, str] | None = None,
                widths: Sequence[float | None] | None = None,
                progress: Progress | None = None, total: int | None = None,
                footer: Iterable[Sequence[Any]] = (), landscape: bool = False) -> int:
    """Stream ``rows`` into a new workbook at ``path``; returns the number of data rows.

    ``number_formats`` maps a 0-based column to an Excel format (MONEY, AREA, DATE);
    ``widths`` gives column widths in characters (None: fit the header). Decimal values are
    written as exact numbers. ``footer`` rows (totals) follow the data in bold, outside the
    autofilter, so sorting the data leaves them last. The file appears only when complete: a
    failed or cancelled export leaves an existing file untouched.
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
    wb = Workbook(write_only=True)
    wb.properties.creator = "heatoffice"
    ws = wb.create_sheet(sheet_title(title))
    # Views and column widths are written with the sheet's head, before the first row.
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    if landscape:  # a wide register printed across the page, all columns on one sheet
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4 in the OOXML paper codes
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for col, header in enumerate(headers):
        width = widths[col] if widths is not None and col < len(widths) else None
        if width is None:
            width = max(10, display_width(str(header)) + 4)
        ws.column_dimensions[get_column_letter(col + 1)].width = width

    font, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    align = Alignment(horizontal="center", vertical="center")
    head = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=str(header))
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = font, fill, align
        head.append(cell)

    count = 0
    try:
        ws.append(head)
        for row in rows:
            ws.append(_cells(ws, row, formats, WriteOnlyCell, ILLEGAL_CHARACTERS_RE))
            count += 1
            if (progress is not None and count % PROGRESS_EVERY == 0
                    and progress(count, total) is False):
                raise UserError("cancelled")
        if progress is not None and progress(count, total) is False:
            raise UserError("cancelled")
        for row in footer:
            cells = []
            for value in _cells(ws, row, formats, WriteOnlyCell, ILLEGAL_CHARACTERS_RE):
                cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value)
                cell.font = font
                cells.append(cell)
            ws.append(cells)
        if ncols:
            ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{count + 1}"
        wb.save(tmp)
        os.replace(tmp, target)
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
