"""The cases' pure rules: the floor from a room number, the temperature plan's order (四查:
low floors and network ends first), the refund steps, the stolen-heat amount, the written
reply's deadline and what an inspection needs before it closes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heatoffice.service import case_rules as cr
from heatoffice.service import tempcheck_rules as tr

D = Decimal


@pytest.mark.parametrize("room, floor, expected", [
    ("501", None, 5), ("1203", None, 12), ("3-502", None, 5), ("B0101", None, 1),
    ("0302", None, 3), ("101室", None, 1), ("12", None, None), ("", None, None),
    ("东户", None, None), ("501", 7, 7)])
def test_the_floor_is_the_accounts_or_read_from_the_room_number(room, floor, expected):
    assert tr.floor_of(room, floor) == expected


def _home(n, *, station="S1", community="C01", building="1", floor=5, unit=False,
          complaints=0, imbalance=False):
    return tr.Home(n, f"A{n:03d}", f"home {n}", station, community, building, floor, unit,
                   complaints, imbalance)


def test_low_floors_and_network_ends_come_first():
    homes = [
        _home(1, floor=6, complaints=2),                    # complaint only
        _home(2, floor=1),                                  # low floor
        _home(3, floor=9),                                  # nothing: not proposed
        _home(4, community="C02", building="3", floor=8),   # end of S1's network
        _home(5, community="C02", building="1", floor=8),   # same community, not the end
        _home(6, floor=7, unit=True),                       # unit customer's inlet
        _home(7, floor=8, imbalance=True),                  # known imbalance
        _home(8, community="C02", building="3", floor=1),   # low floor at the network end
        _home(9, station="S2", community="C03", floor=None, complaints=1),  # S2's end too
    ]
    rows = tr.plan(homes)
    order = [r.home.account_id for r in rows]
    assert 3 not in order and 5 not in order
    assert order[:2] == [8, 9]  # a reason of the first rank and another one
    assert order[2:4] == [2, 4]  # one reason of the first rank each
    assert order[4] == 6  # then the inlet devices
    assert order[5:] == [1, 7]  # then complaints and imbalance
    by_id = {r.home.account_id: r.reasons for r in rows}
    assert by_id[8] == ("low_floor", "network_end")
    assert by_id[9] == ("network_end", "complaint")
    assert tr.plan(homes, limit=2) == rows[:2]


def test_a_setting_names_the_network_ends_instead():
    homes = [_home(1, community="C01", building="2"), _home(2, community="C02")]
    ends = tr.network_ends(homes, marked=["C01"])
    assert ends == {("C01", "2")}
    assert [r.home.account_id for r in tr.plan(homes, marked_ends=["C01"])] == [1]


def test_low_floor_setting():
    homes = [_home(1, floor=2), _home(2, floor=3)]
    assert [r.home.account_id for r in tr.plan(homes, low_floor=2, marked_ends=["X"])] == [1]


def test_refund_steps_and_amounts():
    steps = tr.parse_steps("1:10, 3:20,5:30%")
    assert steps == [(D(1), D("0.1")), (D(3), D("0.2")), (D(5), D("0.3"))]
    assert tr.refund_share(D("0.9"), steps) == 0
    assert tr.refund_share(D("1.0"), steps) == D("0.1")
    assert tr.refund_share(D("4.9"), steps) == D("0.2")
    assert tr.refund_share(D("7"), steps) == D("0.3")
    # 110 ㎡ × 24.00 元/㎡ over 121 days: 21.8181… a day; 10 days 3.5 °C short at 20 %
    assert tr.cold_refund(D("110.00"), D("24.00"), 121, 10, D("3.5"), steps) == D("43.64")
    assert tr.cold_refund(D("110.00"), D("24.00"), 121, 10, D("0.5"), steps) == 0
    assert tr.cold_refund(D("110.00"), D("24.00"), 121, 2, D("3.5"), steps, min_days=3) == 0
    assert tr.below_standard(D("17.9"), D("18")) and not tr.below_standard(D("18.0"), D("18"))
    with pytest.raises(ValueError):
        tr.parse_steps("0:10")


def test_stolen_heat_is_area_times_the_price_of_a_day_times_days():
    # 85.50 ㎡ × 24.00 / 121 × 30 = 508.76…
    assert tr.stolen_heat(D("85.50"), D("24.00"), 121, 30) == D("508.76")
    assert tr.stolen_heat(D("85.50"), D("24.00"), 121, 0) == 0


def test_a_written_complaint_is_due_at_the_end_of_its_last_day():
    received = dt.datetime(2026, 12, 1, 15, 30)
    due = cr.reply_due(received, 7)
    assert due == dt.datetime(2026, 12, 9, 0, 0)
    assert not cr.reply_overdue(due, None, dt.datetime(2026, 12, 8, 23, 59, 59))
    assert cr.reply_overdue(due, None, dt.datetime(2026, 12, 9, 0, 0))
    assert not cr.reply_overdue(due, dt.datetime(2026, 12, 8, 10), dt.datetime(2027, 1, 1))
    assert cr.reply_overdue(due, dt.datetime(2026, 12, 9, 10), dt.datetime(2027, 1, 1))
    assert not cr.reply_overdue(None, None, dt.datetime(2027, 1, 1))
    assert cr.needs_reply("letter") and not cr.needs_reply("phone")


def test_an_inspection_closes_only_with_an_owner_and_an_outcome():
    assert cr.close_refusals(owner="", conclusion="", follow_ups=0) == [
        "inspections.no_owner", "inspections.no_conclusion"]
    assert cr.close_refusals(owner="li", conclusion="violation", follow_ups=0) == [
        "inspections.no_follow_up"]
    assert cr.close_refusals(owner="li", conclusion="uncertain", follow_ups=0) == [
        "inspections.no_follow_up"]
    assert cr.close_refusals(owner="li", conclusion="violation", follow_ups=1) == []
    assert cr.close_refusals(owner="li", conclusion="normal", follow_ups=0) == []
    assert cr.age_days(dt.datetime(2026, 12, 1, 23), dt.datetime(2026, 12, 4, 1)) == 3
