"""Where an account stands: its open debts oldest first, the money and credits not yet set
against them, the late fees accrued but not yet charged, and the early-payment discounts open.

:func:`load` reads one account's ledger (a handful of indexed queries); :func:`compute` and
:func:`settle` are plain functions on what it read. The rules:

- Debts, oldest first: bills by season start (a connection bill by its issue day); within a
  bill its late fees first, then the bill, then other debits attached to it; debits attached
  to no bill by their day.
- A credit adjustment (amount < 0) attached to a bill lowers what that bill still owes (so
  does an early-payment discount; its take-back after a reversal restores it); a credit
  attached to no bill, or more than its bill still owed, is account credit.
- Money of a payment that found no debt (prepayment) and account credit settle later debts
  oldest first. The payment's money is written as allocations of that payment the next time
  the account pays; credit stays unallocated (it has no payment) and is re-applied each time.
- A late fee accrues on a season bill's own unpaid amount (never on fees or other debits).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

from heatoffice.accounts.models import AccountStatusChange
from heatoffice.billing import late_fees
from heatoffice.billing.models import (
    AccountBalance,
    Adjustment,
    Allocation,
    Bill,
    OpeningBalance,
    Payment,
)
from heatoffice.db import chain
from heatoffice.db.connection import database, is_postgres
from heatoffice.money import ZERO, from_fen, round_fen
from heatoffice.seasons.models import Season, Tariff


@dataclass(slots=True)
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


@dataclass(slots=True)
class Source:
    """Money or credit not yet set against a debt."""

    kind: str                 # "payment" | "credit"
    id: int
    day: _dt.date
    remaining: Decimal


@dataclass(slots=True)
class Application:
    source: Source
    debt: Debt
    amount: Decimal
    day: _dt.date             # when it counts for late fees


@dataclass(frozen=True, slots=True)
class BillRow:
    id: int
    kind: str
    total: Decimal
    paid: Decimal
    business_date: _dt.date
    season: str                       # "" for a bill of no season
    season_start: _dt.date | None
    late_fee_rate: Decimal
    late_fee_from: _dt.date | None
    discount_rate: Decimal
    discount_until: _dt.date | None

    @property
    def anchor(self) -> _dt.date:
        """Where the bill stands in the oldest-first order: an opening balance carried from
        the old system before every bill of ours (among themselves in the order imported)."""
        if self.kind == "opening":
            return _dt.date.min
        return self.season_start or self.business_date


@dataclass(frozen=True, slots=True)
class AdjRow:
    id: int
    bill_id: int | None
    kind: str
    amount: Decimal
    business_date: _dt.date


@dataclass(slots=True)
class Ledger:
    """One account's entries as read from the database (money set against debts summed per
    debt and day, so a long history stays a few rows)."""

    account_id: int
    bills: list[BillRow]
    adjustments: list[AdjRow]                                        # approved only
    settled: list[tuple[int | None, int | None, _dt.date, Decimal]]  # bill, adj, day, amount
    unspent: list[tuple[int, _dt.date, Decimal]]   # payment, day, money not yet set against debt
    balance: Decimal
    cut_off: list[late_fees.Period]


@dataclass(slots=True)
class Position:
    ledger: Ledger
    on: _dt.date
    balance: Decimal
    debts: list[Debt]
    applications: list[Application]   # prepayments and credits set against debts, not stored
    free: list[Source]                # what is left of them
    pending_fees: dict[int, Decimal] = field(default_factory=dict)  # bill -> accrued, uncharged
    discounts: dict[int, Decimal] = field(default_factory=dict)     # bill -> open discount


def _maybe_day(value) -> _dt.date | None:
    return None if value is None else _day(value)


def _day(value) -> _dt.date:
    if value.__class__ is str and len(value) == 10:  # SQLite hands back a date as ISO text
        found = _DAYS.get(value)
        if found is None:
            found = _DAYS[value] = _dt.date.fromisoformat(value)
        return found
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])  # a date and time as ISO text


# ISO day text -> date, learnt as a batch's ledgers are read (a few hundred business days)
_DAYS: dict[str, _dt.date] = {}


def _money(value) -> Decimal:
    return from_fen(int(value or 0))


def _rate(value) -> Decimal:
    return Decimal(int(value or 0)).scaleb(-6)


_SQL: dict[str, tuple[str, ...]] = {}


def _queries() -> tuple[str, ...]:
    """The load queries as SQL text, built once per placeholder style: a payment is on the
    clock, and peewee's query building would cost more than running them."""
    p = database.param
    if p not in _SQL:
        t = {m.__name__: m._meta.table_name for m in (Bill, Season, Tariff, Adjustment, Payment,
                                                     Allocation, AccountBalance,
                                                     AccountStatusChange, OpeningBalance)}
        _SQL[p] = (
            # an opening balance is named by the old system's season
            "SELECT b.id, b.kind, b.total, b.paid, b.business_date, "
            "COALESCE(s.name, ob.season_name), s.start_date, "
            "t.late_fee_rate, t.late_fee_from, t.discount_rate, t.discount_until "
            f"FROM {t['Bill']} b LEFT JOIN {t['Season']} s ON s.id = b.season_id "
            f"LEFT JOIN {t['Tariff']} t ON t.id = b.tariff_id "
            f"LEFT JOIN {t['OpeningBalance']} ob ON ob.bill_id = b.id WHERE b.account_id = {p} "
            "ORDER BY b.id",
            f"SELECT id, bill_id, kind, amount, business_date FROM {t['Adjustment']} "
            f"WHERE account_id = {p} AND status = 'approved' ORDER BY id",
            f"SELECT al.bill_id, al.adjustment_id, p.business_date, SUM(al.amount) "
            f"FROM {t['Allocation']} al JOIN {t['Payment']} p ON p.id = al.payment_id "
            f"WHERE p.account_id = {p} GROUP BY al.bill_id, al.adjustment_id, p.business_date",
            # money of payments neither reversed nor reversals, not yet all set against debts
            f"SELECT p.id, p.business_date, p.amount - COALESCE(x.s, 0) FROM {t['Payment']} p "
            f"LEFT JOIN (SELECT al.payment_id, SUM(al.amount) AS s FROM {t['Allocation']} al "
            f"JOIN {t['Payment']} q ON q.id = al.payment_id WHERE q.account_id = {p} "
            "GROUP BY al.payment_id) x ON x.payment_id = p.id "
            # COALESCE keeps SQLite on the account index, not on "all originals" via reverses
            f"WHERE p.account_id = {p} AND COALESCE(p.reverses_id, 0) = 0 "
            "AND p.amount > COALESCE(x.s, 0) "
            f"AND NOT EXISTS (SELECT 1 FROM {t['Payment']} r WHERE r.reverses_id = p.id) "
            "ORDER BY p.id",
            f"SELECT balance FROM {t['AccountBalance']} WHERE account_id = {p}",
            f"SELECT at, from_status, to_status, id FROM {t['AccountStatusChange']} "
            f"WHERE account_id = {p} ORDER BY at, id",
        )
    return _SQL[p]


def _one_query(queries: tuple[str, ...]) -> str:
    """PostgreSQL: the six load queries as one, each one's rows a JSON array of objects
    (columns in order), so that a payment reads its account in one round trip, not six."""
    return "SELECT " + ", ".join(f"(SELECT COALESCE(json_agg(q), '[]') FROM ({sql}) q)"
                                 for sql in queries)


def load(account_id: int) -> Ledger:
    return _load(account_id)[0]


def load_locked(account_id: int) -> tuple[Ledger, chain.Link]:
    """:func:`load`, then the chain heads of the payments' group locked (chain.Link.lock):
    on PostgreSQL in the same statement, after the account's rows, so that a payment pays
    no round trip of its own for the tamper-evident chain."""
    ledger, heads = _load(account_id, chain.REST)
    if heads is None:
        return ledger, chain.Link.lock(chain.REST)
    return ledger, chain.Link.locked([(h["chain"], h["last_id"], h["last_hash"])
                                      for h in heads], chain.REST)


def _load(account_id: int, heads: tuple[str, ...] = ()) -> tuple[Ledger, list[dict] | None]:
    """The ledger and, on PostgreSQL, the rows of the ``heads`` locked (None: not read)."""
    queries = _queries()
    q_bills, q_adjs, q_settled, q_unspent, q_balance, q_status = queries
    locked = None
    if is_postgres():
        key = "pg:" + ",".join(heads)
        if key not in _SQL:
            sql = _one_query(queries)
            if heads:  # the heads' locking read last: they are held only from here on
                sql += (", (SELECT COALESCE(json_agg(h), '[]') FROM "
                        f"({chain.Link.lock_sql(heads)}) h)")
            _SQL[key] = (sql,)
        found_rows = database.execute_sql(_SQL[key][0], (account_id,) * 7 + heads).fetchone()
        if heads:
            *found_rows, locked = found_rows
        answers = {sql: [tuple(row.values()) for row in got]
                   for sql, got in zip(queries, found_rows, strict=True)}
        # An aggregate keeps no order it is not told: sorted again as the queries sort.
        for sql in (q_bills, q_adjs, q_unspent):
            answers[sql].sort(key=lambda row: row[0])
        answers[q_status].sort(key=lambda row: (row[0], row[3]))

        def rows(sql: str, n: int = 1) -> list[tuple]:
            return answers[sql]
    else:
        def rows(sql: str, n: int = 1) -> list[tuple]:
            return database.execute_sql(sql, (account_id,) * n).fetchall()

    return _ledger(account_id, rows(q_bills), rows(q_adjs), rows(q_settled), rows(q_unspent, 2),
                   rows(q_balance), rows(q_status)), locked


def _ledger(account_id: int, bill_rows, adj_rows, settled_rows, unspent_rows, balance_rows,
            status_rows) -> Ledger:
    bills = [BillRow(i, kind, _money(total), _money(paid), _day(day), name or "",
                     _maybe_day(start), _rate(lf_rate), _maybe_day(lf_from), _rate(d_rate),
                     _maybe_day(d_until))
             for i, kind, total, paid, day, name, start, lf_rate, lf_from, d_rate, d_until
             in bill_rows]
    adjustments = [AdjRow(i, bill_id, kind, _money(amount), _day(day))
                   for i, bill_id, kind, amount, day in adj_rows]
    settled = [(bill_id, adj_id, _day(day), _money(amount))
               for bill_id, adj_id, day, amount in settled_rows]
    unspent = [(i, _day(day), _money(left)) for i, day, left in unspent_rows]
    changes = [(_day(at), f, t) for at, f, t, _id in status_rows]
    return Ledger(account_id, bills, adjustments, settled, unspent,
                  _money(balance_rows[0][0]) if balance_rows else ZERO,
                  late_fees.cut_off_periods(changes))


CHUNK = 500


def load_many(account_ids: list[int]) -> dict[int, Ledger]:
    """:func:`load` for many accounts at once (a payment batch): the same six queries over
    ``account_id IN (…)`` in chunks, their rows grouped by account."""
    out: dict[int, Ledger] = {}
    ids = sorted(set(account_ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        found: list[dict[int, list[tuple]]] = []
        for sql in _many_queries(len(part)):
            grouped: dict[int, list[tuple]] = {}
            params = part * sql.count(" IN (")
            for row in database.execute_sql(sql, params).fetchall():
                grouped.setdefault(row[0], []).append(tuple(row[1:]))
            found.append(grouped)
        bills, adjs, settled, unspent, balance, status = found
        for a in part:
            out[a] = _ledger(a, sorted(bills.get(a, []), key=lambda r: r[0]),
                             sorted(adjs.get(a, []), key=lambda r: r[0]), settled.get(a, []),
                             sorted(unspent.get(a, []), key=lambda r: r[0]), balance.get(a, []),
                             sorted(status.get(a, []), key=lambda r: (str(r[0]), r[3])))
    return out


def _many_queries(n: int) -> tuple[str, ...]:
    p = database.param
    key = f"many:{p}:{n}"
    if key not in _SQL:
        marks = ", ".join([p] * n)
        t = {m.__name__: m._meta.table_name for m in (Bill, Season, Tariff, Adjustment, Payment,
                                                     Allocation, AccountBalance,
                                                     AccountStatusChange, OpeningBalance)}
        _SQL[key] = (
            "SELECT b.account_id, b.id, b.kind, b.total, b.paid, b.business_date, "
            "COALESCE(s.name, ob.season_name), s.start_date, "
            "t.late_fee_rate, t.late_fee_from, t.discount_rate, t.discount_until "
            f"FROM {t['Bill']} b LEFT JOIN {t['Season']} s ON s.id = b.season_id "
            f"LEFT JOIN {t['Tariff']} t ON t.id = b.tariff_id "
            f"LEFT JOIN {t['OpeningBalance']} ob ON ob.bill_id = b.id "
            f"WHERE b.account_id IN ({marks})",
            f"SELECT account_id, id, bill_id, kind, amount, business_date FROM "
            f"{t['Adjustment']} WHERE account_id IN ({marks}) AND status = 'approved'",
            f"SELECT p.account_id, al.bill_id, al.adjustment_id, p.business_date, "
            f"SUM(al.amount) FROM {t['Allocation']} al JOIN {t['Payment']} p "
            f"ON p.id = al.payment_id WHERE p.account_id IN ({marks}) "
            "GROUP BY p.account_id, al.bill_id, al.adjustment_id, p.business_date",
            f"SELECT p.account_id, p.id, p.business_date, p.amount - COALESCE(x.s, 0) "
            f"FROM {t['Payment']} p LEFT JOIN (SELECT al.payment_id, SUM(al.amount) AS s "
            f"FROM {t['Allocation']} al JOIN {t['Payment']} q ON q.id = al.payment_id "
            f"WHERE q.account_id IN ({marks}) GROUP BY al.payment_id) x "
            f"ON x.payment_id = p.id WHERE p.account_id IN ({marks}) "
            "AND COALESCE(p.reverses_id, 0) = 0 AND p.amount > COALESCE(x.s, 0) "
            f"AND NOT EXISTS (SELECT 1 FROM {t['Payment']} r WHERE r.reverses_id = p.id)",
            f"SELECT account_id, balance FROM {t['AccountBalance']} "
            f"WHERE account_id IN ({marks})",
            f"SELECT account_id, at, from_status, to_status, id FROM "
            f"{t['AccountStatusChange']} WHERE account_id IN ({marks})",
        )
    return _SQL[key]


def discount_reason(receipt_no: str) -> str:
    """The reason of the discount a payment earned; a reversal finds it by this text."""
    return f"提前缴费优惠（收据 {receipt_no}）"


def against_bill(adj: AdjRow | Adjustment) -> bool:
    """Whether an adjustment attached to a bill lowers (or restores) what the bill owes, rather
    than being a debt of its own: credits, and discounts with their take-backs."""
    return adj.bill_id is not None and (adj.amount < 0 or adj.kind == "discount")


def _debts_and_sources(led: Ledger) -> tuple[list[Debt], list[Source]]:
    by_bill = {b.id: b for b in led.bills}
    bill_alloc: dict[int, Decimal] = {}
    adj_alloc: dict[int, Decimal] = {}
    for bill_id, adj_id, _when, amount in led.settled:
        if bill_id is not None:
            bill_alloc[bill_id] = bill_alloc.get(bill_id, ZERO) + amount
        elif adj_id is not None:
            adj_alloc[adj_id] = adj_alloc.get(adj_id, ZERO) + amount
    credits: dict[int, tuple[Decimal, _dt.date]] = {}
    debts: list[Debt] = []
    sources: list[Source] = []
    for adj in led.adjustments:
        if adj.bill_id is not None and adj.bill_id in by_bill and against_bill(adj):
            total, day = credits.get(adj.bill_id, (ZERO, adj.business_date))
            credits[adj.bill_id] = (total - adj.amount, max(day, adj.business_date))
        elif adj.amount < 0:
            sources.append(Source("credit", adj.id, adj.business_date, -adj.amount))
        else:
            bill = by_bill.get(adj.bill_id) if adj.bill_id is not None else None
            if bill is not None:
                rank = 0 if adj.kind == "late_fee" else 2
                sort = (bill.anchor, 0, bill.id, rank, adj.id)
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
        debts.append(Debt("bill", bill.id, bill.id, (bill.anchor, 0, bill.id, 1, bill.id),
                          bill.total, open_, bill.business_date))
    sources += [Source("payment", pay_id, day, left) for pay_id, day, left in led.unspent]
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


def _principal_events(bill: BillRow, led: Ledger, virtual: list[Application]):
    yield bill.business_date, bill.total
    for bill_id, _adj, day, amount in led.settled:
        if bill_id == bill.id:
            yield max(day, bill.business_date), -amount
    for adj in led.adjustments:
        if adj.bill_id == bill.id and against_bill(adj):
            yield max(adj.business_date, bill.business_date), adj.amount
    for app in virtual:
        if app.debt.kind == "bill" and app.debt.id == bill.id:
            yield app.day, -app.amount


def accrued_fee(bill: BillRow, led: Ledger, virtual: list[Application],
                on: _dt.date) -> Decimal:
    """The late fee a season bill has accrued through ``on`` (charged or not)."""
    if bill.kind != "season" or not bill.late_fee_rate or bill.late_fee_from is None:
        return ZERO
    start = late_fees.fee_start(bill.late_fee_from, bill.season_start, bill.business_date)
    timeline = late_fees.unpaid_from_events(_principal_events(bill, led, virtual))
    return late_fees.late_fee(timeline, bill.late_fee_rate, start, on, led.cut_off)


def open_discount(bill: BillRow, led: Ledger, on: _dt.date) -> Decimal:
    """The early-payment discount settling ``bill`` on ``on`` would earn (0 if none)."""
    if (bill.kind != "season" or not bill.discount_rate or bill.discount_until is None
            or on > bill.discount_until):
        return ZERO
    # Once per bill: a discount given and not taken back by a reversal blocks another.
    if sum((a.amount for a in led.adjustments
            if a.bill_id == bill.id and a.kind == "discount"), ZERO):
        return ZERO
    return round_fen(bill.total * bill.discount_rate)


def compute(led: Ledger, on: _dt.date) -> Position:
    debts, sources = _debts_and_sources(led)
    virtual, _ = settle(debts, sources)
    pos = Position(led, on, led.balance, debts, virtual, [s for s in sources if s.remaining > 0])
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
