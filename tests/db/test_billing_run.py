"""The season billing run and tariff changes after billing, with exact yuan amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.audit.models import AuditEntry
from heatoffice.billing import calc, ledger, status_share, tariff_change
from heatoffice.billing import run as billing_run
from heatoffice.billing.models import AccountBalance, Adjustment, Bill, BillLine
from heatoffice.billing.run import run_season_billing
from heatoffice.db.connection import database
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.seasons import service as seasons
from heatoffice.seasons.models import Tariff

CASHIER = seat("cashier1", "cashier")
FINANCE = seat("finance1", "finance")
MANAGER = seat("boss", "manager")

RESIDENTIAL = dict(price_per_m2="24.00", stopped_share="0.30", relief_share="0.50",
                   relief_max_area="60", relief_cap="600")
INSTITUTION = dict(price_per_m2="30.00", stopped_share="0.20", basic_price_per_m2="12.00",
                   price_per_gj="45.00")

# account_no: (status, area, low_income, connected_on, category) -> season bill total
HOMES = {
    "H-HEAT": (("heating", "85.50", False, None, "residential"), "2052.00"),
    "H-STOP": (("stopped", "85.50", False, None, "residential"), "615.60"),
    "H-MID": (("heating", "85.50", False, "2027-01-15", "residential"), "1017.52"),
    "H-POOR": (("heating", "120.00", True, None, "residential"), "2280.00"),
    "H-POOR2": (("heating", "40.00", True, None, "residential"), "480.00"),
    "H-CUT": (("cut_off", "100.00", False, None, "residential"), "720.00"),
    "H-FIRST": (("heating", "60.00", False, "2026-11-15", "residential"), "1440.00"),
    # two-part: basic 500 × 12.00 = 6,000.00 + metered advance 500 × 18.00 = 9,000.00
    "U-SCHOOL": (("heating", "500.00", False, None, "institution"), "15000.00"),
}
NOT_BILLED = {
    "H-PEND": ("pending", "90.00", False, None, "residential"),
    "H-GONE": ("closed", "70.00", False, None, "residential"),
    "H-LATE": ("heating", "80.00", False, "2027-04-01", "residential"),
}


def _open(system, number, status, area, low_income, connected, category):
    data = dict(account_no=number, name="住户" + number, community="阳光花园", room=number,
                heating_area=area, low_income=low_income, category=category,
                connected_on=connected)
    return accounts.open_account(system, data, status=status)


@pytest.fixture
def town(db, system):
    ids = {}
    for number, (facts, _total) in HOMES.items():
        ids[number] = _open(system, number, *facts).id
    for number, facts in NOT_BILLED.items():
        ids[number] = _open(system, number, *facts).id
    season = seasons.add_season(system, "2026-2027", "2026-11-15", "2027-03-15")
    tariff_change.set_tariff(FINANCE, season.id, "residential", **RESIDENTIAL)
    tariff_change.set_tariff(FINANCE, season.id, "institution", **INSTITUTION)
    return season, ids


def _totals(season):
    return {b.account.account_no: b.total
            for b in Bill.select().where(Bill.season == season.id)}


def _balances():
    return {r.account.account_no: (r.billed, r.adjusted, r.paid, r.balance)
            for r in AccountBalance.select()}


def test_run_bills_each_situation_exactly(town):
    season, ids = town
    result = run_season_billing(FINANCE, season.id)
    expected = {number: D(total) for number, (_facts, total) in HOMES.items()}
    assert result.billed == len(HOMES) == 8
    assert result.skipped == len(NOT_BILLED) == 3
    assert result.total == sum(expected.values()) == D("23605.12")
    assert _totals(season) == expected
    assert ledger.verify() == []
    assert {k: v[3] for k, v in _balances().items()} == expected
    bill = Bill.get(Bill.account == ids["H-MID"])
    assert (bill.kind, bill.area, bill.paid, bill.issued_by) == (
        "season", D("85.50"), D("0.00"), "finance1")
    assert bill.business_date == bill.issued_at.date()
    assert bill.tariff.category == "residential" and bill.tariff.version == 1
    (line,) = bill.lines
    assert (line.seq, line.kind, line.quantity, line.unit_price, line.share, line.days,
            line.amount) == (1, "prorated", D("85.50"), D("24.00"), D("0.495868"), 60,
                             D("1017.52"))
    poor = Bill.get(Bill.account == ids["H-POOR"])
    assert [(ln.seq, ln.kind, ln.amount) for ln in poor.lines.order_by(BillLine.seq)] == [
        (1, "heat", D("2880.00")), (2, "relief", D("-600.00"))]
    school = Bill.get(Bill.account == ids["U-SCHOOL"])
    assert [(ln.kind, ln.amount) for ln in school.lines.order_by(BillLine.seq)] == [
        ("basic", D("6000.00")), ("metered", D("9000.00"))]
    assert school.tariff.category == "institution"
    entry = AuditEntry.get(AuditEntry.action == "billing.run")
    assert entry.record_id == str(season.id) and entry.actor == "finance1"
    assert "开票 8 户" in entry.note and "¥23,605.12" in entry.note


def test_stored_lines_equal_the_pure_calculation(town):
    season, _ids = town
    run_season_billing(FINANCE, season.id)
    for bill in Bill.select():
        account = bill.account
        terms = calc.TariffTerms.from_tariff(bill.tariff)
        facts = calc.AccountFacts(category=account.category, status=account.status,
                                  area=account.heating_area, low_income=account.low_income,
                                  connected_on=account.connected_on)
        want = calc.bill_lines(terms, facts, season.start_date, season.end_date)
        got = [calc.Line(kind=ln.kind, description=ln.description, quantity=ln.quantity,
                         unit_price=ln.unit_price, share=ln.share, days=ln.days,
                         amount=ln.amount) for ln in bill.lines.order_by(BillLine.seq)]
        assert got == want
        assert bill.total == calc.bill_total(want)


def test_rerun_bills_only_new_accounts(town, system):
    season, _ids = town
    first = run_season_billing(FINANCE, season.id)
    again = run_season_billing(FINANCE, season.id)
    assert (again.billed, again.skipped, again.total) == (0, 3, D("0.00"))
    assert Bill.select().count() == 8
    _open(system, "H-NEW", "heating", "50.00", False, "2027-03-06", "residential")
    third = run_season_billing(FINANCE, season.id)
    # 1200.00 × 10/121 = 99.17
    assert (third.billed, third.total) == (1, D("99.17"))
    assert Bill.select().count() == 9 and first.total + third.total == D("23704.29")
    assert ledger.verify() == []
    assert AuditEntry.select().where(AuditEntry.action == "billing.run").count() == 3


def testids_continue_after_existing_bills(town, system):
    season, ids = town
    run_season_billing(FINANCE, season.id)
    other = seasons.add_season(system, "2027-2028", "2027-11-15", "2028-03-15")
    tariff_change.set_tariff(FINANCE, other.id, "residential", price_per_m2="25",
                             stopped_share="0.3")
    tariff_change.set_tariff(FINANCE, other.id, "institution", price_per_m2="31",
                             stopped_share="0.2")
    result = run_season_billing(FINANCE, other.id)
    # H-LATE, connected after the first season, is billed in full in the second
    assert (result.billed, result.skipped) == (9, 2)
    assert Bill.select().count() == 17
    assert len({b.id for b in Bill.select()}) == 17
    assert BillLine.select().where(BillLine.bill.not_in(Bill.select(Bill.id))).count() == 0
    bill = Bill.get(Bill.season == other.id, Bill.account == ids["H-HEAT"])
    assert bill.total == D("2137.50")  # 85.50 × 25.00
    assert Bill.get(Bill.season == other.id, Bill.account == ids["H-LATE"]).total == D("2000.00")
    assert _balances()["H-HEAT"] == (D("4189.50"), D("0.00"), D("0.00"), D("4189.50"))
    assert ledger.verify() == []


def test_two_runs_inside_one_transaction(town):
    season, _ids = town
    with database.atomic():
        first = run_season_billing(FINANCE, season.id)
        second = run_season_billing(FINANCE, season.id)
    assert (first.billed, second.billed, second.skipped) == (8, 0, 3)
    assert Bill.select().count() == 8 and ledger.verify() == []


def test_cancel_rolls_everything_back(town, monkeypatch):
    season, _ids = town
    monkeypatch.setattr(billing_run, "CHUNK", 3)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < 3  # cancel after two batches were written

    before = (_balances(), AuditEntry.select().count())
    with pytest.raises(UserError) as err:
        run_season_billing(FINANCE, season.id, progress=progress)
    assert err.value.code == "cancelled"
    assert calls == [(0, 8), (3, 8), (6, 8)]  # bills written of the bills to write
    assert Bill.select().count() == 0 and BillLine.select().count() == 0
    assert (_balances(), AuditEntry.select().count()) == before
    # and the next run still bills everyone, in small batches too
    seen = []
    result = run_season_billing(FINANCE, season.id, progress=lambda d, t: seen.append(d))
    assert result.billed == 8 and seen == [0, 3, 6, 8]
    assert ledger.verify() == []


def test_permission_and_missing_tariff(town, system):
    season, _ids = town
    with pytest.raises(PermissionDenied):
        run_season_billing(CASHIER, season.id)
    other = seasons.add_season(system, "2027-2028", "2027-11-15", "2028-03-15")
    tariff_change.set_tariff(FINANCE, other.id, "residential", price_per_m2="25",
                             stopped_share="0.3")
    with pytest.raises(UserError) as err:
        run_season_billing(FINANCE, other.id)
    assert err.value.code == "billing.no_tariff"
    assert "单位" in err.value.message("zh") and "2027-2028" in err.value.message("zh")
    assert Bill.select().count() == 0 and AccountBalance.select().count() == 0
    with pytest.raises(UserError) as err:
        run_season_billing(FINANCE, 999)
    assert err.value.code == "seasons.not_found"


def test_tariff_change_after_billing_makes_exact_adjustments(town):
    season, ids = town
    run_season_billing(FINANCE, season.id)
    issued = _totals(season)
    before = Tariff.select().count()
    with pytest.raises(PermissionDenied) as err:
        tariff_change.set_tariff(FINANCE, season.id, "residential", **dict(RESIDENTIAL,
                                                                    price_per_m2="25.00"),
                                 reason="物价局调价")
    assert err.value.action == "tariffs.change_billed"
    assert Tariff.select().count() == before and Adjustment.select().count() == 0
    with pytest.raises(UserError) as err:
        tariff_change.set_tariff(MANAGER, season.id, "residential",
                                 **dict(RESIDENTIAL, price_per_m2="25.00"))
    assert err.value.field == "reason" and Tariff.select().count() == before

    tariff = tariff_change.set_tariff(MANAGER, season.id, "residential",
                                      **dict(RESIDENTIAL, price_per_m2="25.00"),
                                      reason="物价局调价")
    assert (tariff.version, tariff.approved_by) == (2, "boss")
    deltas = {a.account.account_no: a.amount for a in Adjustment.select()}
    assert deltas == {
        "H-HEAT": D("85.50"),     # 2137.50 − 2052.00
        "H-STOP": D("25.65"),     # 641.25 − 615.60
        "H-MID": D("42.40"),      # 1059.92 − 1017.52
        "H-POOR": D("120.00"),    # 3000.00 − 600.00 − 2280.00 (cap unchanged)
        "H-POOR2": D("20.00"),    # 1000.00 − 500.00 − 480.00
        "H-CUT": D("30.00"),      # 750.00 − 720.00
        "H-FIRST": D("60.00"),    # 1500.00 − 1440.00
    }
    adj = Adjustment.get(Adjustment.account == ids["H-MID"])
    assert (adj.kind, adj.source, adj.status, adj.proposed_by, adj.decided_by) == (
        "tariff_change", "tariff", "approved", "boss", "boss")
    assert adj.bill.account_id == ids["H-MID"] and adj.business_date == adj.decided_at.date()
    assert "v1→v2" in adj.reason and "物价局调价" in adj.reason
    assert _totals(season) == issued  # bills are never rewritten
    assert _balances()["H-MID"] == (D("1017.52"), D("42.40"), D("0.00"), D("1059.92"))
    assert ledger.verify() == []
    entry = AuditEntry.select().where(AuditEntry.action == "seasons.tariff").order_by(
        AuditEntry.id.desc()).get()
    assert entry.record_id == str(tariff.id)
    assert '"price_per_m2": "24.00"' in entry.before and '"price_per_m2": "25.00"' in entry.after
    assert "7 笔调价差额" in entry.note and "¥383.55" in entry.note

    # Back to 24.00: each account is charged what it was billed, no more, no less.
    tariff_change.set_tariff(MANAGER, season.id, "residential", **RESIDENTIAL, reason="复议撤回")
    net = {}
    for a in Adjustment.select():
        net[a.account.account_no] = net.get(a.account.account_no, D("0")) + a.amount
    assert set(net.values()) == {D("0.00")} and Adjustment.select().count() == 14
    assert {k: v[3] for k, v in _balances().items()} == issued
    # A change that does not move any bill (late fees only) makes no adjustment.
    tariff_change.set_tariff(MANAGER, season.id, "residential",
                             **dict(RESIDENTIAL, late_fee_rate="0.0005",
                                    late_fee_from="2027-01-01"),
                             reason="滞纳金")
    assert Adjustment.select().count() == 14
    assert seasons.current_tariff(season.id, "residential").version == 4
    assert ledger.verify() == []


def test_tariff_change_reads_the_bill_not_todays_account(town, system):
    season, ids = town
    # 2026-12-01, inside the season
    clock.shift(dt.datetime(2026, 12, 1, 9) - clock.now())
    run_season_billing(FINANCE, season.id)
    # Stopping heat after billing is its own matter: the tariff change keeps the heating bill,
    # and the stop's share is a rule credit of its own (billing.status_share): from
    # 2026-12-01, 105 of 121 days, 2,052.00 × 105/121 = 1,780.66 heating against
    # 615.60 × 105/121 = 534.20 stopped: −1,246.46.
    status_share.change_status(system, ids["H-HEAT"], "stopped", "报停")
    def shares():
        return Adjustment.select().where(Adjustment.source == "rule").order_by(Adjustment.id)

    def repriced():
        return Adjustment.select().where(Adjustment.source == "tariff")

    assert [(a.account_id, a.kind, a.amount) for a in shares()] == [
        (ids["H-HEAT"], "credit", D("-1246.46"))]
    # A new split of a two-part price moves no total: 6,250.00 + 8,750.00 = 15,000.00.
    tariff_change.set_tariff(MANAGER, season.id, "institution",
                             **dict(INSTITUTION, basic_price_per_m2="12.50"), reason="调价")
    assert repriced().count() == 0
    tariff_change.set_tariff(MANAGER, season.id, "institution",
                             **dict(INSTITUTION, price_per_m2="30.50"), reason="调价")
    assert [(a.account_id, a.amount) for a in repriced()] == [(ids["U-SCHOOL"], D("250.00"))]
    tariff_change.set_tariff(MANAGER, season.id, "residential",
                             **dict(RESIDENTIAL, stopped_share="0.35"), reason="报停比例调整")
    got = {a.account.account_no: a.amount for a in repriced()
           if a.account.category == "residential"}
    # 85.50 × 24 × 35 % = 718.20; 100 × 24 × 35 % = 840.00; H-HEAT stays a heating bill
    assert got == {"H-STOP": D("102.60"), "H-CUT": D("120.00")}
    # ... and its stop's share follows the new 35 %: 718.20 × 105/121 = 623.23, 89.03 more
    assert [a.amount for a in shares()] == [D("-1246.46"), D("89.03")]
    assert ledger.verify() == []


def test_run_on_an_unbilled_season_and_tariff_before_bills_replace(town):
    season, _ids = town
    v2 = tariff_change.set_tariff(FINANCE, season.id, "residential",
                                  **dict(RESIDENTIAL, price_per_m2="26.00"))
    assert v2.version == 2 and v2.approved_by == ""
    result = run_season_billing(FINANCE, season.id)
    assert _totals(season)["H-HEAT"] == D("2223.00")
    assert Bill.get(Bill.total == D("2223.00")).tariff_id == v2.id
    assert result.billed == 8 and Adjustment.select().count() == 0
