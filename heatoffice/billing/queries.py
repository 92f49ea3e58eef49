"""Fee-ledger reads for the pages: what an account owes and its ledger, payments, bills,
adjustments waiting, dunning and recheck logs, season totals, the day and month close. Each
call takes the actor, checks a view permission and returns plain values."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from heatoffice.accounts.models import Account
from heatoffice.audit import seals as ledger_seals
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.names import display_name
from heatoffice.auth.permissions import require
from heatoffice.billing import adjustments, closing, dunning, recheck, statement
from heatoffice.billing.account_statement import (  # noqa: F401  (the desk prints it)
    account_statement,
)
from heatoffice.billing.adjustments import MANUAL_KINDS  # noqa: F401  (the pages' choices)
from heatoffice.billing.arrears import (  # noqa: F401  (the arrears list is a read too)
    COLLECTOR_KIND,
    ArrearsResult,
    ArrearsTotals,
    arrears_list,
)
from heatoffice.billing.card import AccountCard, account_card  # noqa: F401  (客户卡片)
from heatoffice.billing.models import (
    Adjustment,
    Bill,
    MonthClose,
    Payment,
    Recheck,
)
from heatoffice.billing.recheck import (  # noqa: F401  (the bills to recheck are a read too)
    RecheckRow,
    recheck_rows,
)
from heatoffice.billing.statement import Owed, StatementRow
from heatoffice.money import from_fen
from heatoffice.seasons.models import Season, Tariff

# --- one account at the window --------------------------------------------------------------

def owed(actor: Actor, account_id: int, on: _dt.date | None = None) -> Owed:
    """What the account owes today (balance, late fees, discount, what settles it)."""
    require(actor, "billing.view")
    return statement.owed(account_id, on)


def ledger(actor: Actor, account_id: int, *, lang: str | None = None) -> list[StatementRow]:
    """The account's ledger (分户账) with its running balance."""
    return statement.statement(actor, account_id, lang=lang)


@dataclass(frozen=True)
class PaymentInfo:
    """A receipt: a payment, or a reversal (negative, ``reverses_id`` set)."""

    id: int
    receipt_no: str
    account_id: int
    amount: Decimal
    method: str
    cashier: str
    business_date: _dt.date
    reverses_id: int | None
    reversed_by: str  # the receipt number of its reversal, "" if none

    @property
    def reversible(self) -> bool:
        return self.reverses_id is None and not self.reversed_by


def payment(actor: Actor, payment_id: int) -> PaymentInfo | None:
    require(actor, "billing.view")
    p = Payment.get_or_none(Payment.id == payment_id)
    if p is None:
        return None
    reversal = Payment.select(Payment.receipt_no).where(Payment.reverses == p.id).first()
    return PaymentInfo(p.id, p.receipt_no, p.account_id, p.amount, p.method, p.cashier,
                       p.business_date, p.reverses_id,
                       reversal.receipt_no if reversal is not None else "")


@dataclass(frozen=True)
class BillChoice:
    id: int
    season: str  # "" for a bill of no season (a connection fee)
    kind: str
    total: Decimal


def bills_of(actor: Actor, account_id: int) -> list[BillChoice]:
    """The account's bills, oldest first."""
    require(actor, "billing.view")
    rows = (Bill.select(Bill.id, Season.name, Bill.kind, Bill.total)
            .join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
            .where(Bill.account == account_id).order_by(Bill.id).tuples())
    return [BillChoice(i, name or "", kind, total) for i, name, kind, total in rows]


# --- adjustments ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PendingAdjustment:
    id: int
    account_id: int
    account_no: str
    name: str
    bill_id: int | None
    kind: str
    amount: Decimal
    reason: str
    source: str
    proposed_by: str
    proposed_at: _dt.datetime


def pending_adjustments(actor: Actor, account_id: int | None = None,
                        ) -> list[PendingAdjustment]:
    """Adjustments waiting for a decision, oldest first, with their accounts."""
    waiting = adjustments.pending(actor, account_id)
    names = {i: (no, name) for i, no, name in Account.select(
        Account.id, Account.account_no, Account.name)
        .where(Account.id.in_({a.account_id for a in waiting})).tuples()} if waiting else {}
    return [PendingAdjustment(a.id, a.account_id, *names.get(a.account_id, ("", "")),
                              a.bill_id, a.kind, a.amount, a.reason, a.source, a.proposed_by,
                              a.proposed_at) for a in waiting]


def adjustment_mark(actor: Actor) -> int:
    """The newest adjustment's id: what a later :func:`tariff_changes_since` counts from."""
    require(actor, "billing.view")
    return Adjustment.select(fn.MAX(Adjustment.id)).scalar() or 0


def tariff_changes_since(actor: Actor, mark: int) -> tuple[int, Decimal]:
    """How many tariff-change adjustments were booked after ``mark``, and their total."""
    require(actor, "billing.view")
    count, fen = (Adjustment.select(fn.COUNT(Adjustment.id),
                                    fn.SUM(Adjustment.amount).coerce(False))
                  .where(Adjustment.id > mark, Adjustment.kind == "tariff_change")
                  .tuples().first())
    return count or 0, from_fen(int(fen or 0))


# --- seasons' bills ------------------------------------------------------------------------

def season_bill_totals(actor: Actor) -> dict[int, tuple[int, Decimal]]:
    """Per season id: how many season bills were issued, and their total."""
    require(actor, "billing.view")
    rows = (Bill.select(Bill.season, fn.COUNT(Bill.id), fn.SUM(Bill.total).coerce(False))
            .where(Bill.kind == "season").group_by(Bill.season).tuples())
    return {s: (n, from_fen(int(fen or 0))) for s, n, fen in rows}


def billed_count(actor: Actor, season_id: int, category: str) -> int:
    """Season bills issued to accounts of ``category`` (a tariff change then books the
    difference as adjustments)."""
    require(actor, "billing.view")
    return (Bill.select().join(Tariff)
            .where(Bill.season == season_id, Bill.kind == "season",
                   Tariff.category == category).count())


# --- dunning and rechecks ------------------------------------------------------------------

@dataclass(frozen=True)
class DunningEntry:
    id: int
    at: _dt.datetime
    by: str
    method: str
    result: str
    promised_date: _dt.date | None
    next_follow_up: _dt.date | None
    notes: str


def dunning_log(actor: Actor, account_id: int) -> list[DunningEntry]:
    """The account's dunning contacts, newest first."""
    return [DunningEntry(c.id, c.at, c.by, c.method, c.result, c.promised_date,
                         c.next_follow_up, c.notes)
            for c in dunning.contacts(actor, account_id)]


@dataclass(frozen=True)
class LastRecheck:
    checked_at: _dt.datetime
    result: str
    follow_up: str


def last_rechecks(actor: Actor, season_id: int, account_ids: list[int],
                  ) -> dict[int, LastRecheck]:
    """Per account: its latest recheck of the season's bill."""
    require(actor, "billing.view")
    last: dict[int, LastRecheck] = {}
    if not account_ids:
        return last
    for account_id, at, result, follow_up in (
            Recheck.select(Recheck.account, Recheck.checked_at, Recheck.result,
                           Recheck.follow_up)
            .where(Recheck.season == season_id, Recheck.account.in_(account_ids))
            .order_by(Recheck.checked_at, Recheck.id).tuples()):
        last[account_id] = LastRecheck(at, result, follow_up)
    return last


def suggested_adjustment(actor: Actor, bill_id: int, measured_area: Any) -> Decimal:
    """The adjustment a recheck suggests: the bill repriced for the measured area."""
    require(actor, "billing.view")
    return recheck.suggested_adjustment(bill_id, measured_area)


# --- 日清月结: the day and month close -----------------------------------------------------
@dataclass(frozen=True)
class DayState:
    """What one cashier took on one business day, and whether it is closed."""

    cashier: str
    business_date: _dt.date
    receipt_count: int
    payment_count: int
    first_receipt: str
    last_receipt: str
    totals_by_method: tuple[tuple[str, Decimal], ...]  # net of reversals, methods in order
    gross_total: Decimal
    reversal_count: int
    reversal_total: Decimal
    total: Decimal
    cash_to_hand_over: Decimal
    closed_at: _dt.datetime | None
    closed_by: str
    seal: str = ""                  # the ledger's seal the close made (audit.seals)
    closed_by_name: str = ""        # who closed it, by display name (the login if none)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


def day_state(actor: Actor, cashier: str, business_date: _dt.date) -> DayState:
    require(actor, "closing.view")
    s = closing.day_summary(cashier, business_date)
    return DayState(
        s.cashier, s.business_date, s.receipt_count, s.payment_count, s.first_receipt,
        s.last_receipt, tuple(s.totals_by_method.items()), s.gross_total, s.reversal_count,
        s.reversal_total, s.total, s.cash_to_hand_over,
        s.closed.closed_at if s.closed is not None else None,
        s.closed.closed_by if s.closed is not None else "",
        ledger_seals.code_of("day_close", s.closed.id) if s.closed is not None else "",
        display_name(s.closed.closed_by) if s.closed is not None else "")


@dataclass(frozen=True)
class MonthState:
    month: str
    closed_at: _dt.datetime | None
    closed_by: str
    total: Decimal | None                            # the closed month's total
    open_days: tuple[tuple[str, _dt.date], ...]      # (cashier, day) with receipts, not closed
    seal: str = ""                                   # the ledger's seal the close made
    closed_by_name: str = ""                         # who closed it, by display name

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


def month_state(actor: Actor, month: str) -> MonthState:
    """The month "YYYY-MM" (UserError billing.month_format otherwise)."""
    require(actor, "closing.view")
    first, _last = closing.month_bounds(month)
    key = closing.month_key(first)
    still_open = tuple(closing.open_days(key))
    done = MonthClose.get_or_none(MonthClose.month == key)
    if done is None:
        return MonthState(key, None, "", None, still_open)
    return MonthState(key, done.closed_at, done.closed_by, done.total, still_open,
                      ledger_seals.code_of("month_close", done.id),
                      display_name(done.closed_by))


def cashiers(actor: Actor) -> list[tuple[str, str]]:
    """(username, display name) of the actor, and for whoever may close others' days, of
    everyone who took payments or may take them; by username."""
    require(actor, "closing.view")
    names = {actor.username: actor.display_name or ""}
    if closing.may_close_for_others(actor):
        for (username,) in Payment.select(Payment.cashier).distinct().tuples():
            names.setdefault(username, "")
        for username, shown in (User.select(User.username, User.display_name)
                                .where(User.role.in_(["cashier", "finance"])).tuples()):
            names[username] = shown or ""
    return sorted(names.items())
