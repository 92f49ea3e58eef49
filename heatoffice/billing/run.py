"""The season billing run: one bill per billable account, set-based, atomic and cancellable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import SQL, fn

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

# A bill as stored, per distinct input: (total fen, line rows without the bill id) or None.
_Computed = tuple[int, tuple[tuple, ...]] | None


@dataclass(frozen=True)
class RunResult:
    """``billed`` bills issued by this run, ``skipped`` accounts without a bill for the season
    that are not billable (pending, closed, no area, connected after the season), ``total``
    the sum of the new bills."""

    billed: int
    skipped: int
    total: Decimal


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise UserError("cancelled")


def _unbilled(season_id: int):
    """Every account without a season bill for ``season_id``, as raw tuples in one query."""
    has_bill = (Bill.select(SQL("1"))
                .where(Bill.account == Account.id, Bill.season == season_id,
                       Bill.kind == "season"))
    return (Account.select(Account.id, Account.category, Account.status,
                           Account.heating_area.coerce(False), Account.low_income,
                           Account.connected_on)
            .where(~fn.EXISTS(has_bill))
            .order_by(Account.id)
            .tuples())


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
        accounts = list(_unbilled(season.id))
        total_accounts = len(accounts)
        _report(progress, 0, total_accounts)
        writer = _Writer()
        cache: dict[tuple, _Computed] = {}

        def compute(category: str, status: str, area: int, low_income: Any,
                    connected: Any) -> _Computed:
            if not calc.is_billable(status, area, connected, end):
                return None
            if category not in terms:
                label = CATEGORIES.get(category, (category,))[0]
                raise UserError("billing.no_tariff", season=season.name, category=label)
            rows = calc.line_rows(terms[category], status, area, bool(low_income), connected,
                                  start, end)
            return (sum(row[-1] for row in rows),
                    tuple((seq, *row) for seq, row in enumerate(rows, 1)))

        billed = skipped = total_fen = 0
        for offset in range(0, total_accounts, CHUNK):
            bills: list[tuple[int, str, int, _Computed]] = []
            for account_id, category, status, area, low_income, connected in (
                    accounts[offset:offset + CHUNK]):
                # A connection on or before the first day bills like no date at all, so the
                # cache key drops it: the results stay identical.
                if connected is not None and connected <= start:
                    connected = None
                key = (category, status, area, low_income, connected)
                computed = cache.get(key, False)
                if computed is False:
                    computed = cache[key] = compute(*key)
                if computed is None:
                    skipped += 1
                    continue
                bills.append((account_id, category, area, computed))
            ids = writer.ids(len(bills))
            bill_rows, line_rows, posts = [], [], []
            season_id_, user = season.id, actor.username
            for bill_id, (account_id, category, area, (fen, lines)) in zip(ids, bills,
                                                                           strict=True):
                bill_rows.append((bill_id, account_id, season_id_, tariffs[category].id,
                                  "season", area, fen, 0, now, user, today))
                line_rows.extend((bill_id, *line) for line in lines)
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
