"""The collection reports written to a file: ``.xlsx`` (reports_xlsx) or ``.pdf``
(pdf/reports), the suffix picks; audited as ``reports.export`` once the file is complete."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.reports import documents as d

SUFFIXES = (".xlsx", ".pdf")


def write_report(actor: Actor, report: Any, path: str | os.PathLike[str], *,
                 lang: str | None = None) -> int:
    """Write ``report`` (heatoffice.reports.documents) to ``path``; returns its rows (Excel)
    or pages (PDF)."""
    require(actor, "reports.export")
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError("exports.bad_suffix", value=str(path), suffix=" / ".join(SUFFIXES))
    if suffix == ".pdf":
        from heatoffice.exports.documents import company
        from heatoffice.exports.pdf.reports import render_report

        count = render_report(path, report, company=company())
    else:
        from heatoffice.exports import reports_xlsx as x

        writer = {d.CollectionReport: x.collection_xlsx, d.AgeingReport: x.ageing_xlsx,
                  d.TakingsReport: x.takings_xlsx, d.CompareReport: x.compare_xlsx}
        count = writer[type(report)](actor, report, path, lang=lang)  # type: ignore[operator]
    with database.atomic():
        audit.record(actor, "reports.export", "report", "*",
                     note=f"{type(report).__name__}: {os.fspath(path)}")
    return count
