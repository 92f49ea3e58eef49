"""The arrears list (欠费清单): the screen's first page with late fees, and the whole city's
list as an export reads it, against the same SQL and the same late-fee rule by hand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import PAY_AT, Ctx, Job, Outcome, mark, register
from bench.jobs.handledger import day_of, pending_fees, queries, read
from bench.measure import digest_rows

PAGE = 200
DAY = PAY_AT.date()
AGES = ("current", "one", "older")
REPEAT = 3  # lists timed per run (--arrears-repeat), after one untimed list that warms

# The oldest season with a bill not settled (a bill of no season counts from its day).
_UNPAID = ("b.paid < b.total AND b.paid + COALESCE((SELECT SUM(d.amount) FROM adjustment d "
           "WHERE d.bill_id = b.id AND d.status = 'approved' AND d.amount < 0), 0) < b.total")
_OLDEST = ("(SELECT MIN(COALESCE(s.start_date, b.business_date)) FROM bill b LEFT JOIN season s "
           f"ON s.id = b.season_id WHERE b.account_id = ab.account_id AND {_UNPAID})")
_ORDER = ("c.name, LENGTH(a.building), a.building, LENGTH(a.unit), a.unit, LENGTH(a.room), "
          "a.room, a.account_no, a.id")
_ROW = ("a.id, a.account_no, a.name, c.name, a.building, a.unit, a.room, a.category, "
        "a.phone, a.heating_area, a.status, ab.balance")


def _digest(rows: list[tuple], totals: tuple) -> str:
    return digest_rows([*rows, totals], sort=False)


def _app_once(paged: bool) -> tuple[str, int]:
    if paged:
        result = targets.arrears_list(targets.SYSTEM, on=DAY, limit=PAGE)
    else:
        result = targets.arrears_list(targets.SYSTEM, on=DAY, late_fees=False)
    t = result.totals
    totals = (t.count, t.owed, t.late_fees, t.not_due,
              *(x for age in AGES for x in t.by_age.get(age, (0, Decimal(0)))))
    # A shallow tuple per row, as the baseline's rows are: dataclasses.astuple deep-copies
    # every field (28 µs a row, more than the list itself costs).
    return _digest([tuple(vars(r).values()) for r in result.rows], totals), len(result.rows)


def _app(ctx: Ctx, paged: bool) -> Outcome:
    targets.open_app(ctx.url)
    try:
        _app_once(paged)  # warm: both sides start from the same cache
        t = ctx.timer()
        for _ in range(ctx.options.get("arrears_repeat", REPEAT)):
            with t:
                digest, rows = _app_once(paged)
    finally:
        targets.close()
    return _per_run(ctx, t, digest, rows)


def _per_run(ctx: Ctx, t: Any, digest: str, rows: int) -> Outcome:
    """Seconds per list: the median of the repeats."""
    from bench.measure import median

    out = ctx.outcome(t, digest, rows=rows)
    n = len(t.laps)
    out.wall = median(t.laps)
    out.cpu /= n
    if out.server_cpu is not None:
        out.server_cpu /= n
    return out


# ---- by hand ------------------------------------------------------------------------------

def _frame(cur: Any, p: str, day: Any) -> tuple[list[tuple], int | None]:
    """Seasons by start; the current one has started by the day or was billed by then."""
    cur.execute("SELECT s.name, s.start_date, EXISTS (SELECT 1 FROM bill b WHERE b.season_id "
                f"= s.id AND b.business_date <= {p}) FROM season s ORDER BY s.start_date, s.id",
                (day,))
    seasons = [(name, day_of(start), bool(billed)) for name, start, billed in cur.fetchall()]
    current = None
    for i, (_, start, billed) in enumerate(seasons):
        if start <= DAY or billed:
            current = i
    return seasons, current


def _age(oldest: Any, seasons: list[tuple], current: int | None) -> tuple[str, str]:
    first = None if oldest is None else day_of(oldest)
    name = ""
    if first is not None:
        for s_name, start, _ in seasons:
            if start <= first:
                name = s_name
    cur = None if current is None else seasons[current][1]
    prev = seasons[current - 1][1] if current else None
    if first is None or cur is None or first >= cur:
        return name, "current"
    return name, "one" if prev is None or first >= prev else "older"


def _address(community: str, building: str, unit: str, room: str) -> str:
    return (community + (f"{building}号楼" if building else "") + (f"{unit}单元" if unit else "")
            + (room or ""))


# A season bill is not yet due before its late fee starts (heatoffice.billing.late_fees
# .overdue_from); a bill issued after the day was not due on it either.
_NOT_DUE = ("SELECT 1 FROM bill b JOIN tariff t ON t.id = b.tariff_id WHERE b.business_date > {p}"
            " OR (b.kind = 'season' AND t.late_fee_from IS NOT NULL AND (t.late_fee_from > {p}"
            " OR b.business_date >= t.late_fee_from)) LIMIT 1")


def _bare_once(cur: Any, p: str, day: Any, paged: bool, reads: tuple) -> tuple[str, int]:
    # The bench's day is past the season's due date and its bills were issued before late
    # fees start: nothing is "not yet due", so the arrears are every balance above zero. The
    # baseline checks that, and stops rather than compare a different list.
    cur.execute(_NOT_DUE.format(p=p), (day, day))
    if cur.fetchone() is not None:
        raise RuntimeError("a bill is not yet due on the bench's day: the baseline does not "
                           "work out due dates")
    seasons, current = _frame(cur, p, day)
    cur.execute(f"SELECT {_OLDEST} AS oldest, COUNT(*), SUM(ab.balance) FROM account_balance ab "
                "WHERE ab.balance > 0 GROUP BY 1")
    by_age = {age: [0, 0] for age in AGES}
    for oldest, count, fen in cur.fetchall():
        bucket = by_age[_age(oldest, seasons, current)[1]]
        bucket[0] += count
        bucket[1] += int(fen or 0)
    if paged:
        cur.execute(f"SELECT {_ROW} FROM account_balance ab JOIN account a ON a.id = "
                    f"ab.account_id JOIN community c ON c.id = a.community_id "
                    f"WHERE ab.balance > 0 ORDER BY {_ORDER} LIMIT {PAGE}")
        page = cur.fetchall()
        ids = [r[0] for r in page]
        oldest = {}
        if ids:
            cur.execute("SELECT b.account_id, MIN(COALESCE(s.start_date, b.business_date)) "
                        "FROM bill b LEFT JOIN season s ON s.id = b.season_id WHERE "
                        f"b.account_id IN ({', '.join(str(int(i)) for i in ids)}) "
                        f"AND {_UNPAID} GROUP BY b.account_id")
            oldest = dict(cur.fetchall())
    else:
        cur.execute(f"SELECT {_ROW}, {_OLDEST} FROM account_balance ab JOIN account a "
                    "ON a.id = ab.account_id JOIN community c ON c.id = a.community_id "
                    f"WHERE ab.balance > 0 ORDER BY {_ORDER}")
        page, oldest = [], {}
        for row in cur.fetchall():
            page.append(row[:-1])
            oldest[row[0]] = row[-1]
    cur.execute(f"SELECT EXISTS (SELECT 1 FROM tariff WHERE late_fee_rate > 0 "
                f"AND late_fee_from <= {p})", (day,))
    with_fees = paged and bool(cur.fetchone()[0])
    rows, fee_total = [], 0
    for id_, no, name, comm, bld, unit, room, cat, phone, area, status, balance in page:
        fees = sum(pending_fees(read(cur, reads, id_), DAY).values()) if with_fees else 0
        fee_total += fees
        season, age = _age(oldest.get(id_), seasons, current)
        rows.append((id_, no, name, _address(comm, bld, unit, room), comm, bld, unit, room, cat,
                     phone, Decimal(int(area)).scaleb(-2), status,
                     Decimal(int(balance)).scaleb(-2), Decimal(fees).scaleb(-2), season, age,
                     Decimal(0).scaleb(-2)))
    count = sum(c for c, _ in by_age.values())
    owed = Decimal(sum(f for _, f in by_age.values())).scaleb(-2)
    totals = (count, owed, Decimal(fee_total).scaleb(-2), Decimal(0).scaleb(-2),
              *(x for age in AGES for x in (by_age[age][0], Decimal(by_age[age][1]).scaleb(-2))))
    return _digest(rows, totals), len(rows)


def _bare(ctx: Ctx, paged: bool) -> Outcome:
    con = ctx.raw()
    p = mark(con)
    cur = con.cursor()
    day = DAY if ctx.postgres else DAY.isoformat()
    reads = queries(p)
    try:
        _bare_once(cur, p, day, paged, reads)
        t = ctx.timer()
        for _ in range(ctx.options.get("arrears_repeat", REPEAT)):
            with t:
                digest, rows = _bare_once(cur, p, day, paged, reads)
        if ctx.postgres:
            con.rollback()
    finally:
        con.close()
    return _per_run(ctx, t, digest, rows)


_COMMON = ("one query that no bill is not yet due on the bench's day (past the season's due "
           "date: then the arrears are every balance above zero, nothing is owed apart), "
           "the totals by age (accounts owing, grouped by the start of their oldest unpaid "
           "season: a correlated lookup per account, the same SQL as the program's), the "
           "seasons' frame, rows in address order with numbers in natural order")
register(Job(
    name="arrears-page", title="arrears list, first page of 200 with late fees",
    fixture="billed", scaling=True,
    app=lambda ctx: _app(ctx, True), bare=lambda ctx: _bare(ctx, True),
    baseline=f"plain sqlite3 / psycopg2: {_COMMON}, the page's details and oldest seasons in "
             "one query each, and each row's late fees by reading its ledger (six queries) and "
             "working them out by hand as the payment baseline does. Seconds per list: the "
             "median of --arrears-repeat lists (3 unless given) after one untimed list."))
register(Job(
    name="arrears-all", title="arrears list, whole city (as the export reads it)",
    fixture="billed", scaling=True,
    app=lambda ctx: _app(ctx, False), bare=lambda ctx: _bare(ctx, False),
    baseline=f"plain sqlite3 / psycopg2: {_COMMON}, every row with its oldest season in one "
             "query; no late fees (the program's city-wide call leaves them out too). Seconds "
             "per list: the median of --arrears-repeat lists (3 unless given) after one "
             "untimed list."))
