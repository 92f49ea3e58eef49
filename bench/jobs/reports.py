"""The reports: the season's collection report by community (receivable, collected, what is
overdue and not yet due, accounts) and a manager's home page, against hand-written SQL for
the same numbers, on the reports' city (fixture ``collected``: 60 % of the homes paid)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bench import targets
from bench.jobs import PAY_AT, SEASON, Ctx, Job, Outcome, mark, register
from bench.measure import digest_rows

DAY = PAY_AT.date()
REPEAT = 5


def _yuan(fen: Any) -> Decimal:
    return Decimal(int(fen or 0)).scaleb(-2)


def _timed(ctx: Ctx, once: Any, done: Callable[[], None]) -> Outcome:
    """``once`` untimed (both sides start from the same cache), then timed --arrears-repeat
    times; ``done`` releases the connection whatever happens."""
    try:
        once()
        t = ctx.timer()
        for _ in range(ctx.options.get("arrears_repeat", REPEAT)):
            with t:
                digest, info = once()
        return ctx.outcome(t, digest, ops=len(t.laps), **info)
    finally:
        done()


def _release(ctx: Ctx, con: Any) -> Callable[[], None]:
    """Ends the bare side's read (PostgreSQL's open transaction) and closes it."""
    def done() -> None:
        if ctx.postgres:
            con.rollback()
        con.close()
    return done


# ---- the collection report by community -----------------------------------------------------

def _app_collection(ctx: Ctx) -> Outcome:
    targets.open_app(ctx.url)

    def once() -> tuple[str, dict]:
        rows = targets.collection(SEASON, DAY, "community")
        return digest_rows([(r.name, r.sums.bills, r.sums.receivable, r.sums.collected,
                             r.overdue, r.not_due) for r in rows]), {"groups": len(rows)}

    return _timed(ctx, once, targets.close)


# What the best hand-written SQL reads on the bench's day: the bills' running paid totals
# (every payment is dated by then: checked), approved adjustments on the season's bills and
# what was allocated to them; nothing is not yet due (checked, as the arrears baseline does).
_CHECKS = ("SELECT (SELECT COUNT(*) FROM payment WHERE business_date > {p}), "
           "(SELECT COUNT(*) FROM bill b JOIN tariff t ON t.id = b.tariff_id WHERE "
           "b.kind = 'season' AND t.late_fee_from > {p})")
_BILLS = ("SELECT a.community_id, SUM(b.total), COUNT(*), SUM(b.paid) FROM bill b JOIN account a "
          "ON a.id = b.account_id WHERE b.season_id = {p} AND b.kind = 'season' "
          "AND b.business_date <= {p} GROUP BY a.community_id")
_ADJUSTED = ("SELECT a.community_id, SUM(d.amount) FROM adjustment d JOIN bill b ON b.id = "
             "d.bill_id JOIN account a ON a.id = b.account_id WHERE b.season_id = {p} AND "
             "b.kind = 'season' AND b.business_date <= {p} AND d.status = 'approved' AND "
             "d.business_date <= {p} GROUP BY a.community_id")
_FEES_PAID = ("SELECT a.community_id, SUM(al.amount) FROM allocation al JOIN payment p ON p.id "
              "= al.payment_id JOIN adjustment d ON d.id = al.adjustment_id JOIN bill b ON "
              "b.id = d.bill_id JOIN account a ON a.id = b.account_id WHERE b.season_id = {p} "
              "AND b.kind = 'season' AND b.business_date <= {p} AND p.business_date <= {p} "
              "AND d.status = 'approved' AND d.business_date <= {p} GROUP BY a.community_id")


def _bare_sums(cur: Any, p: str, day: Any, season_id: int) -> dict[Any, list[int]]:
    cur.execute(_CHECKS.format(p=p), (day, day))
    later, not_due = cur.fetchone()
    if later or not_due:
        raise RuntimeError("payments after the bench's day or bills not yet due: the "
                           "baseline reads neither allocations by date nor due dates")
    sums: dict[Any, list[int]] = {}
    cur.execute(_BILLS.format(p=p), (season_id, day))
    for key, total, count, paid in cur.fetchall():
        sums[key] = [int(total or 0), 0, int(paid or 0), int(count)]
    cur.execute(_ADJUSTED.format(p=p), (season_id, day, day))
    for key, amount in cur.fetchall():
        sums.setdefault(key, [0, 0, 0, 0])[1] += int(amount or 0)
    cur.execute(_FEES_PAID.format(p=p), (season_id, day, day, day))
    for key, amount in cur.fetchall():
        sums.setdefault(key, [0, 0, 0, 0])[2] += int(amount or 0)
    return sums


def _season_id(cur: Any, p: str) -> int:
    cur.execute(f"SELECT id FROM season WHERE name = {p}", (SEASON,))
    return int(cur.fetchone()[0])


def _bare_collection(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    p = mark(con)
    cur = con.cursor()
    day = DAY if ctx.postgres else DAY.isoformat()
    season_id = _season_id(cur, p)

    def once() -> tuple[str, dict]:
        sums = _bare_sums(cur, p, day, season_id)
        cur.execute("SELECT id, name FROM community")
        names = dict(cur.fetchall())
        rows = sorted((names[k], v[3], _yuan(v[0] + v[1]), _yuan(v[2]),
                       _yuan(v[0] + v[1] - v[2]), Decimal(0).scaleb(-2))
                      for k, v in sums.items())
        return digest_rows(rows), {"groups": len(rows)}

    return _timed(ctx, once, _release(ctx, con))


register(Job(
    name="report-community", title="collection report by community (season, as of the day)",
    fixture="collected", scaling=True, per_op=True,
    app=_app_collection, bare=_bare_collection,
    baseline="plain sqlite3 / psycopg2: one query that no payment is dated after the bench's "
             "day and no bill is not yet due on it (then the bills' running paid totals are "
             "what was collected by the day and nothing is owed apart), then three grouped "
             "queries by community: the season's heating bills (total, count, paid), the "
             "approved adjustments on them, what was allocated to those adjustments; the "
             "communities' names. Milliseconds per report: the median of --arrears-repeat "
             "reports (3 unless given) after one untimed report."))


# ---- a manager's home page ----------------------------------------------------------------

def _app_dashboard(ctx: Ctx) -> Outcome:
    targets.open_app(ctx.url)

    def once() -> tuple[str, dict]:
        d = targets.dashboard(DAY)
        return digest_rows([*((t.key, t.value) for t in d.tiles), *d.weakest,
                            *d.weakest_stations], sort=False), {"tiles": len(d.tiles)}

    return _timed(ctx, once, targets.close)


# The home page's season by place (reports.snapshots): a snapshot by (community, station, day)
# made once, untimed on both sides (the program makes it on the first page), then per page its
# rows up to the day and the ledger rows past its stamps, read by primary key.
_LATER_DAY = "CASE WHEN {a} > {b} THEN {a} ELSE {b} END"
_PLACE_DAY = {
    "bills": ("SELECT a.community_id, a.station_id, b.business_date, SUM(b.total), COUNT(*) "
              "FROM bill b JOIN account a ON a.id = b.account_id WHERE b.season_id = {p} AND "
              "b.kind = 'season' AND {cond} AND b.business_date <= {p} GROUP BY 1, 2, 3"),
    "adjusted": ("SELECT a.community_id, a.station_id, {day}, SUM(d.amount), 0 FROM adjustment "
                 "d JOIN bill b ON b.id = d.bill_id JOIN account a ON a.id = b.account_id "
                 "WHERE b.season_id = {p} AND b.kind = 'season' AND d.status = 'approved' AND "
                 "d.business_date IS NOT NULL AND {cond} AND {day} <= {p} GROUP BY 1, 2, 3"),
    "paid": ("SELECT a.community_id, a.station_id, {day}, SUM(al.amount), 0 FROM allocation al "
             "JOIN payment p ON p.id = al.payment_id JOIN bill b ON b.id = al.bill_id JOIN "
             "account a ON a.id = b.account_id WHERE b.season_id = {p} AND b.kind = 'season' "
             "AND {cond} AND {day} <= {p} GROUP BY 1, 2, 3"),
    "fees": ("SELECT a.community_id, a.station_id, {day}, SUM(al.amount), 0 FROM allocation al "
             "JOIN payment p ON p.id = al.payment_id JOIN adjustment d ON d.id = "
             "al.adjustment_id JOIN bill b ON b.id = d.bill_id JOIN account a ON a.id = "
             "b.account_id WHERE b.season_id = {p} AND b.kind = 'season' AND d.status = "
             "'approved' AND d.business_date IS NOT NULL AND {cond} AND {day} <= {p} "
             "GROUP BY 1, 2, 3"),
}
_DAYS = {"bills": "b.business_date",
         "adjusted": _LATER_DAY.format(a="d.business_date", b="b.business_date"),
         "paid": _LATER_DAY.format(a="p.business_date", b="b.business_date"),
         "fees": _LATER_DAY.format(a="p.business_date", b=_LATER_DAY.format(
             a="d.business_date", b="b.business_date"))}
_SLOT = {"bills": 0, "adjusted": 1, "paid": 2, "fees": 2}


def _by_place_day(cur: Any, p: str, season_id: int, day: Any, conds: dict[str, list[str]],
                  stamps: tuple) -> dict[tuple, list[int]]:
    out: dict[tuple, list[int]] = {}
    for part, sql in _PLACE_DAY.items():
        for cond in conds[part]:
            cur.execute(sql.format(p=p, day=_DAYS[part], cond=cond.format(*stamps)),
                        (season_id, day))
            for c, s, d, fen, count in cur.fetchall():
                slot = out.setdefault((c, s, str(d)), [0, 0, 0, 0])
                slot[_SLOT[part]] += int(fen or 0)
                slot[3] += int(count or 0)
    return out


_SNAP = {"bills": ["b.id <= {0}"], "adjusted": ["d.id <= {1} AND d.id NOT IN ({2})"],
         "paid": ["al.id <= {3}"], "fees": ["al.id <= {3} AND d.id <= {1} AND d.id NOT IN ({2})"]}


def _bare_snapshot(cur: Any, p: str, season_id: int, day: Any) -> tuple:
    """The snapshot, as the program makes it, in a temporary table; returns its stamps."""
    cur.execute("SELECT (SELECT MAX(id) FROM bill), (SELECT MAX(id) FROM adjustment), "
                "(SELECT MAX(id) FROM allocation), (SELECT MAX(id) FROM audit_entry)")
    bill, adj, alloc, audit = cur.fetchone()
    cur.execute("SELECT id FROM adjustment WHERE status = 'proposed'")
    pending = ", ".join(str(i) for (i,) in cur.fetchall()) or "0"
    stamps = (int(bill or 0), int(adj or 0), pending, int(alloc or 0), int(audit or 0))
    far = "9999-12-31"
    rows = _by_place_day(cur, p, season_id, far, _SNAP, stamps)
    cur.execute("CREATE TEMP TABLE bench_snapshot (community_id INTEGER, station_id INTEGER, "
                "day DATE, billed BIGINT, adjusted BIGINT, collected BIGINT, bills INTEGER)")
    cur.execute("CREATE INDEX bench_snapshot_day ON bench_snapshot (day)")
    cur.executemany(f"INSERT INTO bench_snapshot VALUES ({', '.join([p] * 7)})",
                    [(c, s, d, *v) for (c, s, d), v in rows.items()])
    return stamps


def _ids(cur: Any, sql: str) -> list[str]:
    cur.execute(sql)
    return [str(i) for (i,) in cur.fetchall()]


def _bare_delta(cur: Any, p: str, season_id: int, day: Any, stamps: tuple) -> dict:
    """The ledger past the stamps, as reports.snapshots.delta reads it: the new rows' ids by
    primary key, then their sums by those ids (2,000 a query)."""
    bill, adj, pending, alloc, _audit = stamps
    ids = {"bills": _ids(cur, f"SELECT id FROM bill WHERE id > {bill}"),
           "adjusted": _ids(cur, f"SELECT id FROM adjustment WHERE id > {adj}")
           + [i for i in pending.split(", ") if i != "0"],
           "paid": _ids(cur, f"SELECT id FROM allocation WHERE id > {alloc}")
           + _ids(cur, f"SELECT id FROM allocation WHERE adjustment_id IN ({pending}) "
                       f"AND id <= {alloc}")}
    ids["fees"] = ids["paid"]
    column = {"bills": "b.id", "adjusted": "d.id", "paid": "al.id", "fees": "al.id"}
    out: dict[tuple, list[int]] = {}
    for part, found in ids.items():
        for i in range(0, len(found), 2000):
            cond = f"{column[part]} IN ({', '.join(found[i:i + 2000])})"
            chunk = _by_place_day(cur, p, season_id, day,
                                  {k: [cond] if k == part else [] for k in _PLACE_DAY}, ())
            for key, v in chunk.items():
                slot = out.setdefault(key, [0, 0, 0, 0])
                for j in range(4):
                    slot[j] += v[j]
    return out


def _bare_desk(cur: Any, p: str, postgres: bool) -> list[tuple]:
    """The service desk's late work on a manager's home page, by hand: the open work orders
    read with their calls and flagged by the program's pure deadline rules
    (heatoffice.service.deadlines, the only program code it calls, with the default 10
    minutes), complaints past their reply deadline and open inspections counted."""
    from heatoffice.service import deadlines

    def when(value: Any) -> Any:
        return value if value is None or isinstance(value, dt.datetime) \
            else dt.datetime.fromisoformat(str(value))

    now = targets.clock.now()
    cur.execute("SELECT w.severity, w.state, w.due_at, w.finished_at, c.ended_at FROM "
                "work_order w JOIN service_call c ON c.id = w.call_id WHERE w.state <> 'closed'")
    orders = [(sev, state, when(due), when(fin), when(ended))
              for sev, state, due, fin, ended in cur.fetchall()]
    at = now if postgres else now.isoformat(sep=" ")
    cur.execute("SELECT COUNT(*) FROM complaint WHERE state IN ('open', 'escalated', "
                "'awaiting_reply') AND reply_due IS NOT NULL AND replied_at IS NULL AND "
                f"reply_due <= {p}", (at,))
    replies = int(cur.fetchone()[0])
    cur.execute("SELECT COUNT(*) FROM inspection WHERE state IN ('open', 'concluded')")
    return [("overdue_orders", sum(deadlines.overdue(sev, state, due, now, fin)
                                   for sev, state, due, fin, _ in orders)),
            ("undispatched_orders", sum(deadlines.undispatched(state, ended, now, 10)
                                        for _, state, _, _, ended in orders)),
            ("overdue_replies", replies), ("open_inspections", int(cur.fetchone()[0]))]


def _bare_dashboard(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    p = mark(con)
    cur = con.cursor()
    day = DAY if ctx.postgres else DAY.isoformat()
    season_id = _season_id(cur, p)
    first = DAY.replace(day=1)
    stamps = _bare_snapshot(cur, p, season_id, day)

    def once() -> tuple[str, dict]:
        sums: dict[tuple, list[int]] = {}
        cur.execute("SELECT before, after FROM audit_entry WHERE id > " + p + " AND \"table\" "
                    "= 'account' AND before IS NOT NULL", (stamps[4],))
        for before, after in cur.fetchall():
            old, new = json.loads(before), json.loads(after or "{}")
            if any(old.get(k) != new.get(k) for k in ("community", "station")):
                raise RuntimeError("an account moved after the snapshot")
        cur.execute("SELECT community_id, station_id, SUM(billed) + SUM(adjusted), "
                    f"SUM(collected) FROM bench_snapshot WHERE day <= {p} GROUP BY 1, 2",
                    (day,))
        for c, s, receivable, collected in cur.fetchall():
            sums[(c, s)] = [int(receivable or 0), int(collected or 0)]
        for (c, s, _d), v in _bare_delta(cur, p, season_id, day, stamps).items():
            slot = sums.setdefault((c, s), [0, 0])
            slot[0] += v[0] + v[1]
            slot[1] += v[2]
        receivable = sum(v[0] for v in sums.values())
        collected = sum(v[1] for v in sums.values())
        tiles: list[tuple] = [("season_rate", Decimal(collected) / Decimal(receivable)
                               if receivable else None),
                              ("collected", _yuan(collected))]
        cur.execute(f"SELECT SUM(amount) FROM payment WHERE business_date >= {p} AND "
                    f"business_date <= {p}", (first if ctx.postgres else first.isoformat(),
                                              day))
        tiles.append(("month_to_date", _yuan(cur.fetchone()[0])))
        cur.execute(f"SELECT COUNT(*) FROM (SELECT cashier, business_date FROM payment p WHERE "
                    f"business_date >= {p} AND business_date <= {p} AND NOT EXISTS (SELECT 1 "
                    "FROM day_close d WHERE d.cashier = p.cashier AND d.business_date = "
                    "p.business_date) GROUP BY cashier, business_date) x",
                    (first if ctx.postgres else first.isoformat(),
                     (dt.date(DAY.year, DAY.month + 1, 1) - dt.timedelta(days=1))
                     if ctx.postgres else (dt.date(DAY.year, DAY.month + 1, 1)
                                           - dt.timedelta(days=1)).isoformat()))
        tiles.append(("open_days", int(cur.fetchone()[0])))
        cur.execute("SELECT COUNT(*) FROM adjustment WHERE status = 'proposed'")
        tiles.append(("pending_adjustments", int(cur.fetchone()[0])))
        cur.execute("SELECT COUNT(*) FROM application WHERE state IN ('received', "
                    "'under_review', 'returned', 'accepted', 'forwarded') AND due_on < "
                    f"{p}", (day,))
        tiles.append(("overdue_applications", int(cur.fetchone()[0])))
        tiles += _bare_desk(cur, p, ctx.postgres)
        weakest = []
        for i, table in ((0, "community"), (1, "station")):
            cur.execute(f"SELECT id, name FROM {table}")
            names = dict(cur.fetchall())
            per: dict[Any, list[int]] = {}
            for place, (rec, col) in sums.items():
                slot = per.setdefault(place[i], [0, 0])
                slot[0] += rec
                slot[1] += col
            rows = sorted(((Decimal(col) / Decimal(rec), names.get(k, "（无）"))
                           for k, (rec, col) in per.items() if rec), key=lambda r: r)
            weakest += [(name, rate) for rate, name in rows[:5]]
        return digest_rows([*tiles, *weakest], sort=False), {"tiles": len(tiles)}

    return _timed(ctx, once, _release(ctx, con))


register(Job(
    name="dashboard", title="a manager's home page, every figure (the season's read by place)",
    fixture="collected", scaling=True, per_op=True,
    app=_app_dashboard, bare=_bare_dashboard,
    baseline="plain sqlite3 / psycopg2, the same snapshot and delta as reports.snapshots: "
             "untimed, its stamps (the last bill, allocation and audit row, the first "
             "adjustment still proposed) and the season's ledger by community, station and day "
             "up to them (four grouped queries) in a temporary table, as the program's first "
             "page makes its snapshot; per page the audit rows past the stamp (no account "
             "moved), the table's rows up to the day by place, the ledger past the stamps by "
             "primary key (five grouped queries), the company's rate and the weakest five "
             "communities and stations worked out from them, the month's takings (one SUM on "
             "the business-date index), the cashiers' days not closed, adjustments waiting, "
             "applications past due, the service desk's late work (as dashboard-first). "
             "It leaves out reading the snapshot's header row and the "
             "check that it is the newest. Milliseconds per page: the median of "
             "--arrears-repeat pages (3 unless given) after one untimed page."))


# ---- what the home page shows at once (its first paint) -----------------------------------

_LATER = ("season_rate", "collected", "last_season_rate", "month_to_date", "open_days")


def _app_first(ctx: Ctx) -> Outcome:
    targets.open_app(ctx.url)

    def once() -> tuple[str, dict]:
        d = targets.home_page(DAY)
        return digest_rows([(t.key, t.value) for t in d.tiles], sort=False), \
            {"tiles": len(d.tiles)}

    return _timed(ctx, once, targets.close)


def _bare_first(ctx: Ctx) -> Outcome:
    con = ctx.raw()
    p = mark(con)
    cur = con.cursor()
    day = DAY if ctx.postgres else DAY.isoformat()

    def once() -> tuple[str, dict]:
        tiles: list[tuple] = [(key, None) for key in _LATER]
        cur.execute("SELECT COUNT(*) FROM adjustment WHERE status = 'proposed'")
        tiles.append(("pending_adjustments", int(cur.fetchone()[0])))
        cur.execute("SELECT COUNT(*) FROM application WHERE state IN ('received', "
                    "'under_review', 'returned', 'accepted', 'forwarded') AND due_on < "
                    f"{p}", (day,))
        tiles.append(("overdue_applications", int(cur.fetchone()[0])))
        tiles += _bare_desk(cur, p, ctx.postgres)
        return digest_rows(tiles, sort=False), {"tiles": len(tiles)}

    return _timed(ctx, once, _release(ctx, con))


register(Job(
    name="dashboard-first", title="a manager's home page, what it shows at once",
    fixture="collected", scaling=True, per_op=True,
    app=_app_first, bare=_bare_first,
    baseline="plain sqlite3 / psycopg2: the counts the page shows at once (adjustments "
             "waiting, applications past due, the service desk's late work as in the "
             "dashboard job); the season's and the month's figures are "
             "placeholders on both sides (the page reads them on a worker thread: the "
             "dashboard job). Milliseconds per page: the median of --arrears-repeat pages "
             "(3 unless given) after one untimed page."))
