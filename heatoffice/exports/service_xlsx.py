"""The service report (服务报表) as a workbook: one sheet per table of
``heatoffice.service.reports.ServiceReport`` (calls by day and category, dispatch times, open
and overdue work orders by crew, and the cases' sheets), each with its title rows and a
styled, frozen header. ``exports.service_report.export_service`` calls it for ``.xlsx``."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from heatoffice import glossary
from heatoffice.errors import UserError
from heatoffice.exports import xlsx
from heatoffice.exports.files import publish, reserve_beside
from heatoffice.service.reports import ServiceReport, Sheet


def _value(sheet: Sheet, i: int, value: object, lang: str | None) -> object:
    group = sheet.columns[i].group
    if group and isinstance(value, str):
        return glossary.label(group, value, lang)
    if isinstance(value, bool):
        return glossary.pick("是", "yes", lang) if value else ""
    if isinstance(value, str) and value.startswith(xlsx.DANGEROUS_START):
        return "'" + value
    return value


def write_report(report: ServiceReport, path: str | os.PathLike[str], *,
                 company: str = "", lang: str | None = None) -> int:
    """Write every sheet of ``report``; returns the rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    target = Path(path)
    tmp = reserve_beside(target, ".xlsx.part")
    wb = Workbook()
    wb.remove(wb.active)
    written = 0
    period = glossary.pick(f"{report.start} 至 {report.end}", f"{report.start} to {report.end}",
                           lang)
    for sheet in report.sheets:
        title = glossary.pick(sheet.title_zh, sheet.title_en, lang)
        ws = wb.create_sheet(xlsx.sheet_title(title))
        last = get_column_letter(max(1, len(sheet.columns)))
        ws.append([f"{company} {title}".strip()])
        ws.append([period])
        ws.merge_cells(f"A1:{last}1")
        ws.merge_cells(f"A2:{last}2")
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = ws["A2"].alignment = Alignment(horizontal="center")
        ws.append([glossary.pick(c.zh, c.en, lang) for c in sheet.columns])
        fill = PatternFill("solid", fgColor=xlsx.HEADER_FILL)
        for i, col in enumerate(sheet.columns, 1):
            cell = ws.cell(row=3, column=i)
            cell.font, cell.fill = Font(bold=True), fill
            cell.alignment = Alignment(horizontal="center")
            ws.column_dimensions[get_column_letter(i)].width = col.width
        for row in sheet.rows:
            ws.append([_value(sheet, i, v, lang) for i, v in enumerate(row)])
            written += 1
        for cells in ws.iter_rows(min_row=4):
            for cell in cells:
                if isinstance(cell.value, _dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, _dt.date):
                    cell.number_format = xlsx.DATE
        ws.freeze_panes = "A4"
        ws.auto_filter.ref = f"A3:{last}{len(sheet.rows) + 3}"
        ws.print_title_rows = "1:3"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    try:
        wb.save(tmp)
        publish(tmp, target)
    except OSError as exc:
        raise UserError("exports.write_failed", value=str(target),
                        reason=exc.strerror or str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return written
