"""The sheets of complaints, inspections and cold homes in the service report (part 7); the
cases branch fills ``case_sheets``."""

from __future__ import annotations

import datetime as _dt

from heatoffice.auth.actor import Actor
from heatoffice.service.reports import Sheet


def case_sheets(actor: Actor, start: _dt.date, end: _dt.date) -> list[Sheet]:
    """The cases' sheets of the period (both days included), after the calls' and orders'."""
    return []
