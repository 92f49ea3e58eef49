"""The home page's season figures from a snapshot and the ledger past it (reports.snapshots)
equal reports.figures, on SQLite and PostgreSQL: after payments, a reversal of a payment the
snapshot holds, an adjustment proposed before it and approved after, a new adjustment, a new
bill and a back-dated payment; an account moved to another station makes the snapshot
unusable; snapshots are written once and pruned."""

from __future__ import annotations

import datetime as _dt
import json

import pytest
from ledger_world import CASHIER, FIELD, FINANCE, MANAGER, SYSTEM, D, at, bill
from peewee import DatabaseError
from report_world import DEC1, NOV30, build

from heatoffice.accounts import service as accounts
from heatoffice.billing import adjustments, payments
from heatoffice.billing.models import Bill, Payment
from heatoffice.db.connection import database
from heatoffice.reports import figures, queries, snapshots
from heatoffice.reports.models import ReportSnapshot, ReportSnapshotRow
from heatoffice.seasons.models import Tariff

DEC3 = _dt.date(2026, 12, 3)
DAYS = (_dt.date(2026, 11, 17), NOV30, DEC1, DEC3, _dt.date(2027, 1, 20))


def _by_figures(season, on):
    return {place: row.sums for place, row in figures.collection_by_place(season, on).items()}


def _same(season, snap=None):
    for on in DAYS:
        assert snapshots.sums_by_place(season, on, snap) == _by_figures(season, on), on


def _the_bill(account, season):
    return Bill.get((Bill.account == account.id) & (Bill.season == season.id))


def test_snapshot_and_delta_equal_the_ledger(db):
    w = build()
    cur, acc = w["cur"], w["acc"]
    at(DEC1, 11)
    waiting = adjustments.propose_adjustment(FIELD, acc["a1"].id, "-50.00", "credit", "减免",
                                             bill_id=_the_bill(acc["a1"], cur).id)
    snap = snapshots.make(cur)
    assert json.loads(snap.pending) == [waiting.id]  # still proposed: not in the snapshot
    _same(cur, snap)
    held = ReportSnapshotRow.select().where(ReportSnapshotRow.snapshot == snap.id).count()
    assert held > 0
    # after the snapshot: payments, a reversal of a payment it holds, the waiting adjustment
    # approved, a new one, a new bill, a payment dated back
    at(DEC3)
    payments.record_payment(CASHIER, acc["a1"].id, D("300.00"), "cash")
    payments.record_payment(CASHIER, acc["a2"].id, D("200.00"), "wechat", reference="W9")
    held_payment = Payment.get((Payment.account == acc["a3"].id)
                               & (Payment.amount == D("600.00")))
    payments.reverse_payment(FINANCE, held_payment.receipt_no, "收错户")
    adjustments.approve_adjustment(MANAGER, waiting.id)
    fresh = adjustments.propose_adjustment(FIELD, acc["a4"].id, "-30.00", "credit", "减免",
                                           bill_id=_the_bill(acc["a4"], cur).id)
    adjustments.approve_adjustment(MANAGER, fresh.id)
    tariff = Tariff.get((Tariff.season == cur.id) & (Tariff.category == "residential"))
    bill(acc["a5"], cur, tariff, "900.00", day=DEC1)
    payments.record_payment(CASHIER, acc["a5"].id, D("400.00"), "cash")
    _same(cur, snap)
    delta_only = _by_figures(cur, DEC3)
    assert sum((s.receivable for s in delta_only.values()), D(0)) == (
        D("7762.00") - D("50.00") - D("30.00") + D("900.00"))
    # the home page shows the same figures as the reports from the ledger
    page = queries.dashboard(MANAGER, DEC3)
    [total] = figures.collection(cur, DEC3)
    tiles = {t.key: t.value for t in page.tiles}
    assert tiles["season_rate"] == total.rate and tiles["collected"] == total.sums.collected
    last = figures.same_day_last_season(cur, DEC3)
    assert last is not None
    [before] = figures.collection(*last)
    assert tiles["last_season_rate"] == before.rate
    places = figures.collection_by_place(cur, DEC3)
    for cut, shown in (("community", page.weakest), ("station", page.weakest_stations)):
        rows = [r for r in figures.roll_up(places, cut, DEC3) if r.sums.receivable]
        assert sorted(rate for _, rate in shown) == sorted(r.rate for r in rows)[:5]
    # an account moved to another station: the snapshot is not used, a new one is made
    assert snapshots.usable(cur) is not None
    accounts.update_account(SYSTEM, acc["a4"].id, {"station_id": w["east"]})
    assert snapshots.usable(cur) is None
    _same(cur, None)
    assert snapshots.usable(cur) is not None


def test_snapshots_are_written_once_and_pruned(db):
    w = build()
    cur = w["cur"]
    made = [snapshots.make(cur).id for _ in range(3)]
    kept = [s.id for s in ReportSnapshot.select().order_by(ReportSnapshot.id)]
    assert kept == made[-snapshots.KEEP:]
    assert not (ReportSnapshotRow.select()
                .where(ReportSnapshotRow.snapshot.not_in(kept)).exists())
    with pytest.raises(DatabaseError, match="written once"), database.atomic():
        ReportSnapshotRow.update(billed=0).execute()
    with pytest.raises(DatabaseError, match="written once"), database.atomic():
        ReportSnapshot.update(bill_through=0).execute()
    assert queries.snapshot_stale(MANAGER, DEC1)  # none yet of the season before
    snapshots.make(w["prev"])
    assert not queries.snapshot_stale(MANAGER, DEC1)  # both made on the day asked
    at(DEC3)
    assert queries.snapshot_stale(MANAGER, DEC3)  # made before the day asked
    queries.refresh_snapshot(MANAGER, DEC3)
    assert not queries.snapshot_stale(MANAGER, DEC3)
    assert ReportSnapshot.select().where(ReportSnapshot.season == cur.id).count() == snapshots.KEEP
    # the season before (the same day last season) has its own, made again too
    assert ReportSnapshot.select().where(ReportSnapshot.season == w["prev"].id).count() == 2
