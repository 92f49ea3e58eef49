"""Arrears list on SQLite and PostgreSQL: filters, ageing by season, totals, masking, rights.

The world built here (three billed seasons, six homes, two collectors) is shared with the
dunning and recheck tests, which import ``build_world`` from this module.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account
from heatoffice.auth import permissions
from heatoffice.auth.actor import Actor
from heatoffice.billing import tariff_change
from heatoffice.billing.arrears import arrears_list
from heatoffice.billing.models import AccountBalance, Bill
from heatoffice.billing.payments import record_payment
from heatoffice.billing.run import run_season_billing
from heatoffice.db.connection import database
from heatoffice.errors import PermissionDenied, ValidationErrors
from heatoffice.org import service as org
from heatoffice.org.seed import seed_organisation
from heatoffice.seasons import service as seasons
from heatoffice.seasons.models import Season

D = Decimal
CASHIER = seat("cashier1", "cashier")
MANAGER = seat("boss", "manager")
FIELD = seat("xiaowang", "customer_service")
HOTLINE = seat("hotline1", "hotline")
READER = seat("reader", "read_only")

# key: community, building, unit, room, category, area, phone
HOMES = {
    "a": ("阳光花园", "3", "1", "101", "residential", "100", "13812345678"),
    "b": ("阳光花园", "3", "1", "102", "residential", "80", "13900001111"),
    "c": ("阳光花园", "10", "2", "201", "residential", "90", "0371-65123456"),
    "d": ("阳光花园", "3", "2", "301", "business", "50", ""),
    "e": ("幸福小区", "1", "1", "101", "residential", "60", "13700002222"),
    "f": ("幸福小区", "2", "1", "502", "business", "120", "13600003333"),
}
SEASONS = (("2024-2025", 2024), ("2025-2026", 2025), ("2026-2027", 2026))
# Paid on 2026-10-22, after the third billing run; each payment settles the oldest bill first.
PAYMENTS = {"b": "2000.00", "c": "5500.00", "d": "6000.00", "e": "900.00", "f": "6800.00"}


def at(day: _dt.date, hour: int = 9) -> None:
    """Move the clock to ``day`` at ``hour`` o'clock."""
    clock.reset()
    clock.shift(_dt.datetime.combine(day, _dt.time(hour)) - clock.now())


@dataclass
class World:
    seasons: dict[str, Season] = field(default_factory=dict)
    acc: dict[str, Account] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)
    station_id: int = 0


def build_world(system: Actor) -> World:
    """Six homes billed for three seasons (25 元/㎡ residential, 40 元/㎡ business, 30 % when
    stopped), each season billed on 10-20 before it starts, payments on 2026-10-22:

    a owes all three seasons (older), b the last two (one back), c part of the last one,
    d nothing, e (stopped) the last one at 30 %, f part of 2025-2026 and all of 2026-2027.
    Collector 赵收费 has 幸福小区; 钱收费 has the 东区 station (homes c and e) and had
    阳光花园 until 2026-06-30.
    """
    w = World()
    at(_dt.date(2024, 10, 1))
    seed_organisation(database.obj)  # PostgreSQL tables are truncated between tests
    w.station_id = accounts.add_station(system, "DQ", "东区换热站").id
    accounts.add_community(system, "阳光花园", "YGHY")
    accounts.add_community(system, "幸福小区", "XFXQ")
    for key, (community, building, unit, room, category, area, phone) in HOMES.items():
        w.acc[key] = accounts.open_account(system, dict(
            name=f"户主{key.upper()}", community=community, building=building, unit=unit,
            room=room, category=category, heating_area=area, phone=phone,
            station_id=w.station_id if key in "ce" else None), status="heating")
    accounts.change_status(system, w.acc["e"].id, "stopped", "报停")
    for name, year in SEASONS:
        at(_dt.date(year, 10, 15))
        season = seasons.add_season(system, name, _dt.date(year, 11, 15),
                                    _dt.date(year + 1, 3, 15))
        tariff_change.set_tariff(system, season.id, "residential", price_per_m2="25.00",
                                 stopped_share="0.30")
        tariff_change.set_tariff(system, season.id, "business", price_per_m2="40.00",
                                 stopped_share="0.30")
        w.seasons[name] = season
        at(_dt.date(year, 10, 20))
        run_season_billing(system, season.id)
    at(_dt.date(2026, 10, 22))
    for key, amount in PAYMENTS.items():
        record_payment(CASHIER, w.acc[key].id, D(amount), "cash", tendered=D(amount))
    zhao = org.add_staff(system, {"staff_no": "C01", "name": "赵收费"})
    qian = org.add_staff(system, {"staff_no": "C02", "name": "钱收费"})
    org.add_service_area(system, zhao.id, "collector", community="幸福小区",
                         start_date="2026-01-01")
    org.add_service_area(system, qian.id, "collector", station_id=w.station_id,
                         start_date="2026-01-01")
    org.add_service_area(system, qian.id, "collector", community="阳光花园",
                         start_date="2025-01-01", end_date="2026-06-30")
    w.staff = {"zhao": zhao.id, "qian": qian.id}
    at(_dt.date(2026, 10, 25))
    return w


@pytest.fixture
def world(db, system):
    return build_world(system)


def _owed(result):
    return [(r.account_no, r.owed, r.age, r.oldest_season) for r in result.rows]


def test_world_is_billed_and_paid_as_told(world):
    bills = {(b.account_id, b.season.name): (b.total, b.paid) for b in Bill.select()}
    a, e, f = world.acc["a"].id, world.acc["e"].id, world.acc["f"].id
    assert bills[(a, "2024-2025")] == (D("2500.00"), D("0.00"))
    assert bills[(e, "2026-2027")] == (D("450.00"), D("0.00"))
    assert bills[(f, "2025-2026")] == (D("4800.00"), D("2000.00"))
    assert len(bills) == 18
    balances = {r.account_id: r.balance for r in AccountBalance.select()}
    assert balances[world.acc["d"].id] == D("0.00")


def test_full_list_by_address_with_ages_and_totals(world):
    result = arrears_list(CASHIER)
    assert _owed(result) == [
        ("XFXQ01010101", D("450.00"), "current", "2026-2027"),
        ("XFXQ02010502", D("7600.00"), "one", "2025-2026"),
        ("YGHY03010101", D("7500.00"), "older", "2024-2025"),
        ("YGHY03010102", D("4000.00"), "one", "2025-2026"),
        ("YGHY10020201", D("1250.00"), "current", "2026-2027"),  # building 10 after 3
    ]
    t = result.totals
    assert (t.count, t.owed) == (5, D("20800.00"))
    # These tariffs set no late-fee start: every bill is overdue from the day it is issued.
    assert t.by_age == {"current": (2, D("1700.00")), "one": (2, D("11600.00")),
                        "older": (1, D("7500.00")), "not_due": (0, D("0.00"))}
    assert (t.overdue, t.not_due) == (D("20800.00"), D("0.00"))
    row = result.rows[0]
    assert (row.name, row.address, row.category, row.status, row.area) == (
        "户主E", "幸福小区1号楼1单元101", "residential", "stopped", D("60.00"))
    assert row.phone == "13700002222"  # a cashier may see phones
    assert row.label("status", "zh") == "报停" and row.label("age", "en") == "this season"
    assert row.late_fees == D("0.00")  # these tariffs have no late fee


def test_filters_by_community_building_and_category(world):
    sunny = arrears_list(CASHIER, community="阳光花园")
    assert [r.account_no for r in sunny.rows] == ["YGHY03010101", "YGHY03010102",
                                                  "YGHY10020201"]
    assert (sunny.totals.count, sunny.totals.owed) == (3, D("12750.00"))
    block3 = arrears_list(CASHIER, community="阳光花园", building="3")
    assert [r.account_no for r in block3.rows] == ["YGHY03010101", "YGHY03010102"]
    assert block3.totals.owed == D("11500.00")
    business = arrears_list(CASHIER, category="商业")  # a label is accepted as well
    assert _owed(business) == [("XFXQ02010502", D("7600.00"), "one", "2025-2026")]
    assert business.totals.by_age == {"current": (0, D("0.00")), "one": (1, D("7600.00")),
                                      "older": (0, D("0.00")), "not_due": (0, D("0.00"))}


def test_filter_by_collector_uses_service_areas_in_force(world):
    zhao = arrears_list(CASHIER, collector_staff_id=world.staff["zhao"])
    assert [r.account_no for r in zhao.rows] == ["XFXQ01010101", "XFXQ02010502"]
    assert zhao.totals.owed == D("8050.00")
    # 钱收费 has the station (homes c and e); 阳光花园 left their care on 2026-06-30.
    qian = arrears_list(CASHIER, collector_staff_id=world.staff["qian"])
    assert [r.account_no for r in qian.rows] == ["XFXQ01010101", "YGHY10020201"]
    assert qian.totals.owed == D("1700.00")
    earlier = arrears_list(CASHIER, collector_staff_id=world.staff["qian"],
                           on=_dt.date(2026, 6, 1), include_not_due=True)
    assert [r.account_no for r in earlier.rows] == ["XFXQ01010101", "YGHY03010101",
                                                    "YGHY03010102", "YGHY10020201"]
    # On 06-01 the 2026-2027 bills (issued 10-20) were not yet due: e and c owed nothing due.
    assert [r.account_no for r in arrears_list(
        CASHIER, collector_staff_id=world.staff["qian"], on=_dt.date(2026, 6, 1)).rows] == [
        "YGHY03010101", "YGHY03010102"]
    assert arrears_list(CASHIER, collector_staff_id=world.staff["zhao"],
                        on=_dt.date(2025, 12, 31)).totals.count == 0


def test_filter_by_age(world):
    def accounts_of(age):
        return [r.account_no for r in arrears_list(CASHIER, age=age).rows]

    assert accounts_of("current") == ["XFXQ01010101", "YGHY10020201"]
    assert accounts_of("one") == ["XFXQ02010502", "YGHY03010102"]
    assert accounts_of("older") == ["YGHY03010101"]
    older = arrears_list(CASHIER, age="older", community="幸福小区")
    assert older.rows == [] and older.totals.count == 0 and older.totals.owed == D("0.00")


def test_the_current_season_is_the_one_billed_or_started(world):
    # On 10-10 the 2026-2027 bills (issued 10-20) did not exist yet: 2025-2026 was current,
    # and what the accounts owe for 2026-2027 was not due (today's balances, 10-22's money).
    result = arrears_list(CASHIER, on=_dt.date(2026, 10, 10))
    assert {r.account_no: (r.age, r.overdue) for r in result.rows} == {
        "XFXQ02010502": ("current", D("2800.00")), "YGHY03010101": ("one", D("5000.00")),
        "YGHY03010102": ("current", D("2000.00"))}
    assert result.totals.by_age == {"current": (2, D("4800.00")), "one": (1, D("5000.00")),
                                    "older": (0, D("0.00")), "not_due": (2, D("1700.00"))}
    every = arrears_list(CASHIER, on=_dt.date(2026, 10, 10), include_not_due=True)
    assert {r.account_no: r.age for r in every.rows} == {
        "XFXQ01010101": "not_due", "XFXQ02010502": "current", "YGHY03010101": "one",
        "YGHY03010102": "current", "YGHY10020201": "not_due"}


def test_limit_pages_rows_but_totals_cover_everything(world):
    page = arrears_list(CASHIER, limit=2)
    assert [r.account_no for r in page.rows] == ["XFXQ01010101", "XFXQ02010502"]
    assert (page.totals.count, page.totals.owed) == (5, D("20800.00"))
    rest = arrears_list(CASHIER, limit=2, offset=4)
    assert [r.account_no for r in rest.rows] == ["YGHY10020201"]


def test_a_payment_clears_an_account_from_the_list(world):
    record_payment(CASHIER, world.acc["e"].id, D("450.00"), "wechat")
    result = arrears_list(CASHIER, community="幸福小区")
    assert _owed(result) == [("XFXQ02010502", D("7600.00"), "one", "2025-2026")]
    record_payment(CASHIER, world.acc["f"].id, D("2800.00"), "card")
    assert _owed(arrears_list(CASHIER, community="幸福小区")) == [
        ("XFXQ02010502", D("4800.00"), "current", "2026-2027")]


def test_phones_masked_for_a_role_without_personal_data(world, monkeypatch):
    monkeypatch.setitem(permissions.ROLE_PERMISSIONS, "auditor", frozenset({"arrears.view"}))
    auditor = seat("aud", "auditor")
    phones = [r.phone for r in arrears_list(auditor, community="阳光花园").rows]
    assert phones == ["138****5678", "139****1111", "0371-****3456"]


def test_bad_filters_name_their_field(world):
    with pytest.raises(ValidationErrors) as err:
        arrears_list(CASHIER, category="farm", age="ancient")
    assert [e.field for e in err.value.errors] == ["category", "age"]
    assert "用户类别" in err.value.message("zh") and "欠费账龄" in err.value.message("zh")


@pytest.mark.parametrize("actor", [HOTLINE, READER], ids=["hotline", "read_only"])
def test_roles_without_arrears_view_are_refused(world, actor):
    with pytest.raises(PermissionDenied) as err:
        arrears_list(actor)
    assert err.value.action == "arrears.view"


def late_fee_world(system: Actor) -> dict[str, Account]:
    """One season at 25 元/㎡ with a late fee of 0.1 % a day from 2027-01-01: g (100 ㎡) pays
    nothing, h (100 ㎡) pays 1000.00 on 2026-12-01."""
    at(_dt.date(2026, 10, 15))
    accounts.add_community(system, "和平里", "HPL")
    homes = {key: accounts.open_account(system, dict(
        name=f"户主{key.upper()}", community="和平里", building="1", unit="1", room=room,
        heating_area="100"), status="heating") for key, room in (("g", "101"), ("h", "102"))}
    season = seasons.add_season(system, "2026-2027", _dt.date(2026, 11, 15),
                                _dt.date(2027, 3, 15))
    tariff_change.set_tariff(system, season.id, "residential", price_per_m2="25.00",
                             stopped_share="0.30", late_fee_rate="0.001",
                             late_fee_from="2027-01-01")
    at(_dt.date(2026, 10, 20))
    run_season_billing(system, season.id)
    at(_dt.date(2026, 12, 1))
    record_payment(CASHIER, homes["h"].id, D("1000.00"), "wechat")
    at(_dt.date(2027, 1, 10))
    return homes


def test_late_fees_accrued_but_not_yet_charged(db, system):
    late_fee_world(system)
    result = arrears_list(CASHIER)
    # Ten days (01-01 to 01-10) at 0.1 %: 2500.00 → 25.00, 1500.00 → 15.00.
    assert [(r.account_no, r.owed, r.late_fees) for r in result.rows] == [
        ("HPL01010101", D("2500.00"), D("25.00")), ("HPL01010102", D("1500.00"), D("15.00"))]
    assert (result.totals.owed, result.totals.late_fees) == (D("4000.00"), D("40.00"))
    on_new_year = arrears_list(CASHIER, on=_dt.date(2027, 1, 1))
    assert [r.late_fees for r in on_new_year.rows] == [D("2.50"), D("1.50")]
    # On 12-31 the bills are not yet due: no arrears, no late fee, the debt shown apart.
    eve = arrears_list(CASHIER, on="2026-12-31")
    assert eve.rows == [] and eve.totals.by_age["not_due"] == (2, D("4000.00"))
    assert [(r.late_fees, r.not_due, r.age) for r in arrears_list(
        CASHIER, on="2026-12-31", include_not_due=True).rows] == [
        (D("0.00"), D("2500.00"), "not_due"), (D("0.00"), D("1500.00"), "not_due")]


def test_no_seasons_no_arrears(db):
    assert arrears_list(MANAGER).totals.count == 0
