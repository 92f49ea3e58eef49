"""现场复核 on SQLite and PostgreSQL: sheets, confirmed and discrepant results, follow-ups."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import peewee
import pytest
from test_arrears import CASHIER, FIELD, HOTLINE, MANAGER, READER, at, build_world

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.audit.models import AuditEntry
from heatoffice.billing import dunning, tariff_change
from heatoffice.billing import recheck as rc
from heatoffice.billing.adjustments import approve_adjustment
from heatoffice.billing.arrears import arrears_list
from heatoffice.billing.documents import DunningItem
from heatoffice.billing.models import AccountBalance, Adjustment, Bill, Recheck, RemeasureRequest
from heatoffice.billing.run import run_season_billing
from heatoffice.db.connection import database
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.seasons import service as seasons

D = Decimal
DAY = _dt.date


@pytest.fixture
def world(db, system):
    return build_world(system)  # today is 2026-10-25


def _season(world):
    return world.seasons["2026-2027"].id


def _state():
    return tuple(m.select().count() for m in (Recheck, RemeasureRequest, Adjustment, AuditEntry))


def _bill(account_id, season_id):
    return Bill.get((Bill.account == account_id) & (Bill.season == season_id))


def _balance(account_id):
    return AccountBalance.get(AccountBalance.account == account_id).balance


def test_sheet_of_a_community(world):
    rows = rc.recheck_rows(FIELD, season_id=_season(world), community="阳光花园")
    assert [(r.account_no, r.address, r.billed_area, r.billed_status, r.amount, r.paid)
            for r in rows] == [
        ("YGHY03010101", "阳光花园3号楼1单元101", D("100.00"), "heating", D("2500.00"),
         D("0.00")),
        ("YGHY03010102", "阳光花园3号楼1单元102", D("80.00"), "heating", D("2000.00"),
         D("0.00")),
        ("YGHY03020301", "阳光花园3号楼2单元301", D("50.00"), "heating", D("2000.00"),
         D("2000.00")),
        ("YGHY10020201", "阳光花园10号楼2单元201", D("90.00"), "heating", D("2250.00"),
         D("1000.00")),
    ]
    assert {r.season for r in rows} == {"2026-2027"}


def test_sheet_of_a_collectors_round_shows_the_status_billed(world, system):
    at(DAY(2026, 11, 20))
    accounts.change_status(system, world.acc["e"].id, "heating", "复供")
    rows = rc.recheck_rows(FIELD, season_id=_season(world), staff_id=world.staff["qian"])
    assert [(r.account_no, r.billed_area, r.billed_status, r.amount) for r in rows] == [
        ("XFXQ01010101", D("60.00"), "stopped", D("450.00")),  # stopped when billed
        ("YGHY10020201", D("90.00"), "heating", D("2250.00"))]
    older = rc.recheck_rows(FIELD, season_id=world.seasons["2024-2025"].id,
                            staff_id=world.staff["zhao"], community="幸福小区")
    assert [(r.account_no, r.amount, r.season) for r in older] == [
        ("XFXQ01010101", D("450.00"), "2024-2025"), ("XFXQ02010502", D("4800.00"), "2024-2025")]


def test_confirmed_recheck_records_who_when_and_what_was_billed(world):
    at(DAY(2026, 10, 26), 15)
    a = world.acc["a"].id
    row = rc.record_recheck(FIELD, a, _season(world), result="confirmed", measured_area="100",
                            customer_present=True, customer_signed=True, notes="面积与房本一致")
    stored = Recheck.get_by_id(row.id)
    assert (stored.result, stored.checked_by, stored.follow_up) == ("confirmed", "xiaowang",
                                                                     "none")
    assert abs(stored.checked_at - clock.now()) < _dt.timedelta(seconds=5)
    assert stored.checked_at.date() == DAY(2026, 10, 26)
    assert (stored.billed_area, stored.measured_area, stored.billed_status) == (
        D("100.00"), D("100.00"), "heating")
    assert (stored.customer_present, stored.customer_signed) == (True, True)
    assert stored.bill_id == _bill(a, _season(world)).id and stored.adjustment_id is None
    assert RemeasureRequest.select().count() == 0 and Adjustment.select().count() == 0
    entry = AuditEntry.get(AuditEntry.action == "recheck.record")
    assert (entry.actor, entry.record_id) == ("xiaowang", str(row.id))
    assert rc.rechecks(CASHIER, a)[0].id == row.id


def test_discrepancy_opens_a_remeasure_request_and_edits_nothing(world):
    b = world.acc["b"].id
    row = rc.record_recheck(FIELD, b, _season(world), result="discrepancy",
                            measured_area="78.5㎡", notes="阳台未采暖", customer_present=True,
                            follow_up="remeasure")
    assert (row.billed_area, row.measured_area, row.follow_up) == (D("80.00"), D("78.50"),
                                                                   "remeasure")
    assert (row.customer_present, row.customer_signed) == (True, False)
    [request] = rc.open_remeasure_requests(CASHIER)
    assert (request.account.account_no, request.recheck_id, request.status,
            request.requested_by) == ("YGHY03010102", row.id, "open", "xiaowang")
    assert request.notes == "现场复核：计费面积 80.00 ㎡，实测 78.50 ㎡。阳台未采暖"
    bill = _bill(b, _season(world))
    assert (bill.area, bill.total) == (D("80.00"), D("2000.00"))
    assert Account.get_by_id(b).heating_area == D("80.00")
    assert _balance(b) == D("4000.00")
    assert [e.action for e in AuditEntry.select().where(
        AuditEntry.action.startswith("recheck")).order_by(AuditEntry.id)] == [
        "recheck.record", "recheck.remeasure_request"]


def test_discrepancy_proposes_an_adjustment_that_counts_once_approved(world):
    c = world.acc["c"].id
    row = rc.record_recheck(FIELD, c, _season(world), result="discrepancy",
                            measured_area="85.00", follow_up="adjustment",
                            adjustment_amount="-125.00", reason="实测少 5 ㎡，退减热费",
                            customer_present=True, customer_signed=True)
    adj = Adjustment.get_by_id(row.adjustment_id)
    assert (adj.status, adj.kind, adj.source, adj.amount) == ("proposed", "area_correction",
                                                              "recheck", D("-125.00"))
    assert (adj.bill_id, adj.account_id, adj.reason, adj.proposed_by) == (
        _bill(c, _season(world)).id, c, "实测少 5 ㎡，退减热费", "xiaowang")
    assert _balance(c) == D("1250.00")  # proposed only: not in the ledger yet
    assert [r.owed for r in arrears_list(CASHIER, community="阳光花园").rows][-1] == D("1250.00")
    with pytest.raises(PermissionDenied):
        approve_adjustment(CASHIER, adj.id)
    approve_adjustment(MANAGER, adj.id)
    assert _balance(c) == D("1125.00")
    assert [r.owed for r in arrears_list(CASHIER, community="阳光花园").rows][-1] == D("1125.00")
    assert _bill(c, _season(world)).total == D("2250.00")
    assert Recheck.get_by_id(row.id).adjustment_id == adj.id
    [notice] = dunning.dunning_notices(CASHIER, account_ids=[c])
    assert notice.items == (DunningItem("2026-2027", "season", D("2250.00"), D("1000.00"),
                                        D("125.00"), D("1125.00")),)
    assert (notice.other, notice.total) == (D("0.00"), D("1125.00"))


def test_status_found_differs_and_the_reason_is_written_for_the_manager(world):
    e = world.acc["e"].id
    row = rc.record_recheck(CASHIER, e, _season(world), result="discrepancy",
                            status_found="heating", follow_up="adjustment",
                            adjustment_amount="1050.00", notes="阀门铅封已拆")
    assert (row.billed_status, row.status_found, row.measured_area) == ("stopped", "heating",
                                                                         None)
    adj = Adjustment.get_by_id(row.adjustment_id)
    assert adj.amount == D("1050.00") and adj.status == "proposed"
    assert adj.reason == "现场复核：计费面积 60.00 ㎡，计费时状态“报停”，现场为“供热”。阀门铅封已拆"


def test_outcome_must_agree_with_what_was_found(world):
    b, season = world.acc["b"].id, _season(world)
    before = _state()
    cases = [
        (dict(result="discrepancy"),
         [("follow_up", "recheck.follow_up_needed"), ("measured_area",
                                                     "recheck.discrepancy_detail")]),
        (dict(result="confirmed", measured_area="78.5", follow_up="remeasure"),
         [("follow_up", "recheck.follow_up_unexpected"),
          ("measured_area", "recheck.confirmed_differs")]),
        (dict(result="confirmed", status_found="stopped"),
         [("status_found", "recheck.confirmed_differs")]),
        (dict(result="discrepancy", measured_area="80", status_found="heating",
              follow_up="remeasure"),
         [("measured_area", "recheck.no_difference")]),
        (dict(result="discrepancy", measured_area="79", follow_up="adjustment"),
         [("adjustment_amount", "recheck.amount_needed")]),
        (dict(result="discrepancy", measured_area="79", follow_up="adjustment",
              adjustment_amount="0"),
         [("adjustment_amount", "recheck.amount_needed")]),
        (dict(result="discrepancy", measured_area="79", follow_up="remeasure",
              adjustment_amount="-50"),
         [("adjustment_amount", "recheck.amount_unused")]),
        (dict(result="maybe", measured_area="abc", status_found="hot", customer_signed=True,
              follow_up="later"),
         [("result", "validation.choice"), ("follow_up", "validation.choice"),
          ("measured_area", "validation.area_format"), ("status_found", "validation.choice"),
          ("customer_signed", "recheck.signed_absent")]),
    ]
    for kwargs, expected in cases:
        with pytest.raises(ValidationErrors) as err:
            rc.record_recheck(FIELD, b, season, **kwargs)
        assert sorted((e.field, e.code) for e in err.value.errors) == sorted(expected), kwargs
    assert _state() == before
    with pytest.raises(ValidationErrors) as err:
        rc.record_recheck(FIELD, b, season, result="confirmed", measured_area="78.5")
    assert err.value.message("zh") == ("实测面积：现场为“78.50”，与计费的“80.00”不同，"
                                       "应登记为有出入")


def test_nothing_to_recheck(world, system):
    at(DAY(2026, 10, 25))
    late = accounts.open_account(system, dict(name="新户", community="幸福小区", building="9",
                                              unit="1", room="101", heating_area="70"),
                                 status="heating")
    before = _state()
    with pytest.raises(UserError) as err:
        rc.record_recheck(FIELD, late.id, _season(world), result="confirmed")
    assert (err.value.code, err.value.field) == ("recheck.no_bill", "season")
    assert "2026-2027" in err.value.message("zh")
    with pytest.raises(UserError) as err:
        rc.record_recheck(FIELD, world.acc["a"].id, 999, result="confirmed")
    assert (err.value.code, err.value.field) == ("seasons.not_found", "season")
    with pytest.raises(UserError) as err:
        rc.recheck_rows(FIELD, season_id=999)
    assert err.value.code == "seasons.not_found"
    with pytest.raises(UserError) as err:
        rc.record_recheck(FIELD, 99999, _season(world), result="confirmed")
    assert err.value.code == "accounts.not_found"
    assert _state() == before


def test_a_recheck_is_written_once(world):
    row = rc.record_recheck(FIELD, world.acc["a"].id, _season(world), result="confirmed")
    for change in (Recheck.update(result="discrepancy").where(Recheck.id == row.id),
                   Recheck.delete().where(Recheck.id == row.id)):
        with pytest.raises(peewee.DatabaseError), database.atomic():
            change.execute()
    assert Recheck.get_by_id(row.id).result == "confirmed"


def test_permissions(world):
    a, season = world.acc["a"].id, _season(world)
    before = _state()
    for actor in (HOTLINE, READER):
        with pytest.raises(PermissionDenied) as err:
            rc.record_recheck(actor, a, season, result="confirmed")
        assert err.value.action == "recheck.record"
        with pytest.raises(PermissionDenied):
            rc.recheck_rows(actor, season_id=season)
    assert _state() == before
    assert rc.open_remeasure_requests(HOTLINE) == []  # seeing the work queue is harmless


def _season_at_24(world, system):
    """2027-2028 at 24 元/㎡ (30 % when stopped) with a new 110 ㎡ heating home g."""
    at(DAY(2027, 10, 15))
    season = seasons.add_season(system, "2027-2028", DAY(2027, 11, 15), DAY(2028, 3, 15))
    for category, price in (("residential", "24.00"), ("business", "40.00")):
        tariff_change.set_tariff(system, season.id, category, price_per_m2=price,
                                 stopped_share="0.30")
    g = accounts.open_account(system, dict(name="户主G", community="阳光花园", building="5",
                                           unit="1", room="101", heating_area="110"),
                              status="heating")
    at(DAY(2027, 10, 20))
    run_season_billing(system, season.id)
    return season.id, g.id


def test_suggested_adjustment_recomputes_the_bill_with_the_measured_area(world, system):
    season, g = _season_at_24(world, system)
    bill = _bill(g, season)
    assert (bill.area, bill.total) == (D("110.00"), D("2640.00"))
    assert rc.suggested_adjustment(bill.id, "104.50") == D("-132.00")  # 2,508.00 − 2,640.00
    assert rc.suggested_adjustment(bill.id, D("110.00")) == D("0.00")
    assert rc.suggested_adjustment(bill.id, "112.25") == D("54.00")
    stopped = _bill(world.acc["e"].id, season)
    assert (stopped.area, stopped.total) == (D("60.00"), D("432.00"))  # 60 × 24 × 30 %
    # 55.50 × 24.00 × 30 % = 399.60
    assert rc.suggested_adjustment(stopped.id, "55.50") == D("-32.40")
    before = _state()
    with pytest.raises(UserError) as err:
        rc.suggested_adjustment(bill.id, "abc")
    assert (err.value.code, err.value.field) == ("validation.area_format", "measured_area")
    with pytest.raises(UserError) as err:
        rc.suggested_adjustment(999999, "100")
    assert (err.value.code, err.value.field) == ("billing.bill_not_found", "bill")
    assert _state() == before  # a suggestion writes nothing


def test_suggested_adjustment_after_a_tariff_change_counts_what_was_repriced(world, system):
    season, g = _season_at_24(world, system)
    tariff_change.set_tariff(system, season, "residential", price_per_m2="25.00",
                             stopped_share="0.30", reason="调价")
    bill = _bill(g, season)
    repriced = Adjustment.get((Adjustment.bill == bill.id)
                              & (Adjustment.kind == "tariff_change"))
    assert repriced.amount == D("110.00")
    # 104.50 × 25.00 = 2,612.50 against 2,640.00 billed + 110.00 repriced
    assert rc.suggested_adjustment(bill.id, "104.50") == D("-137.50")
