"""One payment at the window (late fee, allocation oldest first, gap-free receipt number,
audit), against the same reads, calculation and writes by hand in one transaction."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import PAY_AT, Ctx, Job, Outcome, mark, register
from bench.jobs.handledger import pending_fees, queries, read
from bench.measure import digest_parts, digest_rows

AMOUNT, TENDERED = 50_000, 60_000  # fen: ¥500 cash, ¥600 handed over
DAY = PAY_AT.date()


def draw(con: Any, n: int, seed: int) -> list[int]:
    """``n`` + 1 accounts (the first pays untimed, to warm both sides alike) that owe more
    than the payment and have no adjustment yet, drawn at random."""
    cur = con.cursor()
    cur.execute(f"SELECT account_id FROM account_balance ab WHERE balance > {mark(con)} AND "
                "NOT EXISTS (SELECT 1 FROM adjustment d WHERE d.account_id = ab.account_id) "
                "ORDER BY account_id", (AMOUNT + 10_000,))
    ids = [r[0] for r in cur.fetchall()]
    return random.Random(f"{seed}:payments").sample(ids, min(n + 1, len(ids)))


def payment_digest(con: Any, accounts: list[int]) -> str:
    """Everything the payments wrote: receipts, allocations, late fees, the bills' paid
    totals, balances, the receipt counter and the audit rows."""
    cur = con.cursor()
    p = mark(con)
    ids = ", ".join(str(int(a)) for a in accounts)
    queries_ = {
        "payments": "SELECT receipt_no, receipt_year, receipt_seq, account_id, amount, method, "
                    "tendered, change, cashier, taken_at, business_date, reverses_id, reason "
                    f"FROM payment WHERE business_date = {p}",
        "allocations": "SELECT q.receipt_no, al.bill_id, d.kind, d.amount, d.reason, al.amount "
                       "FROM allocation al JOIN payment q ON q.id = al.payment_id LEFT JOIN "
                       f"adjustment d ON d.id = al.adjustment_id WHERE q.business_date = {p}",
        "fees": "SELECT account_id, bill_id, kind, amount, reason, status, proposed_by, "
                "proposed_at, decided_by, decided_at, business_date, source FROM adjustment "
                f"WHERE business_date = {p}",
        "bills": f"SELECT account_id, id, total, paid FROM bill WHERE account_id IN ({ids})",
        "balances": "SELECT account_id, billed, adjusted, paid, balance FROM account_balance "
                    f"WHERE account_id IN ({ids})",
        "counter": "SELECT year, last_seq FROM receipt_counter",
        "audit": 'SELECT at, actor, actor_id, action, "table", record_id, before, after, note '
                 "FROM audit_entry WHERE action = 'payments.take'",
    }
    day = (DAY.isoformat() if p == "?" else DAY,)
    parts = {}
    for key, sql in queries_.items():
        cur.execute(sql, day if "business_date = " in sql else ())
        parts[key] = digest_rows(cur.fetchall())
    return digest_parts(parts)


def _app(ctx: Ctx) -> Outcome:
    targets.open_app(ctx.url)
    try:
        accounts = draw(targets.database.connection(), ctx.options.get("payments", 200),
                        ctx.seed)
        money, given = Decimal(AMOUNT).scaleb(-2), Decimal(TENDERED).scaleb(-2)
        t = ctx.timer()
        with targets.frozen_clock(PAY_AT):
            for n, account_id in enumerate(accounts):
                if n == 0:
                    targets.record_payment(targets.CASHIER, account_id, money, "cash",
                                           tendered=given)
                    continue
                with t:
                    targets.record_payment(targets.CASHIER, account_id, money, "cash",
                                           tendered=given)
    finally:
        targets.close()
    con = ctx.raw()
    digest = payment_digest(con, accounts)
    fees = _fees(con)
    con.close()
    return ctx.outcome(t, digest, ops=len(accounts) - 1, late_fees=fees)


def _fees(con: Any) -> int:
    cur = con.cursor()
    cur.execute("SELECT COUNT(*) FROM adjustment WHERE kind = 'late_fee'")
    return cur.fetchone()[0]


# ---- by hand ------------------------------------------------------------------------------

class HandDesk:
    """The cashier's window written with the raw driver: each payment one transaction."""

    def __init__(self, con: Any, postgres: bool) -> None:
        self.con, self.pg = con, postgres
        self.cur = con.cursor()
        p = self.p = "%s" if postgres else "?"
        self.reads = queries(p)
        ret = " RETURNING id" if postgres else ""
        self.lock = f"SELECT id FROM account WHERE id = {p}" + (" FOR UPDATE" if postgres else "")
        self.counter = (f"SELECT last_seq FROM receipt_counter WHERE year = {p}"
                        + (" FOR UPDATE" if postgres else ""))
        self.closed = (f"SELECT (SELECT COUNT(*) FROM month_close WHERE month = {p}), "
                       f"(SELECT COUNT(*) FROM day_close WHERE cashier = {p} "
                       f"AND business_date = {p})")
        self.fee = ("INSERT INTO adjustment (account_id, bill_id, kind, amount, reason, status, "
                    "proposed_by, proposed_at, decided_by, decided_at, business_date, source) "
                    f"VALUES ({p}, {p}, 'late_fee', {p}, {p}, 'approved', 'system', {p}, "
                    f"'system', {p}, {p}, 'rule'){ret}")
        self.post = (f"UPDATE account_balance SET adjusted = adjusted + {p}, paid = paid + {p}, "
                     f"balance = balance + {p} WHERE account_id = {p}")
        self.payment = ('INSERT INTO payment (receipt_no, receipt_year, receipt_seq, account_id, '
                        'amount, method, tendered, change, cashier, taken_at, business_date, '
                        f"reason) VALUES ({', '.join([p] * 11)}, ''){ret}")
        self.allocation = ("INSERT INTO allocation (payment_id, bill_id, adjustment_id, amount) "
                           f"VALUES ({p}, {p}, {p}, {p})")
        self.bill_paid = f"UPDATE bill SET paid = paid + {p} WHERE id = {p}"
        self.audit = ('INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
                      f"before, after, note) VALUES ({p}, {p}, {p}, 'payments.take', 'payment', "
                      f"{p}, NULL, {p}, {p})")
        self.now = PAY_AT if postgres else PAY_AT.isoformat(" ")
        self.day = DAY if postgres else DAY.isoformat()

    def _insert(self, sql: str, params: tuple) -> int:
        self.cur.execute(sql, params)
        return self.cur.fetchone()[0] if self.pg else self.cur.lastrowid

    def _next_receipt(self, year: int) -> int:
        cur = self.cur
        cur.execute(self.counter, (year,))
        row = cur.fetchone()
        if row is None:
            cur.execute(f"INSERT INTO receipt_counter (year, last_seq) VALUES ({self.p}, 0)"
                        + (" ON CONFLICT (year) DO NOTHING" if self.pg else ""), (year,))
            cur.execute(self.counter, (year,))
            row = cur.fetchone() or (0,)
        seq = int(row[0]) + 1
        cur.execute(f"UPDATE receipt_counter SET last_seq = {self.p} WHERE year = {self.p}",
                    (seq, year))
        return seq

    def pay(self, account_id: int, amount: int, tendered: int, cashier: str) -> int:
        cur = self.cur
        if not self.pg:
            cur.execute("BEGIN IMMEDIATE")
        cur.execute(self.lock, (account_id,))
        if cur.fetchone() is None:
            raise ValueError(f"no account {account_id}")
        led = read(cur, self.reads, account_id)
        debts: list[tuple[int | None, int | None, int]] = []  # (bill, adjustment, owed)
        for bill_id, fee in pending_fees(led, DAY).items():
            adj_id = self._insert(self.fee, (account_id, bill_id, fee, f"滞纳金（计至 {DAY}）",
                                             self.now, self.now, self.day))
            cur.execute(self.post, (fee, 0, fee, account_id))
            led.fee_rows.setdefault(bill_id, []).append((adj_id, fee))
        for bill in led.bills:  # oldest first: a bill's late fees, then the bill
            debts += [(None, a, owed) for a, owed in led.fee_rows.get(bill.id, ()) if owed > 0]
            if bill.open > 0:
                debts.append((bill.id, None, bill.open))
        year = DAY.year
        seq = self._next_receipt(year)
        cur.execute(self.closed, (DAY.strftime("%Y-%m"), cashier, self.day))
        if any(cur.fetchone()):
            raise ValueError("day or month closed")
        receipt = f"{year:04d}-{seq:06d}"
        change = tendered - amount
        pay_id = self._insert(self.payment, (receipt, year, seq, account_id, amount, "cash",
                                             tendered, change, cashier, self.now, self.day))
        left, rows = amount, []
        for bill_id, adj_id, owed in debts:
            if left <= 0:
                break
            part = min(owed, left)
            left -= part
            rows.append((pay_id, bill_id, adj_id, part))
        cur.executemany(self.allocation, rows)
        for _, bill_id, _, part in rows:
            if bill_id is not None:
                cur.execute(self.bill_paid, (part, bill_id))
        cur.execute(self.post, (0, amount, -amount, account_id))
        yuan = Decimal(amount).scaleb(-2)
        settled = Decimal(amount - left).scaleb(-2)
        after = {"id": pay_id, "receipt_no": receipt, "receipt_year": year, "receipt_seq": seq,
                 "account": account_id, "amount": str(yuan), "method": "cash",
                 "tendered": str(Decimal(tendered).scaleb(-2)),
                 "change": str(Decimal(change).scaleb(-2)), "cashier": cashier,
                 "taken_at": PAY_AT.isoformat(), "business_date": DAY.isoformat(),
                 "reverses": None, "reason": "", "reference": "", "source": ""}
        cur.execute(self.audit, (self.now, cashier, targets.CASHIER.user_id, str(pay_id),
                                 json.dumps(after, ensure_ascii=False),
                                 f"{receipt}: settled {settled}, prepaid {yuan - settled}"))
        if self.pg:
            self.con.commit()
        else:
            cur.execute("COMMIT")
        return pay_id


def _bare(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    accounts = draw(con, ctx.options.get("payments", 200), ctx.seed)
    if ctx.postgres:
        con.rollback()
    desk = HandDesk(con, ctx.postgres)
    cashier = targets.CASHIER.username
    t = ctx.timer()
    for n, account_id in enumerate(accounts):
        if n == 0:
            desk.pay(account_id, AMOUNT, TENDERED, cashier)
            continue
        with t:
            desk.pay(account_id, AMOUNT, TENDERED, cashier)
    digest = payment_digest(con, accounts)
    fees = _fees(con)
    con.close()
    return ctx.outcome(t, digest, ops=len(accounts) - 1, late_fees=fees)


register(Job(
    name="payment", title="one payment (¥500 cash, late fee charged first)", fixture="billed",
    writes=True, per_op=True, scaling=True, app=_app, bare=_bare,
    baseline="per payment one transaction of plain sqlite3 (BEGIN IMMEDIATE) / psycopg2: the "
             "account locked (FOR UPDATE on PostgreSQL), the same six reads of its ledger "
             "(bills with season and tariff, approved adjustments, allocations by day, money "
             "not yet allocated, balance, status history), the late fee worked out by hand in "
             "integer fen (unpaid amount per day from the fee's start, cut-off days left out, "
             "rounded once) and charged as an approved adjustment with the balance moved, the "
             "money set against the oldest debts (late fee, then bill), the year's receipt "
             "counter read and bumped (locked on PostgreSQL), the day/month-close check, the "
             "payment, allocation rows, the bill's paid total, the balance and the audit row "
             "with the payment's snapshot. It leaves out what the drawn accounts do not have "
             "(money paid ahead, credits on no bill, early-payment discounts: the day is past "
             "their deadline) and refuses such an account rather than guess; and it leaves out "
             "the tamper-evident chain (hashes and heads: the job payment-chain) and the "
             "re-read of the cashier's user (auth.identity). Digest: every row "
             "written, the chosen accounts' bills and balances, the counter, the audit rows. "
             "Milliseconds per payment over the drawn accounts (a first payment, untimed, "
             "warms both sides)."))
