"""Seasons and tariffs: validation naming each field, versions that never overwrite."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from seats import seat

from heatoffice.audit.models import AuditEntry
from heatoffice.billing import tariff_change
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.seasons import service as seasons
from heatoffice.seasons.models import Season, Tariff

FINANCE = seat("finance1", "finance")
CASHIER = seat("cashier1", "cashier")

GOOD = dict(price_per_m2="24.00", stopped_share="0.30")


@pytest.fixture
def season(db, system):
    return seasons.add_season(FINANCE, "2026-2027", "2026-11-15", "2027-03-15",
                              notes="市发改委批复")


def _fields(exc_info) -> dict[str, str]:
    err = exc_info.value
    errors = err.errors if isinstance(err, ValidationErrors) else [err]
    return {e.field: e.code for e in errors}


def test_add_season_and_find_it(season):
    assert (season.name, season.start_date, season.end_date, season.created_by) == (
        "2026-2027", dt.date(2026, 11, 15), dt.date(2027, 3, 15), "finance1")
    assert seasons.get_season("2026-2027").id == season.id
    assert seasons.get_season(season.id).name == "2026-2027"
    later = seasons.add_season(FINANCE, " 2027-2028 ", "2027年11月15日", dt.date(2028, 3, 15))
    assert [s.name for s in seasons.list_seasons()] == ["2027-2028", "2026-2027"]
    assert later.start_date == dt.date(2027, 11, 15)
    entry = AuditEntry.get(AuditEntry.action == "seasons.add", AuditEntry.record_id == season.id)
    assert '"name": "2026-2027"' in entry.after
    with pytest.raises(UserError) as err:
        seasons.get_season("2030-2031")
    assert err.value.code == "seasons.not_found" and "2030-2031" in err.value.message("zh")


@pytest.mark.parametrize(("name", "start", "end", "expected"), [
    ("2026-2028", "2026-11-15", "2027-03-15", {"season_name": "seasons.name_format"}),
    ("2026", "2026-11-15", "2027-03-15", {"season_name": "seasons.name_format"}),
    ("26-27", "2026-11-15", "2027-03-15", {"season_name": "seasons.name_format"}),
    ("", "2026-11-15", "2027-03-15", {"season_name": "validation.required"}),
    ("2026-2027", "2027-03-15", "2026-11-15", {"start_date": "seasons.date_range",
                                               "end_date": "validation.date_order"}),
    ("2026-2027", "2026-11-15", "2026-11-15", {"end_date": "validation.date_order"}),
    ("2026-2027", "2025-11-15", "2026-03-15", {"start_date": "seasons.date_range"}),
    ("2026-2027", "2026-11-15", "2028-01-15", {"end_date": "seasons.date_range"}),
    ("2026-2027", "2026-02-30", "tomorrow", {"start_date": "validation.date",
                                             "end_date": "validation.date"}),
])
def test_bad_seasons_name_their_fields(db, name, start, end, expected):
    with pytest.raises(ValidationErrors) as err:
        seasons.add_season(FINANCE, name, start, end)
    assert _fields(err) == expected
    assert Season.select().count() == 0


def test_duplicate_season_and_permission(season):
    with pytest.raises(UserError) as err:
        seasons.add_season(FINANCE, "2026-2027", "2026-11-01", "2027-03-31")
    assert (err.value.code, err.value.field) == ("seasons.duplicate", "season_name")
    assert "采暖季名称" in err.value.message("zh")
    with pytest.raises(PermissionDenied):
        seasons.add_season(CASHIER, "2027-2028", "2027-11-15", "2028-03-15")
    with pytest.raises(PermissionDenied):
        tariff_change.set_tariff(CASHIER, season.id, "residential", **GOOD)
    assert Season.select().count() == 1 and Tariff.select().count() == 0


def test_tariff_versions_never_overwrite(season):
    assert seasons.current_tariff(season.id, "residential") is None
    v1 = tariff_change.set_tariff(FINANCE, season.id, "residential", price_per_m2="24",
                                  stopped_share="30%", late_fee_rate="0.0005",
                                  late_fee_from="2027-01-01", discount_rate="0.05",
                                  discount_until="2026-11-14", relief_share="50%",
                                  relief_max_area="60", relief_cap="600",
                                  connection_fee_per_m2="80", reason="2026 年物价批复")
    assert (v1.version, v1.price_per_m2, v1.stopped_share, v1.late_fee_rate) == (
        1, D("24.00"), D("0.300000"), D("0.000500"))
    assert (v1.discount_until, v1.relief_max_area, v1.relief_cap, v1.connection_fee_per_m2) == (
        dt.date(2026, 11, 14), D("60.00"), D("600.00"), D("80.00"))
    assert (v1.created_by, v1.approved_by, v1.settlement) == ("finance1", "", "both_ways")
    v2 = tariff_change.set_tariff(FINANCE, season.id, "residential", price_per_m2="25.50",
                                  stopped_share="0.3")
    v1_again = Tariff.get_by_id(v1.id)
    assert (v1_again.version, v1_again.price_per_m2, v1_again.relief_cap) == (
        1, D("24.00"), D("600.00"))
    assert (v2.version, v2.relief_share, v2.late_fee_from) == (2, D("0.000000"), None)
    assert seasons.current_tariff(season.id, "residential").id == v2.id
    two_part = tariff_change.set_tariff(FINANCE, season.id, "单位",
                                        price_per_m2="30", stopped_share="0.2",
                                        basic_price_per_m2="12", price_per_gj="45.60",
                                        settlement="多退少不补")
    assert (two_part.category, two_part.version, two_part.settlement) == (
        "institution", 1, "refund_only")
    assert (two_part.basic_price_per_m2, two_part.price_per_gj) == (D("12.00"), D("45.60"))
    assert [(t.category, t.version) for t in seasons.tariff_history(season.id)] == [
        ("institution", 1), ("residential", 1), ("residential", 2)]
    entries = list(AuditEntry.select().where(AuditEntry.action == "seasons.tariff")
                   .order_by(AuditEntry.id))
    assert len(entries) == 3 and entries[0].before is None
    assert '"price_per_m2": "24.00"' in entries[1].before
    assert '"price_per_m2": "25.50"' in entries[1].after
    assert entries[1].note == "2026-2027 residential v2"


@pytest.mark.parametrize(("changes", "expected"), [
    (dict(price_per_m2="0"), {"price_per_m2": "seasons.not_positive"}),
    (dict(price_per_m2="abc"), {"price_per_m2": "money.format"}),
    (dict(price_per_m2="24.005"), {"price_per_m2": "money.precision"}),
    (dict(price_per_m2="-24"), {"price_per_m2": "money.negative"}),
    (dict(price_per_m2=""), {"price_per_m2": "validation.required"}),
    (dict(stopped_share="1.5"), {"stopped_share": "seasons.rate_range"}),
    (dict(stopped_share="-0.1"), {"stopped_share": "seasons.rate_range"}),
    (dict(stopped_share="0.1234567"), {"stopped_share": "seasons.rate_precision"}),
    (dict(stopped_share="三成"), {"stopped_share": "seasons.rate_format"}),
    (dict(stopped_share=None), {"stopped_share": "seasons.rate_format"}),
    (dict(late_fee_rate="0.0005"), {"late_fee_from": "validation.required"}),
    (dict(discount_rate="5%"), {"discount_until": "validation.required"}),
    (dict(late_fee_rate="0.0005", late_fee_from="2029-01-01"),
     {"late_fee_from": "seasons.date_range"}),
    (dict(discount_rate="0.05", discount_until="2026-13-01"),
     {"discount_until": "validation.date"}),
    (dict(relief_share="0.5"), {"relief_max_area": "seasons.relief_incomplete",
                                "relief_cap": "seasons.relief_incomplete"}),
    (dict(relief_share="0.5", relief_max_area="60", relief_cap="-1"),
     {"relief_cap": "money.negative"}),
    (dict(relief_max_area="60.123"), {"relief_max_area": "validation.area_format"}),
    (dict(basic_price_per_m2="12"), {"price_per_gj": "validation.required"}),
    (dict(price_per_gj="45"), {"basic_price_per_m2": "validation.required"}),
    (dict(basic_price_per_m2="0", price_per_gj="45"),
     {"basic_price_per_m2": "seasons.not_positive"}),
    (dict(basic_price_per_m2="24.01", price_per_gj="45"),
     {"basic_price_per_m2": "seasons.basic_above_price"}),
    (dict(settlement="always"), {"settlement": "validation.choice"}),
    (dict(connection_fee_per_m2="1.001"), {"connection_fee_per_m2": "money.precision"}),
    (dict(category="palace"), {"category": "validation.choice"}),
])
def test_every_bad_number_names_its_field(season, changes, expected):
    args = dict(GOOD, category="residential")
    args.update(changes)
    category = args.pop("category")
    with pytest.raises(ValidationErrors) as err:
        tariff_change.set_tariff(FINANCE, season.id, category, **args)
    assert _fields(err) == expected
    assert Tariff.select().count() == 0


def test_all_errors_at_once_with_labels(season):
    with pytest.raises(ValidationErrors) as err:
        tariff_change.set_tariff(FINANCE, season.id, "residential", price_per_m2="0",
                                 stopped_share="130%", late_fee_rate="2", relief_cap="x")
    assert _fields(err) == {"price_per_m2": "seasons.not_positive",
                            "stopped_share": "seasons.rate_range",
                            "late_fee_rate": "seasons.rate_range",
                            "relief_cap": "money.format"}
    text = err.value.message("zh")
    assert "面积热价" in text and "报停收费比例" in text and "滞纳金日费率" in text
    assert "stopped-home share" in err.value.message("en")


def test_rates_accept_percent_decimal_and_int(season):
    t = tariff_change.set_tariff(FINANCE, season.id, "business", price_per_m2=D("35"),
                                 stopped_share=D("0.25"), discount_rate="３％",
                                 discount_until=dt.date(2026, 10, 31), relief_share=0)
    assert (t.stopped_share, t.discount_rate, t.relief_share) == (
        D("0.250000"), D("0.030000"), D("0.000000"))
    with pytest.raises(UserError):
        tariff_change.set_tariff(FINANCE, 999, "business", **GOOD)
