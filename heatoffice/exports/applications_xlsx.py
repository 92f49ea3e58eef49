"""The application register (业务受理登记簿) for a date range as a print-ready workbook: title
rows, a styled header repeated on every printed page, landscape A4 fitted to the width."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from heatoffice import glossary
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.exports import xlsx
from heatoffice.exports.files import publish, reserve_beside
from heatoffice.reception import queries

COLUMNS = (  # zh, en, width
    ("受理编号", "Number", 17), ("类别", "Type", 12), ("状态", "State", 10),
    ("户号", "Account no.", 14), ("申请人", "Applicant", 12), ("电话", "Phone", 14),
    ("接收日期", "Received on", 12), ("接待人", "Received by", 10),
    ("转交部门", "Department", 10), ("办结时限", "Due on", 12), ("超期", "Overdue", 7),
)


def export_applications(actor: Actor, path: str | os.PathLike[str], date_from: _dt.date,
                        date_to: _dt.date, *, state: str | None = None,
                        type_: str | None = None, department: str | None = None,
                        overdue: bool = False, lang: str | None = None) -> int:
    """The applications received from ``date_from`` to ``date_to`` (both included) with the
    list's filters; returns the rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = queries.applications(actor, state=state, type_=type_, department=department,
                                overdue=overdue, date_from=date_from, date_to=date_to,
                                limit=1_000_000)
    rows.reverse()  # oldest first, as a register is kept
    target = Path(path)
    tmp = reserve_beside(target, ".xlsx.part")
    wb = Workbook()
    ws = wb.active
    ws.title = xlsx.sheet_title(glossary.pick("业务受理登记簿", "Applications", lang))
    last = get_column_letter(len(COLUMNS))
    ws.append([glossary.pick("业务受理登记簿", "Application register", lang)])
    ws.append([glossary.pick(f"接收日期 {date_from} 至 {date_to}，共 {len(rows)} 件",
                             f"received {date_from} to {date_to}, {len(rows)} applications",
                             lang)])
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append([glossary.pick(zh, en, lang) for zh, en, _w in COLUMNS])
    fill = PatternFill("solid", fgColor=xlsx.HEADER_FILL)
    for i, (_zh, _en, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=3, column=i)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    yes = glossary.pick("是", "yes", lang)
    for r in rows:
        ws.append([r.number, glossary.label("application_type", r.type, lang),
                   glossary.label("application_state", r.state, lang), r.account_no,
                   xlsx_text(r.applicant), r.phone, r.received_on, r.received_by,
                   glossary.label("application_department", r.department, lang)
                   if r.department else "", r.due_on, yes if r.overdue else ""])
    for row in ws.iter_rows(min_row=4, min_col=7, max_col=10):
        for cell in row:
            if isinstance(cell.value, _dt.date):
                cell.number_format = xlsx.DATE
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{last}{len(rows) + 3}"
    ws.print_title_rows = "1:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "&P / &N"
    try:
        wb.save(tmp)
        publish(tmp, target)  # the user's file mode, not mkstemp's 0600
    except OSError as exc:
        raise UserError("exports.write_failed", value=str(target),
                        reason=exc.strerror or str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    with database.atomic():
        audit.record(actor, "applications.export", "application", "*",
                     note=f"{os.fspath(path)} ({len(rows)})")
    return len(rows)


def xlsx_text(value: str) -> str:
    """A typed text Excel will not take for a formula."""
    return "'" + value if value.startswith(xlsx.DANGEROUS_START) else value
