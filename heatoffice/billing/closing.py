"""日清月结: a cashier's daily close and finance's month close, and the lock they put on the
ledger (a closed day or month takes no entry dated in it, whoever asks)."""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from peewee import fn

from heatoffice import clock
from heatoffice.audit import seals as ledger_seals
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing import receipts
from heatoffice.billing.models import PAYMENT_METHODS, DayClose, MonthClose, Payment
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import ZERO, from_fen

log = logging.getLogger(__name__)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class DaySummary:
    """What one cashier took on one business day (收费日报)."""

    cashier: str
    business_date: _dt.date
    receipt_count: int = 0          # every receipt number issued, reversals included
    payment_count: int = 0
    first_receipt: str = ""
    last_receipt: str = ""
    totals_by_method: dict[str, Decimal] = field(default_factory=dict)  # net of reversals
    gross_total: Decimal = ZERO     # payments before reversals
    reversal_count: int = 0
    reversal_total: Decimal = ZERO  # negative: the reversals' own amounts
    total: Decimal = ZERO           # net
    cash_to_hand_over: Decimal = ZERO
    closed: DayClose | None = None


def _fen_sums(query) -> dict:
    return {key: int(total or 0) for key, total in query.tuples()}


def day_summary(cashier: str, business_date: _dt.date) -> DaySummary:
    """Totals of ``cashier``'s receipts dated ``business_date``, reversals shown apart."""
    s = DaySummary(cashier=cashier, business_date=business_date)
    day = (Payment.cashier == cashier) & (Payment.business_date == business_date)
    by_method: dict[str, Decimal] = {}
    gross = reversals = ZERO
    receipt_nos = []
    for method, amount, receipt_no in (Payment.select(Payment.method, Payment.amount,
                                                      Payment.receipt_no).where(day).tuples()):
        by_method[method] = by_method.get(method, ZERO) + amount
        receipt_nos.append(receipt_no)
        if amount < 0:
            s.reversal_count += 1
            reversals += amount
        else:
            s.payment_count += 1
            gross += amount
    s.receipt_count = s.payment_count + s.reversal_count
    order = {m: i for i, m in enumerate(PAYMENT_METHODS)}
    s.totals_by_method = {m: by_method[m]
                          for m in sorted(by_method, key=lambda m: order.get(m, 99))}
    s.gross_total, s.reversal_total, s.total = gross, reversals, gross + reversals
    s.cash_to_hand_over = s.totals_by_method.get("cash", ZERO)
    if receipt_nos:
        s.first_receipt, s.last_receipt = min(receipt_nos), max(receipt_nos)
    s.closed = DayClose.get_or_none((DayClose.cashier == cashier)
                                    & (DayClose.business_date == business_date))
    return s


def month_key(day: _dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[_dt.date, _dt.date]:
    """First and last day of "YYYY-MM"; UserError on the field "month" otherwise."""
    m = _MONTH.match(str(month).strip())
    if not m or not 1 <= int(m[2]) <= 12:
        raise UserError("billing.month_format", field="month", value=month)
    year, mon = int(m[1]), int(m[2])
    return _dt.date(year, mon, 1), _dt.date(year, mon, calendar.monthrange(year, mon)[1])


def ensure_open(cashier: str, business_date: _dt.date) -> None:
    """Refuse an entry dated ``business_date`` by ``cashier`` once that day or month is closed."""
    p = database.param
    month_closed, day_closed = database.execute_sql(
        f"SELECT (SELECT COUNT(*) FROM {MonthClose._meta.table_name} WHERE month = {p}), "
        f"(SELECT COUNT(*) FROM {DayClose._meta.table_name} "
        f"WHERE cashier = {p} AND business_date = {p})",
        (month_key(business_date), cashier, business_date.isoformat())).fetchone()
    if month_closed:
        raise UserError("billing.month_closed", month=month_key(business_date))
    if day_closed:
        raise UserError("billing.day_closed", cashier=cashier, day=business_date.isoformat())


def ensure_month_open(business_date: _dt.date) -> None:
    if MonthClose.select().where(MonthClose.month == month_key(business_date)).exists():
        raise UserError("billing.month_closed", month=month_key(business_date))


def _totals_json(totals: dict[str, Decimal]) -> str:
    return json.dumps({m: str(v) for m, v in totals.items()}, ensure_ascii=False)


def may_close_for_others(actor: Actor) -> bool:
    return can(actor, "payments.reverse_any") or can(actor, "month.close")


def close_day(actor: Actor, business_date: _dt.date | None = None, *,
              cashier: str | None = None) -> DayClose:
    """日结: close ``cashier``'s day (the actor's own unless finance closes someone else's)."""
    require(actor, "day.close")
    cashier = (cashier or actor.username).strip()
    if cashier != actor.username and not may_close_for_others(actor):
        raise UserError("billing.close_other_day", cashier=cashier)
    day = business_date or clock.today()
    if day > clock.today():
        raise UserError("billing.future_day", field="business_date", day=day.isoformat())
    with database.atomic():
        # Serializes with payments of that year: none slips in between the sums and the close.
        receipts.lock_year(day.year)
        if DayClose.select().where((DayClose.cashier == cashier)
                                   & (DayClose.business_date == day)).exists():
            raise UserError("billing.day_already_closed", cashier=cashier, day=day.isoformat())
        ensure_month_open(day)
        s = day_summary(cashier, day)
        close = DayClose.create(
            cashier=cashier, business_date=day, closed_at=clock.now(), closed_by=actor.username,
            receipt_count=s.receipt_count, first_receipt=s.first_receipt,
            last_receipt=s.last_receipt, total=s.total, reversal_count=s.reversal_count,
            reversal_total=s.reversal_total, cash_to_hand_over=s.cash_to_hand_over,
            totals_by_method=_totals_json(s.totals_by_method))
        audit.record(actor, "day.close", "day_close", close.id, after=audit.snapshot(close))
        made = ledger_seals.seal(actor, "day_close", close.id)
    ledger_seals.keep(made)
    return close


def open_days(month: str) -> list[tuple[str, _dt.date]]:
    """(cashier, day) pairs of the month with receipts but no day close, in order."""
    first, last = month_bounds(month)
    taken = (Payment.select(Payment.cashier, Payment.business_date)
             .where(Payment.business_date.between(first, last))
             .group_by(Payment.cashier, Payment.business_date).tuples())
    closed = set(DayClose.select(DayClose.cashier, DayClose.business_date)
                 .where(DayClose.business_date.between(first, last)).tuples())
    return sorted((c, d) for c, d in taken if (c, d) not in closed)


def close_month(actor: Actor, month: str) -> MonthClose:
    """月结: refused while a cashier who took payments that month has a day still open."""
    require(actor, "month.close")
    first, last = month_bounds(month)
    month = month_key(first)
    if clock.today() < last:
        raise UserError("billing.month_not_over", field="month", month=month)
    with database.atomic():
        receipts.lock_year(first.year)
        if MonthClose.select().where(MonthClose.month == month).exists():
            raise UserError("billing.month_already_closed", month=month)
        still_open = open_days(month)
        if still_open:
            raise UserError("billing.days_open", month=month, count=len(still_open),
                            days="、".join(f"{c} {d.isoformat()}" for c, d in still_open))
        raw = fn.SUM(Payment.amount).coerce(False)
        by_method = _fen_sums(Payment.select(Payment.method, raw)
                              .where(Payment.business_date.between(first, last))
                              .group_by(Payment.method))
        totals = {m: from_fen(v) for m, v in sorted(by_method.items())}
        close = MonthClose.create(month=month, closed_at=clock.now(), closed_by=actor.username,
                                  total=from_fen(sum(by_method.values())),
                                  totals_by_method=_totals_json(totals))
        audit.record(actor, "month.close", "month_close", close.id, after=audit.snapshot(close))
        made = ledger_seals.seal(actor, "month_close", close.id)
    ledger_seals.keep(made)
    backup_after_close(actor)
    return close


def backup_after_close(actor: Actor) -> Path | None:
    """A backup of the closed month (kind month_close, heatoffice.db.backup), audited. The
    close is committed already: a backup that fails is logged and the close stands."""
    from heatoffice.db import backup

    try:
        path = backup.make(database.obj, "month_close")
        with database.atomic():
            audit.record(actor, "backups.make", "backup", path.name, note="month_close",
                         after={"backup_file": str(path), "backup_kind": "month_close",
                                "size": path.stat().st_size,
                                "sha256": backup.recorded_checksum(path)})
    except UserError as exc:
        log.warning("no backup after the month close: %s", exc.message())
        return None
    return path


def day_closes(cashier: str | None = None, *, since: _dt.date | None = None) -> list[DayClose]:
    """Day closes, newest first (for the daily-report list)."""
    q = DayClose.select()
    if cashier:
        q = q.where(DayClose.cashier == cashier)
    if since:
        q = q.where(DayClose.business_date >= since)
    return list(q.order_by(DayClose.business_date.desc(), DayClose.cashier))
