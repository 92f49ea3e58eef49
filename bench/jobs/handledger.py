"""One account's ledger read and its late fees worked out by hand, in integer fen: what the
payment and arrears baselines need, written without the program's code.

It covers the ledgers the benchmark meets: season bills, money allocated to them, late fees
already charged, credits and discounts attached to a bill, cut-off periods. Money paid ahead
and not yet set against a debt, and credits attached to no bill, are refused (ValueError):
the accounts the jobs draw have none, and a silent difference would be worse than a stop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ONE_DAY = dt.timedelta(days=1)
MILLION = 1_000_000


def day_of(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _maybe(value: Any) -> dt.date | None:
    return None if value is None else day_of(value)


@dataclass
class HandBill:
    id: int
    kind: str
    total: int
    day: dt.date
    season_start: dt.date | None
    rate: int                      # late fee per day, millionths
    fee_from: dt.date | None
    allocated: list[tuple[dt.date, int]] = field(default_factory=list)
    credits: list[tuple[dt.date, int]] = field(default_factory=list)  # lower what it owes
    fees_charged: int = 0
    fees_paid: int = 0

    @property
    def anchor(self) -> dt.date:
        return self.season_start or self.day

    @property
    def open(self) -> int:
        return self.total - sum(a for _, a in self.allocated) + sum(c for _, c in self.credits)


@dataclass
class HandLedger:
    account_id: int
    bills: list[HandBill]
    balance: int
    cut_off: list[tuple[dt.date, dt.date | None]]
    fee_rows: dict[int, list[tuple[int, int]]]  # bill -> [(adjustment id, still owed)]


def queries(p: str) -> tuple[str, ...]:
    return (
        "SELECT b.id, b.kind, b.total, b.business_date, s.start_date, t.late_fee_rate, "
        "t.late_fee_from FROM bill b LEFT JOIN season s ON s.id = b.season_id "
        f"LEFT JOIN tariff t ON t.id = b.tariff_id WHERE b.account_id = {p} ORDER BY b.id",
        "SELECT id, bill_id, kind, amount, business_date FROM adjustment "
        f"WHERE account_id = {p} AND status = 'approved' ORDER BY id",
        "SELECT al.bill_id, al.adjustment_id, p.business_date, SUM(al.amount) FROM allocation al "
        f"JOIN payment p ON p.id = al.payment_id WHERE p.account_id = {p} "
        "GROUP BY al.bill_id, al.adjustment_id, p.business_date",
        "SELECT p.id FROM payment p LEFT JOIN (SELECT payment_id, SUM(amount) AS s "
        f"FROM allocation GROUP BY payment_id) x ON x.payment_id = p.id WHERE p.account_id = {p} "
        "AND p.reverses_id IS NULL AND p.amount > COALESCE(x.s, 0) AND NOT EXISTS "
        "(SELECT 1 FROM payment r WHERE r.reverses_id = p.id)",
        f"SELECT balance FROM account_balance WHERE account_id = {p}",
        f"SELECT at, to_status FROM account_status_change WHERE account_id = {p} "
        "ORDER BY at, id",
    )


def read(cur: Any, sql: tuple[str, ...], account_id: int) -> HandLedger:
    """The account's bills with what was paid and credited on them, its charged late fees,
    balance and cut-off periods: six indexed queries."""
    q_bills, q_adjs, q_settled, q_unspent, q_balance, q_status = sql
    cur.execute(q_bills, (account_id,))
    bills = {r[0]: HandBill(r[0], r[1], int(r[2]), day_of(r[3]), _maybe(r[4]), int(r[5] or 0),
                            _maybe(r[6])) for r in cur.fetchall()}
    cur.execute(q_adjs, (account_id,))
    fees: dict[int, list[tuple[int, int]]] = {}
    fee_bill: dict[int, int] = {}
    for adj_id, bill_id, kind, amount, day in cur.fetchall():
        amount = int(amount)
        bill = bills.get(bill_id)
        if bill is None:
            raise ValueError(f"account {account_id}: adjustment {adj_id} on no bill")
        if amount < 0 or kind == "discount":
            bill.credits.append((day_of(day), -amount))
        elif kind == "late_fee":
            bill.fees_charged += amount
            fees.setdefault(bill_id, []).append((adj_id, amount))
            fee_bill[adj_id] = bill_id
        else:
            raise ValueError(f"account {account_id}: debit adjustment {adj_id} ({kind})")
    cur.execute(q_settled, (account_id,))
    paid_fees: dict[int, int] = {}
    for bill_id, adj_id, day, amount in cur.fetchall():
        if bill_id is not None:
            bills[bill_id].allocated.append((day_of(day), int(amount)))
        else:
            paid_fees[adj_id] = paid_fees.get(adj_id, 0) + int(amount)
    for bill_id, rows in fees.items():
        fees[bill_id] = [(a, amount - paid_fees.get(a, 0)) for a, amount in rows]
    cur.execute(q_unspent, (account_id,))
    if cur.fetchall():
        raise ValueError(f"account {account_id}: money paid ahead, not handled by hand")
    cur.execute(q_balance, (account_id,))
    found = cur.fetchone()
    cur.execute(q_status, (account_id,))
    return HandLedger(account_id, sorted(bills.values(), key=lambda b: (b.anchor, b.id)),
                      int(found[0]) if found else 0, _cut_off(cur.fetchall()), fees)


def _cut_off(changes: list[tuple]) -> list[tuple[dt.date, dt.date | None]]:
    periods: list[tuple[dt.date, dt.date | None]] = []
    began = None
    for at, to in changes:
        day = day_of(at)
        if to == "cut_off" and began is None:
            began = day
        elif to != "cut_off" and began is not None:
            if day > began:
                periods.append((began, day))
            began = None
    if began is not None:
        periods.append((began, None))
    return periods  # a status history gives them in order and apart: nothing to merge


def _half_up(num: int, den: int) -> int:
    q, r = divmod(abs(num), den)
    q += 2 * r >= den
    return -q if num < 0 else q


def _fee_start(bill: HandBill) -> dt.date:
    assert bill.fee_from is not None
    if bill.day < bill.fee_from or bill.season_start is None:
        return bill.fee_from
    return max(bill.fee_from, bill.day + max(bill.fee_from - bill.season_start, dt.timedelta(0)))


def _cut_days(lo: dt.date, hi: dt.date, periods: list) -> int:
    days = 0
    for start, end in periods:
        a, b = max(lo, start), hi if end is None else min(hi, end)
        if b > a:
            days += (b - a).days
    return days


def accrued(bill: HandBill, on: dt.date, cut_off: list) -> int:
    """Fen of late fee the bill has accrued through ``on``: every day from the fee's start,
    rate × what was unpaid at the start of that day (money counts from the next day), days
    cut off for non-payment left out, rounded half up once."""
    if bill.kind != "season" or not bill.rate or bill.fee_from is None:
        return 0
    start = _fee_start(bill)
    if on < start:
        return 0
    steps: dict[dt.date, int] = {bill.day + ONE_DAY: bill.total}
    for day, amount in bill.allocated:
        when = max(day, bill.day) + ONE_DAY
        steps[when] = steps.get(when, 0) - amount
    for day, amount in bill.credits:
        when = max(day, bill.day) + ONE_DAY
        steps[when] = steps.get(when, 0) - amount
    end = on + ONE_DAY
    fen_days, unpaid = 0, 0
    days = sorted(steps)
    for i, day in enumerate(days):
        unpaid += steps[day]
        lo, hi = max(day, start), min(days[i + 1] if i + 1 < len(days) else end, end)
        if hi > lo and unpaid > 0:
            fen_days += unpaid * ((hi - lo).days - _cut_days(lo, hi, cut_off))
    return _half_up(fen_days * bill.rate, MILLION)


def pending_fees(led: HandLedger, on: dt.date) -> dict[int, int]:
    """Bill -> late fee accrued through ``on`` and not yet charged (fen)."""
    out = {}
    for bill in led.bills:
        fee = accrued(bill, on, led.cut_off) - bill.fees_charged
        if fee > 0:
            out[bill.id] = fee
    return out
