"""The service report (服务报表) written to a file: ``.xlsx`` (service_xlsx) or ``.pdf``
(pdf/service_report), the suffix picks; audited as ``service.export`` once the file is
complete (``heatoffice export service``, the service report page)."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.service.reports import ServiceReport

SUFFIXES = (".xlsx", ".pdf")


def check_suffix(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError("exports.bad_suffix", value=os.fspath(path), suffix=" / ".join(SUFFIXES))
    return suffix


def write_service_report(actor: Actor, report: ServiceReport,
                         path: str | os.PathLike[str], *, lang: str | None = None) -> int:
    """Write ``report`` (built for ``actor`` by ``service.report.service_report``); returns
    the rows written (Excel) or the pages (PDF); audited."""
    require(actor, "service.export")
    suffix = check_suffix(path)
    if suffix == ".pdf":
        from heatoffice.exports.documents import company
        from heatoffice.exports.pdf.service_report import render_service_report

        count = render_service_report(path, report, company=company(),
                                      printed_by=actor.display_name or actor.username)
    else:
        from heatoffice import config
        from heatoffice.exports.service_xlsx import write_report

        count = write_report(report, path, company=config.company_name(), lang=lang)
    with database.atomic():
        audit.record(actor, "service.export", "work_order", "*",
                     note=f"{os.fspath(path)} ({count})")
    return count


def export_service(actor: Actor, path: str | os.PathLike[str], date_from: _dt.date,
                   date_to: _dt.date, *, lang: str | None = None) -> int:
    """The service report of ``date_from``..``date_to`` (both included) as Excel or PDF."""
    from heatoffice.service.report import service_report

    check_suffix(path)
    return write_service_report(actor, service_report(actor, date_from, date_to), path,
                                lang=lang)
