"""The per-account running totals and the ledger invariant: billed + adjusted − paid = balance.

Every service that writes a ledger entry (bill, approved adjustment, payment, reversal) calls
:func:`post` in the same transaction; :func:`verify` recomputes everything from the entries
with set-based SQL and is the ``ledger`` check of ``heatoffice check`` (billing/area.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal

from heatoffice.billing.models import (
    AccountBalance,
    Adjustment,
    Allocation,
    Bill,
    Payment,
    ReceiptCounter,
)
from heatoffice.db.connection import database, is_postgres
from heatoffice.money import ZERO, from_fen, to_fen

EXAMPLES = 5


_POST: dict[str, tuple[str, str]] = {}


def post(account_id: int, *, billed: Decimal = ZERO, adjusted: Decimal = ZERO,
         paid: Decimal = ZERO) -> None:
    """Move an account's totals; call inside the transaction that writes the entry."""
    if not (billed or adjusted or paid):
        return
    b, a, p = to_fen(billed), to_fen(adjusted), to_fen(paid)
    m = database.param
    if m not in _POST:
        t = AccountBalance._meta.table_name
        _POST[m] = (f"UPDATE {t} SET billed = billed + {m}, adjusted = adjusted + {m}, "
                    f"paid = paid + {m}, balance = balance + {m} WHERE account_id = {m}",
                    f"INSERT INTO {t} (account_id, billed, adjusted, paid, balance) "
                    f"VALUES ({m}, {m}, {m}, {m}, {m})")
    update, insert = _POST[m]
    if not database.execute_sql(update, (b, a, p, b + a - p, account_id)).rowcount:
        database.execute_sql(insert, (account_id, b, a, p, b + a - p))


def post_statement(account_id: int, *, billed: Decimal = ZERO, adjusted: Decimal = ZERO,
                   paid: Decimal = ZERO) -> tuple[str, tuple] | None:
    """:func:`post` as one statement (an upsert) to send with other writes in a batch
    (heatoffice.db.batch); None when nothing moves."""
    if not (billed or adjusted or paid):
        return None
    b, a, p = to_fen(billed), to_fen(adjusted), to_fen(paid)
    m = database.param
    t = AccountBalance._meta.table_name
    return (f"INSERT INTO {t} (account_id, billed, adjusted, paid, balance) "
            f"VALUES ({m}, {m}, {m}, {m}, {m}) ON CONFLICT (account_id) DO UPDATE SET "
            f"billed = {t}.billed + excluded.billed, adjusted = {t}.adjusted + excluded.adjusted, "
            f"paid = {t}.paid + excluded.paid, balance = {t}.balance + excluded.balance",
            (account_id, b, a, p, b + a - p))


def lock_account(account_id: int) -> bool:
    """Serialize the ledger writes of one account until the transaction ends; False when
    there is no such account.

    Lock order, to stay clear of deadlocks: the account first, then the year's receipt
    counter (heatoffice.billing.receipts), then the rows written. On SQLite the write
    transaction holds the whole database already (BEGIN IMMEDIATE).
    """
    from heatoffice.accounts.models import Account

    p = database.param
    sql = f"SELECT id FROM {Account._meta.table_name} WHERE id = {p}"
    if is_postgres():
        sql += " FOR UPDATE"
    return database.execute_sql(sql, (account_id,)).fetchone() is not None


def post_bills_bulk(rows: Iterable[tuple[int, int]]) -> None:
    """Add billed fen to many accounts at once: rows of (account_id, fen). Set-based, for the
    billing run; accounts without a balance row get one."""
    db = database.obj
    p = db.param
    rows = list(rows)
    cursor = db.cursor()
    table = AccountBalance._meta.table_name
    cursor.executemany(
        f"INSERT INTO {table} (account_id, billed, adjusted, paid, balance) "
        f"VALUES ({p}, {p}, 0, 0, {p}) ON CONFLICT (account_id) DO UPDATE SET "
        "billed = " + table + ".billed + excluded.billed, "
        "balance = " + table + ".balance + excluded.billed",
        [(a, fen, fen) for a, fen in rows])


def post_bills_select(select_sql: str, params: tuple = ()) -> None:
    """:func:`post_bills_bulk` for the rows of a SELECT with columns ``account_id`` and
    ``fen``, run inside the database (INSERT … SELECT): the billing run's way at city scale."""
    table = AccountBalance._meta.table_name
    # "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join's ON.
    database.execute_sql(
        f"INSERT INTO {table} (account_id, billed, adjusted, paid, balance) "
        f"SELECT s.account_id, s.fen, 0, 0, s.fen FROM ({select_sql}) AS s WHERE true "
        f"ON CONFLICT (account_id) DO UPDATE SET billed = {table}.billed + excluded.billed, "
        f"balance = {table}.balance + excluded.billed", params)


def balance(account_id: int) -> Decimal:
    row = AccountBalance.get_or_none(AccountBalance.account == account_id)
    return row.balance if row else ZERO


def _t(model) -> str:
    return model._meta.table_name


def _rows(sql: str) -> list[tuple]:
    return list(database.execute_sql(sql).fetchall())


def _account_totals() -> list[tuple[int, str]]:
    from heatoffice.accounts.models import Account

    ab = _t(AccountBalance)
    rows = _rows(
        f"SELECT a.id, COALESCE(b.s, 0), COALESCE(d.s, 0), COALESCE(p.s, 0), "
        f"COALESCE(ab.billed, 0), COALESCE(ab.adjusted, 0), COALESCE(ab.paid, 0), "
        f"COALESCE(ab.balance, 0) FROM {_t(Account)} a "
        f"LEFT JOIN (SELECT account_id, SUM(total) AS s FROM {_t(Bill)} GROUP BY account_id) b "
        "ON b.account_id = a.id "
        f"LEFT JOIN (SELECT account_id, SUM(amount) AS s FROM {_t(Adjustment)} "
        "WHERE status = 'approved' GROUP BY account_id) d ON d.account_id = a.id "
        f"LEFT JOIN (SELECT account_id, SUM(amount) AS s FROM {_t(Payment)} "
        "GROUP BY account_id) p ON p.account_id = a.id "
        f"LEFT JOIN {ab} ab ON ab.account_id = a.id "
        "WHERE COALESCE(ab.billed, 0) <> COALESCE(b.s, 0) "
        "OR COALESCE(ab.adjusted, 0) <> COALESCE(d.s, 0) "
        "OR COALESCE(ab.paid, 0) <> COALESCE(p.s, 0) "
        "OR COALESCE(ab.balance, 0) <> COALESCE(b.s, 0) + COALESCE(d.s, 0) - COALESCE(p.s, 0) "
        "ORDER BY a.id")
    out = []
    for account_id, *fen in rows:
        b, d, p, sb, sd, sp, sbal = (from_fen(int(x)) for x in fen)
        out.append((account_id, f"account {account_id}: stored billed {sb} adjusted {sd} "
                                f"paid {sp} balance {sbal}; entries give {b} {d} {p} "
                                f"balance {b + d - p}"))
    return out


def _bills() -> list[tuple[int, str]]:
    rows = _rows(
        f"SELECT b.id, b.paid, COALESCE(x.s, 0), b.total FROM {_t(Bill)} b "
        f"LEFT JOIN (SELECT bill_id, SUM(amount) AS s FROM {_t(Allocation)} "
        "WHERE bill_id IS NOT NULL GROUP BY bill_id) x ON x.bill_id = b.id "
        "WHERE b.paid <> COALESCE(x.s, 0) OR b.paid < 0 OR b.paid > b.total ORDER BY b.id")
    return [(bill_id, f"bill {bill_id}: paid {from_fen(int(paid))}, allocations "
                      f"{from_fen(int(alloc))}, total {from_fen(int(total))}")
            for bill_id, paid, alloc, total in rows]


def _allocations() -> list[tuple[int, str]]:
    al, pay, bill, adj = _t(Allocation), _t(Payment), _t(Bill), _t(Adjustment)
    out = [(a, f"allocation {a}: settles another account's debt, or neither or both a bill "
               "and an adjustment") for (a,) in _rows(
        f"SELECT al.id FROM {al} al JOIN {pay} p ON p.id = al.payment_id "
        f"LEFT JOIN {bill} b ON b.id = al.bill_id LEFT JOIN {adj} d ON d.id = al.adjustment_id "
        "WHERE (al.bill_id IS NULL) = (al.adjustment_id IS NULL) "
        "OR COALESCE(b.account_id, d.account_id) <> p.account_id ORDER BY al.id")]
    out += [(d, f"adjustment {d}: allocations {from_fen(int(s))} outside 0..{from_fen(int(a))} "
                "or on a credit or undecided adjustment") for d, s, a in _rows(
        f"SELECT d.id, SUM(al.amount), d.amount FROM {adj} d JOIN {al} al "
        "ON al.adjustment_id = d.id GROUP BY d.id, d.amount, d.status "
        "HAVING d.status <> 'approved' OR d.amount <= 0 OR SUM(al.amount) < 0 "
        "OR SUM(al.amount) > d.amount ORDER BY d.id")]
    return out


def _payments() -> list[tuple[int, str]]:
    al, pay = _t(Allocation), _t(Payment)
    sums = f"(SELECT payment_id, SUM(amount) AS s FROM {al} GROUP BY payment_id)"
    out = [(p, f"payment {p}: amount {from_fen(int(a))}, allocated {from_fen(int(s))}")
           for p, a, s in _rows(
        f"SELECT p.id, p.amount, COALESCE(x.s, 0) FROM {pay} p LEFT JOIN {sums} x "
        "ON x.payment_id = p.id WHERE (p.reverses_id IS NULL AND (p.amount <= 0 "
        "OR COALESCE(x.s, 0) < 0 OR COALESCE(x.s, 0) > p.amount)) "
        "OR (p.reverses_id IS NOT NULL AND (p.amount >= 0 OR COALESCE(x.s, 0) > 0 "
        "OR COALESCE(x.s, 0) < p.amount)) ORDER BY p.id")]
    out += [(r, f"reversal {r} does not mirror payment {o}") for r, o in _rows(
        f"SELECT r.id, o.id FROM {pay} r JOIN {pay} o ON o.id = r.reverses_id "
        f"LEFT JOIN {sums} xr ON xr.payment_id = r.id LEFT JOIN {sums} xo ON xo.payment_id = o.id "
        "WHERE r.amount <> -o.amount OR r.account_id <> o.account_id "
        "OR o.reverses_id IS NOT NULL OR COALESCE(xr.s, 0) <> -COALESCE(xo.s, 0) ORDER BY r.id")]
    return out


def lost_receipt_ranges() -> dict[int, list[tuple[int, int]]]:
    """The receipt numbers restores skipped, by year: (first, last) sequence numbers from the
    audit rows ``receipts.lost_by_restore`` (heatoffice.backup.service)."""
    from heatoffice.audit.models import AuditEntry
    from heatoffice.billing.receipts import parse_receipt

    found: dict[int, list[tuple[int, int]]] = {}
    for (after,) in (AuditEntry.select(AuditEntry.after)
                     .where(AuditEntry.action == "receipts.lost_by_restore").tuples()):
        data = json.loads(after or "{}")
        first = parse_receipt(str(data.get("lost_from", "")))
        end = parse_receipt(str(data.get("lost_to", "")))
        if first and end and first[0] == end[0] and first[1] <= end[1]:
            found.setdefault(first[0], []).append((first[1], end[1]))
    return found


def _receipt_numbers() -> list[tuple[int, str]]:
    pay, counter = _t(Payment), _t(ReceiptCounter)
    if is_postgres():
        formatted = ("receipt_year::text || '-' || lpad(receipt_seq::text, "
                     "greatest(6, length(receipt_seq::text)), '0')")
    else:
        formatted = "printf('%04d-%06d', receipt_year, receipt_seq)"
    out = [(p, f"payment {p}: receipt number {no} does not match its year and number")
           for p, no in _rows(f"SELECT id, receipt_no FROM {pay} "
                              f"WHERE receipt_no <> {formatted} ORDER BY id")]
    years = {y: (n, lo, hi) for y, n, lo, hi in _rows(
        f"SELECT receipt_year, COUNT(*), MIN(receipt_seq), MAX(receipt_seq) FROM {pay} "
        "GROUP BY receipt_year")}
    last = dict(_rows(f"SELECT year, last_seq FROM {counter}"))
    lost = lost_receipt_ranges()
    for year in sorted(set(years) | {y for y, n in last.items() if n}):
        n, lo, hi = years.get(year, (0, None, None))
        ranges = lost.get(year, [])
        if not ranges:
            if n and (lo != 1 or hi != n) or last.get(year, 0) != n:
                out.append((year, f"receipts of {year}: {n} numbers from {lo} to {hi}, counter "
                                  f"at {last.get(year, 0)} (numbers must run 1..n without a "
                                  "gap)"))
            continue
        # Numbers a restore skipped (heatoffice.backup) fill their gap: the receipts and the
        # lost ranges together run 1..counter, none inside another (numbers are unique).
        skipped = sum(b - a + 1 for a, b in ranges)
        inside = sum(_rows(f"SELECT COUNT(*) FROM {pay} WHERE receipt_year = {int(year)} "
                           f"AND receipt_seq BETWEEN {int(a)} AND {int(b)}")[0][0]
                     for a, b in ranges)
        spans = sorted(ranges)
        apart = all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))
        top = last.get(year, 0)
        if inside or not apart or n + skipped != top or min([lo or top, spans[0][0]]) != 1 \
                or max([hi or 0, spans[-1][1]]) != top:
            out.append((year, f"receipts of {year}: {n} numbers from {lo} to {hi} and {skipped} "
                              f"lost by restores, counter at {top} (numbers must run 1..n "
                              "without a gap)"))
    return out


def verify() -> list[tuple[int, str]]:
    """Everything that contradicts the ledger's rules, as (id, what differs); [] when sound.

    Checked: each account's stored totals against its entries; each bill's paid total against
    its allocations (0 ≤ paid ≤ total); allocations within their payment and debit adjustment
    and on the same account; a reversal mirrors its original exactly; receipt numbers run
    1..n per year with the counter at n.
    """
    return (_account_totals() + _bills() + _allocations() + _payments()
            + _receipt_numbers())


def check_invariant() -> tuple[bool, str]:
    """``heatoffice check``: the ledger invariant for every account."""
    problems = verify()
    if not problems:
        accounts = database.execute_sql(
            f"SELECT COUNT(*) FROM {_t(AccountBalance)}").fetchone()[0]
        return True, f"{accounts} accounts: billed + adjusted − paid = balance"
    shown = "; ".join(detail for _, detail in problems[:EXAMPLES])
    return False, f"{len(problems)} problems: {shown}" + (" …" if len(problems) > EXAMPLES else "")
