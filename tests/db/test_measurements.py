"""面积测量 on SQLite and PostgreSQL: numbers, the joint rule, review, application with its
area history and the proposed adjustment in yuan, requests closed, the CLI."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import queries as account_queries
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account, AccountAreaChange
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.billing import recheck as rc
from heatoffice.billing import tariff_change
from heatoffice.billing.models import Adjustment, RemeasureRequest
from heatoffice.billing.run import run_season_billing
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.measurements import queries, rules
from heatoffice.measurements import service as ms
from heatoffice.measurements.models import Measurement, MeasurementPart
from heatoffice.seasons import service as seasons

D = Decimal
DAY = _dt.date
KEFU = seat("kefu", "customer_service")
SHOUFEI = seat("shoufei", "cashier")
KEFU2 = seat("kefu2", "customer_service")
FINANCE = seat("caiwu", "finance")
MANAGER = seat("boss", "manager")
READER = seat("reader", "read_only")


def at(day: _dt.date) -> None:
    clock.reset()
    clock.shift(_dt.datetime.combine(day, _dt.time(9)) - clock.now())


class World:
    acc: dict[str, Account]
    season_id: int


@pytest.fixture
def world(db, system):
    """Season 2026-2027: 2026-11-15 … 2027-03-15, 121 days, 24.00 元/㎡, 30 % stopped;
    home h (110.00 ㎡, heating) and s (110.00 ㎡, stopped) billed on 11-01."""
    w = World()
    at(DAY(2026, 10, 1))
    for user in ("kefu", "kefu2", "shoufei", "caiwu", "reader"):
        role = {"kefu": "customer_service", "kefu2": "customer_service", "shoufei": "cashier",
                "caiwu": "finance", "reader": "read_only"}[user]
        auth.create_user(system, user, "secret-pass-1", role)
    accounts.add_community(system, "阳光花园", "YGHY")
    w.acc = {}
    for key, room, status in (("h", "101", "heating"), ("s", "102", "heating")):
        w.acc[key] = accounts.open_account(system, dict(
            name=f"户主{key}", community="阳光花园", building="1", unit="1", room=room,
            heating_area="110", phone="13800000000"), status=status)
    accounts.change_status(system, w.acc["s"].id, "stopped", "报停")
    season = seasons.add_season(system, "2026-2027", DAY(2026, 11, 15), DAY(2027, 3, 15))
    tariff_change.set_tariff(system, season.id, "residential", price_per_m2="24.00",
                             stopped_share="0.30")
    at(DAY(2026, 11, 1))
    run_season_billing(system, season.id)
    w.season_id = season.id
    at(DAY(2027, 1, 10))
    return w


def _new(world, key="h", parts=None, **kw):
    kw.setdefault("reason", "dispute")
    kw.setdefault("measurers", ["kefu", "shoufei"])
    return ms.create(KEFU, world.acc[key].account_no,
                     parts=parts or [{"name": "厅", "length": "10.45", "width": "10.00"}],
                     **kw)


def _through_review(world, key="h", **kw):
    m = _new(world, key, **kw)
    ms.submit(KEFU, m.number)
    ms.review(KEFU2, m.number)
    return m


def test_numbers_run_per_year_without_gaps(world):
    first = _new(world)
    with pytest.raises(UserError):  # refused: nothing numbered
        _new(world, measurers=["kefu"])
    second = _new(world, measured_on="2027-01-09")
    third = _new(world, measured_on="2026-12-30")
    assert (first.number, second.number, third.number) == (
        "CL-2027-000001", "CL-2027-000002", "CL-2026-000001")
    assert first.area == D("104.50") and first.area_before == D("110.00")
    assert first.difference == D("-5.50") and first.state == "draft"
    assert first.rule_version.version == 1


def test_the_joint_rule_and_the_reviewer(world):
    for measurers in (["kefu"], ["kefu", "kefu2"], ["shoufei", "caiwu"], ["kefu", "kefu"]):
        with pytest.raises(UserError) as err:
            _new(world, measurers=measurers)
        assert err.value.code == "measurements.joint_rule"
    with pytest.raises(UserError) as err:
        _new(world, measurers=["kefu", "reader"])
    assert err.value.code == "measurements.not_a_measurer"
    m = _new(world)
    ms.submit(KEFU, m.number)
    with pytest.raises(UserError) as err:  # a measurer cannot review
        ms.review(KEFU, m.number)
    assert err.value.code == "measurements.reviewer_measured"
    with pytest.raises(PermissionDenied):
        ms.review(READER, m.number)
    with pytest.raises(UserError) as err:  # the workflow: reviewed before applied
        ms.apply(FINANCE, m.number)
    assert err.value.code == "measurements.bad_transition"
    assert ms.review(KEFU2, m.number).state == "reviewed"


def test_refusals_name_their_fields(world):
    with pytest.raises(ValidationErrors) as err:
        _new(world, reason="whim", parts=[{"name": "厅", "length": "x", "width": "3"},
                                          {"name": "阳台", "length": "1", "width": "1",
                                           "kind": "terrace"}])
    assert {e.field for e in err.value.errors} == {"reason", "length", "part_kind"}
    assert Measurement.select().count() == 0


def test_applying_mid_season_proposes_the_days_left(world):
    m = _through_review(world)
    applied = ms.apply(FINANCE, m.number, DAY(2027, 1, 15))  # the last 60 of 121 days
    assert applied.state == "applied"
    # (104.50 − 110.00) × 24.00 × 60 / 121 = −65.4545… → −65.45
    adj = Adjustment.get_by_id(applied.adjustment_id)
    assert (adj.amount, adj.status, adj.kind, adj.source) == (
        D("-65.45"), "proposed", "area_correction", "measurement")
    account = Account.get_by_id(world.acc["h"].id)
    assert account.heating_area == D("104.50")
    [change] = account_queries.area_history(FINANCE, account.id)
    assert (change.old_area, change.new_area, change.effective_on, change.measurement_no,
            change.by) == (D("110.00"), D("104.50"), DAY(2027, 1, 15), m.number, "caiwu")
    # applying twice does nothing more
    again = ms.apply(FINANCE, m.number, DAY(2026, 11, 15))
    assert again.adjustment_id == adj.id and again.effective_on == DAY(2027, 1, 15)
    assert Adjustment.select().count() == 1 and AccountAreaChange.select().count() == 1
    shown = queries.sheet(READER, m.number)
    assert shown.adjustment_amount == D("-65.45")
    assert [s.to_state for s in shown.steps] == ["draft", "submitted", "reviewed", "applied"]


def test_applying_from_the_first_day_proposes_the_whole_difference(world):
    m = _through_review(world)
    applied = ms.apply(FINANCE, m.number, DAY(2026, 11, 15))
    # 5.50 × 24.00 = 132.00, the whole season
    assert Adjustment.get_by_id(applied.adjustment_id).amount == D("-132.00")
    assert rc.suggested_adjustment(
        Adjustment.get_by_id(applied.adjustment_id).bill_id, "104.50") == D("-132.00")


def test_a_stopped_home_uses_the_stopped_share(world):
    m = _through_review(world, "s")
    applied = ms.apply(FINANCE, m.number, DAY(2027, 1, 15))
    # −5.50 × 24.00 × 30 % × 60 / 121 = −19.636… → −19.64
    assert Adjustment.get_by_id(applied.adjustment_id).amount == D("-19.64")


def test_after_the_season_no_adjustment_and_no_area_change_no_money(world):
    m = _through_review(world)
    applied = ms.apply(FINANCE, m.number, DAY(2027, 4, 1))
    assert applied.adjustment_id is None
    assert Account.get_by_id(world.acc["h"].id).heating_area == D("104.50")
    same = _through_review(world, parts=[{"name": "厅", "area": "104.50"}])
    assert ms.apply(FINANCE, same.number).adjustment_id is None


def test_a_remeasure_request_closes_when_applied_or_rejected(world, system):
    bill_id = rc._bill_and_status(world.acc["h"].id, world.season_id)[0].id
    assert bill_id
    for key, end in (("h", "apply"), ("s", "reject")):
        rc.record_recheck(KEFU, world.acc[key].id, world.season_id, result="discrepancy",
                          measured_area="104.50", follow_up="remeasure")
        request = RemeasureRequest.get(RemeasureRequest.account == world.acc[key].id)
        m = _through_review(world, key, request_id=request.id, reason="recheck")
        if end == "apply":
            ms.apply(FINANCE, m.number)
        else:
            with pytest.raises(UserError):
                ms.reject(KEFU2, m.number, "  ")
            ms.reject(KEFU2, m.number, "测量有误")
        assert RemeasureRequest.get_by_id(request.id).status == "closed"
        with pytest.raises(UserError) as err:  # a closed request answers nothing more
            _new(world, key, request_id=request.id)
        assert err.value.code == "measurements.no_request"


def test_a_re_measurement_links_to_what_it_checks(world):
    first = _new(world)
    again = _new(world, checks=first.number, parts=[{"name": "厅", "area": "106"}])
    assert queries.sheet(READER, again.number).checks == first.number
    assert [r.number for r in queries.register(READER, min_difference="5.00")] == [
        first.number]


def test_the_rules_are_versioned(world):
    row = rules.new_version(MANAGER, shares={"balcony-unheated": "60%"}, notes="新规")
    assert row.version == 2
    m = _new(world, parts=[{"name": "阳台", "length": "3", "width": "1.5",
                            "kind": "balcony-unheated"}])
    assert m.area == D("2.70") and m.rule_version.version == 2
    with pytest.raises(PermissionDenied):
        rules.new_version(KEFU, shares={"loft": "0.4"})
    assert AuditEntry.select().where(AuditEntry.action == "measurements.rules").count() == 1
    assert MeasurementPart.select().count() == 1


def test_the_account_dialog_cannot_type_the_area_over(world, system):
    with pytest.raises(UserError) as err:
        accounts.update_account(system, world.acc["h"].id, {"heating_area": "100"})
    assert err.value.code == "accounts.area_by_measurement"
