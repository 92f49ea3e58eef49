"""The account register with balances: community, heat station, status and "owes money"
filters (alone, together and with a search), order by balance, counts, exact rows."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from ledger_world import CASHIER, SYSTEM, at, bill, season

from heatoffice.accounts import service as accounts
from heatoffice.billing import register
from heatoffice.billing.payments import record_payment

D = Decimal


@pytest.fixture
def town(db):
    """Six homes: 阳光花园 on station A, 幸福里 on station B; billed 85.50/90.00 m² × 24.00,
    one paid in full, one paid 100.00 ahead of a bill it never got, one stopped."""
    at(_dt.date(2026, 11, 20))
    s, t = season()
    a = accounts.add_station(SYSTEM, "A", "城东换热站")
    b = accounts.add_station(SYSTEM, "B", "城西换热站")
    homes = {}
    for no, name, community, station, status in (
            ("YG01", "张伟", "阳光花园", a.id, "heating"),
            ("YG02", "王芳", "阳光花园", a.id, "heating"),
            ("YG03", "李强", "阳光花园", a.id, "stopped"),
            ("XF01", "王伟", "幸福里", b.id, "heating"),
            ("XF02", "赵敏", "幸福里", b.id, "pending"),
            ("XF03", "王静", "幸福里", None, "heating")):
        homes[no] = accounts.open_account(SYSTEM, dict(
            account_no=no, name=name, community=community, building="1", room=no[-2:],
            heating_area="85.50" if community == "阳光花园" else "90.00", station_id=station),
            status=status)
    for no in ("YG01", "YG02", "XF01", "XF03"):
        bill(homes[no], s, t)
    bill(homes["YG03"], s, t, "615.60")  # 30 % of 2,052.00 for a stopped home
    record_payment(CASHIER, homes["YG02"].id, "2052", "cash")
    record_payment(CASHIER, homes["XF02"].id, "100", "cash")  # paid ahead, never billed
    return a, b


def _rows(**kwargs) -> list[tuple[str, Decimal]]:
    text = kwargs.pop("text", "")
    sort = kwargs.pop("sort", "id")
    descending = kwargs.pop("descending", False)
    rows = register.page(CASHIER, text, sort=sort, descending=descending,
                         filters=register.Filters(**kwargs))
    return [(r[1], r[-1]) for r in rows]


def test_balances_and_each_filter(town):
    a, b = town
    assert register.COLUMNS[-2:] == ("status", "balance")
    assert _rows() == [("YG01", D("2052.00")), ("YG02", D("0.00")), ("YG03", D("615.60")),
                       ("XF01", D("2160.00")), ("XF02", D("-100.00")), ("XF03", D("2160.00"))]
    assert _rows(owing=True) == [("YG01", D("2052.00")), ("YG03", D("615.60")),
                                 ("XF01", D("2160.00")), ("XF03", D("2160.00"))]
    assert _rows(community="幸福里") == [("XF01", D("2160.00")), ("XF02", D("-100.00")),
                                         ("XF03", D("2160.00"))]
    assert _rows(station_id=a.id) == [("YG01", D("2052.00")), ("YG02", D("0.00")),
                                      ("YG03", D("615.60"))]
    assert _rows(station_id=b.id, owing=True) == [("XF01", D("2160.00"))]
    assert _rows(status="heating", owing=True) == [("YG01", D("2052.00")),
                                                   ("XF01", D("2160.00")),
                                                   ("XF03", D("2160.00"))]
    assert _rows(status="pending") == [("XF02", D("-100.00"))]
    assert _rows(community="阳光花园", status="stopped", owing=True) == [
        ("YG03", D("615.60"))]
    assert _rows(community="无此小区") == []


def test_filters_with_a_search_and_the_order_by_balance(town):
    # 王 drives the search from the full-text table; the filters still apply.
    assert _rows(text="王") == [("YG02", D("0.00")), ("XF01", D("2160.00")),
                                ("XF03", D("2160.00"))]
    assert _rows(text="王", owing=True) == [("XF01", D("2160.00")), ("XF03", D("2160.00"))]
    assert _rows(text="王", community="阳光花园") == [("YG02", D("0.00"))]
    assert _rows(text="王", owing=True, sort="balance", descending=True) == [
        ("XF03", D("2160.00")), ("XF01", D("2160.00"))]
    assert _rows(sort="balance") == [("XF02", D("-100.00")), ("YG02", D("0.00")),
                                     ("YG03", D("615.60")), ("YG01", D("2052.00")),
                                     ("XF01", D("2160.00")), ("XF03", D("2160.00"))]


def test_counts_and_paging(town):
    a, _b = town
    assert register.count(CASHIER) == 6
    assert register.count(CASHIER, filters=register.Filters(owing=True)) == 4
    assert register.count(CASHIER, "王", register.Filters(owing=True)) == 2
    assert register.count(CASHIER, "王", register.Filters(station_id=a.id)) == 1
    assert register.count(CASHIER, filters=register.Filters(community="幸福里",
                                                             status="heating")) == 2
    pages = [register.page(CASHIER, filters=register.Filters(owing=True), offset=o, limit=3)
             for o in (0, 3)]
    assert [[r[1] for r in p] for p in pages] == [["YG01", "YG03", "XF01"], ["XF03"]]
