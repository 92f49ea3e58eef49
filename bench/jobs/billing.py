"""The season billing run against hand-written set-based SQL giving the same bills, lines,
balances and audit row."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from bench import targets
from bench.jobs import BUILD_AT, SEASON, Ctx, Job, Outcome, mark, register
from bench.measure import digest_parts, digest_query

CATEGORIES = ("residential", "institution", "business")
NO_DATE = "1900-01-01"  # "no mid-season connection", so that plans join by plain equality
ISSUER = targets.SYSTEM.username


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def season_id(con: Any) -> int:
    cur = con.cursor()
    cur.execute(f"SELECT id FROM season WHERE name = {mark(con)}", (SEASON,))
    return cur.fetchone()[0]


def billing_digest(con: Any) -> tuple[str, dict[str, int]]:
    """The rows a run writes: bills, their lines (by account, not by id), every balance, the
    run's audit row."""
    queries = {
        "bills": "SELECT account_id, season_id, tariff_id, kind, area, total, paid, issued_at, "
                 "issued_by, business_date FROM bill ORDER BY account_id, kind, season_id",
        "lines": "SELECT b.account_id, b.kind, l.seq, l.kind, l.description, l.quantity, "
                 "l.unit_price, l.share, l.days, l.amount FROM bill_line l "
                 "JOIN bill b ON b.id = l.bill_id ORDER BY b.account_id, b.kind, b.season_id, "
                 "l.seq",
        "balances": "SELECT account_id, billed, adjusted, paid, balance FROM account_balance "
                    "ORDER BY account_id",
        "audit": 'SELECT at, actor, actor_id, action, "table", record_id, before, after, note '
                 "FROM audit_entry WHERE action = 'billing.run' ORDER BY id",
    }
    parts, counts = {}, {}
    for key, sql in queries.items():
        parts[key], counts[key] = digest_query(con, sql)
    if not isinstance(con, sqlite3.Connection):
        con.rollback()
    return digest_parts(parts), counts


def _app(ctx: Ctx) -> Outcome:
    targets.open_app(ctx.url)
    try:
        sid = season_id(targets.database.connection())
        t = ctx.timer()
        with targets.frozen_clock(BUILD_AT), t:
            result = targets.run_season_billing(targets.SYSTEM, sid)
    finally:
        targets.close()
    con = ctx.raw()
    digest, counts = billing_digest(con)
    con.close()
    return ctx.outcome(t, digest, bills=result.billed, lines=counts["lines"],
                       total=str(result.total))


# ---- by hand ------------------------------------------------------------------------------

def _terms(row: dict[str, Any]) -> Any:
    """The pure calculation's tariff terms from a tariff row as stored (fen, millionths)."""
    def money(v: Any) -> Decimal | None:
        return None if v is None else Decimal(int(v)).scaleb(-2)

    def rate(v: Any) -> Decimal:
        return Decimal(int(v or 0)).scaleb(-6)

    def day(v: Any) -> dt.date | None:
        return None if v is None else _day(v)

    return targets.calc.TariffTerms.from_tariff(SimpleNamespace(
        id=row["id"], version=row["version"], category=row["category"],
        price_per_m2=money(row["price_per_m2"]), stopped_share=rate(row["stopped_share"]),
        relief_share=rate(row["relief_share"]), relief_max_area=money(row["relief_max_area"]),
        relief_cap=money(row["relief_cap"]), basic_price_per_m2=money(row["basic_price_per_m2"]),
        price_per_gj=money(row["price_per_gj"]), settlement=row["settlement"],
        late_fee_rate=rate(row["late_fee_rate"]), late_fee_from=day(row["late_fee_from"]),
        discount_rate=rate(row["discount_rate"]), discount_until=day(row["discount_until"]),
        connection_fee_per_m2=money(row["connection_fee_per_m2"])))


def _plan(cur: Any, p: str, sid: int, start: dt.date, end: dt.date) -> tuple:
    """Read the tariffs and the accounts grouped by what a bill depends on; compute each
    distinct combination's lines once."""
    cur.execute(f"SELECT * FROM tariff t WHERE season_id = {p} AND version = (SELECT MAX(version) "
                "FROM tariff u WHERE u.season_id = t.season_id AND u.category = t.category)",
                (sid,))
    names = [d[0] for d in cur.description]
    tariffs = {r["category"]: r for r in (dict(zip(names, row, strict=True))
                                          for row in cur.fetchall())}
    terms = {c: _terms(r) for c, r in tariffs.items()}
    cur.execute(
        "SELECT category, status, heating_area, low_income, CASE WHEN connected_on > "
        f"{p} THEN connected_on ELSE {p} END, COUNT(*) FROM account a WHERE NOT EXISTS "
        f"(SELECT 1 FROM bill b WHERE b.account_id = a.id AND b.season_id = {p} "
        "AND b.kind = 'season') GROUP BY 1, 2, 3, 4, 5", (start, NO_DATE, sid))
    plans, lines, skipped = [], [], 0
    for category, status, area, low, connected, count in cur.fetchall():
        day = None if str(connected)[:10] == NO_DATE else _day(connected)
        if not targets.calc.is_billable(status, area, day, end):
            skipped += count
            continue
        rows = targets.calc.line_rows(terms[category], status, area, bool(low), day, start, end)
        plan_id = len(plans) + 1
        plans.append((plan_id, category, status, area, low, connected,
                      tariffs[category]["id"], sum(r[-1] for r in rows)))
        lines += [(plan_id, seq, *row) for seq, row in enumerate(rows, 1)]
    versions = {c: tariffs[c]["version"] for c in CATEGORIES if c in tariffs}
    return plans, lines, skipped, versions


def _write_sqlite(cur: Any, sid: int, start: dt.date, plans: list, lines: list) -> None:
    cur.execute("CREATE TEMP TABLE bp (plan_id INTEGER PRIMARY KEY, category TEXT, status TEXT, "
                "area INTEGER, low_income INTEGER, connected TEXT, tariff_id INTEGER, "
                "total INTEGER)")
    cur.execute("CREATE TEMP TABLE bpl (plan_id INTEGER, seq INTEGER, kind TEXT, description "
                "TEXT, quantity INTEGER, unit_price INTEGER, share INTEGER, days INTEGER, "
                "amount INTEGER)")
    cur.executemany("INSERT INTO bp VALUES (?, ?, ?, ?, ?, ?, ?, ?)", plans)
    cur.executemany("INSERT INTO bpl VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", lines)
    cur.execute("CREATE INDEX temp.bp_key ON bp (category, status, area, low_income, connected)")
    cur.execute("CREATE INDEX temp.bpl_plan ON bpl (plan_id)")
    base = cur.execute("SELECT COALESCE(MAX(id), 0) FROM bill").fetchone()[0]
    # The run holds the write lock: the ids after MAX(id) are free, bill n of the run in
    # account order gets MAX(id) + n.
    cur.execute(
        "CREATE TEMP TABLE bt AS SELECT ? + ROW_NUMBER() OVER (ORDER BY a.id) AS bill_id, "
        "a.id AS account_id, p.plan_id AS plan_id FROM account a JOIN bp p "
        "ON p.category = a.category AND p.status = a.status AND p.area = a.heating_area "
        "AND p.low_income = a.low_income AND p.connected = CASE WHEN a.connected_on > ? "
        "THEN a.connected_on ELSE ? END WHERE NOT EXISTS (SELECT 1 FROM bill b "
        "WHERE b.account_id = a.id AND b.season_id = ? AND b.kind = 'season')",
        (base, start.isoformat(), NO_DATE, sid))
    stamp = (BUILD_AT.isoformat(" "), ISSUER, BUILD_AT.date().isoformat())
    _write_rows(cur, "?", sid, stamp)
    for table in ("bt", "bp", "bpl"):
        cur.execute(f"DROP TABLE temp.{table}")


def _write_pg(cur: Any, sid: int, start: dt.date, plans: list, lines: list) -> None:
    from psycopg2.extras import execute_values

    cur.execute("CREATE TEMP TABLE bp (plan_id INTEGER PRIMARY KEY, category TEXT, status TEXT, "
                "area BIGINT, low_income BOOLEAN, connected DATE, tariff_id INTEGER, "
                "total BIGINT) ON COMMIT DROP")
    cur.execute("CREATE TEMP TABLE bpl (plan_id INTEGER, seq INTEGER, kind TEXT, description "
                "TEXT, quantity BIGINT, unit_price BIGINT, share BIGINT, days INTEGER, "
                "amount BIGINT) ON COMMIT DROP")
    execute_values(cur, "INSERT INTO bp VALUES %s", plans, page_size=1000)
    execute_values(cur, "INSERT INTO bpl VALUES %s", lines, page_size=1000)
    # Bill ids from the table's sequence up front, in account order: the lines then need no
    # lookup of their bill.
    cur.execute(
        "CREATE TEMP TABLE bt ON COMMIT DROP AS SELECT nextval(pg_get_serial_sequence("
        "'bill', 'id')) AS bill_id, s.account_id, s.plan_id FROM (SELECT a.id AS account_id, "
        "p.plan_id FROM account a JOIN bp p ON p.category = a.category "
        "AND p.status = a.status AND p.area = a.heating_area AND p.low_income = a.low_income "
        "AND p.connected = CASE WHEN a.connected_on > %s THEN a.connected_on ELSE %s::date END "
        "WHERE NOT EXISTS (SELECT 1 FROM bill b WHERE b.account_id = a.id "
        "AND b.season_id = %s AND b.kind = 'season') ORDER BY a.id) s",
        (start, NO_DATE, sid))
    _write_rows(cur, "%s", sid, (BUILD_AT, ISSUER, BUILD_AT.date()))


def _write_rows(cur: Any, p: str, sid: int, stamp: tuple) -> None:
    cur.execute(
        "INSERT INTO bill (id, account_id, season_id, tariff_id, kind, area, total, paid, "
        f"issued_at, issued_by, business_date) SELECT t.bill_id, t.account_id, {p}, "
        f"p.tariff_id, 'season', p.area, p.total, 0, {p}, {p}, {p} FROM bt t "
        "JOIN bp p ON p.plan_id = t.plan_id ORDER BY t.bill_id", (sid, *stamp))
    cur.execute(
        "INSERT INTO bill_line (bill_id, seq, kind, description, quantity, unit_price, share, "
        "days, amount) SELECT t.bill_id, l.seq, l.kind, l.description, l.quantity, "
        "l.unit_price, l.share, l.days, l.amount FROM bt t JOIN bpl l ON l.plan_id = t.plan_id "
        "ORDER BY t.bill_id, l.seq")
    cur.execute(
        "INSERT INTO account_balance (account_id, billed, adjusted, paid, balance) "
        "SELECT t.account_id, p.total, 0, 0, p.total FROM bt t JOIN bp p "
        "ON p.plan_id = t.plan_id WHERE true ON CONFLICT (account_id) DO UPDATE SET "
        "billed = account_balance.billed + excluded.billed, "
        "balance = account_balance.balance + excluded.billed")


def _bare(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    pg = ctx.postgres
    p = "%s" if pg else "?"
    cur = con.cursor()
    t = ctx.timer()
    with t:
        if not pg:
            cur.execute("BEGIN IMMEDIATE")
        cur.execute(f"SELECT id, name, start_date, end_date FROM season WHERE name = {p}"
                    + (" FOR UPDATE" if pg else ""), (SEASON,))
        sid, name, start, end = cur.fetchone()
        start, end = _day(start), _day(end)
        plans, lines, skipped, versions = _plan(cur, p, sid, start,
                                                end)
        if pg:
            _write_pg(cur, sid, start, plans, lines)
        else:
            _write_sqlite(cur, sid, start, plans, lines)
        cur.execute("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM bill WHERE season_id = "
                    f"{p} AND issued_at = {p}", (sid, BUILD_AT if pg else BUILD_AT.isoformat(" ")))
        billed, fen = (int(x) for x in cur.fetchone())
        total = Decimal(fen).scaleb(-2)
        after = {"season": name, "billed": billed, "skipped": skipped, "total": str(total),
                 "tariffs": versions}
        note = f"{name}：开票 {billed} 户，合计 ¥{total:,.2f}；不开票 {skipped} 户"
        cur.execute(
            'INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, before, '
            f"after, note) VALUES ({p}, {p}, {p}, 'billing.run', 'season', {p}, NULL, {p}, {p})",
            (BUILD_AT if pg else BUILD_AT.isoformat(" "), ISSUER, targets.SYSTEM.user_id, str(sid),
             json.dumps(after, ensure_ascii=False), note))
        if pg:
            con.commit()
        else:
            cur.execute("COMMIT")
    digest, counts = billing_digest(con)
    con.close()
    return ctx.outcome(t, digest, bills=billed, lines=counts["lines"], total=str(total))


register(Job(
    name="billing", title="season billing run", fixture="season", writes=True, scaling=True,
    app=_app, bare=_bare,
    baseline="one transaction of hand-written SQL (sqlite3 / psycopg2): the season row "
             "(locked on PostgreSQL) and its current tariffs read; the accounts without a "
             "bill read grouped by what a bill depends on; each distinct combination's lines "
             "computed once by the program's pure rule (heatoffice.billing.calc.line_rows, the "
             "only program code it calls); bill ids numbered up front (SQLite: MAX(id) + n; "
             "PostgreSQL: nextval of the bill sequence in account order); bills, lines and "
             "balances by INSERT … SELECT from temporary tables; the run's audit row. It leaves "
             "out the tamper-evident chain's hashes of the bills, lines and audit row (issue 9; "
             "their cost is the job billing-chain). Digest: every bill, line (keyed by "
             "account), balance and the audit row."))
