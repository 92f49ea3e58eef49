"""Ledger tables. Bills, lines, payments and allocations are written once and never changed:
a correction is a new row (a reversal, an adjustment) pointing at what it corrects."""

from __future__ import annotations

from peewee import (
    SQL,
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from heatoffice import glossary
from heatoffice.accounts.models import Account
from heatoffice.db.base import BaseModel
from heatoffice.db.chain import Chained, HashField
from heatoffice.db.chain_guards import ADJUSTMENT_FIXED, BILL_FIXED
from heatoffice.db.fields import AreaField, MoneyField, RateField
from heatoffice.db.guards import write_once
from heatoffice.seasons.models import Season, Tariff

# The allowed values, named in the glossary (code -> (zh, en)); show one with glossary.label.
PAYMENT_METHODS = glossary.names("payment_method")
LINE_KINDS = glossary.names("bill_line_kind")
ADJUSTMENT_KINDS = glossary.names("adjustment_kind")
ADJUSTMENT_STATUSES = glossary.names("adjustment_status")

ADJUSTMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    "proposed": frozenset({"approved", "rejected"}),
    "approved": frozenset(),
    "rejected": frozenset(),
}


class Bill(Chained):
    """缴费通知单: what one account owes for one season (or a one-time connection fee)."""

    account = ForeignKeyField(Account, backref="bills", on_delete="RESTRICT")
    season = ForeignKeyField(Season, null=True, backref="bills", on_delete="RESTRICT")
    tariff = ForeignKeyField(Tariff, null=True, on_delete="RESTRICT")
    kind = CharField(max_length=16, default="season")  # season | connection
    area = AreaField()
    total = MoneyField()          # the sum of the rounded lines
    paid = MoneyField(default=0)  # kept equal to the sum of its allocations (reports read it)
    issued_at = DateTimeField()
    issued_by = CharField(max_length=64)
    business_date = DateField(index=True)
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)

    class Meta:
        indexes = ((("account", "season", "kind"), True),)


class BillLine(Chained):
    bill = ForeignKeyField(Bill, backref="lines", on_delete="RESTRICT")
    seq = IntegerField()
    kind = CharField(max_length=16)
    description = CharField(max_length=128)
    quantity = AreaField()                 # m² (or GJ for metered heat)
    unit_price = MoneyField()
    share = RateField(null=True)           # 30 % for a stopped home, days/season for proration
    days = IntegerField(null=True)
    amount = MoneyField()                  # rounded half-up to the fen, line by line
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)


class Adjustment(Chained):
    """A debit (+) or credit (−) on an account; counts in the ledger once approved."""

    account = ForeignKeyField(Account, backref="adjustments", on_delete="RESTRICT")
    bill = ForeignKeyField(Bill, null=True, backref="adjustments", on_delete="RESTRICT")
    kind = CharField(max_length=24)  # "metered_settlement" is 18
    amount = MoneyField()
    reason = TextField()
    status = CharField(max_length=16, default="proposed", index=True)
    proposed_by = CharField(max_length=64)
    proposed_at = DateTimeField()
    decided_by = CharField(max_length=64, default="")
    decided_at = DateTimeField(null=True)
    business_date = DateField(null=True, index=True)  # the day it entered the ledger
    source = CharField(max_length=16, default="manual")  # manual, recheck, tariff, rule
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)
    # the decision's place and link in the decisions' chain
    decision_no = IntegerField(null=True)
    decision_hash = CharField(max_length=64, null=True)


class Payment(Chained):
    """收据: money taken (amount > 0) or a reversal 红冲 (amount < 0, ``reverses`` set)."""

    receipt_no = CharField(max_length=20, unique=True)
    receipt_year = IntegerField()
    receipt_seq = IntegerField()
    account = ForeignKeyField(Account, backref="payments", on_delete="RESTRICT")
    amount = MoneyField()
    method = CharField(max_length=16)
    tendered = MoneyField(null=True)  # cash handed over
    change = MoneyField(null=True)    # 找零
    cashier = CharField(max_length=64, index=True)
    taken_at = DateTimeField()
    business_date = DateField(index=True)
    reverses = ForeignKeyField("self", null=True, unique=True, backref="reversal",
                               on_delete="RESTRICT")
    reason = TextField(default="")
    # The WeChat, Alipay, card or bank transaction number of a non-cash payment. Added by
    # db/schema_v3.py; the DEFAULT in the table keeps a new database's
    # schema exactly what the migration's ADD COLUMN makes.
    reference = CharField(max_length=64, default="", constraints=[SQL("DEFAULT ''")])
    # Who collected it for us: "" at the window, else the bank, WeChat/Alipay service or post
    # office a payment batch came from (db/schema_v6.py). A reference is unique per source
    # (SOURCE_REFERENCE_INDEX), so a collection file imported twice adds nothing.
    source = CharField(max_length=32, default="", constraints=[SQL("DEFAULT ''")])
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)

    class Meta:
        indexes = ((("receipt_year", "receipt_seq"), True),)


class Allocation(Chained):
    """Which debt a payment settled: a bill, or a debit adjustment such as a late fee."""

    payment = ForeignKeyField(Payment, backref="allocations", on_delete="RESTRICT")
    bill = ForeignKeyField(Bill, null=True, backref="allocations", on_delete="RESTRICT")
    adjustment = ForeignKeyField(Adjustment, null=True, backref="allocations",
                                 on_delete="RESTRICT")
    amount = MoneyField()
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)


class AccountBalance(BaseModel):
    """Running totals per account: billed + adjusted − paid = balance, checked by `check`."""

    account = ForeignKeyField(Account, primary_key=True, backref="balance_row",
                              on_delete="RESTRICT")
    billed = MoneyField(default=0)
    adjusted = MoneyField(default=0)
    paid = MoneyField(default=0)
    balance = MoneyField(default=0)


class ReceiptCounter(BaseModel):
    """The last receipt number of a year, locked in the payment's transaction (gap-free)."""

    year = IntegerField(primary_key=True)
    last_seq = IntegerField(default=0)


class ReceiptPrint(BaseModel):
    """Every printing of a receipt; all but the first are marked 副本 (copy)."""

    payment = ForeignKeyField(Payment, backref="prints", on_delete="RESTRICT")
    printed_at = DateTimeField()
    printed_by = CharField(max_length=64)
    copy = BooleanField(default=False)


class DayClose(Chained):
    """日结 of one cashier's day; the day's entries are locked once it exists."""

    cashier = CharField(max_length=64)
    business_date = DateField()
    closed_at = DateTimeField()
    closed_by = CharField(max_length=64)
    receipt_count = IntegerField()
    first_receipt = CharField(max_length=20, default="")
    last_receipt = CharField(max_length=20, default="")
    total = MoneyField()
    reversal_count = IntegerField(default=0)
    reversal_total = MoneyField(default=0)
    cash_to_hand_over = MoneyField(default=0)
    totals_by_method = TextField(default="{}")  # JSON {method: "yuan"}
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)

    class Meta:
        indexes = ((("cashier", "business_date"), True),)


class MonthClose(Chained):
    """月结 by finance: nothing dated in a closed month can be entered any more."""

    month = CharField(max_length=7, unique=True)  # "2026-11"
    closed_at = DateTimeField()
    closed_by = CharField(max_length=64)
    total = MoneyField()
    totals_by_method = TextField(default="{}")
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)


class OpeningBalance(BaseModel):
    """期初欠费: arrears carried over from the old system, one per account and season name.

    Its debt is a bill of kind "opening" (one line of kind "opening"), so it is dunned, aged
    and paid like any debt; a late fee the old system charged is an approved late-fee
    adjustment on that bill (a fixed amount: nothing accrues on it here). Written once.
    """

    account = ForeignKeyField(Account, backref="opening_balances", on_delete="RESTRICT")
    season_name = CharField(max_length=32)   # as the old system named it, e.g. "2024-2025"
    amount = MoneyField()
    late_fee = MoneyField()
    bill = ForeignKeyField(Bill, unique=True, on_delete="RESTRICT")
    late_fee_adjustment = ForeignKeyField(Adjustment, null=True, on_delete="RESTRICT")
    imported_at = DateTimeField()
    imported_by = CharField(max_length=64)
    file_name = CharField(max_length=255)
    file_digest = CharField(max_length=64)   # sha256 of the file read
    row_no = IntegerField()                  # its row in that file

    class Meta:
        indexes = ((("account", "season_name"), True),)


class DunningContact(BaseModel):
    """催缴 log: every polite contact about arrears, its result and the next step."""

    account = ForeignKeyField(Account, backref="dunning", on_delete="RESTRICT")
    at = DateTimeField()
    by = CharField(max_length=64)
    method = CharField(max_length=16)  # visit, phone, notice
    result = TextField(default="")
    promised_date = DateField(null=True)
    next_follow_up = DateField(null=True, index=True)
    notes = TextField(default="")


class Recheck(BaseModel):
    """现场复核 of a bill on site: confirmed, or a discrepancy with a follow-up."""

    account = ForeignKeyField(Account, backref="rechecks", on_delete="RESTRICT")
    season = ForeignKeyField(Season, null=True, on_delete="RESTRICT")
    bill = ForeignKeyField(Bill, null=True, backref="rechecks", on_delete="RESTRICT")
    checked_at = DateTimeField()
    checked_by = CharField(max_length=64)
    result = CharField(max_length=16)  # confirmed | discrepancy
    billed_area = AreaField()
    measured_area = AreaField(null=True)
    billed_status = CharField(max_length=16)
    status_found = CharField(max_length=16, default="")
    customer_present = BooleanField(default=False)
    customer_signed = BooleanField(default=False)
    notes = TextField(default="")
    follow_up = CharField(max_length=16, default="none")  # none | remeasure | adjustment
    adjustment = ForeignKeyField(Adjustment, null=True, on_delete="RESTRICT")


class RemeasureRequest(BaseModel):
    """面积复测 request raised by a recheck, for customer service to measure jointly."""

    account = ForeignKeyField(Account, backref="remeasure_requests", on_delete="RESTRICT")
    recheck = ForeignKeyField(Recheck, null=True, on_delete="RESTRICT")
    requested_at = DateTimeField()
    requested_by = CharField(max_length=64)
    status = CharField(max_length=16, default="open")
    notes = TextField(default="")


class MeterReading(BaseModel):
    """计量热表读数 of a two-part account for one season (GJ, two decimals).

    Never edited: a correction before settlement is a newer row, which wins; the settlement
    stamps the reading it settled (the only columns that change, once).
    """

    account = ForeignKeyField(Account, backref="meter_readings", on_delete="RESTRICT")
    season = ForeignKeyField(Season, on_delete="RESTRICT")
    start_gj = AreaField()  # hundredths like an area: exact, two decimals
    end_gj = AreaField()
    read_on = DateField()
    read_by = CharField(max_length=64)
    recorded_at = DateTimeField()
    notes = TextField(default="")
    settled_at = DateTimeField(null=True)
    settled_by = CharField(max_length=64, default="")
    adjustment = ForeignKeyField(Adjustment, null=True, on_delete="RESTRICT")

    class Meta:
        indexes = ((("account", "season"), False),)


MODELS = [Bill, BillLine, Adjustment, Payment, Allocation, AccountBalance, ReceiptCounter,
          ReceiptPrint, DayClose, MonthClose, DunningContact, Recheck, RemeasureRequest,
          MeterReading, OpeningBalance]

# A payment's reference is unique per collecting source (window payments, source "", are
# not constrained: a cashier may type the same slip number twice by mistake and reverse it).
SOURCE_REFERENCE_INDEX = ('CREATE UNIQUE INDEX "payment_source_reference" ON "payment" '
                          '("source", "reference") WHERE "source" <> \'\'')


def extra_schema(db: Database) -> None:
    """Issued documents are immutable in the database too, not only in the services."""
    for model in (BillLine, Payment, Allocation, ReceiptPrint, DayClose, MonthClose,
                  DunningContact, Recheck, OpeningBalance):
        write_once(db, model._meta.table_name)
    db.execute_sql(SOURCE_REFERENCE_INDEX)
    # A bill's figures never change; only its running ``paid`` total moves.
    write_once(db, Bill._meta.table_name, columns=BILL_FIXED)
    # An adjustment is decided once (heatoffice.db.chain_guards); what it asks never changes.
    write_once(db, Adjustment._meta.table_name, columns=ADJUSTMENT_FIXED)
    # A reading is what was read; only its settlement stamp is written later.
    write_once(db, MeterReading._meta.table_name,
               columns=("account_id", "season_id", "start_gj", "end_gj", "read_on", "read_by",
                        "recorded_at", "notes"))
