"""Where an account stands: its open debts oldest first, the money and credits not yet set
against them, the late fees accrued but not yet charged, and the early-payment discounts open.

:func:`load` reads one account's ledger (a handful of indexed queries); :func:`compute` and
:func:`settle` are plain functions on what it read. The rules:

- Debts, oldest first: bills by season start (a connection bill by its issue day); within a
  bill its late fees first, then the bill, then other debits attached to it; debits attached
  to no bill by their day.
- A credit adjustment (amount < 0) attached to a bill lowers what that bill still owes;
  a credit attached to no bill, or more than its bill still owed, is account credit.
- Money of a payment that found no debt (prepayment) and account credit settle later debts
  oldest first. The payment's money is written as allocations of that payment the next time
  the account pays; credit stays unallocated (it has no payment) and is re-applied each time.
- A late fee accrues on a season bill's own unpaid amount (never on fees or other debits).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN

from heatoffice.accounts.models import AccountStatusChange
from heatoffice.billing import late_fees
from heatoffice.billing.models import Adjustment, Allocation, Bill, Payment
from heatoffice.money import round_fen
from heatoffice.seasons.models import Season, Tariff

ZERO = Decimal("0.00")


@dataclass
class Debt:
    """Something the account owes: a bill's own amount or a debit adjustment."""

    kind: str                 # "bill" | "adjustment"
    id: int
    bill_id: int | None       # the bill it belongs to (its own id for a bill)
    sort: tuple
    amount: Decimal
    open: Decimal             # still owed
    day: _dt.date             # the business day it entered the ledger
    adjustment_kind: str = ""


@dataclass
class Source:
    """Money or credit not yet set against a debt."""

    kind: str                 # "payment" | "credit"
    id: int
    day: _dt.date
    remaining: Decimal


@dataclass
class Application:
    source: Source
    debt: Debt
    amount: Decimal
    day: _dt.date             # when it counts for late fees


@dataclass
class Ledger:
    """One account's entries as read from the database."""

    account_id: int
    bills: list[Bill]
    adjustments: list[Adjustment]          # approved only
    payments: list[Payment]
    allocations: list[tuple[int, int | None, int | None, Decimal]]  # payment, bill, adj, amount
    cut_off: list[late_fees.Period]


@dataclass
class Position:
    ledger: Ledger
    on: _dt.date
    balance: Decimal
    debts: list[Debt]
    applications: list[Application]   # prepayments and credits set against debts, not stored
    free: list[Source]                # what is left of them
    pending_fees: dict[int, Decimal] = field(default_factory=dict)  # bill -> accrued, uncharged
    discounts: dict[int, Decimal] = field(default_factory=dict)     # bill -> open discount


def load(account_id: int) -> Ledger:
    bills = list(Bill.select(Bill, Season, Tariff)
                 .join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
                 .switch(Bill).join(Tariff, JOIN.LEFT_OUTER, on=(Bill.tariff == Tariff.id))
                 .where(Bill.account == account_id).order_by(Bill.id))
    adjustments = list(Adjustment.select()
                       .where((Adjustment.account == account_id)
                              & (Adjustment.status == "approved")).order_by(Adjustment.id))
    payments = list(Payment.select().where(Payment.account == account_id).order_by(Payment.id))
    allocations = list(Allocation.select(Allocation.payment, Allocation.bill,
                                         Allocation.adjustment, Allocation.amount)
                       .join(Payment).where(Payment.account == account_id)
                       .order_by(Allocation.id).tuples())
    changes = (AccountStatusChange.select(AccountStatusChange.at, AccountStatusChange.from_status,
                                          AccountStatusChange.to_status)
               .where(AccountStatusChange.account == account_id)
               .order_by(AccountStatusChange.at, AccountStatusChange.id).tuples())
    cut_off = late_fees.cut_off_periods((at.date(), f, t) for at, f, t in changes)
    return Ledger(account_id, bills, adjustments, payments, allocations, cut_off)


def bill_anchor(bill: Bill) -> _dt.date:
    return bill.season.start_date if bill.season_id else bill.business_date


def _debts_and_sources(led: Ledger) -> tuple[list[Debt], list[Source]]:
    by_bill = {b.id: b for b in led.bills}
    bill_alloc: dict[int, Decimal] = {}
    adj_alloc: dict[int, Decimal] = {}
    pay_alloc: dict[int, Decimal] = {}
    for pay_id, bill_id, adj_id, amount in led.allocations:
        pay_alloc[pay_id] = pay_alloc.get(pay_id, ZERO) + amount
        if bill_id is not None:
            bill_alloc[bill_id] = bill_alloc.get(bill_id, ZERO) + amount
        else:
            adj_alloc[adj_id] = adj_alloc.get(adj_id, ZERO) + amount
    credits: dict[int, tuple[Decimal, _dt.date]] = {}
    debts: list[Debt] = []
    sources: list[Source] = []
    for adj in led.adjustments:
        if adj.amount < 0 and adj.bill_id in by_bill:
            total, day = credits.get(adj.bill_id, (ZERO, adj.business_date))
            credits[adj.bill_id] = (total - adj.amount, max(day, adj.business_date))
        elif adj.amount < 0:
            sources.append(Source("credit", adj.id, adj.business_date, -adj.amount))
        else:
            bill = by_bill.get(adj.bill_id)
            if bill is not None:
                rank = 0 if adj.kind == "late_fee" else 2
                sort = (bill_anchor(bill), 0, bill.id, rank, adj.id)
            else:
                sort = (adj.business_date, 1, adj.id, 0, adj.id)
            debts.append(Debt("adjustment", adj.id, adj.bill_id if bill else None, sort,
                              adj.amount, adj.amount - adj_alloc.get(adj.id, ZERO),
                              adj.business_date, adj.kind))
    for bill in led.bills:
        credit, day = credits.get(bill.id, (ZERO, bill.business_date))
        open_ = bill.total - bill_alloc.get(bill.id, ZERO) - credit
        if open_ < 0:  # credited more than it still owed: the rest is account credit
            sources.append(Source("credit", -bill.id, max(day, bill.business_date), -open_))
            open_ = ZERO
        debts.append(Debt("bill", bill.id, bill.id, (bill_anchor(bill), 0, bill.id, 1, bill.id),
                          bill.total, open_, bill.business_date))
    reversed_ids = {p.reverses_id for p in led.payments if p.reverses_id is not None}
    for p in led.payments:
        if p.reverses_id is None and p.id not in reversed_ids:
            left = p.amount - pay_alloc.get(p.id, ZERO)
            if left > 0:
                sources.append(Source("payment", p.id, p.business_date, left))
    debts.sort(key=lambda d: d.sort)
    sources.sort(key=lambda s: (s.day, s.kind != "payment", s.id))
    return debts, sources


def settle(debts: list[Debt], sources: list[Source],
           discounts: dict[int, Decimal] | None = None
           ) -> tuple[list[Application], dict[int, Decimal]]:
    """Set ``sources`` against ``debts`` oldest first, in place (open and remaining shrink).

    ``discounts``: bill -> discount granted when the money left when the walk reaches the bill
    covers the bill and its other attached debits net of the discount. Returns the
    applications and the discounts granted; a discount larger than what the bill still owes
    leaves the rest as credit for the next debts.
    """
    applications: list[Application] = []
    granted: dict[int, Decimal] = {}
    for i, debt in enumerate(debts):
        if debt.open <= 0:
            continue
        disc = (discounts or {}).get(debt.id) if debt.kind == "bill" else None
        if disc:
            group = debt.open + sum((d.open for d in debts[i + 1:]
                                     if d.bill_id == debt.id and d.open > 0), ZERO)
            if sum((s.remaining for s in sources), ZERO) >= group - disc:
                granted[debt.id] = disc
                debt.open -= disc
                if debt.open < 0:
                    sources.insert(0, Source("credit", 0, debt.day, -debt.open))
                    debt.open = ZERO
        for source in sources:
            if debt.open <= 0:
                break
            if source.remaining <= 0:
                continue
            amount = min(debt.open, source.remaining)
            debt.open -= amount
            source.remaining -= amount
            applications.append(Application(source, debt, amount, max(source.day, debt.day)))
    return applications, granted


def _principal_events(bill: Bill, led: Ledger, virtual: list[Application]):
    yield bill.business_date, bill.total
    dates = {p.id: p.business_date for p in led.payments}
    for pay_id, bill_id, _adj, amount in led.allocations:
        if bill_id == bill.id:
            yield max(dates[pay_id], bill.business_date), -amount
    for adj in led.adjustments:
        if adj.bill_id == bill.id and adj.amount < 0:
            yield max(adj.business_date, bill.business_date), adj.amount
    for app in virtual:
        if app.debt.kind == "bill" and app.debt.id == bill.id:
            yield app.day, -app.amount


def accrued_fee(bill: Bill, led: Ledger, virtual: list[Application], on: _dt.date) -> Decimal:
    """The late fee a season bill has accrued through ``on`` (charged or not)."""
    tariff = bill.tariff if bill.tariff_id else None
    if (bill.kind != "season" or tariff is None or not tariff.late_fee_rate
            or tariff.late_fee_from is None):
        return ZERO
    start = late_fees.fee_start(tariff.late_fee_from,
                                bill.season.start_date if bill.season_id else None,
                                bill.business_date)
    timeline = late_fees.unpaid_from_events(_principal_events(bill, led, virtual))
    return late_fees.late_fee(timeline, tariff.late_fee_rate, start, on, led.cut_off)


def open_discount(bill: Bill, led: Ledger, on: _dt.date) -> Decimal:
    """The early-payment discount settling ``bill`` on ``on`` would earn (0 if none)."""
    tariff = bill.tariff if bill.tariff_id else None
    if (bill.kind != "season" or tariff is None or not tariff.discount_rate
            or tariff.discount_until is None or on > tariff.discount_until):
        return ZERO
    # Once per bill: a discount given and not taken back by a reversal blocks another.
    if sum((a.amount for a in led.adjustments
            if a.bill_id == bill.id and a.kind == "discount"), ZERO):
        return ZERO
    return round_fen(bill.total * tariff.discount_rate)


def compute(led: Ledger, on: _dt.date) -> Position:
    debts, sources = _debts_and_sources(led)
    virtual, _ = settle(debts, sources)
    balance = (sum((b.total for b in led.bills), ZERO)
               + sum((a.amount for a in led.adjustments), ZERO)
               - sum((p.amount for p in led.payments), ZERO))
    pos = Position(led, on, balance, debts, virtual, [s for s in sources if s.remaining > 0])
    charged: dict[int, Decimal] = {}
    for adj in led.adjustments:
        if adj.kind == "late_fee" and adj.bill_id is not None:
            charged[adj.bill_id] = charged.get(adj.bill_id, ZERO) + adj.amount
    open_bills = {d.id for d in debts if d.kind == "bill" and d.open > 0}
    for bill in led.bills:
        fee = accrued_fee(bill, led, virtual, on) - charged.get(bill.id, ZERO)
        if fee > 0:
            pos.pending_fees[bill.id] = fee
        if bill.id in open_bills:
            disc = open_discount(bill, led, on)
            if disc:
                pos.discounts[bill.id] = disc
    return pos
