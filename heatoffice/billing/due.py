"""Due or overdue in SQL: which bills are not yet due (未到期) on a day, and what they still owe.

late_fees.overdue_from is the definition; this module turns it into a condition on the Bill
table. A season bill is overdue from its late fee's start: the tariff's ``late_fee_from``, or
for a bill issued on or after that day its issue day plus the season's grace. Tariffs are few
(a season has one per category and version), so the condition names them and their dates as
literals: no date arithmetic in SQL, the same text on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from heatoffice.billing.models import Adjustment, Bill
from heatoffice.seasons.models import Season, Tariff

ONE_DAY = _dt.timedelta(days=1)


@dataclass(frozen=True)
class DueRules:
    """Which bills are not yet due on one day, by tariff (see due_rules)."""

    whole: tuple[int, ...]                            # every season bill of these tariffs
    after: tuple[tuple[_dt.date, tuple[int, ...]], ...]  # those issued after the day
    issued_after: _dt.date | None = None  # the day itself, when bills were issued after it

    def not_due(self, bill: Any = Bill) -> Any:
        """The condition "``bill`` is not yet due"; never NULL, so its negation is exact."""
        parts = []
        if self.whole:
            parts.append(bill.tariff.in_(list(self.whole)))
        for day, ids in self.after:
            parts.append(bill.tariff.in_(list(ids)) & (bill.business_date > day))
        season = None
        if parts:
            either = parts[0]
            for part in parts[1:]:
                either = either | part
            season = (bill.kind == "season") & bill.tariff.is_null(False) & either
        if self.issued_after is None:
            return season
        # Looking back at a day before a bill existed: it was not due then either.
        later = bill.business_date > self.issued_after
        return later if season is None else later | season

    def overdue(self, bill: Any = Bill) -> Any:
        return ~self.not_due(bill)


def due_rules(on: _dt.date) -> DueRules | None:
    """The rules of ``on``, or None when no bill can be not yet due on that day (then every
    bill is overdue and callers skip the work)."""
    whole: list[int] = []
    after: dict[_dt.date, list[int]] = {}
    for tariff_id, late_from, season_start in (
            Tariff.select(Tariff.id, Tariff.late_fee_from, Season.start_date)
            .join(Season, on=(Tariff.season == Season.id))
            .where(Tariff.late_fee_from.is_null(False)).tuples()):
        late_from, season_start = _day(late_from), _day(season_start)
        if late_from > on:
            whole.append(tariff_id)
            continue
        # late_fees.fee_start: a bill issued on or after late_from is due for the grace
        # after its issue day, so on ``on`` those issued after on − grace are not yet due.
        grace = max(late_from - season_start, _dt.timedelta(0))
        after.setdefault(max(on - grace, late_from - ONE_DAY), []).append(tariff_id)
    # Only rules some bill meets (index lookups on tariff and business date): once a season is
    # past its due date there is usually none, and the lists skip the work altogether.
    season = Bill.kind == "season"
    whole = [t for t in whole if Bill.select(Bill.id).where(season & (Bill.tariff == t)).exists()]
    # ``tariff_id + 0``: not by the tariff's index (SQLite would read every bill of the
    # season through it), by the business date's (the few bills issued after ``day``).
    later = [(day, tuple(ids)) for day, ids in sorted(after.items())
             if Bill.select(Bill.id).where(season & (Bill.tariff + 0).in_(ids)
                                           & (Bill.business_date > day)).exists()]
    issued_after = on if Bill.select(Bill.id).where(Bill.business_date > on).exists() else None
    if not whole and not later and issued_after is None:
        return None
    return DueRules(tuple(whole), tuple(later), issued_after)


def bill_credit(bill: Any) -> Any:
    """Approved credits attached to ``bill`` (a negative sum of fen, or NULL): they lower what
    the bill still owes without moving Bill.paid. Looked up by index, bill by bill."""
    return (Adjustment.select(fn.SUM(Adjustment.amount))
            .where((Adjustment.bill == bill.id) & (Adjustment.status == "approved")
                   & (Adjustment.amount < 0)))


def unpaid(bill: Any = Bill) -> Any:
    """The condition "``bill`` is not settled", read from Bill.paid, never the allocations;
    the credit lookup runs only for bills not paid in full."""
    return (bill.paid < bill.total) & (
        (bill.paid + fn.COALESCE(bill_credit(bill), 0)) < bill.total)


def open_amount(bill: Any = Bill) -> Any:
    """What an unsettled ``bill`` still owes, in fen: its total less the money set against
    it and its approved credits."""
    return bill.total - bill.paid + fn.COALESCE(bill_credit(bill), 0)


def _day(value: Any) -> _dt.date:
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])
