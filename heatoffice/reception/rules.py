"""The rules checked at the desk, pure: each returns the code of its refusal or None."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from heatoffice.money import ZERO


@dataclass(frozen=True)
class StopSeason:
    """Which season a stop-heating application is for, and whether it came too late for the
    one the customer asked for."""

    start_year: int  # the season that starts in this year
    late: bool


def stop_season(received: _dt.date, wanted_from: _dt.date, deadline: tuple[int, int]) -> StopSeason:
    """A stop for a season must be filed by that season's deadline (month, day of the year
    the season starts: 30 September by default); filed later, it is for the next season."""
    # a day from April on belongs to the season that starts that year; Jan-Mar to the one
    # that started the year before (it runs into them)
    year = wanted_from.year if wanted_from.month >= 4 else wanted_from.year - 1
    late = received > _dt.date(year, *deadline)
    while received > _dt.date(year, *deadline):
        year += 1
    return StopSeason(year, late)


def refusal(type_: str, *, balance: Decimal, overdue: Decimal, exception: bool,
            open_same_type: bool) -> str | None:
    """The first rule an application breaks, as a message code; None when it may go on."""
    if open_same_type:
        return "applications.open_exists"
    if type_ == "stop" and overdue > ZERO:
        return "applications.stop_overdue"
    if type_ in ("resume", "transfer") and balance > ZERO and not exception:
        return "applications.arrears"
    if type_ == "close" and balance != ZERO:
        return "applications.close_balance"
    return None


def needs_attorney(relation: str) -> bool:
    """An agent brings a power of attorney."""
    return relation == "agent"
