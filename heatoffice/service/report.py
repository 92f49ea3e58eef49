"""The service report of a period: the calls' and work orders' sheets, then the cases'."""

from __future__ import annotations

import datetime as _dt

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.service.case_reports import case_sheets
from heatoffice.service.order_reports import order_sheets
from heatoffice.service.reports import ServiceReport


def service_report(actor: Actor, start: _dt.date, end: _dt.date,
                   now: _dt.datetime | None = None) -> ServiceReport:
    """Every sheet of the period ``start``..``end`` (both included)."""
    require(actor, "service.export")
    sheets = [*order_sheets(actor, start, end, now), *case_sheets(actor, start, end)]
    return ServiceReport(start, end, tuple(sheets))
