"""The season billing run: one bill per billable account, set-based, atomic and cancellable."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from heatoffice import clock, glossary
from heatoffice.accounts.models import CATEGORIES, Account
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing import calc, ledger, status_share
from heatoffice.billing.models import AccountBalance, Bill, BillLine
from heatoffice.billing.run_hashes import RunHashes, stride
from heatoffice.db import chain, stats
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import format_yuan, from_fen
from heatoffice.seasons import service as seasons

CHUNK = 20_000
# SQLite writes a chunk's bills and lines in steps of this many, each step's hashes made while
# the step before is written (PostgreSQL: one step a chunk, hashed while the server writes the
# chunk's balances).
STEP = 4_000
# Stands for "no mid-season connection" in the plan, so that it joins by plain equality.
NO_DATE = _dt.date(1900, 1, 1)

Progress = Callable[[int, int], Any]

BILL_COLUMNS = ("account_id", "season_id", "tariff_id", "kind", "area", "total", "paid",
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
        return None if value == NO_DATE else value
    day = _dt.date.fromisoformat(str(value)[:10])
    return None if day == NO_DATE else day


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise UserError("cancelled")


class _Sql:
    """The statements of one run on the open database (SQLite or PostgreSQL).

    Three temporary tables, dropped with the transaction: run_plan (one row per distinct
    combination of what a bill depends on, with its tariff and total), run_plan_line (its
    lines) and run_target (n, account, plan, bill id) for every account to bill, n = 1, 2, …
    in account order. Bills, lines and balances are then written by INSERT … SELECT in
    batches of n. Every bill's id is known before it is written, so no statement reads the
    bills written so far: each batch costs the same, however many came before.
    """

    def __init__(self, season_id: int) -> None:
        db = database.obj
        self.postgres = is_postgres(db)
        self.base = 0  # SQLite: the largest bill id before the run (bill n gets base + n)
        self.cursor = db.cursor()
        self.season_id = season_id
        p = db.param
        account, bill, line = (Account._meta.table_name, Bill._meta.table_name,
                               BillLine._meta.table_name)
        date, serial, temp = (("DATE", "SERIAL", " ON COMMIT DROP") if self.postgres
                              else ("TEXT", "INTEGER", ""))
        if self.postgres:
            # Each target takes its bill id from the table's own sequence as it is listed, in
            # account order (as the bills' own inserts would): safe beside other desks taking
            # ids, and the lines need not look their bill up.
            sequence = db.execute_sql("SELECT pg_get_serial_sequence(%s, 'id')",
                                      (bill,)).fetchone()[0]
            bill_id = f"bill_id BIGINT DEFAULT nextval('{sequence}'::regclass)"
        else:
            # The run holds SQLite's write lock, so the ids after MAX(id) are free: bill n
            # gets MAX(id) + n.
            base = db.execute_sql(f"SELECT MAX(id) FROM {bill}").fetchone()[0] or 0
            self.base = int(base)
            bill_id = f"bill_id INTEGER GENERATED ALWAYS AS (n + {self.base}) VIRTUAL"
        self.create = [
            f"CREATE TEMPORARY TABLE run_plan (plan_id INTEGER PRIMARY KEY, category TEXT, "
            f"status TEXT, area BIGINT, low_income BOOLEAN, connected {date}, tariff_id "
            f"INTEGER, total BIGINT){temp}",
            f"CREATE TEMPORARY TABLE run_plan_line (plan_id INTEGER, seq INTEGER, kind TEXT, "
            f"description TEXT, quantity BIGINT, unit_price BIGINT, share BIGINT, days INTEGER, "
            f"amount BIGINT){temp}",
            f"CREATE TEMPORARY TABLE run_target (n {serial} PRIMARY KEY, account_id INTEGER, "
            f"plan_id INTEGER, {bill_id}){temp}",
            # the few accounts whose status on the season's first day was another than today's
            f"CREATE TEMPORARY TABLE run_status (account_id INTEGER PRIMARY KEY, status TEXT)"
            f"{temp}",
            "CREATE INDEX run_plan_key ON run_plan (category, status, area, low_income, "
            "connected)",
            "CREATE INDEX run_plan_line_plan ON run_plan_line (plan_id)",
        ]
        # Dropped at the end too, so that a second run in the same transaction can start.
        schema = "pg_temp." if self.postgres else "temp."
        self.drop = [f"DROP TABLE {schema}{name}"
                     for name in ("run_plan", "run_plan_line", "run_target", "run_status")]
        # Temporary tables get no statistics of their own (autovacuum never sees them):
        # without these the planner takes run_target for one page of rows.
        self.analyze = (["ANALYZE pg_temp.run_plan, pg_temp.run_plan_line, pg_temp.run_status",
                         "ANALYZE pg_temp.run_target"] if self.postgres else [])
        # An account's key: a connection on or before the first day bills like none at all.
        connected = f"CASE WHEN a.connected_on > {p} THEN a.connected_on ELSE {p} END"
        not_billed = (f"NOT EXISTS (SELECT 1 FROM {bill} b WHERE b.account_id = a.id "
                      f"AND b.season_id = {p} AND b.kind = 'season')")
        # The status billed: the one on the season's first day (run_status), else today's.
        status = "COALESCE(s.status, a.status)"
        with_status = f"{account} a LEFT JOIN run_status s ON s.account_id = a.id"
        self.combinations = (
            f"SELECT a.category, {status}, a.heating_area, a.low_income, {connected}, "
            f"COUNT(*) FROM {with_status} WHERE {not_billed} GROUP BY 1, 2, 3, 4, 5")
        self.status = f"INSERT INTO run_status VALUES ({p}, {p})"
        self.plan = f"INSERT INTO run_plan VALUES ({', '.join([p] * 8)})"
        self.plan_line = f"INSERT INTO run_plan_line VALUES ({', '.join([p] * 9)})"
        self.target = (
            "INSERT INTO run_target (account_id, plan_id) SELECT a.id, r.plan_id "
            f"FROM {with_status} JOIN run_plan r ON r.category = a.category "
            f"AND r.status = {status} AND r.area = a.heating_area "
            f"AND r.low_income = a.low_income AND r.connected = {connected} "
            f"WHERE {not_billed} ORDER BY a.id")
        self.counted = ("SELECT COUNT(*), SUM(r.total) FROM run_target t "
                        "JOIN run_plan r ON r.plan_id = t.plan_id")
        between = f"t.n > {p} AND t.n <= {p}"
        columns = ", ".join(BILL_COLUMNS)
        # Each step's hashes (run_hashes) come as one parameter per INSERT, the digests one
        # after the other: a bill's at its place in the step, a line's at its bill's place
        # times the stride plus its seq (named parameters: the same for both backends'
        # drivers).
        if self.postgres:
            def mark(name: str) -> str:
                return f"%({name})s"

            def digest(place: str) -> str:  # 32 bytes each, stored in hex
                return f"encode(substr({mark('hashes')}, CAST(({place}) * 32 - 31 AS INTEGER), " \
                       "32), 'hex')"
        else:
            def mark(name: str) -> str:
                return f":{name}"

            def digest(place: str) -> str:  # 32 bytes each, stored as they are (a BLOB)
                return f"substr({mark('hashes')}, ({place}) * 32 - 31, 32)"
        step = f"t.n > {mark('low')} AND t.n <= {mark('high')}"
        line_place = digest(f"(t.n - {mark('low')} - 1) * {mark('stride')} + l.seq")
        self.bills = (
            f"INSERT INTO {bill} (id, {columns}, hash) SELECT t.bill_id, t.account_id, "
            f"{mark('season')}, r.tariff_id, 'season', r.area, r.total, 0, {mark('at')}, "
            f"{mark('by')}, {mark('day')}, {digest('t.n - ' + mark('low'))} "
            f"FROM run_target t JOIN run_plan r ON r.plan_id = t.plan_id "
            f"WHERE {step} ORDER BY t.n")
        self.lines = (
            f"INSERT INTO {line} ({', '.join(LINE_COLUMNS)}, hash) SELECT t.bill_id, l.seq, "
            f"l.kind, l.description, l.quantity, l.unit_price, l.share, l.days, l.amount, "
            f"{line_place} "
            f"FROM run_target t JOIN run_plan_line l ON l.plan_id = t.plan_id "
            f"WHERE {step} ORDER BY t.n, l.seq")
        # The targets for their hashes, in n order, as three texts (accounts, plans, bill
        # ids): one row to read instead of one per target. The lists follow the ordered
        # subquery (an ORDER BY inside the aggregate would sort again); run_hashes checks
        # that the accounts come in order.
        # (SQLite: the bill ids are base + n, not read)
        concat = ("string_agg({}::text, ',')" if self.postgres else "group_concat({})").format
        bills = f", {concat('bill_id')}" if self.postgres else ""
        self.targets = (f"SELECT {concat('account_id')}, {concat('plan_id')}{bills} "
                        f"FROM (SELECT account_id, plan_id, bill_id "
                        f"FROM run_target t WHERE {between} ORDER BY n) AS s")
        self.balances = (
            "SELECT t.account_id AS account_id, r.total AS fen FROM run_target t "
            f"JOIN run_plan r ON r.plan_id = t.plan_id WHERE {between}")

    def run(self, sql: str, params: tuple | dict[str, Any] = ()) -> Any:
        self.cursor.execute(sql, params)
        return self.cursor

    def many(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        if self.postgres:
            from psycopg2.extras import execute_batch

            execute_batch(self.cursor, sql, rows, page_size=1000)
        else:
            self.cursor.executemany(sql, rows)

    def stamps(self, issued_at: _dt.datetime, issued_by: str,
               business_date: _dt.date) -> tuple:
        if self.postgres:
            return (issued_at, issued_by, business_date)
        return (issued_at.isoformat(" "), issued_by, business_date.isoformat())

    def fetch(self, low: int, high: int) -> tuple[str, str, str | range]:
        """The targets low < n <= high in n order: their accounts and plans, each a text of
        numbers separated by commas, and their bill ids (PostgreSQL: such a text; SQLite:
        the range base + n)."""
        found = self.run(self.targets, (low, high)).fetchone()
        if self.postgres:
            accounts, plans, bills = found
            return accounts or "", plans or "", bills or ""
        accounts, plans = found
        return accounts or "", plans or "", range(self.base + low + 1, self.base + high + 1)

    def balances_of(self, low: int, high: int) -> None:
        """The balances of the targets low < n <= high (before their bills: no statement of
        the run reads them, and the bills' hashes are made meanwhile)."""
        ledger.post_bills_select(self.balances, (low, high))

    def write(self, low: int, high: int, stamps: tuple, hashes: tuple[Any, Any],
              stride: int) -> None:
        """Bills and lines of the targets low < n <= high, with their hashes (run_hashes:
        a line's at its bill's place × ``stride`` + seq)."""
        at, by, day = stamps
        params = {"season": self.season_id, "at": at, "by": by, "day": day, "low": low,
                  "high": high, "stride": stride}
        self.run(self.bills, {**params, "hashes": hashes[0]})
        self.run(self.lines, {**params, "hashes": hashes[1]})


def run_season_billing(actor: Actor, season_id: int, *,
                       progress: Progress | None = None) -> RunResult:
    """Bill every billable account of the season that has no season bill yet.

    All or nothing in one transaction; ``progress(done, total)`` is called before the first
    and after each batch of bills written, and returning False cancels the run (UserError
    "cancelled", nothing kept). Running it again bills only accounts added or made billable
    since.

    Set-based: the accounts are read grouped by what a bill depends on (category, status,
    area, low income, a mid-season connection date); the pure :mod:`calc` computes the lines
    of each distinct combination once; then ``INSERT … SELECT`` statements write every bill,
    its lines and the balances from those few plan rows, without a Python round trip per
    account. Equal inputs give equal bills, so this is exactly one calculation per account.
    """
    require(actor, "billing.run")
    season = seasons.get_season(season_id)
    now, today = clock.now(), clock.today()
    start, end = season.start_date, season.end_date
    with database.atomic():
        season = seasons.lock_season(season.id)
        # the bills' chain heads before their ids are taken; held to the commit (payments,
        # which take the other heads, go on meanwhile)
        link = chain.Link.lock(chain.BILLS)
        tariffs = {c: t for c in CATEGORIES
                   if (t := seasons.current_tariff(season.id, c)) is not None}
        terms = {c: calc.TariffTerms.from_tariff(t) for c, t in tariffs.items()}
        sql = _Sql(season.id)
        for statement in sql.create:
            sql.run(statement)
        first_day, changed_inside = status_share.start_statuses(season)
        sql.many(sql.status, sorted(first_day.items()))
        combinations = sql.run(sql.combinations, (start, NO_DATE, season.id)).fetchall()
        plans: list[tuple] = []
        plan_lines: list[tuple] = []
        skipped = 0
        for category, status, area, low_income, connected, count in combinations:
            day = _as_date(connected)
            if not calc.is_billable(status, area, day, end):
                skipped += count
                continue
            if category not in terms:
                raise UserError("billing.no_tariff", season=season.name,
                                category=glossary.term("account_category", category))
            rows = calc.line_rows(terms[category], status, area, bool(low_income), day,
                                  start, end)
            plan_id = len(plans) + 1
            plans.append((plan_id, category, status, area, low_income, connected,
                          tariffs[category].id, sum(row[-1] for row in rows)))
            plan_lines.extend((plan_id, seq, *row) for seq, row in enumerate(rows, 1))
        sql.many(sql.plan, plans)
        sql.many(sql.plan_line, plan_lines)
        stamps = sql.stamps(now, actor.username, today)
        places = stride(plan_lines)
        # the plans' texts made while the targets are listed
        hashes = RunHashes(sql.fetch, season.id, plans, plan_lines, stamps, link)
        try:
            sql.run(sql.target, (start, NO_DATE, season.id))
            for statement in sql.analyze:
                sql.run(statement)
            billed, total_fen = sql.run(sql.counted).fetchone()
            billed, total_fen = int(billed), int(total_fen or 0)
            _report(progress, 0, billed)
            step = CHUNK if sql.postgres else STEP
            chunks = [(low, min(low + CHUNK, billed)) for low in range(0, billed, CHUNK)]
            steps = [[(a, min(a + step, high)) for a in range(low, high, step)]
                     for low, high in chunks]
            # each chunk's targets are read (and hashed) one chunk ahead of its writing, so
            # that the hashing thread never waits for a chunk to begin
            if chunks:
                hashes.chunk(*chunks[0], steps[0])
            for i, (low, high) in enumerate(chunks):
                if i + 1 < len(chunks):
                    hashes.chunk(*chunks[i + 1], steps[i + 1])
                sql.balances_of(low, high)
                for a, b in steps[i]:
                    sql.write(a, b, stamps, hashes.take(a), places)
                _report(progress, high, billed)
            hashes.finish()
        finally:
            hashes.close()
        for statement in sql.drop:
            sql.run(statement)
        link.flush()
        # a stop or resume that took effect inside the season: billed from its day
        status_share.settle(actor, changed_inside, season_id=season.id)
        if billed:
            # Half a million new rows would otherwise be planned as the few there were before.
            stats.analyze(None, (Bill, BillLine, AccountBalance))

        total = from_fen(total_fen)
        audit.record(actor, "billing.run", "season", season.id,
                     after={"season": season.name, "billed": billed, "skipped": skipped,
                            "total": str(total),
                            "tariffs": {c: t.version for c, t in tariffs.items() if t}},
                     note=(f"{season.name}：开票 {billed} 户，合计 {format_yuan(total)}；"
                           f"不开票 {skipped} 户"))
    return RunResult(billed=billed, skipped=skipped, total=total)
