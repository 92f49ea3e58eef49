"""The 2026-2027 heating season of 阳光花园 told as a story, with every yuan worked out by hand.

Read it top to bottom like a Tryton scenario: each step is what a clerk does at the office, and
the numbers in the comments are the ones a finance clerk would write on paper. The expected
amounts are stated, never recomputed with the code under test.

The season runs from 2026-11-15 to 2027-03-15, both days heated:
    November 15..30 = 16, December 31, January 31, February 28, March 1..15 = 15 → 121 days.
The residential tariff:
    ¥24.00 per m² for the season; a stopped (报停) home pays 30 %;
    late fee 0.05 % of the unpaid amount a day from 2027-01-01;
    2 % off for paying by 2026-11-30;
    low-income relief 50 % of the fee for up to 60 m², at most ¥600.00;
    connection fee ¥45.00 per m².
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.billing import adjustments, closing, ledger, payments, recheck, tariff_change
from heatoffice.billing.models import AccountBalance, Adjustment, Bill, BillLine, Payment
from heatoffice.billing.run import run_season_billing
from heatoffice.errors import UserError
from heatoffice.exports.pdf.receipt import remarks as receipt_remarks
from heatoffice.seasons import service as seasons

PASSWORD = "story-pw-1"


def on(day: dt.date, hour: int = 9, minute: int = 0) -> None:
    """Move the office clock to ``day`` at ``hour``:``minute``."""
    target = dt.datetime.combine(day, dt.time(hour, minute))
    clock.shift(target - clock.now())


def balance(account) -> D:
    return AccountBalance.get_by_id(account.id).balance


def lines_of(account) -> list[tuple[str, D, int | None, D]]:
    bill = Bill.get(Bill.account == account.id)
    return [(line.kind, line.share, line.days, line.amount)
            for line in BillLine.select().where(BillLine.bill == bill.id).order_by(BillLine.seq)]


@pytest.fixture
def office(db, system):
    """The people of the office, each with their own login."""
    staff = {
        "finance": ("zhao", "赵财务"),
        "cashier": ("wang", "王收费"),
        "reception": ("liu", "刘接待"),
        "customer_service": ("chen", "陈复核"),
        "manager": ("sun", "孙经理"),
    }
    people = {}
    for role, (username, name) in staff.items():
        auth.create_user(system, username, PASSWORD, role, display_name=name)
        people[role] = auth.login(username, PASSWORD)
    return people


def test_the_2026_2027_season_of_yangguang_garden(office):
    finance, cashier = office["finance"], office["cashier"]
    reception, inspector, manager = (office["reception"], office["customer_service"],
                                     office["manager"])

    # --- 2026-10-28: finance sets up the season and its residential tariff -------------------
    on(dt.date(2026, 10, 28))
    season = seasons.add_season(finance, "2026-2027", "2026-11-15", "2027-03-15")
    tariff = tariff_change.set_tariff(
        finance, season.id, "residential", price_per_m2="24.00", stopped_share="30%",
        late_fee_rate="0.05%", late_fee_from="2027-01-01", discount_rate="2%",
        discount_until="2026-11-30", relief_share="50%", relief_max_area="60",
        relief_cap="600.00", connection_fee_per_m2="45.00")
    assert (tariff.version, tariff.price_per_m2, tariff.stopped_share) == (1, D("24.00"),
                                                                           D("0.3"))
    assert (tariff.late_fee_rate, tariff.discount_rate, tariff.relief_share) == (
        D("0.0005"), D("0.02"), D("0.5"))
    assert (tariff.relief_max_area, tariff.relief_cap, tariff.connection_fee_per_m2) == (
        D("60.00"), D("600.00"), D("45.00"))

    # Reception has the homes of building 3 on file; the one in 302 has stopped heating.
    def home(no: str, name: str, area: str, **extra):
        return accounts.open_account(reception, dict(
            account_no=no, name=name, community="阳光花园", building="3", unit="1",
            room=no[-3:], heating_area=area, **extra), status="heating")

    heating = home("YG3-301", "张伟", "85.50")
    stopped = home("YG3-302", "李娜", "90.00")
    accounts.change_status(reception, stopped.id, "stopped", "房屋空置，申请报停")
    poor = home("YG3-303", "王秀英", "75.00", low_income=True)
    early = home("YG3-304", "赵磊", "96.30")
    late = home("YG3-305", "孙丽", "70.00")
    partial = home("YG3-306", "周强", "64.00")
    measured = home("YG3-307", "吴敏", "110.00")

    # --- 2026-11-02: finance runs the season billing -----------------------------------------
    on(dt.date(2026, 11, 2))
    result = run_season_billing(finance, season.id)
    # heating home    85.50 × 24.00               = 2,052.00
    # stopped home    90.00 × 24.00 × 30 %        =   648.00
    # low-income home 75.00 × 24.00               = 1,800.00
    #                 relief 60.00 × 24.00 × 50 % =   720.00, capped at 600.00 → −600.00
    #                                               = 1,200.00
    # early payer     96.30 × 24.00               = 2,311.20
    # late payer      70.00 × 24.00               = 1,680.00
    # partial payer   64.00 × 24.00               = 1,536.00
    # rechecked home 110.00 × 24.00               = 2,640.00
    # seven bills: 2,052.00 + 648.00 + 1,200.00 + 2,311.20 + 1,680.00 + 1,536.00 + 2,640.00
    #            = 12,067.20
    assert (result.billed, result.skipped, result.total) == (7, 0, D("12067.20"))
    assert lines_of(heating) == [("heat", None, None, D("2052.00"))]
    assert lines_of(stopped) == [("stopped", D("0.3"), None, D("648.00"))]
    assert lines_of(poor) == [("heat", None, None, D("1800.00")),
                              ("relief", D("0.5"), None, D("-600.00"))]
    assert [balance(a) for a in (heating, stopped, poor, early, late, partial, measured)] == [
        D("2052.00"), D("648.00"), D("1200.00"), D("2311.20"), D("1680.00"), D("1536.00"),
        D("2640.00")]

    # --- 2026-11-20: the early payer comes to the window ----------------------------------------
    on(dt.date(2026, 11, 20), 10)
    # Paid by 2026-11-30, the bill earns 2 %: 2,311.20 × 2 % = 46.224 → 46.22,
    # so 2,311.20 − 46.22 = 2,264.98 settles it.
    owed = payments.owed(early.id)
    assert (owed.total, owed.discount, owed.settle_amount) == (D("2311.20"), D("46.22"),
                                                               D("2264.98"))
    receipt = payments.record_payment(cashier, early.id, "2264.98", "wechat")
    assert (receipt.receipt_no, receipt.amount, receipt.change) == ("2026-000001",
                                                                    D("2264.98"), None)
    discount = Adjustment.get((Adjustment.account == early.id)
                              & (Adjustment.kind == "discount"))
    assert (discount.amount, discount.status, discount.business_date) == (
        D("-46.22"), "approved", dt.date(2026, 11, 20))
    # 2,311.20 − 46.22 − 2,264.98 = 0.00
    assert balance(early) == D("0.00")
    printed = payments.receipt_of(cashier, receipt)
    assert [(x.season, x.item, x.amount) for x in printed.lines] == [
        ("2026-2027", "season", D("2264.98"))]
    # The receipt tells 张伟 what he saved.
    assert receipt_remarks(printed) == ["2026-2027 提前缴费优惠 ¥46.22，已在本次结算中减免"]

    # --- 2026-12-10: a busy day at 王收费's window --------------------------------------------
    on(dt.date(2026, 12, 10), 9)
    # 张伟 hands over ¥2,600.00 for his 2,052.00 bill; the cashier types 2502 by mistake.
    wrong = payments.record_payment(cashier, heating.id, "2502.00", "cash", tendered="2600.00")
    # change 2,600.00 − 2,502.00 = 98.00
    assert (wrong.receipt_no, wrong.change) == ("2026-000002", D("98.00"))
    # 2,052.00 − 2,502.00 = −450.00: the mistake shows as money paid ahead.
    assert balance(heating) == D("-450.00")

    # The cashier sees it at once and reverses her own receipt the same day (红冲) ...
    on(dt.date(2026, 12, 10), 9, 5)
    reversal = payments.reverse_payment(cashier, "2026-000002", "金额录入错误，应为 2052.00")
    assert (reversal.receipt_no, reversal.amount, reversal.reverses_id) == (
        "2026-000003", D("-2502.00"), wrong.id)
    assert balance(heating) == D("2052.00")
    # ... and takes the right amount: change 2,100.00 − 2,052.00 = 48.00.
    right = payments.record_payment(cashier, heating.id, "2052.00", "cash", tendered="2100.00")
    assert (right.receipt_no, right.change) == ("2026-000004", D("48.00"))
    assert balance(heating) == D("0.00")

    # 周强 pays part of his 1,536.00 bill: 1,536.00 − 1,000.00 = 536.00 left.
    on(dt.date(2026, 12, 10), 15)
    part = payments.record_payment(cashier, partial.id, "1000.00", "wechat")
    assert part.receipt_no == "2026-000005"
    assert balance(partial) == D("536.00")

    # At the end of the day 王收费 closes it (日结):
    #   cash    2,502.00 − 2,502.00 + 2,052.00 = 2,052.00 (all of it to hand over)
    #   WeChat  1,000.00
    #   net     3,052.00; before the reversal 2,502.00 + 2,052.00 + 1,000.00 = 5,554.00
    on(dt.date(2026, 12, 10), 17, 30)
    close = closing.close_day(cashier)
    assert (close.cashier, close.business_date) == ("wang", dt.date(2026, 12, 10))
    assert (close.receipt_count, close.first_receipt, close.last_receipt) == (
        4, "2026-000002", "2026-000005")
    assert (close.total, close.reversal_count, close.reversal_total, close.cash_to_hand_over) == (
        D("3052.00"), 1, D("-2502.00"), D("2052.00"))
    summary = closing.day_summary("wang", dt.date(2026, 12, 10))
    assert summary.totals_by_method == {"cash": D("2052.00"), "wechat": D("1000.00")}
    assert (summary.payment_count, summary.gross_total) == (3, D("5554.00"))

    # 李娜 arrives after the close: the closed day takes nothing more, not even from her.
    with pytest.raises(UserError) as refused:
        payments.record_payment(cashier, stopped.id, "648.00", "cash")
    assert refused.value.code == "billing.day_closed"
    assert refused.value.params == {"cashier": "wang", "day": "2026-12-10"}
    assert balance(stopped) == D("648.00")
    assert Payment.select().count() == 5  # receipts 2026-000001 .. 2026-000005, no gap

    # --- 2026-12-15: an on-site recheck of 吴敏's home finds less area ------------------------
    on(dt.date(2026, 12, 15), 14)
    # Billed 110.00 m², measured 104.50 m²: 5.50 × 24.00 = 132.00 too much billed.
    checked = recheck.record_recheck(
        inspector, measured.id, season.id, result="discrepancy", measured_area="104.50",
        customer_present=True, customer_signed=True, notes="北阳台未装暖气",
        follow_up="adjustment", adjustment_amount="-132.00")
    assert (checked.billed_area, checked.measured_area, checked.checked_by) == (
        D("110.00"), D("104.50"), "chen")
    proposal = Adjustment.get_by_id(checked.adjustment_id)
    assert (proposal.kind, proposal.amount, proposal.status) == ("area_correction",
                                                                 D("-132.00"), "proposed")
    # A proposal does not move the ledger: still 2,640.00.
    assert balance(measured) == D("2640.00")

    # --- 2026-12-16: the manager approves the correction --------------------------------------
    on(dt.date(2026, 12, 16), 10)
    approved = adjustments.approve_adjustment(manager, proposal.id)
    assert (approved.status, approved.decided_by, approved.business_date) == (
        "approved", "sun", dt.date(2026, 12, 16))
    # 2,640.00 − 132.00 = 2,508.00
    assert balance(measured) == D("2508.00")

    # --- 2027-01-04: finance closes December (the only December day is closed) -----------------
    on(dt.date(2027, 1, 4), 9)
    december = closing.close_month(finance, "2026-12")
    assert december.total == D("3052.00")

    # --- 2027-01-15: a new home is connected mid-season ------------------------------------------
    on(dt.date(2027, 1, 15), 9)
    newcomer = home("YG3-308", "郑洁", "100.00", connected_on="2027-01-15")
    rerun = run_season_billing(finance, season.id)
    # Heat from 2027-01-15 to 2027-03-15: January 15..31 = 17, February 28, March 15 → 60 days.
    # 100.00 × 24.00 = 2,400.00 for the season; × 60 / 121 = 144,000 / 121 = 1,190.0826…
    #                                                      → 1,190.08
    # The seven homes billed in November are not billed again.
    assert (rerun.billed, rerun.total) == (1, D("1190.08"))
    assert lines_of(newcomer) == [("prorated", D("0.495868"), 60, D("1190.08"))]
    assert Bill.select().count() == 8

    # --- 2027-02-10: the late payer comes -------------------------------------------------------
    on(dt.date(2027, 2, 10), 11)
    # Late fees run from 2027-01-01 through today: January 31 + February 10 = 41 days.
    # 1,680.00 × 0.05 % = 0.84 a day; 0.84 × 41 = 34.44.
    owed = payments.owed(late.id)
    assert (owed.principal, owed.late_fees, owed.total, owed.discount) == (
        D("1680.00"), D("34.44"), D("1714.44"), D("0.00"))
    paid = payments.record_payment(cashier, late.id, "1714.44", "cash", tendered="1720.00")
    # A new year starts a new receipt series; change 1,720.00 − 1,714.44 = 5.56.
    assert (paid.receipt_no, paid.change) == ("2027-000001", D("5.56"))
    fee = Adjustment.get((Adjustment.account == late.id) & (Adjustment.kind == "late_fee"))
    assert (fee.amount, fee.business_date) == (D("34.44"), dt.date(2027, 2, 10))
    # 1,680.00 + 34.44 − 1,714.44 = 0.00
    assert balance(late) == D("0.00")

    # What the others owe today on top of their balance (late fees not yet charged), 41 days
    # each on what stayed unpaid since 2027-01-01:
    #   partial payer     536.00 × 0.05 % × 41 = 10.988 → 10.99
    #   stopped home      648.00 × 0.05 % × 41 = 13.284 → 13.28
    #   low-income home 1,200.00 × 0.05 % × 41 = 24.60
    #   rechecked home  2,508.00 × 0.05 % × 41 = 51.414 → 51.41
    #   new connection: billed on 2027-01-15, it gets the same 47 days to pay as everybody
    #   (2026-11-15 → 2027-01-01), so its fees start on 2027-03-03: 0.00
    assert [payments.owed(a.id).late_fees for a in (partial, stopped, poor, measured,
                                                    newcomer)] == [
        D("10.99"), D("13.28"), D("24.60"), D("51.41"), D("0.00")]

    # --- The books at the end of the story ---------------------------------------------------
    assert ledger.verify() == []
    # billed   12,067.20 + 1,190.08                                   = 13,257.28
    # adjusted −46.22 (discount) − 132.00 (area) + 34.44 (late fee)     =   −143.78
    # paid     2,264.98 + 2,502.00 − 2,502.00 + 2,052.00 + 1,000.00 + 1,714.44 = 7,031.42
    # balance  13,257.28 − 143.78 − 7,031.42                           =  6,082.08
    #        = 648.00 + 1,200.00 + 536.00 + 2,508.00 + 1,190.08
    assert {a.account_no: balance(a) for a in (heating, stopped, poor, early, late, partial,
                                               measured, newcomer)} == {
        "YG3-301": D("0.00"), "YG3-302": D("648.00"), "YG3-303": D("1200.00"),
        "YG3-304": D("0.00"), "YG3-305": D("0.00"), "YG3-306": D("536.00"),
        "YG3-307": D("2508.00"), "YG3-308": D("1190.08")}
    totals = [sum((getattr(row, f) for row in AccountBalance.select()), D("0.00"))
              for f in ("billed", "adjusted", "paid", "balance")]
    assert totals == [D("13257.28"), D("-143.78"), D("7031.42"), D("6082.08")]
