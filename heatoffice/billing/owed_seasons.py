"""What an account owes today bill by bill (season by season), worked out from its position so
that the rows add up to the ledger: billed + adjusted + late fees − paid = balance per row, and
the rows' balances less the credit not yet used = the ledger balance + late fees accrued.

Pure: takes a :class:`~heatoffice.billing.position.Position`, returns values. Due dates come
from the tariff's late-fee day (:func:`due_date`); a bill is overdue when it still owes after it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from heatoffice.billing import late_fees
from heatoffice.billing.position import BillRow, Position, against_bill
from heatoffice.money import ZERO


@dataclass(frozen=True)
class SeasonOwed:
    """One bill's debt today (``bill_id`` None: debits attached to no bill)."""

    bill_id: int | None
    season: str              # "" for a bill of no season, or for the debits of no bill
    kind: str                # bill_kind code; "" for the debits of no bill
    billed: Decimal
    adjusted: Decimal        # approved adjustments but late fees; credit moved in or out
    late_fees: Decimal       # charged, plus accrued and not yet charged
    paid: Decimal            # money set against it (prepayments included)
    balance: Decimal         # still owed today, late fees included (0 when settled)
    due_date: _dt.date | None  # the last day to pay without a late fee; None: no such day
    overdue: bool            # still owes after its due date
    discount: Decimal = ZERO  # early-payment discount if settled today


@dataclass(frozen=True)
class OwedToday:
    on: _dt.date
    rows: tuple[SeasonOwed, ...]   # oldest first
    ledger_balance: Decimal        # billed + adjusted − paid (AccountBalance.balance)
    late_fees: Decimal             # accrued and not yet charged (not in the ledger balance)
    credit: Decimal                # money paid ahead and credit not yet set against a debt
    discount: Decimal              # early-payment discounts of settling everything today

    @property
    def total(self) -> Decimal:
        """What the account owes today: the ledger balance and the late fees accrued."""
        return self.ledger_balance + self.late_fees

    @property
    def settle_amount(self) -> Decimal:
        """What settles everything today."""
        return max(ZERO, self.total - self.discount)

    @property
    def overdue(self) -> Decimal:
        return sum((r.balance for r in self.rows if r.overdue), ZERO)


def due_date(bill: BillRow) -> _dt.date | None:
    """The last day a season bill can be paid without a late fee: the day before its late fees
    start (a bill issued late gets the same time to pay). None when no late fee applies."""
    if bill.kind != "season" or bill.late_fee_from is None:
        return None
    start = late_fees.fee_start(bill.late_fee_from, bill.season_start, bill.business_date)
    return start - late_fees.ONE_DAY


def owed_by_season(pos: Position) -> OwedToday:
    led = pos.ledger
    keys: list[int | None] = [b.id for b in led.bills]
    owner: dict[int, int | None] = {}            # adjustment -> the row it belongs to
    adjusted: dict[int | None, Decimal] = {}
    charged: dict[int | None, Decimal] = {}
    bill_ids = set(keys)
    for adj in led.adjustments:
        key = adj.bill_id if adj.bill_id in bill_ids else None
        owner[adj.id] = key
        if adj.kind == "late_fee" and key is not None:
            charged[key] = charged.get(key, ZERO) + adj.amount
        elif key is not None or adj.amount > 0:  # unattached credits are account credit
            adjusted[key] = adjusted.get(key, ZERO) + adj.amount
    paid: dict[int | None, Decimal] = {}
    bill_alloc: dict[int, Decimal] = {}
    for bill_id, adj_id, _day, amount in led.settled:
        key = bill_id if bill_id is not None else owner.get(adj_id) if adj_id is not None else None
        paid[key] = paid.get(key, ZERO) + amount
        if bill_id is not None:
            bill_alloc[bill_id] = bill_alloc.get(bill_id, ZERO) + amount
    for app in pos.applications:
        key = app.debt.bill_id if app.debt.bill_id in bill_ids else None
        if app.source.kind == "payment":
            paid[key] = paid.get(key, ZERO) + app.amount
        else:  # credit from elsewhere settled it: an adjustment moved in
            adjusted[key] = adjusted.get(key, ZERO) - app.amount
    balance: dict[int | None, Decimal] = {}
    for debt in pos.debts:
        key = debt.bill_id if debt.bill_id in bill_ids else None
        balance[key] = balance.get(key, ZERO) + debt.open
    rows: list[SeasonOwed] = []
    for bill in sorted(led.bills, key=lambda b: (b.anchor, b.id)):
        credited = -sum((a.amount for a in led.adjustments
                         if a.bill_id == bill.id and against_bill(a)), ZERO)
        # Credit beyond what the bill still owed became account credit: it moved out.
        moved_out = max(ZERO, credited - (bill.total - bill_alloc.get(bill.id, ZERO)))
        pending = pos.pending_fees.get(bill.id, ZERO)
        owes = balance.get(bill.id, ZERO) + pending
        due = due_date(bill)
        rows.append(SeasonOwed(
            bill.id, bill.season, bill.kind, bill.total,
            adjusted.get(bill.id, ZERO) + moved_out, charged.get(bill.id, ZERO) + pending,
            paid.get(bill.id, ZERO), owes, due,
            owes > 0 and due is not None and pos.on > due, pos.discounts.get(bill.id, ZERO)))
    if None in adjusted or balance.get(None):
        rows.append(SeasonOwed(None, "", "", ZERO, adjusted.get(None, ZERO), ZERO,
                               paid.get(None, ZERO), balance.get(None, ZERO), None, False))
    return OwedToday(pos.on, tuple(rows), led.balance, sum(pos.pending_fees.values(), ZERO),
                     sum((s.remaining for s in pos.free), ZERO),
                     sum(pos.discounts.values(), ZERO))
