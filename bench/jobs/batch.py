"""A payment batch from a bank (20,000 rows by default): every row checked and taken as at the
window (late fee first, oldest debt, receipt number, audit) in one transaction, against the
same reads, calculation and rows written by hand with executemany (COPY-free) in one
transaction."""

from __future__ import annotations

import hashlib
import json
import random
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import PAY_AT, Ctx, Job, Outcome, mark, register
from bench.jobs.handledger import HandBill, HandLedger, _cut_off, _maybe, day_of, pending_fees
from bench.jobs.rawsql import many, new_ids
from bench.measure import digest_parts, digest_rows

AMOUNT = 50_000  # fen: ¥500 each
DAY = PAY_AT.date()
SOURCE, FILE, DIGEST = "工商银行", "bank-20270120.xlsx", "0" * 64
CHUNK = 500


def draw(con: Any, n: int, seed: int) -> list[tuple[int, str]]:
    """``n`` accounts (id, number) that owe more than the payment and have no adjustment yet,
    drawn at random and put in a random order, as a bank's file lists them."""
    cur = con.cursor()
    cur.execute("SELECT a.id, a.account_no FROM account_balance ab JOIN account a ON "
                f"a.id = ab.account_id WHERE ab.balance > {mark(con)} AND NOT EXISTS "
                "(SELECT 1 FROM adjustment d WHERE d.account_id = ab.account_id) "
                "ORDER BY a.id", (AMOUNT + 10_000,))
    found = [(r[0], r[1]) for r in cur.fetchall()]
    return random.Random(f"{seed}:batch").sample(found, min(n, len(found)))


def batch_digest(con: Any) -> str:
    """Everything the batch wrote: receipts, allocations, late fees, the bills' paid totals,
    balances, the receipt counter and the audit rows."""
    cur = con.cursor()
    p = mark(con)
    queries = {
        "payments": "SELECT id, receipt_no, receipt_year, receipt_seq, account_id, amount, "
                    "method, tendered, change, cashier, taken_at, business_date, reverses_id, "
                    f"reason, reference, source FROM payment WHERE source = {p}",
        "allocations": "SELECT q.receipt_no, al.bill_id, d.kind, d.amount, d.reason, al.amount "
                       "FROM allocation al JOIN payment q ON q.id = al.payment_id LEFT JOIN "
                       f"adjustment d ON d.id = al.adjustment_id WHERE q.source = {p}",
        "fees": "SELECT account_id, bill_id, kind, amount, reason, status, proposed_by, "
                "proposed_at, decided_by, decided_at, business_date, source FROM adjustment",
        "bills": "SELECT b.account_id, b.id, b.total, b.paid FROM bill b WHERE EXISTS (SELECT 1 "
                 f"FROM payment q WHERE q.account_id = b.account_id AND q.source = {p})",
        "balances": "SELECT account_id, billed, adjusted, paid, balance FROM account_balance",
        "counter": "SELECT year, last_seq FROM receipt_counter",
        # every row's hash is in its head's: the same rows hashed in the same order
        "chain": "SELECT chain, last_id, last_hash FROM chain_head WHERE chain IN "
                 "('adjustment', 'adjustment_decision', 'allocation', 'audit_entry', "
                 "'payment')",
        "audit": 'SELECT at, actor, actor_id, action, "table", record_id, before, after, note '
                 "FROM audit_entry WHERE action = 'payments.import'",
    }
    parts = {}
    for key, sql in queries.items():
        cur.execute(sql, (SOURCE,) if p in sql else ())
        parts[key] = digest_rows(cur.fetchall())
    return digest_parts(parts)


def _rows(accounts: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(file row, account number, reference): row 2 on, under the header."""
    return [(n + 2, no, f"B{n:06d}") for n, (_, no) in enumerate(accounts)]


def _app(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    accounts = draw(con, ctx.options.get("batch_rows", 20_000), ctx.seed)
    con.close()
    lines = [targets.PaymentLine(row, no, "500.00", DAY.isoformat(), "转账", ref)
             for row, no, ref in _rows(accounts)]
    targets.open_app(ctx.url)
    try:
        t = ctx.timer()
        with targets.frozen_clock(PAY_AT), t:
            report = targets.import_payments(targets.FINANCE, lines, source=SOURCE,
                                             file_name=FILE, digest=DIGEST)
    finally:
        targets.close()
    if report.imported != len(lines):
        raise RuntimeError(f"imported {report.imported} of {len(lines)}: {report.problems[:3]}")
    con = ctx.raw()
    digest = batch_digest(con)
    con.close()
    return ctx.outcome(t, digest, rows=len(lines))


# ---- by hand ------------------------------------------------------------------------------

def _ledgers(cur: Any, p: str, ids: list[int]) -> dict[int, HandLedger]:
    """The accounts' ledgers as bench.jobs.handledger.read reads one, for many accounts at
    once: the same six reads over ``account_id IN (…)``, grouped by account."""
    out: dict[int, HandLedger] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        marks = ", ".join([p] * len(part))
        bills: dict[int, dict[int, HandBill]] = {a: {} for a in part}
        cur.execute("SELECT b.account_id, b.id, b.kind, b.total, b.business_date, s.start_date, "
                    "t.late_fee_rate, t.late_fee_from FROM bill b LEFT JOIN season s ON "
                    "s.id = b.season_id LEFT JOIN tariff t ON t.id = b.tariff_id "
                    f"WHERE b.account_id IN ({marks})", part)
        for a, i, kind, total, day, start_, rate, fee_from in cur.fetchall():
            bills[a][i] = HandBill(i, kind, int(total), day_of(day), _maybe(start_),
                                   int(rate or 0), _maybe(fee_from))
        fees: dict[int, dict[int, list[tuple[int, int]]]] = {a: {} for a in part}
        cur.execute("SELECT account_id, id, bill_id, kind, amount FROM adjustment "
                    f"WHERE account_id IN ({marks}) AND status = 'approved' ORDER BY id", part)
        if cur.fetchall():
            raise ValueError("adjustments on a drawn account: not handled by hand")
        cur.execute("SELECT p.account_id, al.bill_id, al.adjustment_id, p.business_date, "
                    "SUM(al.amount) FROM allocation al JOIN payment p ON p.id = al.payment_id "
                    f"WHERE p.account_id IN ({marks}) GROUP BY p.account_id, al.bill_id, "
                    "al.adjustment_id, p.business_date", part)
        for a, bill_id, _adj, day, amount in cur.fetchall():
            bills[a][bill_id].allocated.append((day_of(day), int(amount)))
        cur.execute("SELECT p.id FROM payment p LEFT JOIN (SELECT payment_id, SUM(amount) AS s "
                    "FROM allocation GROUP BY payment_id) x ON x.payment_id = p.id WHERE "
                    f"p.account_id IN ({marks}) AND p.reverses_id IS NULL AND "
                    "p.amount > COALESCE(x.s, 0) AND NOT EXISTS "
                    "(SELECT 1 FROM payment r WHERE r.reverses_id = p.id)", part)
        if cur.fetchall():
            raise ValueError("money paid ahead on a drawn account: not handled by hand")
        cur.execute("SELECT account_id, balance FROM account_balance "
                    f"WHERE account_id IN ({marks})", part)
        balances = {a: int(b) for a, b in cur.fetchall()}
        cur.execute("SELECT account_id, at, to_status FROM account_status_change "
                    f"WHERE account_id IN ({marks}) ORDER BY account_id, at, id", part)
        changes: dict[int, list[tuple]] = {}
        for a, at, to in cur.fetchall():
            changes.setdefault(a, []).append((at, to))
        for a in part:
            out[a] = HandLedger(a, sorted(bills[a].values(), key=lambda b: (b.anchor, b.id)),
                                balances.get(a, 0), _cut_off(changes.get(a, [])), fees[a])
    return out


# The tamper-evident chain (issue 9) by hand: each row's hash is sha256 (hex) over the
# previous row's hash, U+001E and its chained columns as stored (NULL as \N, integers in
# decimal, dates ISO, text with backslash and U+001F escaped) joined by U+001F.
_UNIT, _RECORD = "\x1f", "\x1e"


def _canon(v: Any) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, str):
        return v.replace("\\", "\\\\").replace(_UNIT, "\\u") if (
            "\\" in v or _UNIT in v) else v
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    return v.isoformat(" ") if hasattr(v, "hour") else v.isoformat()


def _hashes(prev: str, rows: list[tuple], picks: list[int]) -> list[str]:
    out = []
    for r in rows:
        prev = hashlib.sha256((prev + _RECORD + _UNIT.join([_canon(r[i]) for i in picks]))
                              .encode()).hexdigest()
        out.append(prev)
    return out


def _bare(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    accounts = draw(con, ctx.options.get("batch_rows", 20_000), ctx.seed)
    rows = _rows(accounts)
    if ctx.postgres:
        con.rollback()
    pg = ctx.postgres
    p = mark(con)
    cur = con.cursor()
    user, user_id = targets.FINANCE.username, targets.FINANCE.user_id
    now = PAY_AT if pg else PAY_AT.isoformat(" ")
    day = DAY if pg else DAY.isoformat()
    t = ctx.timer()
    with t:
        if not pg:
            cur.execute("BEGIN IMMEDIATE")
        # the file's checks: its accounts, its references not imported before, the day open
        numbers = sorted({no for _, no, _ in rows})
        ids: dict[str, int] = {}
        for s in range(0, len(numbers), CHUNK):
            part = numbers[s:s + CHUNK]
            cur.execute(f"SELECT account_no, id FROM account WHERE account_no IN "
                        f"({', '.join([p] * len(part))})", part)
            ids.update(cur.fetchall())
        refs = [ref for _, _, ref in rows]
        for s in range(0, len(refs), CHUNK):
            part = refs[s:s + CHUNK]
            cur.execute(f"SELECT reference FROM payment WHERE source = {p} AND reference IN "
                        f"({', '.join([p] * len(part))})", [SOURCE, *part])
            if cur.fetchall():
                raise ValueError("a reference imported before")
        cur.execute(f"SELECT (SELECT COUNT(*) FROM month_close WHERE month = {p}), "
                    f"(SELECT COUNT(*) FROM day_close WHERE cashier = {p} AND "
                    f"business_date = {p})", (DAY.strftime("%Y-%m"), user, day))
        if any(cur.fetchone()):
            raise ValueError("day or month closed")
        account_ids = sorted(ids.values())
        if pg:
            cur.execute("SELECT id FROM account WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                        (account_ids,))
        ledgers = _ledgers(cur, p, account_ids)
        # the late fees, the money against the oldest debts
        plans = []
        fee_count = 0
        for row, no, ref in rows:
            led = ledgers[ids[no]]
            fees = pending_fees(led, DAY)
            fee_count += len(fees)
            plans.append((row, ids[no], ref, led, fees))
        adj_ids = iter(new_ids(cur, pg, "adjustment", fee_count))
        pay_ids = iter(new_ids(cur, pg, "payment", len(rows)))
        year = DAY.year
        cur.execute(f"SELECT last_seq FROM receipt_counter WHERE year = {p}"
                    + (" FOR UPDATE" if pg else ""), (year,))
        found = cur.fetchone()
        last = int(found[0]) if found else 0
        if found is None:
            cur.execute(f"INSERT INTO receipt_counter (year, last_seq) VALUES ({p}, 0)", (year,))
        cur.execute(f"UPDATE receipt_counter SET last_seq = {p} WHERE year = {p}",
                    (last + len(rows), year))
        adj_rows, pay_rows, alloc_rows, audit_rows = [], [], [], []
        paid: dict[int, int] = {}
        balances = []
        reason = f"滞纳金（计至 {DAY}）"
        for seq, (_row, account_id, ref, led, fees) in enumerate(plans, start=last + 1):
            debts: list[tuple[int | None, int | None, int]] = []
            fee_ids: dict[int, int] = {}
            for bill_id, fee in fees.items():
                fee_ids[bill_id] = adj_id = next(adj_ids)
                adj_rows.append((adj_id, account_id, bill_id, "late_fee", fee, reason,
                                 "approved", "system", now, "system", now, day, "rule"))
            for bill in led.bills:
                if bill.id in fee_ids:
                    debts.append((None, fee_ids[bill.id], fees[bill.id]))
                if bill.open > 0:
                    debts.append((bill.id, None, bill.open))
            receipt = f"{year:04d}-{seq:06d}"
            pay_id = next(pay_ids)
            pay_rows.append((pay_id, receipt, year, seq, account_id, AMOUNT, "transfer", None,
                             None, user, now, day, None, "", ref, SOURCE))
            left = AMOUNT
            for bill_id, adj_id, owed in debts:
                if left <= 0:
                    break
                part = min(owed, left)
                left -= part
                alloc_rows.append((pay_id, bill_id, adj_id, part))
                if bill_id is not None:
                    paid[bill_id] = paid.get(bill_id, 0) + part
            fee_total = sum(fees.values())
            balances.append((account_id, 0, fee_total, AMOUNT, fee_total - AMOUNT))
            yuan = Decimal(AMOUNT).scaleb(-2)
            settled = Decimal(AMOUNT - left).scaleb(-2)
            after = {"id": pay_id, "receipt_no": receipt, "receipt_year": year,
                     "receipt_seq": seq, "account": account_id, "amount": str(yuan),
                     "method": "transfer", "tendered": None, "change": None, "cashier": user,
                     "taken_at": PAY_AT.isoformat(), "business_date": DAY.isoformat(),
                     "reverses": None, "reason": "", "reference": ref, "source": SOURCE}
            audit_rows.append((now, user, user_id, "payments.import", "payment", str(pay_id), None,
                               json.dumps(after, ensure_ascii=False),
                               f"{receipt}: settled {settled}, prepaid {yuan - settled}"))
        m = ", ".join
        # the chain heads locked (in name order, as the program locks them), every row hashed
        chains = ("adjustment", "adjustment_decision", "allocation", "audit_entry",
                  "day_close", "month_close", "payment")
        cur.execute("SELECT chain, last_id, last_hash FROM chain_head WHERE chain IN "
                    f"({m([p] * len(chains))}) ORDER BY chain" + (" FOR UPDATE" if pg else ""),
                    chains)
        heads = {c: (int(i), h) for c, i, h in cur.fetchall()}
        hashes = _hashes(heads["adjustment"][1], adj_rows, [1, 2, 3, 4, 5, 7, 8, 12])
        decision_no, prev = heads["adjustment_decision"]
        decided = []
        for r, h in zip(adj_rows, hashes, strict=True):
            decision_no += 1
            prev = hashlib.sha256((prev + _RECORD + _UNIT.join(
                [h, *(_canon(r[i]) for i in (6, 9, 10, 11))])).encode()).hexdigest()
            decided.append((*r, h, decision_no, prev))
        moved = {"adjustment_decision": (decision_no, prev)}
        if adj_rows:
            moved["adjustment"] = (adj_rows[-1][0], hashes[-1])
        pay_rows = [(*r, h) for r, h in zip(
            pay_rows, _hashes(heads["payment"][1], pay_rows, list(range(1, 16))), strict=True)]
        moved["payment"] = (pay_rows[-1][0], pay_rows[-1][-1])
        alloc_rows = [(*r, h) for r, h in zip(
            alloc_rows, _hashes(heads["allocation"][1], alloc_rows, [0, 1, 2, 3]), strict=True)]
        many(cur, pg, "INSERT INTO adjustment (id, account_id, bill_id, kind, amount, reason, "
              "status, proposed_by, proposed_at, decided_by, decided_at, business_date, "
              f"source, hash, decision_no, decision_hash) VALUES ({m([p] * 16)})", decided)
        many(cur, pg, "INSERT INTO payment (id, receipt_no, receipt_year, receipt_seq, "
              "account_id, amount, method, tendered, change, cashier, taken_at, business_date, "
              f"reverses_id, reason, reference, source, hash) VALUES ({m([p] * 17)})", pay_rows)
        many(cur, pg, "INSERT INTO allocation (payment_id, bill_id, adjustment_id, amount, "
              f"hash) VALUES ({m([p] * 5)})", alloc_rows)
        if pg:
            from psycopg2.extras import execute_values

            execute_values(cur, "UPDATE bill SET paid = bill.paid + v.fen FROM (VALUES %s) "
                           "AS v(fen, id) WHERE bill.id = v.id",
                           [(fen, b) for b, fen in sorted(paid.items())], page_size=1000)
        else:
            cur.executemany("UPDATE bill SET paid = paid + ? WHERE id = ?",
                            [(fen, b) for b, fen in sorted(paid.items())])
        many(cur, pg, "INSERT INTO account_balance (account_id, billed, adjusted, paid, "
              f"balance) VALUES ({m([p] * 5)}) ON CONFLICT (account_id) DO UPDATE SET "
              "adjusted = account_balance.adjusted + excluded.adjusted, paid = "
              "account_balance.paid + excluded.paid, balance = account_balance.balance + "
              "excluded.balance", balances)
        first, last_no = pay_rows[0][1], pay_rows[-1][1]
        total = str(Decimal(AMOUNT * len(rows)).scaleb(-2))
        batch = {"file": FILE, "digest": DIGEST, "source": SOURCE, "rows": len(rows),
                 "imported": len(rows), "rejected": 0, "file_total": total,
                 "imported_total": total, "receipts": [first, last_no]}
        audit_rows.append((now, user, user_id, "payments.import", "import", DIGEST[:16], None,
                           json.dumps(batch, ensure_ascii=False),
                           f"{FILE}: {len(rows)} imported, {first}–{last_no}"))
        audit_rows = [(*r, h) for r, h in zip(
            audit_rows, _hashes(heads["audit_entry"][1], audit_rows, list(range(9))),
            strict=True)]
        many(cur, pg, 'INSERT INTO audit_entry (at, actor, actor_id, action, "table", '
              f"record_id, before, after, note, hash) VALUES ({m([p] * 10)})", audit_rows)
        moved["allocation"] = (-1, alloc_rows[-1][-1])
        moved["audit_entry"] = (-1, audit_rows[-1][-1])
        for name, (last_id, last_hash) in sorted(moved.items()):
            table = "adjustment" if name == "adjustment_decision" else name
            top = (f'(SELECT MAX(id) FROM "{table}")' if last_id < 0 else p)
            cur.execute(f"UPDATE chain_head SET last_id = {top}, last_hash = {p} "
                        f"WHERE chain = {p}",
                        ((last_hash, name) if last_id < 0 else (last_id, last_hash, name)))
        if pg:
            con.commit()
        else:
            cur.execute("COMMIT")
    digest = batch_digest(con)
    con.close()
    return ctx.outcome(t, digest, rows=len(rows))


register(Job(
    name="batch", title="payment batch from a bank (20,000 rows, one transaction)",
    fixture="billed", writes=True, app=_app, bare=_bare,
    baseline="one transaction of plain sqlite3 (BEGIN IMMEDIATE) / psycopg2 doing the batch's "
             "work: the file's account numbers looked up and its references checked against "
             "those imported before (500 a query), the day/month-close check, the accounts "
             "locked (FOR UPDATE, one statement, on PostgreSQL), their ledgers read with the "
             "six reads of the window's payment over 500 accounts a query, each late fee worked "
             "out by hand in integer fen (as the payment baseline), the money set against the "
             "oldest debts, ids and receipt numbers taken beforehand (the counter bumped once), "
             "then executemany (SQLite) / execute_values (PostgreSQL) of the late-fee "
             "adjustments, payments, allocations, the bills' paid totals, the balances and the "
             "audit rows (one per payment with its snapshot, one for the file), each chained "
             "row hashed by hand as issue 9 requires (the chain heads locked, sha256 over the "
             "previous hash and the row's canonical text, the adjustments' decisions too, the "
             "heads moved). Like the "
             "payment baseline it refuses accounts with money paid ahead or adjustments. "
             "The program's side is heatoffice.billing.batches.import_payments on the same "
             "rows (as text cells, checks included). Digest: every row written, the bills' "
             "paid totals, balances, counter, audit rows and the chain heads (the same rows "
             "hashed in the same order). Seconds for the whole file."))
