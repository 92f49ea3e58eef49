"""The data of the cash reports: a cashier's day (收费日报) and the month (月报)."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from peewee import Case, fn

from heatoffice import clock
from heatoffice.accounts.models import Account
from heatoffice.audit import seals as ledger_seals
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.names import display_names
from heatoffice.auth.permissions import require
from heatoffice.billing.closing import day_summary, month_bounds
from heatoffice.billing.documents import (
    CashierTotal,
    DailyReport,
    LostReceipts,
    MethodTotal,
    MonthDay,
    MonthReport,
    ReportReceipt,
)
from heatoffice.billing.models import PAYMENT_METHODS, DayClose, MonthClose, Payment
from heatoffice.billing.receipts import format_receipt, parse_receipt
from heatoffice.money import from_fen


def _as_date(value: Any) -> _dt.date:
    return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value))


def daily_report(actor: Actor, cashier: str, business_date: _dt.date) -> DailyReport:
    """``cashier``'s day: totals by method, every receipt, reversals, the cash to hand over."""
    require(actor, "billing.view")
    s = day_summary(cashier, business_date)
    rows = list(Payment.select(Payment.id, Payment.receipt_no, Payment.taken_at,
                               Account.account_no, Account.name, Payment.method,
                               Payment.amount, Payment.reverses)
                .join(Account, on=(Payment.account == Account.id))
                .where((Payment.cashier == cashier) & (Payment.business_date == business_date))
                .order_by(Payment.receipt_year, Payment.receipt_seq).tuples())
    ids = [r[0] for r in rows]
    originals = dict(Payment.select(Payment.id, Payment.receipt_no)
                     .where(Payment.id.in_([r[7] for r in rows if r[7]])).tuples()) if rows else {}
    reversed_by = dict(Payment.select(Payment.reverses, Payment.receipt_no)
                       .where(Payment.reverses.in_(ids)).tuples()) if ids else {}
    counts: dict[str, int] = {}
    receipts = []
    for pid, no, at, account_no, name, method, amount, reverses in rows:
        counts[method] = counts.get(method, 0) + 1
        receipts.append(ReportReceipt(no, at, account_no, name, method, amount,
                                      originals.get(reverses, "") if reverses else "",
                                      "" if reverses else reversed_by.get(pid, "")))
    methods = tuple(MethodTotal(m, counts.get(m, 0), amount)
                    for m, amount in s.totals_by_method.items())
    names = display_names([cashier] + ([s.closed.closed_by] if s.closed else []))
    lost = lost_by_restore(business_date, {r.receipt_no for r in receipts})
    return DailyReport(
        business_date=business_date, cashier=names[cashier], methods=methods,
        receipts=tuple(receipts), receipt_count=s.receipt_count, payment_count=s.payment_count,
        reversal_count=s.reversal_count, first_receipt=s.first_receipt,
        last_receipt=s.last_receipt, gross_total=s.gross_total,
        reversal_total=s.reversal_total, total=s.total,
        cash_to_hand_over=s.cash_to_hand_over,
        closed_at=s.closed.closed_at if s.closed else None,
        closed_by=names[s.closed.closed_by] if s.closed else "", printed_at=clock.now(),
        lost_by_restore=lost, seal=ledger_seals.code_of("day_close", s.closed.id) if s.closed
        else "")


def lost_by_restore(business_date: _dt.date, receipt_nos: set[str]) -> tuple[LostReceipts, ...]:
    """The receipt numbers restores skipped (audit ``receipts.lost_by_restore``) that a daily
    report shows: those of a restore made that day, and those the report's receipts follow
    (the next receipt after the range is among them)."""
    found = []
    for at, after in (AuditEntry.select(AuditEntry.at, AuditEntry.after)
                      .where(AuditEntry.action == "receipts.lost_by_restore")
                      .order_by(AuditEntry.id).tuples()):
        data = json.loads(after or "{}")
        parsed = parse_receipt(str(data.get("lost_to", "")))
        if parsed is None:
            continue
        following = format_receipt(parsed[0], parsed[1] + 1)
        if at.date() == business_date or following in receipt_nos:
            found.append(LostReceipts(data["lost_from"], data["lost_to"],
                                      int(data["lost_count"]), at))
    return tuple(found)


def month_report(actor: Actor, month: str) -> MonthReport:
    """The month day by day (by method, reversals, days not closed) and by cashier."""
    require(actor, "billing.view")
    first, last = month_bounds(month)
    in_month = (Payment.business_date >= first) & (Payment.business_date <= last)
    per_day: dict[_dt.date, dict[str, Any]] = {}
    used: set[str] = set()
    day_cashiers: dict[_dt.date, set[str]] = {}
    negative = Case(None, [(Payment.amount < 0, Payment.amount)], 0)
    for day, method, cashier, count, fen, rev_fen in (
            Payment.select(Payment.business_date, Payment.method, Payment.cashier,
                           fn.COUNT(Payment.id), fn.SUM(Payment.amount).coerce(False),
                           fn.SUM(negative).coerce(False))
            .where(in_month).group_by(Payment.business_date, Payment.method, Payment.cashier)
            .tuples()):
        day = _as_date(day)
        d = per_day.setdefault(day, {"count": 0, "methods": {}, "rev": 0, "total": 0})
        d["count"] += count
        d["methods"][method] = d["methods"].get(method, 0) + int(fen or 0)
        d["rev"] += int(rev_fen or 0)
        d["total"] += int(fen or 0)
        used.add(method)
        day_cashiers.setdefault(day, set()).add(cashier)
    closed = {(c, _as_date(d))
              for c, d in DayClose.select(DayClose.cashier, DayClose.business_date)
              .where((DayClose.business_date >= first) & (DayClose.business_date <= last))
              .tuples()}
    methods = [m for m in PAYMENT_METHODS if m in used] or ["cash"]
    days = tuple(MonthDay(day, d["count"],
                          tuple(from_fen(d["methods"].get(m, 0)) for m in methods),
                          from_fen(d["rev"]), from_fen(d["total"]),
                          sum(1 for c in day_cashiers[day] if (c, day) not in closed))
                 for day, d in sorted(per_day.items()))
    reversal = Case(None, [(Payment.amount < 0, 1)], 0)
    rows = list(Payment.select(Payment.cashier, fn.COUNT(Payment.id), fn.SUM(reversal),
                               fn.SUM(Payment.amount).coerce(False))
                .where(in_month).group_by(Payment.cashier).order_by(Payment.cashier).tuples())
    names = display_names([r[0] for r in rows])
    cashiers = tuple(CashierTotal(names[cashier], count, int(reversals or 0),
                                  from_fen(int(fen or 0)))
                     for cashier, count, reversals, fen in rows)
    mc = MonthClose.get_or_none(MonthClose.month == month.strip())
    closer = display_names([mc.closed_by])[mc.closed_by] if mc else ""
    return MonthReport(month.strip(), tuple(methods), days, cashiers,
                       mc.closed_at if mc else None, closer, clock.now(),
                       ledger_seals.code_of("month_close", mc.id) if mc else "")
