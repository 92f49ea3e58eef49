"""The season billing run: one bill per billable account, set-based, atomic and cancellable."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import SQL, Case, fn

from heatoffice import clock
from heatoffice.accounts.models import CATEGORIES, Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import calc, ledger
from heatoffice.billing.models import Bill, BillLine
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import format_yuan, from_fen
from heatoffice.seasons import service as seasons

CHUNK = 20_000

Progress = Callable[[int, int], Any]

BILL_COLUMNS = ("id", "account_id", "season_id", "tariff_id", "kind", "area", "total", "paid",
                "issued_at", "issued_by", "business_date")
LINE_COLUMNS = ("bill_id", "seq", "kind", "description", "quantity", "unit_price", "share",
                "days", "amount")


@dataclass(frozen=True)
class RunResult:
    """``billed`` bills issued by this run, ``skipped`` accounts without a bill for the season
    that are not billable (pending, closed, no area, connected after the season), ``total``
    the sum of the new bills."""

    billed: int
    skipped: int
    total: Decimal


def _as_date(value: Any) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise UserError("cancelled")


def _unbilled(season: Any) -> list[tuple]:
    """Every account without a season bill for ``season``: (id, category, status, area in
    hundredths of m², low_income, connected_on) in one query.

    connected_on is given only when it falls after the season's first day: an earlier
    connection bills exactly like none, and leaving it out lets the per-combination cache
    hit. The rows come straight from the DB-API cursor: peewee's ``.tuples()`` would run a
    converter per column per row, a third of the run's time at city scale. So low_income is
    0/1 or a bool and connected_on an ISO text (SQLite) or a date (PostgreSQL); the caller
    converts them once per distinct combination.
    """
    has_bill = (Bill.select(SQL("1"))
                .where(Bill.account == Account.id, Bill.season == season.id,
                       Bill.kind == "season"))
    connected = Case(None, [(Account.connected_on > season.start_date, Account.connected_on)],
                     None)
    query = (Account.select(Account.id, Account.category, Account.status,
                            Account.heating_area, Account.low_income, connected)
             .where(~fn.EXISTS(has_bill))
             .order_by(Account.id))
    return database.execute(query).fetchall()


class _Writer:
    """INSERTs through the DB-API cursor: executemany on SQLite, execute_values on PostgreSQL."""

    def __init__(self) -> None:
        self.db = database.obj
        self.cursor = self.db.cursor()
        self.postgres = is_postgres(self.db)
        p = self.db.param
        bill, line = Bill._meta.table_name, BillLine._meta.table_name
        self.bill_sql = (f'INSERT INTO "{bill}" ({", ".join(BILL_COLUMNS)}) VALUES '
                         + ("%s" if self.postgres else f"({', '.join([p] * len(BILL_COLUMNS))})"))
        self.line_sql = (f'INSERT INTO "{line}" ({", ".join(LINE_COLUMNS)}) VALUES '
                         + ("%s" if self.postgres else f"({', '.join([p] * len(LINE_COLUMNS))})"))
        if not self.postgres:
            self.cursor.execute(f'SELECT MAX(id) FROM "{bill}"')
            self.next_id = (self.cursor.fetchone()[0] or 0) + 1

    def stamps(self, now: _dt.datetime, today: _dt.date) -> tuple[Any, Any]:
        """``now`` and ``today`` as the driver would pass them, adapted once for all rows."""
        if self.postgres:
            return now, today
        return now.isoformat(" "), today.isoformat()

    def ids(self, n: int) -> list[int]:
        """``n`` fresh bill ids. SQLite: the run holds the write lock, so MAX(id)+1 on are free;
        PostgreSQL: drawn from the table's sequence, so concurrent inserts stay correct."""
        if not n:
            return []
        if self.postgres:
            self.cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                                "FROM generate_series(1, %s)", (Bill._meta.table_name, n))
            return [row[0] for row in self.cursor.fetchall()]
        first, self.next_id = self.next_id, self.next_id + n
        return list(range(first, first + n))

    def write(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        if self.postgres:
            from psycopg2.extras import execute_values

            execute_values(self.cursor, sql, rows, page_size=5000)
        else:
            self.cursor.executemany(sql, rows)


def run_season_billing(actor: Actor, season_id: int, *,
                       progress: Progress | None = None) -> RunResult:
    """Bill every billable account of the season that has no season bill yet.

    All or nothing in one transaction; ``progress(done, total)`` is called after each batch
    of accounts and returning False cancels the run (UserError "cancelled", nothing kept).
    Running it again bills only accounts added or made billable since.
    """
    require(actor, "billing.run")
    season = seasons.get_season(season_id)
    now, today = clock.now(), clock.today()
    start, end = season.start_date, season.end_date
    with database.atomic():
        season = seasons.lock_season(season.id)
        tariffs = {c: seasons.current_tariff(season.id, c) for c in CATEGORIES}
        terms = {c: calc.TariffTerms.from_tariff(t) for c, t in tariffs.items() if t}
        accounts = _unbilled(season)
        total_accounts = len(accounts)
        _report(progress, 0, total_accounts)
        writer = _Writer()
        issued_at, business_date = writer.stamps(now, today)
        # (category, status, area, low_income, connected_on) -> (the bill row after its id
        # and account, total fen, line rows after the bill id), or None when not billable.
        # bill_lines is pure, so equal inputs give equal bills: the cache changes only time.
        cache: dict[tuple, tuple | None] = {}

        def compute(key: tuple) -> tuple | None:
            category, status, area, low_income, connected = key
            connected = _as_date(connected)
            if not calc.is_billable(status, area, connected, end):
                return None
            if category not in terms:
                label = CATEGORIES.get(category, (category,))[0]
                raise UserError("billing.no_tariff", season=season.name, category=label)
            rows = calc.line_rows(terms[category], status, area, bool(low_income), connected,
                                  start, end)
            fen = sum(row[-1] for row in rows)
            tail = (season.id, tariffs[category].id, "season", area, fen, 0, issued_at,
                    actor.username, business_date)
            return tail, fen, tuple((seq, *row) for seq, row in enumerate(rows, 1))

        billed = skipped = total_fen = 0
        for offset in range(0, total_accounts, CHUNK):
            account_ids: list[int] = []
            bills: list[tuple] = []
            for row in accounts[offset:offset + CHUNK]:
                key = row[1:]
                computed = cache.get(key, False)
                if computed is False:
                    computed = cache[key] = compute(key)
                if computed is None:
                    skipped += 1
                else:
                    account_ids.append(row[0])
                    bills.append(computed)
            bill_rows, line_rows, posts = [], [], []
            for bill_id, account_id, (tail, fen, lines) in zip(
                    writer.ids(len(bills)), account_ids, bills, strict=True):
                bill_rows.append((bill_id, account_id) + tail)
                for line in lines:
                    line_rows.append((bill_id,) + line)
                posts.append((account_id, fen))
                total_fen += fen
            writer.write(writer.bill_sql, bill_rows)
            writer.write(writer.line_sql, line_rows)
            ledger.post_bills_bulk(posts)
            billed += len(bill_rows)
            _report(progress, min(offset + CHUNK, total_accounts), total_accounts)

        total = from_fen(total_fen)
        audit.record(actor, "billing.run", "season", season.id,
                     after={"season": season.name, "billed": billed, "skipped": skipped,
                            "total": str(total),
                            "tariffs": {c: t.version for c, t in tariffs.items() if t}},
                     note=(f"{season.name}：开票 {billed} 户，合计 {format_yuan(total)}；"
                           f"不开票 {skipped} 户"))
    return RunResult(billed=billed, skipped=skipped, total=total)
