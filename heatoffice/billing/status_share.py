"""报停/复供 in the middle of a season: the share of the fee is billed from the change's day.

A season bill is issued for the status the account has on the season's first day (the run
reads it from the status history, :func:`start_statuses`). A change between billed statuses
(heating, stopped, cut off) that takes effect after that day is settled by an approved rule
adjustment on the bill: the fee of the new status minus that of the old one for the days from
the change's day to the season's end, prorated by days exactly like a mid-season
connection's bill (:func:`heatoffice.billing.calc.status_correction`). A debit (补收) for a
resume, a credit (减免/退费) for a stop; source "rule", so no clerk proposes or approves it,
and nothing else makes a debit or credit of that source.

:func:`settle` is a reconciliation, not an event: it computes what the bill's status changes
come to and posts only what the bill's earlier status adjustments do not yet carry. So it is
idempotent (applying the same change twice charges nothing) and the order does not matter: a
change made before the season is billed (settled by the run) and one made after (settled
when it is made) end in the same amount. Opening and closing (pending, closed) are not
prorated here: a pending account is billed from its connection day, a closed one is not
billed for a season not billed yet, and a season billed before the close keeps its bill.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal

from peewee import JOIN, fn

from heatoffice import clock, glossary
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account, AccountStatusChange
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.billing import calc, closing, ledger
from heatoffice.billing.models import Adjustment, Bill, BillLine
from heatoffice.db.connection import database
from heatoffice.money import format_yuan, from_fen, to_fen
from heatoffice.seasons.models import Season, Tariff
from heatoffice.seasons.service import current_tariff

BILLED = ("heating", "stopped", "cut_off")
SOURCE = "rule"
KINDS = ("debit", "credit")
SYSTEM = "system"

Change = tuple[_dt.date, str, str]


def _changes(after: _dt.date, account_ids: Iterable[int] | None = None) -> dict[int, list[Change]]:
    """Per account, the changes between billed statuses that took effect after ``after``, in
    the order they took effect."""
    since = _dt.datetime.combine(after + _dt.timedelta(days=1), _dt.time())
    q = (AccountStatusChange.select(AccountStatusChange.account, AccountStatusChange.at,
                                    AccountStatusChange.from_status,
                                    AccountStatusChange.to_status)
         .where(AccountStatusChange.at >= since,
                AccountStatusChange.from_status.in_(BILLED),
                AccountStatusChange.to_status.in_(BILLED))
         .order_by(AccountStatusChange.account, AccountStatusChange.at,
                   AccountStatusChange.id))
    if account_ids is not None:
        q = q.where(AccountStatusChange.account.in_(list(account_ids)))
    out: dict[int, list[Change]] = {}
    for account_id, at, old, new in q.tuples():
        day = at.date() if isinstance(at, _dt.datetime) else _dt.date.fromisoformat(str(at)[:10])
        out.setdefault(account_id, []).append((day, old, new))
    return out


def start_statuses(season: Season) -> tuple[dict[int, str], list[int]]:
    """For the billing run: the accounts billed today whose status on the season's first day
    was another (status history), that status; and the accounts with a change inside the
    season, whose bills :func:`settle` then completes. Both are few."""
    changes = _changes(season.start_date)
    if not changes:
        return {}, []
    current = dict(Account.select(Account.id, Account.status)
                   .where(Account.id.in_(list(changes)), Account.status.in_(BILLED)).tuples())
    first: dict[int, str] = {}
    inside: list[int] = []
    for account_id, rows in changes.items():
        if account_id not in current:
            continue  # pending or closed today: the run does not bill it
        if rows[0][1] != current[account_id]:
            first[account_id] = rows[0][1]
        if rows[0][0] <= season.end_date:
            inside.append(account_id)
    return first, sorted(inside)


def _label(status: str) -> str:
    return glossary.label("account_status", status, "zh")


def _history(account_ids: list[int]) -> dict[int, list[Change]]:
    """Every status change of the accounts, in the order they took effect."""
    q = (AccountStatusChange.select(AccountStatusChange.account, AccountStatusChange.at,
                                    AccountStatusChange.from_status,
                                    AccountStatusChange.to_status)
         .where(AccountStatusChange.account.in_(account_ids))
         .order_by(AccountStatusChange.account, AccountStatusChange.at,
                   AccountStatusChange.id))
    out: dict[int, list[Change]] = {}
    for account_id, at, old, new in q.tuples():
        out.setdefault(account_id, []).append((_day(at), old, new))
    return out


def _day(at: object) -> _dt.date:
    return at.date() if isinstance(at, _dt.datetime) else _dt.date.fromisoformat(str(at)[:10])


def status_on(rows: list[Change], day: _dt.date) -> str:
    """The status the history says the account had on ``day`` ("" when it does not say)."""
    before = [new for d, _old, new in rows if d <= day]
    if before:
        return before[-1]
    return next((old or "" for d, old, _new in rows if d > day), "")


def settle(actor: Actor, account_ids: Iterable[int], *, season_id: int | None = None,
           note: str = "") -> list[Adjustment]:
    """Bring each season bill of the accounts (of one season, or all) to the share its status
    history calls for: the status on the season's first day when the bill was issued for
    another (a stop done after the run for the season's first day) and the changes inside
    the season; one approved rule adjustment per bill that needs one, audited; nothing when
    the bill carries it already. Runs in the caller's transaction."""
    ids = sorted(set(account_ids))
    if not ids:
        return []
    q = (Bill.select(Bill.id, Bill.account, Bill.area, Season.id, Season.name,
                     Season.start_date, Season.end_date, Tariff.category, Account.low_income,
                     Account.connected_on, BillLine.kind)
         .join(Season).switch(Bill).join(Tariff).switch(Bill).join(Account)
         .switch(Bill).join(BillLine, JOIN.LEFT_OUTER,
                            on=((BillLine.bill == Bill.id) & (BillLine.seq == 1)))
         .where(Bill.account.in_(ids), Bill.kind == "season").order_by(Bill.id))
    if season_id is not None:
        q = q.where(Bill.season == season_id)
    bills = list(q.tuples())
    if not bills:
        return []
    earlier = dict(Adjustment.select(Adjustment.bill, fn.SUM(Adjustment.amount).coerce(False))
                   .where(Adjustment.bill.in_([b[0] for b in bills]),
                          Adjustment.source == SOURCE, Adjustment.kind.in_(KINDS),
                          Adjustment.status == "approved")
                   .group_by(Adjustment.bill).tuples())
    history = _history(ids)
    now, today = clock.now(), clock.today()
    made: list[Adjustment] = []
    for (bill_id, account_id, area, season, name, start, end, category, low_income,
         connected, base_kind) in bills:
        rows = history.get(account_id, [])
        changes = [(d, old, new) for d, old, new in rows
                   if start < d <= end and old in BILLED and new in BILLED]
        billed = "stopped" if base_kind == "stopped" else "heating"
        first = status_on(rows, start)
        if first not in BILLED or calc.BILLABLE[first] == calc.BILLABLE[billed]:
            first = billed  # pending, closed or unknown then; or billed the same either way
        tariff = current_tariff(season, category)
        if tariff is None:
            continue
        due = calc.status_correction(calc.TariffTerms.from_tariff(tariff),
                                     to_fen(area), bool(low_income), connected, start, end,
                                     changes, billed=billed, first=first)
        delta = due - int(earlier.get(bill_id) or 0)
        if delta == 0:
            continue
        closing.ensure_month_open(today)
        told = [f"{d.isoformat()} {_label(a)}→{_label(b)}" for d, a, b in changes]
        if first != billed:
            told.insert(0, f"开季 {start.isoformat()} {_label(first)}（开票时按"
                           f"{_label(billed)}）")
        reason = (f"{name} 状态变更按天计收：{'；'.join(told) or '无'}"
                  + (f"（{note}）" if note else ""))
        amount = from_fen(delta)
        adj = Adjustment.create(account=account_id, bill=bill_id,
                                kind="debit" if delta > 0 else "credit", amount=amount,
                                reason=reason[:2000], status="approved", proposed_by=SYSTEM,
                                proposed_at=now, decided_by=SYSTEM, decided_at=now,
                                business_date=today, source=SOURCE)
        ledger.post(account_id, adjusted=amount)
        audit.record(actor, "billing.status_share", "adjustment", adj.id,
                     after=audit.snapshot(adj), note=f"{reason} {format_yuan(amount)}")
        made.append(adj)
    return made


def resettle_season(actor: Actor, season: Season) -> list[Adjustment]:
    """Settle again the season's bills that carry status adjustments or status changes, at
    the season's current tariff (a new tariff version reprices them too)."""
    _first, inside = start_statuses(season)
    carried = (Adjustment.select(Adjustment.account).join(Bill, on=(Adjustment.bill == Bill.id))
               .where(Bill.season == season.id, Adjustment.source == SOURCE,
                      Adjustment.kind.in_(KINDS), Adjustment.status == "approved"))
    ids = set(inside) | {a for (a,) in carried.tuples()}
    return settle(actor, ids, season_id=season.id)


def change_status(actor: Actor, account_id: int, to_status: str, reason: str, *,
                  on: _dt.date | None = None) -> tuple[Account, list[Adjustment]]:
    """:func:`heatoffice.accounts.service.change_status` and, in the same transaction, the
    share of the fee it changes in the seasons already billed. Every status change the
    desk makes goes through here (the CLI, a done application)."""
    with database.atomic():
        account = accounts.change_status(actor, account_id, to_status, reason, on=on)
        made = settle(actor, [account.id], note=reason)
    return account, made


def corrections(account_id: int) -> Decimal:
    """What the account's status adjustments come to (for tests and the card)."""
    total = (Adjustment.select(fn.SUM(Adjustment.amount).coerce(False))
             .where(Adjustment.account == account_id, Adjustment.source == SOURCE,
                    Adjustment.kind.in_(KINDS), Adjustment.status == "approved").scalar())
    return Adjustment.amount.python_value(total or 0)
