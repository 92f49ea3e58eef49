"""The home page's season figures by place from a snapshot and a delta, equal to
:func:`heatoffice.reports.figures.collection_by_place` without reading every bill.

A snapshot (reports.models) is the season's ledger added up by (community, heat station, day)
at a known point: the heating bills with ``id <= bill_through``, the adjustments approved then
with ``id <= adjustment_through`` (an adjustment is decided once: those still proposed then,
``pending``, are left to the delta), the allocations with ``id <= allocation_through``.
An entry is put on the later of its own day and its bill's (its adjustment's too), the day
from which :mod:`figures` counts it; the figures of day D are then the snapshot's rows up to D
plus the delta: the same sums over the rows past those ids and the adjustments pending then
(their ids read by primary key first, a few thousand a day, then their sums by id), up to D.
The sum is exact for any day, whatever was back-dated.

The ids are read with the ledger's tables locked against writers for a moment (PostgreSQL:
``LOCK … IN SHARE MODE``; SQLite has one writer), so that no row below a stamp commits after
it. Bills, payments and allocations are written once (a reversal is new rows); an account
moved to another community or station after the snapshot makes it unusable (its audit row
says so: every place change is audited), and then the figures come from the ledger itself and
a new snapshot is made. Snapshots are a cache: :func:`make` writes a new set of rows (never an
update) and deletes the season's older ones; none is needed for any figure to be right.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from peewee import SQL, fn

from heatoffice import clock
from heatoffice.accounts.models import Account
from heatoffice.audit.models import AuditEntry
from heatoffice.billing.models import Adjustment, Allocation, Bill, Payment
from heatoffice.db.connection import database
from heatoffice.db.guards import is_sqlite
from heatoffice.money import from_fen
from heatoffice.reports.figures import Row, Sums, later, season_bills
from heatoffice.reports.models import ReportSnapshot, ReportSnapshotRow
from heatoffice.seasons.models import Season

Place = tuple[Any, Any]
LEDGER_TABLES = ("account", "bill", "adjustment", "payment", "allocation", "audit_entry")
KEEP = 2  # snapshots kept per season (the newest and the one before)


def _add(out: dict[tuple[Any, ...], list[int]], query: Any, slot: int) -> None:
    for community, station, day, fen, count in query.group_by(SQL("1"), SQL("2"),
                                                             SQL("3")).tuples():
        sums = out.setdefault((community, station, day), [0, 0, 0, 0])
        sums[slot] += int(fen or 0)
        if slot == 0:
            sums[3] += int(count or 0)


def _zero() -> Any:
    return SQL("0")


def ledger_by_place_and_day(season: Season, *, bills: Any, adjustments: Any,
                            allocations: Any, fee_allocations: Any,
                            through: _dt.date | None = None,
                            by_id: bool = False) -> dict[tuple[Any, ...], list[int]]:
    """The season's ledger by (community id, station id, day): [billed, adjusted, collected,
    bills] in fen, over the heating bills meeting ``bills``, the approved adjustments meeting
    ``adjustments``, the allocations to bills meeting ``allocations`` and those to approved
    adjustments meeting ``fee_allocations`` (a condition None: that part is not read); an entry
    on the later of its day and its bill's (figures.collection_by_day), up to ``through``.
    ``by_id``: the conditions name a few ids; the season is then matched so that no index
    serves it (``season_id + 0``), or SQLite's planner starts from the season's bills and
    probes the ids for each of them (minutes at 500,000 accounts instead of milliseconds)."""
    scope = (((Bill.season + 0) == season.id) & (Bill.kind == "season") if by_id
             else season_bills(season))
    status = Adjustment.status.concat("") if by_id else Adjustment.status  # no index either
    approved = (status == "approved") & Adjustment.business_date.is_null(False)
    out: dict[tuple[Any, ...], list[int]] = {}
    place = [Account.community, Account.station]

    def upto(day: Any) -> Any:
        return SQL("1 = 1") if through is None else (day <= through)

    if bills is not None:
        day = Bill.business_date
        _add(out, Bill.select(*place, day, fn.SUM(Bill.total), fn.COUNT(Bill.id))
             .join(Account, on=(Bill.account == Account.id))
             .where(scope & bills & upto(day)), 0)
    if adjustments is not None:
        day = later(Adjustment.business_date, Bill.business_date)
        _add(out, Adjustment.select(*place, day, fn.SUM(Adjustment.amount), _zero())
             .join(Bill, on=(Adjustment.bill == Bill.id))
             .join(Account, on=(Bill.account == Account.id))
             .where(scope & approved & adjustments & upto(day)), 1)
    if allocations is not None:
        day = later(Payment.business_date, Bill.business_date)
        _add(out, Allocation.select(*place, day, fn.SUM(Allocation.amount), _zero())
             .join(Payment, on=(Allocation.payment == Payment.id))
             .join(Bill, on=(Allocation.bill == Bill.id))
             .join(Account, on=(Bill.account == Account.id))
             .where(scope & allocations & upto(day)), 2)
    if fee_allocations is not None:
        day = later(Payment.business_date, later(Adjustment.business_date, Bill.business_date))
        _add(out, Allocation.select(*place, day, fn.SUM(Allocation.amount), _zero())
             .join(Payment, on=(Allocation.payment == Payment.id))
             .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
             .join(Bill, on=(Adjustment.bill == Bill.id))
             .join(Account, on=(Bill.account == Account.id))
             .where(scope & approved & fee_allocations & upto(day)), 2)
    return out


def _stamps() -> tuple[int, int, list[int], int, int]:
    """(bill_through, adjustment_through, pending, allocation_through, audit_through) with no
    writer of the ledger's tables in flight."""
    with database.atomic():
        if not is_sqlite(database.obj):
            database.execute_sql(f"LOCK TABLE {', '.join(LEDGER_TABLES)} IN SHARE MODE")
        bill = Bill.select(fn.MAX(Bill.id)).scalar() or 0
        adj = Adjustment.select(fn.MAX(Adjustment.id)).scalar() or 0
        pending = [i for (i,) in Adjustment.select(Adjustment.id)
                   .where(Adjustment.status == "proposed").order_by(Adjustment.id).tuples()]
        allocation = Allocation.select(fn.MAX(Allocation.id)).scalar() or 0
        audit = AuditEntry.select(fn.MAX(AuditEntry.id)).scalar() or 0
    return int(bill), int(adj), pending, int(allocation), int(audit)


def make(season: Season) -> ReportSnapshot:
    """A new snapshot of ``season`` (one pass over its ledger: seconds at 500,000 accounts);
    the season's older snapshots beyond :data:`KEEP` are deleted (a cache)."""
    bill, adj, pending, alloc, audit = _stamps()
    held = (Adjustment.id <= adj) & Adjustment.id.not_in(pending) if pending else (
        Adjustment.id <= adj)
    raw = ledger_by_place_and_day(
        season, bills=Bill.id <= bill, adjustments=held, allocations=Allocation.id <= alloc,
        fee_allocations=(Allocation.id <= alloc) & held)
    with database.atomic():
        snap = ReportSnapshot.create(season=season.id, made_at=clock.now(),
                                     made_on=clock.today(), bill_through=bill,
                                     adjustment_through=adj, pending=json.dumps(pending),
                                     allocation_through=alloc, audit_through=audit)
        rows = [{"snapshot": snap.id, "community_id": c, "station_id": s, "day": d,
                 "billed": v[0], "adjusted": v[1], "collected": v[2], "bills": v[3]}
                for (c, s, d), v in raw.items()]
        for i in range(0, len(rows), 500):
            ReportSnapshotRow.insert_many(rows[i:i + 500]).execute()
        old = [i for (i,) in ReportSnapshot.select(ReportSnapshot.id)
               .where(ReportSnapshot.season == season.id)
               .order_by(ReportSnapshot.id.desc()).offset(KEEP).tuples()]
        if old:
            ReportSnapshotRow.delete().where(ReportSnapshotRow.snapshot.in_(old)).execute()
            ReportSnapshot.delete().where(ReportSnapshot.id.in_(old)).execute()
    return snap


def _moved_since(audit_through: int) -> bool:
    """Whether an account changed community or heat station after the audit row given."""
    for before, after in (AuditEntry.select(AuditEntry.before, AuditEntry.after)
                          .where((AuditEntry.id > audit_through)
                                 & (AuditEntry.table == "account")
                                 & AuditEntry.before.is_null(False)).tuples()):
        old, new = json.loads(before or "{}"), json.loads(after or "{}")
        if any(old.get(k) != new.get(k) for k in ("community", "station")):
            return True
    return False


def usable(season: Season) -> ReportSnapshot | None:
    """The season's newest snapshot, unless an account has moved since it was made."""
    snap = (ReportSnapshot.select().where(ReportSnapshot.season == season.id)
            .order_by(ReportSnapshot.id.desc()).first())
    if snap is None or _moved_since(snap.audit_through):
        return None
    return snap


# Allocations past a snapshot beyond which a new one is made in the background even on the
# day it was made: 3,000 cost about 70 ms at 500,000 accounts on SQLite, 20,000 about 800 ms.
REFRESH_AFTER = 5000


def stale(season: Season, today: _dt.date) -> bool:
    """Whether the season has no usable snapshot made today, or the ledger took more than
    :data:`REFRESH_AFTER` allocations since (the delta grows with the day)."""
    snap = usable(season)
    if snap is None or snap.made_on < today:
        return True
    return (Allocation.select(Allocation.id)
            .where(Allocation.id > snap.allocation_through + REFRESH_AFTER).exists())


def sums_by_place(season: Season, on: _dt.date,
                  snap: ReportSnapshot | None = None) -> dict[Place, Sums]:
    """The season's receivable and collected by (community id, station id) on ``on``: the
    snapshot's rows up to ``on`` plus the ledger past its stamps (a usable snapshot, made
    first when there is none)."""
    snap = snap or usable(season) or make(season)
    totals: dict[Place, list[int]] = {}
    R = ReportSnapshotRow  # noqa: N806
    for c, s, billed, adjusted, collected, count in (
            R.select(R.community_id, R.station_id, fn.SUM(R.billed), fn.SUM(R.adjusted),
                     fn.SUM(R.collected), fn.SUM(R.bills))
            .where((R.snapshot == snap.id) & (R.day <= on))
            .group_by(R.community_id, R.station_id).tuples()):
        totals[(c, s)] = [int(billed or 0), int(adjusted or 0), int(collected or 0),
                          int(count or 0)]
    for (c, s, _day), v in delta(season, snap, on).items():
        slot = totals.setdefault((c, s), [0, 0, 0, 0])
        for i in range(4):
            slot[i] += v[i]
    return {place: Sums(from_fen(v[0]), from_fen(v[1]), from_fen(v[2]), v[3])
            for place, v in totals.items() if any(v)}


CHUNK = 2000  # ids per query of the delta


def delta(season: Season, snap: ReportSnapshot, on: _dt.date) -> dict[tuple[Any, ...], list[int]]:
    """The season's ledger past the snapshot's stamps by place and day up to ``on``: the ids
    of the new rows are read by primary key first (a range scan from the stamp), then their
    sums by those ids, so that no plan starts from the season's bills."""
    pending = [int(i) for i in json.loads(snap.pending or "[]")]
    bills = [i for (i,) in Bill.select(Bill.id).where(Bill.id > snap.bill_through).tuples()]
    adjs = [i for (i,) in Adjustment.select(Adjustment.id)
            .where(Adjustment.id > snap.adjustment_through).tuples()] + pending
    allocs = [i for (i,) in Allocation.select(Allocation.id)
              .where(Allocation.id > snap.allocation_through).tuples()]
    if pending:
        allocs += [i for (i,) in Allocation.select(Allocation.id)
                   .where(Allocation.adjustment.in_(pending)
                          & (Allocation.id <= snap.allocation_through)).tuples()]
    out: dict[tuple[Any, ...], list[int]] = {}
    for part, ids in (("bills", bills), ("adjustments", adjs), ("allocations", allocs)):
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i:i + CHUNK]
            found = ledger_by_place_and_day(
                season, through=on, by_id=True,
                bills=Bill.id.in_(chunk) if part == "bills" else None,
                adjustments=Adjustment.id.in_(chunk) if part == "adjustments" else None,
                allocations=Allocation.id.in_(chunk) if part == "allocations" else None,
                fee_allocations=Allocation.id.in_(chunk) if part == "allocations" else None)
            for key, v in found.items():
                slot = out.setdefault(key, [0, 0, 0, 0])
                for j in range(4):
                    slot[j] += v[j]
    return out


def rows_by_place(season: Season, on: _dt.date) -> dict[Place, Row]:
    """:func:`sums_by_place` as the rows figures.roll_up adds up (overdue and not yet due
    are not kept: the home page shows neither)."""
    return {place: Row("", "", sums) for place, sums in sums_by_place(season, on).items()}
