"""The rows of the big workbooks, streamed in batches: the season ledger (台账) and the payments
journal (收款流水)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from heatoffice.accounts.models import Account, Community, format_address, of_community
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing.documents import LedgerRow, PaymentRow
from heatoffice.billing.models import Adjustment, Allocation, Bill, Payment
from heatoffice.db.connection import database
from heatoffice.money import ZERO

BATCH = 2000


def _date(value: Any) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def season_bills(season_id: int, community: str | None) -> Any:
    """The season bills of a season (one community's, or all): a query of their ids."""
    q = (Bill.select(Bill.id).join(Account, on=(Bill.account == Account.id))
         .where((Bill.season == season_id) & (Bill.kind == "season")))
    if community:
        q = q.where(of_community(community))
    return q


def count_season_bills(actor: Actor, season_id: int, community: str | None = None) -> int:
    """How many season bills (notices, ledger rows) a season or a community has."""
    require(actor, "billing.view")
    return season_bills(season_id, community).count()


def _bill_adjustments(season_id: int) -> dict[int, tuple[int, int]]:
    """Per bill of the season: (approved adjustments, money allocated to them), in fen.
    Adjustments are few next to bills, so the whole season's fit in one small dict."""
    bills = Bill.select(Bill.id).where(Bill.season == season_id)
    approved = Adjustment.bill.in_(bills) & (Adjustment.status == "approved")
    out: dict[int, tuple[int, int]] = {}
    for bill_id, fen in (Adjustment.select(Adjustment.bill,
                                           fn.SUM(Adjustment.amount).coerce(False))
                         .where(approved).group_by(Adjustment.bill).tuples()):
        out[bill_id] = (int(fen or 0), 0)
    for bill_id, fen in (Allocation.select(Adjustment.bill,
                                           fn.SUM(Allocation.amount).coerce(False))
                         .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
                         .where(approved).group_by(Adjustment.bill).tuples()):
        out[bill_id] = (out.get(bill_id, (0, 0))[0], int(fen or 0))
    return out


def _hundredths(n: int) -> Decimal:
    """Stored fen (or hundredths of m²) as Decimal with two places, cheaply."""
    return Decimal(n).scaleb(-2)


def season_ledger(actor: Actor, season_id: int, community: str | None = None, *,
                  batch: int = BATCH) -> Iterator[LedgerRow]:
    """The season's bills by account number, ``batch`` accounts at a time.

    Each batch is the next ``batch`` account numbers after the last one seen (an index range
    on both backends, never an OFFSET) and their bills, looked up by the (account, season)
    index through a subquery, so the planner never sorts the whole season per batch. Rows
    come straight from the cursor: at 100,000 bills the ORM's per-row work would cost as much
    as writing the sheet.
    """
    require(actor, "billing.view")
    adjustments = _bill_adjustments(season_id)
    accounts = Account.select(Account.account_no).order_by(Account.account_no).limit(batch)
    if community:
        accounts = accounts.where(of_community(community))
    zero = ZERO
    last: str | None = None
    while True:
        page = accounts if last is None else accounts.where(Account.account_no > last)
        numbers = [n for (n,) in database.execute(page).fetchall()]
        if not numbers:
            return
        ids = page.select(Account.id)
        bills = (Bill.select(Account.account_no, Bill.id, Account.name, Community.name,
                             Account.building, Account.unit, Account.room, Account.category,
                             Account.status, Bill.area, Bill.total, Bill.paid,
                             Bill.business_date)
                 .join(Account, on=(Bill.account == Account.id)).join_from(Account, Community)
                 .where((Bill.season == season_id) & (Bill.kind == "season")
                        & Account.id.in_(ids))
                 .order_by(Account.account_no))
        for (no, bill_id, name, comm, bld, unit, room, cat, status, area, total, paid,
             day) in database.execute(bills).fetchall():
            found = adjustments.get(bill_id)
            total_y, paid_y = _hundredths(total), _hundredths(paid)
            if found is None:  # most bills: no adjustment
                adj = zero
            else:
                adj, paid_y = _hundredths(found[0]), paid_y + _hundredths(found[1])
            yield LedgerRow(no, name, comm, format_address(comm, bld, unit, room), cat, status,
                            _hundredths(area), total_y, adj, paid_y, total_y + adj - paid_y,
                            _date(day))
        if len(numbers) < batch:
            return
        last = numbers[-1]


def _payments_where(first: _dt.date, last: _dt.date, cashier: str | None) -> Any:
    """Receipts with a business date from ``first`` to ``last`` (of one cashier, or all)."""
    where = (Payment.business_date >= first) & (Payment.business_date <= last)
    if cashier:
        where &= Payment.cashier == cashier
    return where


def count_payments(actor: Actor, first: _dt.date, last: _dt.date,
                   cashier: str | None = None) -> int:
    require(actor, "billing.view")
    return Payment.select().where(_payments_where(first, last, cashier)).count()


def payment_rows(actor: Actor, first: _dt.date, last: _dt.date, cashier: str | None = None,
                 *, batch: int = BATCH) -> Iterator[PaymentRow]:
    """Every receipt (payments and reversals) dated in the range, in the order taken."""
    require(actor, "billing.view")
    where = _payments_where(first, last, cashier)
    original = Payment.alias()
    last_id = 0
    while True:
        rows = list(
            Payment.select(Payment.id, Payment.receipt_no, Payment.business_date,
                           Payment.taken_at, Account.account_no, Account.name,
                           Community.name, Account.building, Account.unit, Account.room,
                           Payment.method, Payment.amount, Payment.tendered, Payment.change,
                           Payment.cashier, original.receipt_no, Payment.reason,
                           Payment.reference, Payment.source)
            .join(Account, on=(Payment.account == Account.id)).join_from(Account, Community)
            .switch(Payment)
            .join(original, JOIN.LEFT_OUTER, on=(Payment.reverses == original.id))
            .where(where & (Payment.id > last_id)).order_by(Payment.id).limit(batch)
            .tuples())
        if not rows:
            return
        for (_, no, day, at, account_no, name, comm, bld, unit, room, method, amount,
             tendered, change, who, reverses, reason, reference, source) in rows:
            yield PaymentRow(no, _date(day), at, account_no, name,
                             format_address(comm, bld, unit, room), method, amount, tendered,
                             change, who, reverses or "", reason, reference, source)
        last_id = rows[-1][0]
