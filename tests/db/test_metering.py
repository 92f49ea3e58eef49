"""Two-part tariffs: meter readings and the settlement of the metered advance, in exact yuan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.audit.models import AuditEntry
from heatoffice.billing import ledger, metering, tariff_change
from heatoffice.billing.models import AccountBalance, Adjustment, Bill, BillLine, MeterReading
from heatoffice.billing.run import run_season_billing
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.seasons import service as seasons

CASHIER = seat("cashier1", "cashier")
FINANCE = seat("finance1", "finance")
MANAGER = seat("boss", "manager")

# 100 m² at 24.00 a m², of which 9.60 basic: basic 960.00 + advance 1,440.00; the meter is
# priced at 30.00 a GJ, so the advance buys 48.00 GJ (0.48 GJ/m²).
TWO_PART = dict(price_per_m2="24.00", stopped_share="0.30", basic_price_per_m2="9.60",
                price_per_gj="30.00")


def _at(day: str) -> None:
    clock.shift(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10)) - clock.now())


@pytest.fixture
def town(db, system):
    """Residential homes settle 多退少补, institutions 多退少不补; all 100 m²."""
    _at("2026-11-20")
    ids = {}
    for no, category, status in (("R-LOW", "residential", "heating"),
                                 ("R-HIGH", "residential", "heating"),
                                 ("R-STOP", "residential", "stopped"),
                                 ("U-LOW", "institution", "heating"),
                                 ("U-HIGH", "institution", "heating")):
        ids[no] = accounts.open_account(system, dict(
            account_no=no, name="用户" + no, community="阳光花园", room=no, heating_area="100",
            category=category), status=status).id
    season = seasons.add_season(system, "2026-2027", "2026-11-15", "2027-03-15")
    tariff_change.set_tariff(FINANCE, season.id, "residential", **TWO_PART)
    tariff_change.set_tariff(FINANCE, season.id, "institution", **TWO_PART,
                             settlement="refund_only")
    run_season_billing(FINANCE, season.id)
    _at("2027-03-20")
    return season, ids


def _lines(account_id):
    bill = Bill.get(Bill.account == account_id)
    return [(ln.kind, ln.amount) for ln in bill.lines.order_by(BillLine.seq)]


def _adjusted():
    return {a.account.account_no: a.amount for a in Adjustment.select()}


def test_bills_carry_the_basic_fee_and_the_metered_advance(town):
    _season, ids = town
    assert _lines(ids["R-LOW"]) == [("basic", D("960.00")), ("metered", D("1440.00"))]
    assert Bill.get(Bill.account == ids["R-LOW"]).total == D("2400.00")
    assert _lines(ids["R-STOP"]) == [("stopped", D("720.00"))]  # 100 × 24.00 × 30 %


def test_settlement_both_ways_and_refund_only(town):
    season, ids = town
    for no, used_to in (("R-LOW", "1045.00"), ("R-HIGH", "1052.00"), ("U-LOW", "1045.00"),
                        ("U-HIGH", "1052.00"), ("R-STOP", "1010.00")):
        metering.record_reading(FINANCE, ids[no], season.id, "1000.00", used_to,
                                read_on="2027-03-16")
    result = metering.settle_season(FINANCE, season.id)
    # 45.00 GJ × 30.00 = 1,350.00 − 1,440.00 = −90.00 (refund, both modes);
    # 52.00 GJ × 30.00 = 1,560.00 − 1,440.00 = +120.00 (charged 多退少补, not 多退少不补).
    assert _adjusted() == {"R-LOW": D("-90.00"), "R-HIGH": D("120.00"), "U-LOW": D("-90.00")}
    assert result == metering.SettlementResult(count=4, total=D("-60.00"), adjustments=3)
    adj = Adjustment.get(Adjustment.account == ids["R-HIGH"])
    assert (adj.kind, adj.status, adj.source, adj.proposed_by, adj.decided_by) == (
        "metered_settlement", "approved", "rule", "finance1", "finance1")
    assert adj.bill.account_id == ids["R-HIGH"] and adj.business_date == dt.date(2027, 3, 20)
    assert adj.reason == ("2026-2027 计量热费结算（多退少补）：用热 52.00 GJ × 30.00 元/GJ = "
                          "1560.00 元，预收 1440.00 元")
    balances = {r.account.account_no: r.balance for r in AccountBalance.select()}
    assert balances == {"R-LOW": D("2310.00"), "R-HIGH": D("2520.00"), "R-STOP": D("720.00"),
                        "U-LOW": D("2310.00"), "U-HIGH": D("2400.00")}
    assert ledger.verify() == []
    # the stopped home has no advance: its reading stays unsettled
    stopped = metering.latest_reading(ids["R-STOP"], season.id)
    assert stopped.settled_at is None
    settled = metering.latest_reading(ids["U-HIGH"], season.id)
    assert (settled.settled_by, settled.adjustment_id) == ("finance1", None)
    entry = AuditEntry.get(AuditEntry.action == "billing.metered_settlement")
    assert entry.note == "2026-2027：计量热费结算 4 户，调账 3 笔，合计 -¥60.00"
    assert (entry.actor, entry.record_id) == ("finance1", str(season.id))

    # Settling again does nothing more, and a settled reading cannot be replaced.
    again = metering.settle_season(FINANCE, season.id)
    assert again == metering.SettlementResult(count=0, total=D("0.00"), adjustments=0)
    assert Adjustment.select().count() == 3 and ledger.verify() == []
    assert AuditEntry.select().where(
        AuditEntry.action == "billing.metered_settlement").count() == 2
    with pytest.raises(UserError) as err:
        metering.record_reading(FINANCE, ids["U-HIGH"], season.id, "1000", "1040")
    assert err.value.code == "billing.reading_settled"
    assert "U-HIGH" in err.value.message("zh")
    assert MeterReading.select().count() == 5


def test_a_new_reading_before_settlement_wins(town):
    season, ids = town
    metering.record_reading(FINANCE, ids["R-LOW"], season.id, "40", "90")
    metering.record_reading(FINANCE, ids["R-LOW"], season.id, "100.00", "145.00",
                            notes="抄错表号")
    result = metering.settle_season(FINANCE, season.id, account_ids=[ids["R-LOW"]])
    assert result == metering.SettlementResult(count=1, total=D("-90.00"), adjustments=1)
    assert MeterReading.select().count() == 2
    assert AuditEntry.select().where(AuditEntry.action == "billing.meter_reading").count() == 2


def test_account_ids_limit_the_run(town):
    season, ids = town
    for no in ("R-LOW", "R-HIGH"):
        metering.record_reading(FINANCE, ids[no], season.id, "0", "52")
    assert metering.settle_season(FINANCE, season.id, account_ids=[ids["R-HIGH"]]).count == 1
    assert _adjusted() == {"R-HIGH": D("120.00")}
    assert metering.settle_season(FINANCE, season.id).count == 1
    assert _adjusted() == {"R-HIGH": D("120.00"), "R-LOW": D("120.00")}


def test_after_a_tariff_change_the_advance_is_the_new_versions(town):
    season, ids = town
    tariff_change.set_tariff(MANAGER, season.id, "residential",
                             **dict(TWO_PART, price_per_m2="25.00"), reason="物价局调价")
    # 100 × 1.00 more: the advance is now 100 × (25.00 − 9.60) = 1,540.00
    assert _adjusted() == {"R-LOW": D("100.00"), "R-HIGH": D("100.00"), "R-STOP": D("30.00")}
    metering.record_reading(FINANCE, ids["R-LOW"], season.id, "0", "45")
    metering.settle_season(FINANCE, season.id)
    settlement = Adjustment.get(Adjustment.kind == "metered_settlement")
    assert settlement.amount == D("-190.00")  # 1,350.00 − 1,540.00
    assert ledger.balance(ids["R-LOW"]) == D("2310.00")  # 2,400 + 100 − 190 = 1,350 + 960
    assert ledger.verify() == []


def test_bad_readings_name_the_field_and_save_nothing(town):
    season, ids = town
    for start, end, read_on, fields in (
            ("100", "99.99", None, {"end_gj": "billing.reading_order"}),
            ("abc", "10", None, {"start_gj": "billing.gj_format"}),
            ("-1", "1.234", None, {"start_gj": "billing.gj_format",
                                   "end_gj": "billing.gj_format"}),
            ("", "10", None, {"start_gj": "validation.required"}),
            ("1", "2", "2027-03-21", {"read_on": "billing.read_on_range"}),
            ("1", "2", "2027-02-30", {"read_on": "validation.date"})):
        with pytest.raises((UserError, ValidationErrors)) as err:
            metering.record_reading(FINANCE, ids["R-LOW"], season.id, start, end,
                                    read_on=read_on)
        errors = err.value.errors if isinstance(err.value, ValidationErrors) else [err.value]
        assert {e.field: e.code for e in errors} == fields, (start, end, read_on)
    with pytest.raises(UserError) as err:
        metering.record_reading(FINANCE, 999_999, season.id, "1", "2")
    assert err.value.code == "accounts.not_found"
    assert MeterReading.select().count() == 0


def test_a_cashier_may_neither_read_nor_settle(town):
    season, ids = town
    with pytest.raises(PermissionDenied):
        metering.record_reading(CASHIER, ids["R-LOW"], season.id, "0", "45")
    with pytest.raises(PermissionDenied):
        metering.settle_season(CASHIER, season.id)
    assert MeterReading.select().count() == 0 and Adjustment.select().count() == 0
