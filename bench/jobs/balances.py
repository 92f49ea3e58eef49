"""Opening balances from the old system (20,000 rows by default): every row checked and
carried into the ledger in one transaction (heatoffice import balances after reading the
file), against the same reads, checks and rows written by hand with executemany in one
transaction."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import BUILD_AT, Ctx, Job, Outcome, mark, register
from bench.jobs.rawsql import many, new_ids
from bench.measure import digest_parts, digest_rows

DAY = BUILD_AT.date()
SEASON = "2025-2026"
FILE, DIGEST = "opening-2025.xlsx", "b" * 64
CHUNK = 500


def draw(con: Any, n: int, seed: int) -> list[tuple[int, str, int, int]]:
    """``n`` accounts in a random order, each with an amount and (for about half) a late
    fee in fen, as the old system lists them."""
    cur = con.cursor()
    cur.execute("SELECT id, account_no FROM account ORDER BY id")
    found = cur.fetchall()
    rng = random.Random(f"{seed}:balances")
    chosen = rng.sample(found, min(n, len(found)))
    return [(i, no, rng.randrange(10_000, 400_000),
             rng.randrange(100, 20_000) if rng.random() < 0.5 else 0) for i, no in chosen]


def yuan(fen: int) -> str:
    return str(Decimal(fen).scaleb(-2))


def balances_digest(con: Any) -> str:
    """Everything the import wrote: the opening bills and their lines, the late fees, the
    opening balances, the accounts' balances and the audit rows."""
    cur = con.cursor()
    queries = {
        "bills": "SELECT id, account_id, season_id, tariff_id, kind, area, total, paid, "
                 "issued_at, issued_by, business_date FROM bill WHERE kind = 'opening'",
        "lines": "SELECT l.bill_id, l.seq, l.kind, l.description, l.quantity, l.unit_price, "
                 "l.share, l.days, l.amount FROM bill_line l JOIN bill b ON b.id = l.bill_id "
                 "WHERE b.kind = 'opening'",
        "fees": "SELECT id, account_id, bill_id, kind, amount, reason, status, proposed_by, "
                "proposed_at, decided_by, decided_at, business_date, source FROM adjustment",
        "openings": "SELECT id, account_id, season_name, amount, late_fee, bill_id, "
                    "late_fee_adjustment_id, imported_at, imported_by, file_name, file_digest, "
                    "row_no FROM opening_balance",
        "balances": "SELECT account_id, billed, adjusted, paid, balance FROM account_balance",
        "audit": 'SELECT at, actor, actor_id, action, "table", record_id, before, after, note '
                 "FROM audit_entry WHERE action = 'opening.import'",
    }
    parts = {}
    for key, sql in queries.items():
        cur.execute(sql)
        parts[key] = digest_rows(cur.fetchall())
    return digest_parts(parts)


def _rows(drawn: list[tuple[int, str, int, int]]) -> list[tuple[int, str, int, int]]:
    """(file row, account number, amount, late fee): row 2 on, under the header."""
    return [(n + 2, no, amount, fee) for n, (_, no, amount, fee) in enumerate(drawn)]


def _app(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    rows = _rows(draw(con, ctx.options.get("batch_rows", 20_000), ctx.seed))
    con.close()
    lines = [targets.opening_line(row, no, SEASON, yuan(amount), yuan(fee) if fee else "")
             for row, no, amount, fee in rows]
    targets.open_app(ctx.url)
    try:
        t = ctx.timer()
        with targets.frozen_clock(BUILD_AT), t:
            report = targets.import_balances(lines, file_name=FILE, digest=DIGEST)
    finally:
        targets.close()
    if report.imported != len(lines):
        raise RuntimeError(f"imported {report.imported} of {len(lines)}: {report.problems[:3]}")
    con = ctx.raw()
    digest = balances_digest(con)
    con.close()
    return ctx.outcome(t, digest, rows=len(lines))


# ---- by hand ------------------------------------------------------------------------------

def _bare(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    rows = _rows(draw(con, ctx.options.get("batch_rows", 20_000), ctx.seed))
    # the cells as the file gives them (text), as the program is given them
    cells = [(row, no, SEASON, yuan(amount), yuan(fee) if fee else "")
             for row, no, amount, fee in rows]
    if ctx.postgres:
        con.rollback()
    pg = ctx.postgres
    p = mark(con)
    cur = con.cursor()
    user, user_id = targets.SYSTEM.username, targets.SYSTEM.user_id
    now = BUILD_AT if pg else BUILD_AT.isoformat(" ")
    day = DAY if pg else DAY.isoformat()
    stamp = BUILD_AT.isoformat()
    t = ctx.timer()
    with t:
        if not pg:
            cur.execute("BEGIN IMMEDIATE")
        # the file's checks: amounts are money above zero, fees zero or more, the accounts
        # known, (account, season) once in the file and not carried over before
        parsed = []
        for row, no, season, amount, fee in cells:
            a = Decimal(amount)
            f = Decimal(fee) if fee else Decimal(0)
            if a <= 0 or f < 0 or a != a.quantize(Decimal("0.01")) or not season:
                raise ValueError(f"row {row}: a bad cell")
            parsed.append((row, no.strip().upper(), season, int(a * 100), int(f * 100)))
        numbers = sorted({no for _, no, _, _, _ in parsed})
        ids: dict[str, int] = {}
        for s in range(0, len(numbers), CHUNK):
            part = numbers[s:s + CHUNK]
            cur.execute(f"SELECT account_no, id FROM account WHERE account_no IN "
                        f"({', '.join([p] * len(part))})", part)
            ids.update(cur.fetchall())
        if len(ids) != len(numbers):
            raise ValueError("an unknown account")
        keys = [(ids[no], season) for _, no, season, _, _ in parsed]
        if len(set(keys)) != len(keys):
            raise ValueError("an account and season twice in the file")
        account_ids = sorted({a for a, _ in keys})
        for s in range(0, len(account_ids), CHUNK):
            part = account_ids[s:s + CHUNK]
            cur.execute(f"SELECT account_id, season_name FROM opening_balance WHERE account_id "
                        f"IN ({', '.join([p] * len(part))})", part)
            if set(cur.fetchall()) & set(keys):
                raise ValueError("carried over before")
        cur.execute(f"SELECT COUNT(*) FROM month_close WHERE month = {p}",
                    (DAY.strftime("%Y-%m"),))
        if cur.fetchone()[0]:
            raise ValueError("month closed")
        if pg:
            cur.execute("SELECT id FROM account WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                        (account_ids,))
        fee_count = sum(1 for *_, fee in parsed if fee)
        bill_ids = iter(new_ids(cur, pg, "bill", len(parsed)))
        adj_ids = iter(new_ids(cur, pg, "adjustment", fee_count))
        opening_ids = iter(new_ids(cur, pg, "opening_balance", len(parsed)))
        bills, lines, adjustments, openings, balances, audit = [], [], [], [], [], []
        line_text = f"期初欠费（{SEASON} 采暖季，旧系统结转）"
        reason = f"滞纳金（{SEASON} 采暖季，旧系统结转）"
        total = fees = 0
        for row, no, season, amount, fee in parsed:
            account_id = ids[no]
            bill_id = next(bill_ids)
            bills.append((bill_id, account_id, None, None, "opening", 0, amount, 0, now, user,
                          day))
            lines.append((bill_id, 1, "opening", line_text, 0, amount, None, None, amount))
            adj_id = None
            if fee:
                adj_id = next(adj_ids)
                adjustments.append((adj_id, account_id, bill_id, "late_fee", fee, reason,
                                    "approved", user, now, user, now, day, "import"))
            opening_id = next(opening_ids)
            openings.append((opening_id, account_id, season, amount, fee, bill_id, adj_id, now,
                             user, FILE, DIGEST, row))
            balances.append((account_id, amount, fee, 0, amount + fee))
            after = {"id": opening_id, "account": account_id, "season_name": season,
                     "amount": yuan(amount), "late_fee": yuan(fee), "bill": bill_id,
                     "late_fee_adjustment": adj_id, "imported_at": stamp,
                     "imported_by": user, "file_name": FILE, "file_digest": DIGEST,
                     "row_no": row}
            audit.append((now, user, user_id, "opening.import", "opening_balance",
                          str(opening_id), None, json.dumps(after, ensure_ascii=False),
                          f"{season}: {yuan(amount)} + {yuan(fee)}"))
            total += amount
            fees += fee
        summary = {"file": FILE, "digest": DIGEST, "rows": len(parsed),
                   "imported": len(parsed), "rejected": 0, "file_total": yuan(total),
                   "file_late_fees": yuan(fees), "imported_total": yuan(total),
                   "imported_late_fees": yuan(fees)}
        audit.append((now, user, user_id, "opening.import", "import", DIGEST[:16], None,
                      json.dumps(summary, ensure_ascii=False),
                      f"{FILE}: {len(parsed)} imported, {yuan(total)} + {yuan(fees)} late "
                      f"fees of {yuan(total)} + {yuan(fees)}"))
        m = ", ".join
        many(cur, pg, "INSERT INTO bill (id, account_id, season_id, tariff_id, kind, area, "
              f"total, paid, issued_at, issued_by, business_date) VALUES ({m([p] * 11)})",
              bills)
        many(cur, pg, "INSERT INTO bill_line (bill_id, seq, kind, description, quantity, "
              f"unit_price, share, days, amount) VALUES ({m([p] * 9)})", lines)
        many(cur, pg, "INSERT INTO adjustment (id, account_id, bill_id, kind, amount, reason, "
              "status, proposed_by, proposed_at, decided_by, decided_at, business_date, "
              f"source) VALUES ({m([p] * 13)})", adjustments)
        many(cur, pg, "INSERT INTO opening_balance (id, account_id, season_name, amount, "
              "late_fee, bill_id, late_fee_adjustment_id, imported_at, imported_by, file_name, "
              f"file_digest, row_no) VALUES ({m([p] * 12)})", openings)
        many(cur, pg, "INSERT INTO account_balance (account_id, billed, adjusted, paid, "
              f"balance) VALUES ({m([p] * 5)}) ON CONFLICT (account_id) DO UPDATE SET "
              "billed = account_balance.billed + excluded.billed, adjusted = "
              "account_balance.adjusted + excluded.adjusted, balance = "
              "account_balance.balance + excluded.balance", balances)
        many(cur, pg, 'INSERT INTO audit_entry (at, actor, actor_id, action, "table", '
              f"record_id, before, after, note) VALUES ({m([p] * 9)})", audit)
        if pg:
            con.commit()
        else:
            cur.execute("COMMIT")
    digest = balances_digest(con)
    con.close()
    return ctx.outcome(t, digest, rows=len(rows))


register(Job(
    name="balances", title="opening balances from the old system (20,000 rows)",
    fixture="demo", writes=True, app=_app, bare=_bare,
    baseline="one transaction of plain sqlite3 (BEGIN IMMEDIATE) / psycopg2 doing the "
             "import's work on the same rows (text cells: account number, season name, "
             "amount, late fee for about half): the amounts read as money, the account "
             "numbers looked up and the (account, season) pairs checked against those carried "
             "over before (500 a query), the month-close check, the accounts locked (FOR "
             "UPDATE, one statement, on PostgreSQL), ids taken beforehand, then executemany "
             "(SQLite) / execute_values (PostgreSQL) of the opening bills, their lines, the "
             "late-fee adjustments, the opening-balance rows, the accounts' balances and the "
             "audit rows (one per row with its snapshot, one for the file). The program's side "
             "is heatoffice.billing.opening.import_opening_balances on the same rows (what "
             "`heatoffice import balances` runs after reading the file; reading is the "
             "import-accounts job's). Digest: every row written, the balances and the audit "
             "rows. Seconds for the whole file."))
