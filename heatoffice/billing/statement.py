"""What the cashier sees and prints: what an account owes today, its ledger with a running
balance (分户账), the data of a receipt, and the record of every receipt printing."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN

from heatoffice import clock, config, glossary
from heatoffice.accounts.models import Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.names import display_name
from heatoffice.auth.permissions import require
from heatoffice.billing.documents import Receipt, ReceiptLine
from heatoffice.billing.models import (
    Adjustment,
    Allocation,
    Bill,
    BillLine,
    OpeningBalance,
    Payment,
    ReceiptPrint,
)
from heatoffice.billing.position import against_bill, compute, discount_reason, load
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.money import ZERO
from heatoffice.seasons.models import Season

_RECEIPT_AT_END = re.compile(r"(\d{4}-\d{6})）$")

@dataclass
class BillOwed:
    bill_id: int
    season: str
    kind: str
    business_date: _dt.date
    total: Decimal
    paid: Decimal            # money set against it (allocations)
    credited: Decimal        # credit adjustments attached to it
    open: Decimal            # still owed, after prepayments and account credit
    fees_open: Decimal       # late fees charged and not yet paid
    fees_pending: Decimal    # late fees accrued and not yet charged
    other_open: Decimal      # other debits attached to the bill, still owed
    discount: Decimal        # early-payment discount if settled on the day asked


@dataclass
class Owed:
    account_id: int
    on: _dt.date
    principal: Decimal       # the ledger balance (negative: money paid ahead)
    late_fees: Decimal       # accrued and not yet charged
    total: Decimal           # principal + late_fees
    credit: Decimal          # prepaid money and credit not set against any debt
    discount: Decimal        # discounts the account gets by settling everything on ``on``
    settle_amount: Decimal   # what settles everything on ``on``
    bills: list[BillOwed] = field(default_factory=list)
    other_open: Decimal = ZERO  # debits attached to no bill, still owed


def owed(account_id: int, on: _dt.date | None = None) -> Owed:
    """What the account owes: its balance plus late fees accrued through ``on`` (today)."""
    on = on or clock.today()
    pos = compute(load(account_id), on)
    fees_pending = sum(pos.pending_fees.values(), ZERO)
    total = pos.balance + fees_pending
    discount = sum(pos.discounts.values(), ZERO)
    result = Owed(account_id, on, pos.balance, fees_pending, total,
                  sum((s.remaining for s in pos.free), ZERO), discount,
                  max(ZERO, total - discount))
    credited: dict[int, Decimal] = {}
    for adj in pos.ledger.adjustments:
        if adj.bill_id is not None and against_bill(adj):
            credited[adj.bill_id] = credited.get(adj.bill_id, ZERO) - adj.amount
    by_bill = {d.id: d for d in pos.debts if d.kind == "bill"}
    for bill in pos.ledger.bills:
        fees = other = ZERO
        for d in pos.debts:
            if d.kind == "adjustment" and d.bill_id == bill.id:
                if d.adjustment_kind == "late_fee":
                    fees += d.open
                else:
                    other += d.open
        result.bills.append(BillOwed(
            bill.id, bill.season, bill.kind, bill.business_date,
            bill.total, bill.paid, credited.get(bill.id, ZERO), by_bill[bill.id].open, fees,
            pos.pending_fees.get(bill.id, ZERO), other, pos.discounts.get(bill.id, ZERO)))
    result.other_open = sum((d.open for d in pos.debts
                             if d.kind == "adjustment" and d.bill_id is None), ZERO)
    return result


@dataclass
class StatementRow:
    day: _dt.date
    kind: str            # bill | adjustment | payment | reversal
    label: str
    reference: str
    debit: Decimal
    credit: Decimal      # a reversal is a negative credit (红字)
    balance: Decimal
    id: int
    at: _dt.datetime | None = None


@dataclass(frozen=True)
class LedgerEntry:
    """One row of an account's ledger (分户账) as codes and stored text, with the running
    balance after it: what the cashier's ledger, the account card and the statement share."""

    day: _dt.date
    kind: str            # ledger_entry: bill | adjustment | payment | reversal
    code: str            # bill_kind, adjustment_kind, or payment_method
    season: str          # a bill's season ("" for none or for money)
    receipt_no: str      # payments and reversals
    reverses: str        # a reversal: the receipt number it cancels
    text: str            # stored text: an adjustment's or a reversal's reason
    debit: Decimal
    credit: Decimal      # a reversal is a negative credit (红字)
    balance: Decimal
    id: int
    at: _dt.datetime | None = None
    source: str = ""     # a payment collected for us: the bank, service or post office
    reference: str = ""  # a non-cash payment's transaction number


def ledger_entries(account_id: int) -> list[LedgerEntry]:
    """The account's bills, approved adjustments, payments and reversals in ledger order,
    each with the running balance after it (no permission check: callers check)."""
    entries: list[tuple[tuple, dict]] = []
    carried = dict(OpeningBalance.select(OpeningBalance.bill, OpeningBalance.season_name)
                   .where(OpeningBalance.account == account_id).tuples())
    for b in (Bill.select(Bill, Season).join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
              .where(Bill.account == account_id)):
        season = b.season.name if b.season_id else carried.get(b.id, "")
        entries.append(((b.business_date, b.issued_at, 0, 0, b.id, 0), dict(
            day=b.business_date, kind="bill", code=b.kind, season=season, receipt_no="",
            reverses="", text="", debit=b.total, credit=ZERO, id=b.id, at=b.issued_at)))
    numbers: dict[int, str] = {}
    keys: dict[str, tuple] = {}
    for p in Payment.select().where(Payment.account == account_id).order_by(Payment.id):
        numbers[p.id] = p.receipt_no
        reversal = p.reverses_id is not None
        # receipt order is commit order, even within one second
        keys[p.receipt_no] = (p.business_date, p.taken_at, 2, p.receipt_year, p.receipt_seq, 0)
        entries.append((keys[p.receipt_no], dict(
            day=p.business_date, kind="reversal" if reversal else "payment", code=p.method,
            season="", receipt_no=p.receipt_no,
            reverses=numbers.get(p.reverses_id, "") if reversal else "",
            text=p.reason if reversal else "", debit=ZERO, credit=p.amount, id=p.id,
            at=p.taken_at, source=p.source, reference=p.reference)))
    for a in Adjustment.select().where((Adjustment.account == account_id)
                                       & (Adjustment.status == "approved")):
        # A discount follows the receipt that earned it (or the reversal that took it back);
        # a late fee charged at the window comes before the payment in the same second.
        found = _RECEIPT_AT_END.search(a.reason) if a.kind == "discount" else None
        key = keys.get(found[1]) if found else None
        entries.append(((*key[:5], 1) if key else
                        (a.business_date, a.decided_at, 1, 0, a.id, 0), dict(
            day=a.business_date, kind="adjustment", code=a.kind, season="", receipt_no="",
            reverses="", text=a.reason, debit=max(a.amount, ZERO), credit=max(-a.amount, ZERO),
            id=a.id, at=a.decided_at)))
    entries.sort(key=lambda e: e[0])
    running = ZERO
    out = []
    for _, values in entries:
        running += values["debit"] - values["credit"]
        out.append(LedgerEntry(balance=running, **values))
    return out


def _reference(e: LedgerEntry, lang: str | None) -> str:
    if e.kind == "bill":
        return e.season
    if e.kind == "adjustment":
        return e.text
    method = glossary.label("payment_method", e.code, lang)
    if e.kind == "payment":
        return " ".join(x for x in (e.receipt_no, method, e.source, e.reference) if x)
    return f"{e.receipt_no} → {e.reverses} {e.text}"


def statement(actor: Actor, account_id: int, *, lang: str | None = None) -> list[StatementRow]:
    """The account's ledger in date order with a running balance: bills, approved
    adjustments, payments and reversals."""
    require(actor, "billing.view")
    if not Account.select().where(Account.id == account_id).exists():
        raise UserError("accounts.not_found", value=account_id)
    groups = {"bill": "bill_kind", "adjustment": "adjustment_kind"}
    return [StatementRow(e.day, e.kind,
                         glossary.label(groups[e.kind], e.code, lang) if e.kind in groups
                         else glossary.label("ledger_entry", e.kind, lang),
                         _reference(e, lang), e.debit, e.credit, e.balance, e.id, e.at)
            for e in ledger_entries(account_id)]



# Bill lines priced by area: their m² and price are what a receipt line of the bill shows.
_AREA_PRICED = ("heat", "stopped", "prorated", "basic", "connection")


def _pricing(bill_id: int) -> tuple[Decimal | None, Decimal | None]:
    """The area and price per m² of a bill, from its first line priced by area."""
    found = (BillLine.select(BillLine.quantity, BillLine.unit_price)
             .where((BillLine.bill == bill_id) & BillLine.kind.in_(_AREA_PRICED))
             .order_by(BillLine.seq).limit(1).tuples().first())
    return (found[0], found[1]) if found else (None, None)


def _line(bill: Bill | None, adj: Adjustment | None, amount: Decimal) -> ReceiptLine:
    """What an allocation settled (or a discount earned): its season and bill or adjustment
    kind; a bill's own line also its area and price per m²."""
    priced = bill is not None and adj is None
    if adj is not None:
        bill = adj.bill if adj.bill_id else None
    season = bill.season.name if bill is not None and bill.season_id else ""
    item = adj.kind if adj is not None else (bill.kind if bill is not None else "")
    area, price = _pricing(bill.id) if priced and bill is not None else (None, None)
    return ReceiptLine(season, item, amount, area, price)


def balance_after(actor: Actor, payment: Payment) -> Decimal:
    """What the account owed right after ``payment`` (negative: money paid ahead): its ledger's
    running balance at the payment, with the early-payment discount it earned (or, for a
    reversal, took back), which the ledger lists straight after it."""
    rows = statement(actor, payment.account_id)
    kind = "reversal" if payment.reverses_id else "payment"
    at = next(i for i, r in enumerate(rows) if r.kind == kind and r.id == payment.id)
    while (at + 1 < len(rows) and rows[at + 1].kind == "adjustment"
           and rows[at + 1].reference.endswith(f"{payment.receipt_no}）")):
        at += 1
    return rows[at].balance


def receipt_of(actor: Actor, payment: Payment, *, copy: bool = False) -> Receipt:
    """Everything a printed receipt shows (``copy``: a reprint, 副本)."""
    require(actor, "billing.view")
    account = Account.get_by_id(payment.account_id)
    lines, seasons, area = [], [], None
    for alloc in (Allocation.select().where(Allocation.payment == payment.id)
                  .order_by(Allocation.id)):
        bill = alloc.bill if alloc.bill_id else None
        line = _line(bill, alloc.adjustment if alloc.adjustment_id else None, alloc.amount)
        if line.season and line.season not in seasons:
            seasons.append(line.season)
        if bill is not None and area is None:
            area = bill.area
        lines.append(line)
    settled = sum((line.amount for line in lines), ZERO)
    discounts = tuple(_line(a.bill if a.bill_id else None, a, a.amount)
                      for a in Adjustment.select().where(
                          (Adjustment.account == payment.account_id)
                          & (Adjustment.kind == "discount")
                          & (Adjustment.reason == discount_reason(payment.receipt_no))))
    original = Payment.get_by_id(payment.reverses_id) if payment.reverses_id else None
    reversal = Payment.get_or_none(Payment.reverses == payment.id)
    return Receipt(
        receipt_no=payment.receipt_no, taken_at=payment.taken_at,
        business_date=payment.business_date, account_no=account.account_no,
        name=account.name, address=account.address,
        area=area if area is not None else account.heating_area, category=account.category,
        seasons=tuple(seasons), lines=tuple(lines), amount=payment.amount,
        method=payment.method, cashier=display_name(payment.cashier),
        tendered=payment.tendered, change=payment.change,
        prepaid=payment.amount - settled if payment.amount > 0 else ZERO,
        discounts=discounts, copy=copy, reverses=original.receipt_no if original else "",
        reason=payment.reason, reversed_by=reversal.receipt_no if reversal else "",
        hotline=config.get("hotline"), reference=payment.reference,
        balance_after=balance_after(actor, payment))


def printed_before(payment: Payment) -> bool:
    """Whether a printing of the receipt was logged already: the next one is a copy (副本)."""
    return ReceiptPrint.select().where(ReceiptPrint.payment == payment.id).exists()


def record_print(actor: Actor, payment: Payment) -> ReceiptPrint:
    """Log a printing of the receipt; every printing after the first is a copy (副本). Call it
    once the receipt's file was written: a printing that failed is no printing."""
    require(actor, "payments.take")
    with database.atomic():
        copy = printed_before(payment)
        printed = ReceiptPrint.create(payment=payment.id, printed_at=clock.now(),
                                      printed_by=actor.username, copy=copy)
        audit.record(actor, "receipts.print", "payment", payment.id,
                     after=audit.snapshot(printed), note=payment.receipt_no)
    return printed
