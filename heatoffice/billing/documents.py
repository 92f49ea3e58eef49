"""The data of the fee ledger's printed documents and workbooks, without display text.

Each document is one frozen dataclass built by a read function of this area: dates are dates,
money is Decimal yuan, statuses, categories, methods and kinds are codes. heatoffice.exports
turns them into words, figures and pages. Sequences are tuples, so a document is a value.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from heatoffice.money import ZERO

# ---- receipt (收据) ------------------------------------------------------------------------

@dataclass(frozen=True)
class ReceiptLine:
    """What a payment settled, or a discount it earned (a negative amount)."""

    season: str                      # the season's name; "" for a debt of no season
    item: str                        # a bill kind (season, connection) or an adjustment kind
    amount: Decimal
    quantity: Decimal | None = None  # m², when the line is priced by area
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class Receipt:
    receipt_no: str
    taken_at: _dt.datetime
    business_date: _dt.date
    account_no: str
    name: str
    address: str
    area: Decimal | None             # the area billed (the account's when nothing was billed)
    category: str                    # accounts.models.CATEGORIES
    seasons: Sequence[str]           # the seasons the payment settled, in order
    lines: Sequence[ReceiptLine]
    amount: Decimal                  # negative for a reversal
    method: str                      # billing.models.PAYMENT_METHODS
    cashier: str                     # the cashier's name (display name, else user name)
    tendered: Decimal | None = None
    change: Decimal | None = None
    prepaid: Decimal = ZERO          # what the payment left as credit
    discounts: Sequence[ReceiptLine] = ()  # early-payment discounts this payment earned
    copy: bool = False               # a reprint (副本)
    reverses: str = ""               # a reversal: the receipt number it cancels
    reason: str = ""                 # a reversal's reason
    reversed_by: str = ""            # the receipt number of the reversal that cancelled it
    hotline: str = ""
    reference: str = ""              # the transaction reference of a non-cash payment
    balance_after: Decimal | None = None  # what the account owed right after it (< 0: credit)


# ---- payment notice (缴费通知单) ---------------------------------------------------------

@dataclass(frozen=True)
class NoticeLine:
    """One line of the bill, as issued."""

    description: str                 # the bill line's own text, written when it was issued
    quantity: Decimal | None
    unit_price: Decimal | None
    amount: Decimal
    share: Decimal | None = None     # the share billed (0.30 for a stopped home)
    days: int | None = None          # the days billed, for part of a season


@dataclass(frozen=True)
class Notice:
    """One account's season bill and what it owes; amounts are Decimal yuan."""

    account_no: str
    name: str
    address: str
    area: Decimal
    category: str                    # accounts.models.CATEGORIES
    season: str                      # the season's name, "2026-2027"
    lines: Sequence[NoticeLine]
    total: Decimal                   # this season's bill: the sum of the rounded lines
    previous_arrears: Decimal = ZERO  # owed from before (negative: money paid in advance)
    paid: Decimal = ZERO             # already paid against this bill
    adjusted: Decimal = ZERO         # approved adjustments on this bill still open (credits < 0)
    status: str = ""                 # accounts.models.STATUSES
    period_start: _dt.date | None = None  # the days heated: the season, or from connection
    period_end: _dt.date | None = None
    due_date: _dt.date | None = None       # late fees accrue from this day
    late_fee_rate: Decimal = ZERO          # per day
    discount_until: _dt.date | None = None  # last day of the early-payment discount
    discount_rate: Decimal = ZERO
    issued: _dt.date | None = None
    hotline: str = ""

    @property
    def amount_due(self) -> Decimal:
        return self.total - self.paid + self.adjusted + self.previous_arrears


# ---- dunning notice (催缴通知单) ------------------------------------------------------------

@dataclass(frozen=True)
class DunningItem:
    """One unsettled bill: what was billed, paid and credited, and what is still owed."""

    season: str                      # "" for a bill of no season
    kind: str                        # billing.models bill kind: season, connection
    billed: Decimal
    paid: Decimal
    credited: Decimal                # credit adjustments set against the bill
    owed: Decimal


@dataclass(frozen=True)
class Dunning:
    account_no: str
    name: str
    address: str
    items: Sequence[DunningItem]
    total: Decimal                   # what is overdue: the balance less what is not yet due
    as_of: _dt.date
    other: Decimal = ZERO            # late fees charged, other debits, money paid ahead
    late_fees: Decimal = ZERO        # accrued by ``as_of``, not yet charged
    pay_by: _dt.date | None = None   # the day the customer is kindly asked to pay by
    hotline: str = ""
    collector: str = ""              # who follows the account up (printed as the contact)
    collector_phone: str = ""
    not_due: Decimal = ZERO          # owed as well but not yet due: named, not asked for

    @property
    def amount_due(self) -> Decimal:
        return self.total + self.late_fees


# ---- recheck sheet (现场复核单) -------------------------------------------------------------

@dataclass(frozen=True)
class RecheckLine:
    """What the bill says; the sheet leaves room for what is found on site."""

    account_no: str
    name: str
    address: str
    area: Decimal
    status: str                      # the status billed: accounts.models.STATUSES
    amount: Decimal


@dataclass(frozen=True)
class RecheckSheet:
    """One sheet (of as many pages as it needs): a community, or one collector's round."""

    season: str
    rows: Sequence[RecheckLine]
    community: str = ""
    collector: str | None = None     # a collector's round: the collector's name
    printed: _dt.date | None = None


# ---- the collector's round sheet (收费员走访催缴单) -----------------------------------------

@dataclass(frozen=True)
class RoundLine:
    """One stop of the round: what the account owes and what was said last time."""

    account_no: str
    name: str
    address: str
    phone: str                       # masked unless the reader may see personal data
    owed: Decimal
    late_fees: Decimal               # accrued by the day of the round, not yet charged
    contact_date: _dt.date | None = None
    contact_method: str = ""         # billing.dunning.METHODS
    contact_result: str = ""
    promised_date: _dt.date | None = None


@dataclass(frozen=True)
class RoundSheet:
    collector: str                   # the collector's name
    staff_no: str
    on: _dt.date                     # the day of the round: arrears and late fees as of it
    rows: Sequence[RoundLine]
    areas: Sequence[str] = ()        # the names of the service areas
    printed: _dt.datetime | None = None

    @property
    def owed(self) -> Decimal:
        return sum((r.owed for r in self.rows), ZERO)

    @property
    def late_fees(self) -> Decimal:
        return sum((r.late_fees for r in self.rows), ZERO)


# ---- daily and month reports (收费日报, 月报) -----------------------------------------------

@dataclass(frozen=True)
class MethodTotal:
    method: str                      # billing.models.PAYMENT_METHODS
    count: int                       # receipts, reversals included
    amount: Decimal                  # net of reversals


@dataclass(frozen=True)
class ReportReceipt:
    receipt_no: str
    taken_at: _dt.datetime
    account_no: str
    name: str
    method: str                      # billing.models.PAYMENT_METHODS
    amount: Decimal
    reverses: str = ""               # a reversal: the receipt number it cancels
    reversed_by: str = ""            # the receipt number of the reversal that cancelled it


@dataclass(frozen=True)
class LostReceipts:
    """Receipt numbers skipped by a restore (heatoffice.backup): given to customers by the
    database that was replaced, never issued again."""

    first: str
    last: str
    count: int
    restored_at: _dt.datetime


@dataclass(frozen=True)
class DailyReport:
    business_date: _dt.date
    cashier: str                     # the cashier's name
    methods: Sequence[MethodTotal]
    receipts: Sequence[ReportReceipt]
    receipt_count: int
    payment_count: int
    reversal_count: int
    first_receipt: str
    last_receipt: str
    gross_total: Decimal
    reversal_total: Decimal          # negative
    total: Decimal
    cash_to_hand_over: Decimal
    closed_at: _dt.datetime | None = None
    closed_by: str = ""              # the name of who closed the day
    printed_at: _dt.datetime | None = None
    # ranges lost by a restore made that day or followed by this report's receipts
    lost_by_restore: Sequence[LostReceipts] = ()
    seal: str = ""                   # the ledger's seal made by the close (audit.seals)


@dataclass(frozen=True)
class MonthDay:
    day: _dt.date
    receipt_count: int
    by_method: Sequence[Decimal]     # in the order of MonthReport.methods
    reversal_total: Decimal
    total: Decimal
    open_cashiers: int = 0           # cashiers who have not closed the day


@dataclass(frozen=True)
class CashierTotal:
    cashier: str                     # the cashier's name
    receipt_count: int
    reversal_count: int
    total: Decimal


@dataclass(frozen=True)
class MonthReport:
    month: str                       # "2026-11"
    methods: Sequence[str]           # billing.models.PAYMENT_METHODS: the day table's columns
    days: Sequence[MonthDay]
    cashiers: Sequence[CashierTotal]
    closed_at: _dt.datetime | None = None
    closed_by: str = ""
    printed_at: _dt.datetime | None = None
    seal: str = ""                   # the ledger's seal made by the close (audit.seals)


# ---- account statement (对账单) ------------------------------------------------------------

@dataclass(frozen=True)
class StatementLine:
    """One ledger entry of the period, with the running balance after it."""

    day: _dt.date
    kind: str                        # ledger_entry: bill, adjustment, payment, reversal
    code: str                        # bill_kind, adjustment_kind or payment_method
    season: str                      # a bill's season ("" otherwise)
    receipt_no: str                  # payments and reversals
    reverses: str                    # a reversal: the receipt number it cancels
    text: str                        # stored text: an adjustment's or a reversal's reason
    debit: Decimal
    credit: Decimal                  # a reversal is a negative credit (红字)
    balance: Decimal


@dataclass(frozen=True)
class AccountStatement:
    """An account's ledger over a season or a date range: opening balance, the entries with
    their running balance, closing balance (positive: owed; negative: paid ahead)."""

    account_no: str
    name: str
    address: str
    category: str                    # accounts.models.CATEGORIES
    status: str                      # accounts.models.STATUSES (today's)
    area: Decimal
    date_from: _dt.date | None       # None: from the first entry
    date_to: _dt.date
    opening: Decimal
    lines: Sequence[StatementLine]
    season: str = ""                 # the season asked for, if any
    printed_at: _dt.datetime | None = None
    printed_by: str = ""
    hotline: str = ""

    @property
    def debits(self) -> Decimal:
        return sum((x.debit for x in self.lines), ZERO)

    @property
    def credits(self) -> Decimal:
        return sum((x.credit for x in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debits - self.credits


# ---- workbook rows: the season ledger (台账) and the payments journal (收款流水) ------------
# Named tuples, not dataclasses: a season's ledger is 100,000 rows streamed from the cursor.

class LedgerRow(NamedTuple):
    account_no: str
    name: str
    community: str
    address: str
    category: str                    # accounts.models.CATEGORIES
    status: str                      # accounts.models.STATUSES (today's)
    area: Decimal                    # billed
    billed: Decimal
    adjusted: Decimal                # approved adjustments on the bill
    paid: Decimal                    # payments and money set against its adjustments
    owed: Decimal
    billed_on: _dt.date | None


class PaymentRow(NamedTuple):
    receipt_no: str
    business_date: _dt.date | None
    taken_at: _dt.datetime
    account_no: str
    name: str
    address: str
    method: str                      # billing.models.PAYMENT_METHODS
    amount: Decimal
    tendered: Decimal | None
    change: Decimal | None
    cashier: str                     # user name
    reverses: str                    # a reversal: the receipt number it cancels, else ""
    reason: str
    reference: str = ""              # a non-cash payment's transaction number
    source: str = ""                 # who collected it: a bank, service or post office ("" window)
