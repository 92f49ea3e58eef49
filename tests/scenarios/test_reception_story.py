"""Business reception told as stories: one application of each type, from the desk to done,
with every refusal's exact sentence. Dates are stated, amounts worked out by hand.

The 2026-2027 season runs 2026-11-15 .. 2027-03-15; the residential tariff is ¥24.00 per m²,
a stopped home pays 30 %, the connection fee is ¥45.00 per m².
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from heatoffice import clock, messages
from heatoffice.accounts import service as accounts
from heatoffice.accounts.models import Account, AccountStatusChange, OwnerChange
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.billing import adjustments, payments, recheck, status_share
from heatoffice.billing.models import (
    AccountBalance,
    Adjustment,
    Bill,
    BillLine,
    RemeasureRequest,
)
from heatoffice.billing.run import run_season_billing
from heatoffice.billing.tariff_change import set_tariff
from heatoffice.check import run_checks
from heatoffice.errors import UserError
from heatoffice.measurements import queries as msq
from heatoffice.measurements import service as measurements
from heatoffice.reception import effects
from heatoffice.reception import service as reception
from heatoffice.reception.models import Application, ApplicationStep
from heatoffice.seasons import service as seasons

PASSWORD = "story-pw-1"


def on(day: dt.date, hour: int = 9) -> None:
    clock.shift(dt.datetime.combine(day, dt.time(hour)) - clock.now())


def refusal(call, *args, **kwargs) -> tuple[str, str, str]:
    """(code, Chinese, English) of the refusal ``call`` raises."""
    with pytest.raises(UserError) as caught:
        call(*args, **kwargs)
    err = caught.value
    return err.code, messages.render(err, "zh"), messages.render(err, "en")


@pytest.fixture
def office(db, system):
    staff = {"finance": "zhao", "reception": "liu", "customer_service": "chen",
             "operations": "zhou", "manager": "sun", "cashier": "wang"}
    people = {}
    for role, username in staff.items():
        auth.create_user(system, username, PASSWORD, role, display_name=username)
        people[role] = auth.login(username, PASSWORD)
    on(dt.date(2026, 8, 3))
    season = seasons.add_season(people["finance"], "2026-2027", "2026-11-15", "2027-03-15")
    set_tariff(people["finance"], season.id, "residential", price_per_m2="24.00",
               stopped_share="30%", late_fee_rate="0.05%", late_fee_from="2027-01-01",
               discount_rate="0%", relief_share="0%", relief_max_area="0", relief_cap="0",
               connection_fee_per_m2="45.00")
    people["season"] = season
    return people


def home(clerk, no: str, name: str, area: str = "80.00", status: str = "heating"):
    return accounts.open_account(clerk, dict(account_no=no, name=name, community="阳光花园",
                                             building="3", unit="1", room=no[-3:],
                                             heating_area=area), status=status)


def through(office, number: str, department_role: str) -> Application:
    """Accept, forward and complete an application."""
    desk = office["reception"]
    reception.move(desk, number, "review")
    reception.move(desk, number, "accept")
    reception.move(desk, number, "forward")
    return reception.move(office[department_role], number, "done")


def test_new_connection_opens_the_account_heating_and_bills_the_connection_fee(office):
    desk = office["reception"]
    on(dt.date(2026, 9, 7))
    app = reception.receive(
        desk, "new-connection", new_account=dict(
            account_no="YG3-501", name="钱多多", community="阳光花园", building="3", unit="1",
            room="501", heating_area="100.00"),
        applicant="钱多多", phone="13800000001", wanted_from="2026-11-20",
        docs=[("owner-id", "original")])
    assert app.number == "SL-2026-000001"
    # 2026-09-07 is a Monday; 15 working days later is Monday 2026-09-28
    assert (app.state, app.due_on, app.department) == ("received", dt.date(2026, 9, 28), "")
    reception.move(desk, app.number, "review")
    # the property certificate is missing: no acceptance
    assert refusal(reception.move, desk, app.number, "accept") == (
        "applications.missing_documents",
        "缺少必需材料，不能受理：房产证或购房合同",
        "cannot accept: required documents are missing: property certificate or purchase "
        "contract")
    reception.record_documents(desk, app.number, [("property-proof", "copy")])
    reception.move(desk, app.number, "accept")
    forwarded = reception.move(desk, app.number, "forward")
    assert forwarded.department == "operations"
    # only operations completes it
    assert refusal(reception.move, office["customer_service"], app.number, "done")[0] == (
        "applications.not_department")
    done = reception.move(office["operations"], app.number, "done")
    account = Account.get(Account.account_no == "YG3-501")
    assert (done.state, done.account_id, account.status, account.connected_on) == (
        "done", account.id, "heating", dt.date(2026, 11, 20))
    # connection fee 100.00 m² × 45.00 = 4,500.00
    fee = Bill.get(Bill.account == account.id)
    assert (fee.kind, fee.total) == ("connection", D("4500.00"))
    # nothing twice: a done application moves no more
    assert refusal(reception.move, office["operations"], app.number, "done")[0] == (
        "applications.bad_transition")
    assert Bill.select().where(Bill.account == account.id).count() == 1
    steps = [(s.to_state, s.by) for s in ApplicationStep.select().where(
        ApplicationStep.application == app.id).order_by(ApplicationStep.id)]
    assert steps == [("received", "liu"), ("under_review", "liu"), ("accepted", "liu"),
                     ("forwarded", "liu"), ("done", "zhou")]


def test_stop_heating_bills_the_stopped_share_from_the_season_it_was_filed_for(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-302", "李娜", "90.00")
    on(dt.date(2026, 9, 10))
    docs = [("owner-id", "original"), ("property-proof", "copy"), ("last-receipt", "original")]
    app = reception.receive(desk, "stop", account="YG3-302", applicant="李娜",
                            phone="13800000002", wanted_from="2026-11-15", docs=docs)
    assert app.effective_from == dt.date(2026, 11, 15)
    # a second open stop of the same account
    assert refusal(reception.receive, desk, "stop", account="YG3-302", applicant="李娜",
                   phone="13800000002", docs=docs) == (
        "applications.open_exists",
        "该用户已有未办结的报停申请 SL-2026-000001，同一用户同一类别只能有一件在办",
        "the account has an open stop heating application SL-2026-000001: one open "
        "application per account and type")
    done = through(office, app.number, "customer_service")
    assert done.state == "done"
    change = AccountStatusChange.select().where(AccountStatusChange.account == a.id).order_by(
        AccountStatusChange.id.desc()).first()
    assert (change.to_status, change.at.date()) == ("stopped", dt.date(2026, 11, 15))
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)
    bill = Bill.get(Bill.account == a.id, Bill.kind == "season")
    # 90.00 × 24.00 × 30 % = 648.00
    lines = [(x.kind, x.share, x.amount) for x in BillLine.select().where(
        BillLine.bill == bill.id)]
    assert lines == [("stopped", D("0.3"), D("648.00"))]


def test_stop_refused_with_overdue_debt_and_late_ones_go_to_next_season(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    owing = home(desk, "YG3-303", "王秀英")
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)
    # 2027-01-05: the 1,920.00 bill (80 × 24) is past its late-fee day 2027-01-01
    on(dt.date(2027, 1, 5))
    docs = [("owner-id", "original"), ("property-proof", "copy"), ("last-receipt", "copy")]
    assert refusal(reception.receive, desk, "stop", account=owing.account_no,
                   applicant="王秀英", phone="13800000003", docs=docs) == (
        "applications.stop_overdue",
        "有逾期欠费 ¥1,920.00，不能报停：报停须先缴清欠费",
        "cannot stop heating with overdue debt of ¥1,920.00: the debt must be paid first")
    # 1,920.00 and the late fee of 2027-01-01 .. 01-05: 1,920.00 × 0.05 % × 5 = 4.80
    assert payments.owed(owing.id).settle_amount == D("1924.80")
    payments.record_payment(office["cashier"], owing.id, "1924.80", "cash")
    # filed 2027-10-08 for the 2027-2028 season: after its deadline 2027-09-30
    on(dt.date(2027, 10, 8))
    app = reception.receive(desk, "stop", account=owing.account_no, applicant="王秀英",
                            phone="13800000003", wanted_from="2027-11-15", docs=docs)
    late = reception.stop_is_late(app)
    assert late is not None and late.start_year == 2028
    # no 2028 season yet: it takes effect the day after that season's deadline
    assert app.effective_from == dt.date(2028, 10, 1)


def test_resume_needs_arrears_settled_or_a_managers_exception(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-304", "赵磊", status="heating")
    accounts.change_status(desk, a.id, "stopped", "空置")
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)  # 80 × 24 × 30 % = 576.00
    on(dt.date(2026, 12, 1))
    app = reception.receive(desk, "resume", account=a.account_no, applicant="赵磊",
                            phone="13800000004", docs=[("owner-id", "original")])
    reception.move(desk, app.number, "review")
    assert refusal(reception.move, desk, app.number, "accept") == (
        "applications.arrears",
        "欠费 ¥576.00 未结清，不能办理复供：须先缴清欠费或由经理登记例外",
        "cannot resume heating with ¥576.00 unpaid: arrears must be settled first, or a "
        "manager records an exception")
    assert refusal(reception.record_exception, desk, app.number, "x")[0] == "auth.permission_denied"
    reception.record_exception(office["manager"], app.number, "承诺年底前缴清")
    reception.move(desk, app.number, "accept")
    reception.move(desk, app.number, "forward")
    reception.move(office["operations"], app.number, "done")
    assert Account.get_by_id(a.id).status == "heating"


def test_transfer_keeps_the_owner_history(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-305", "孙丽")
    app = reception.receive(desk, "transfer", account=a.account_no, applicant="周新",
                            phone="13900000005", new_account={"name": "周新",
                                                              "phone": "13900000005"},
                            wanted_from="2026-08-10",
                            docs=[(k, "original") for k in ("owner-id", "new-owner-id",
                                                            "property-proof",
                                                            "transfer-contract")])
    through(office, app.number, "finance")
    change = OwnerChange.get(OwnerChange.account == a.id)
    assert (change.old_name, change.new_name, change.new_phone, change.on,
            change.application) == ("孙丽", "周新", "13900000005", dt.date(2026, 8, 10),
                                    app.number)
    assert Account.get_by_id(a.id).name == "周新"


def test_area_change_category_change_close_and_other(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-306", "周强")
    app = reception.receive(desk, "area-change", account=a.account_no, applicant="周强",
                            phone="13800000006", note="实际面积 76 ㎡",
                            docs=[("owner-id", "copy"), ("property-proof", "copy")])
    through(office, app.number, "customer_service")
    request = RemeasureRequest.get(RemeasureRequest.account == a.id)
    assert (request.status, request.recheck_id) == ("open", None)
    assert app.number in request.notes
    # the measurement answering the request names the application, on its sheet and register
    m = measurements.create(office["customer_service"], a.account_no, reason="area-change",
                            measurers=["chen", "wang"], request_id=request.id,
                            parts=[{"name": "厅", "length": "8.00", "width": "9.50"}])
    assert m.application_id == app.id
    assert msq.sheet(office["customer_service"], m.number).application == app.number
    assert [r.application for r in msq.register(office["customer_service"])] == [app.number]

    cat = reception.receive(desk, "category-change", account=a.account_no, applicant="周强",
                            phone="13800000006", new_account={"category": "business"})
    through(office, cat.number, "finance")
    assert Account.get_by_id(a.id).category == "business"

    on(dt.date(2026, 11, 2))
    set_tariff(office["finance"], office["season"].id, "business", price_per_m2="30.00",
               stopped_share="30%", late_fee_rate="0.05%", late_fee_from="2027-01-01",
               discount_rate="0%", relief_share="0%", relief_max_area="0", relief_cap="0",
               connection_fee_per_m2="45.00")
    run_season_billing(office["finance"], office["season"].id)
    close_docs = [("owner-id", "copy"), ("property-proof", "copy")]
    # business 80 × 30.00 = 2,400.00 billed: no closing before it is paid
    assert refusal(reception.receive, desk, "close", account=a.account_no, applicant="周强",
                   phone="13800000006", docs=close_docs) == (
        "applications.close_balance",
        "余额为 ¥2,400.00，不能销户：销户须余额为零",
        "cannot close the account with a balance of ¥2,400.00: the balance must be zero")
    payments.record_payment(office["cashier"], a.id, "2400.00", "cash")
    assert AccountBalance.get_by_id(a.id).balance == D("0.00")
    close = reception.receive(desk, "close", account=a.account_no, applicant="周强",
                              phone="13800000006", docs=close_docs)
    reception.move(desk, close.number, "accept")
    reception.move(desk, close.number, "forward")
    reception.move(office["finance"], close.number, "done")
    assert Account.get_by_id(a.id).status == "closed"

    other = reception.receive(desk, "other", account=a.account_no, applicant="周强",
                              phone="13800000006", note="索要缴费证明")
    assert through(office, other.number, "customer_service").state == "done"


def test_rejected_and_cancelled_apply_nothing_and_numbers_have_no_gaps(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-307", "吴敏")
    docs = [("owner-id", "original"), ("property-proof", "copy"), ("last-receipt", "copy")]
    first = reception.receive(desk, "stop", account=a.account_no, applicant="吴敏",
                              phone="13800000007", docs=docs)
    assert refusal(reception.move, desk, first.number, "reject")[0] == "validation.required"
    reception.move(desk, first.number, "reject", reason="房屋正在出租，户主未到场")
    second = reception.receive(desk, "stop", account=a.account_no, applicant="吴敏",
                               phone="13800000007", docs=docs)
    reception.move(desk, second.number, "accept")
    reception.move(desk, second.number, "cancel", reason="用户撤回")
    assert Account.get_by_id(a.id).status == "heating"
    # an agent needs a power of attorney
    third = reception.receive(desk, "stop", account=a.account_no, applicant="吴小敏",
                              phone="13800000008", relation="agent", docs=docs)
    assert reception.missing_documents(third) == ["attorney"]
    assert [x.number for x in Application.select().order_by(Application.id)] == [
        "SL-2026-000001", "SL-2026-000002", "SL-2026-000003"]
    # a manager reassigns a forwarded application; reception cannot
    reception.record_documents(desk, third.number, [("attorney", "original", "kept")])
    reception.move(desk, third.number, "accept")
    reception.move(desk, third.number, "forward")
    assert refusal(reception.move, desk, third.number, "forward", to="operations")[0] == (
        "auth.permission_denied")
    assert reception.move(office["manager"], third.number, "forward",
                          to="operations").department == "operations"
    # heatoffice check: numbers without gaps, states as their last steps say
    found = {r.name: r for r in run_checks()}
    assert found["applications"].ok, found["applications"].detail
    # a state changed behind the workflow's back is found
    Application.update(state="done").where(Application.number == first.number).execute()
    found = {r.name: r for r in run_checks()}
    assert not found["applications"].ok
    assert "SL-2026-000001: state differs from its last step" in found["applications"].detail


# --- a stop or resume that takes effect inside the season: the share billed from its day ----
# The season has 121 days (2026-11-15 .. 2027-03-15); from 2027-01-10 to its end are 65.
# 80.00 m² × 24.00 = 1,920.00 a season; × 65/121 = 1,031.404… → 1,031.40 heating from then on,
# × 30 % × 65/121 = 309.421… → 309.42 stopped from then on: the difference is 721.98.
SHARE = D("721.98")
STOP_DOCS = [("owner-id", "original"), ("property-proof", "copy"), ("last-receipt", "original")]


def _status_adjustments(account_id: int) -> list[tuple[str, D, str, str]]:
    return [(a.kind, a.amount, a.source, a.status) for a in Adjustment.select().where(
        Adjustment.account == account_id).order_by(Adjustment.id)]


def _ledger_ok() -> None:
    found = {r.name: r for r in run_checks()}
    assert found["ledger"].ok, found["ledger"].detail


def test_resume_in_a_billed_season_is_billed_from_its_day_once(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-311", "郑华")
    accounts.change_status(desk, a.id, "stopped", "房屋空置")
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)
    bill = Bill.get(Bill.account == a.id, Bill.kind == "season")
    assert bill.total == D("576.00")  # 80 × 24 × 30 %
    on(dt.date(2026, 12, 20))
    payments.record_payment(office["cashier"], a.id, "576.00", "cash")
    on(dt.date(2027, 1, 6))
    app = reception.receive(desk, "resume", account=a.account_no, applicant="郑华",
                            phone="13800000011", wanted_from="2027-01-10",
                            docs=[("owner-id", "original")])
    on(dt.date(2027, 1, 8))
    through(office, app.number, "operations")
    assert _status_adjustments(a.id) == [("debit", SHARE, "rule", "approved")]
    adj = Adjustment.get(Adjustment.account == a.id)
    assert (adj.bill_id, adj.business_date, adj.proposed_by, adj.decided_by) == (
        bill.id, dt.date(2027, 1, 8), "system", "system")
    assert adj.reason == (f"2026-2027 状态变更按天计收：2027-01-10 报停→供热"
                          f"（复供（受理编号 {app.number}））")
    assert AccountBalance.get_by_id(a.id).balance == SHARE
    audit = AuditEntry.get(AuditEntry.action == "billing.status_share")
    assert (audit.actor, audit.record_id) == ("zhou", str(adj.id))
    # applied twice, settled twice: nothing more
    effects.apply(office["operations"], Application.get(Application.number == app.number))
    assert status_share.settle(office["finance"], [a.id]) == []
    assert len(_status_adjustments(a.id)) == 1
    # a new tariff on the billed season reprices the share too: at 25.00 the stopped bill
    # is 80 × 25 × 30 % = 600.00 (+24.00), and from 2027-01-10 heating costs
    # 2,000 × 65/121 = 1,074.38 against 600 × 65/121 = 322.31 stopped: 752.07 (+30.09)
    on(dt.date(2027, 1, 15))
    set_tariff(office["manager"], office["season"].id, "residential", price_per_m2="25.00",
               stopped_share="30%", late_fee_rate="0.05%", late_fee_from="2027-01-01",
               discount_rate="0%", relief_share="0%", relief_max_area="0", relief_cap="0",
               connection_fee_per_m2="45.00", reason="调价")
    assert [(x.kind, x.amount, x.source) for x in Adjustment.select().where(
        Adjustment.account == a.id).order_by(Adjustment.id)] == [
        ("debit", SHARE, "rule"), ("tariff_change", D("24.00"), "tariff"),
        ("debit", D("30.09"), "rule")]
    # 56 days stopped and 65 heating at 25.00: 600.00 + 752.07 = 1,352.07, 576.00 paid
    assert AccountBalance.get_by_id(a.id).balance == D("776.07")
    _ledger_ok()


def test_a_change_made_before_the_run_is_billed_the_same_as_one_made_after(office):
    """A stop and a resume filed by the deadline for a day inside the season, done before the
    run: the bill is for the status on the season's first day, the run settles the rest."""
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    stopping = home(desk, "YG3-312", "冯刚")
    resuming = home(desk, "YG3-313", "陈静")
    accounts.change_status(desk, resuming.id, "stopped", "房屋空置")
    on(dt.date(2026, 9, 10))
    stop = reception.receive(desk, "stop", account=stopping.account_no, applicant="冯刚",
                             phone="13800000012", wanted_from="2027-01-10", docs=STOP_DOCS)
    assert reception.stop_is_late(stop) is None and stop.effective_from == dt.date(2027, 1, 10)
    resume = reception.receive(desk, "resume", account=resuming.account_no,
                               applicant="陈静", phone="13800000013",
                               wanted_from="2027-01-10", docs=[("owner-id", "original")])
    through(office, stop.number, "customer_service")
    through(office, resume.number, "operations")
    # the status is today's, the history says from when
    assert (Account.get_by_id(stopping.id).status, Account.get_by_id(resuming.id).status) == (
        "stopped", "heating")
    assert Adjustment.select().count() == 0  # nothing billed yet, nothing to settle
    on(dt.date(2026, 11, 2))
    result = run_season_billing(office["finance"], office["season"].id)
    assert result.billed == 2
    # heating on 2026-11-15: 1,920.00, stopped from 2027-01-10: − 721.98 → 1,198.02
    stop_bill = Bill.get(Bill.account == stopping.id, Bill.kind == "season")
    assert [(x.kind, x.amount) for x in stop_bill.lines] == [("heat", D("1920.00"))]
    assert _status_adjustments(stopping.id) == [("credit", -SHARE, "rule", "approved")]
    assert AccountBalance.get_by_id(stopping.id).balance == D("1198.02")
    # stopped on 2026-11-15: 576.00, heating from 2027-01-10: + 721.98 → 1,297.98
    resume_bill = Bill.get(Bill.account == resuming.id, Bill.kind == "season")
    assert [(x.kind, x.amount) for x in resume_bill.lines] == [("stopped", D("576.00"))]
    assert _status_adjustments(resuming.id) == [("debit", SHARE, "rule", "approved")]
    assert AccountBalance.get_by_id(resuming.id).balance == D("1297.98")
    # a second run bills nobody and settles nothing again
    assert run_season_billing(office["finance"], office["season"].id).billed == 0
    assert Adjustment.select().count() == 2
    _ledger_ok()


def test_stop_inside_a_billed_season_credits_the_share_from_its_day(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-314", "褚明")
    on(dt.date(2026, 9, 20))
    app = reception.receive(desk, "stop", account=a.account_no, applicant="褚明",
                            phone="13800000014", wanted_from="2027-01-10", docs=STOP_DOCS)
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)
    assert Bill.get(Bill.account == a.id, Bill.kind == "season").total == D("1920.00")
    on(dt.date(2026, 12, 1))
    reception.move(desk, app.number, "accept")
    reception.move(desk, app.number, "forward")
    on(dt.date(2027, 1, 12))  # the valve sealed two days after the day asked for
    reception.move(office["customer_service"], app.number, "done")
    assert _status_adjustments(a.id) == [("credit", -SHARE, "rule", "approved")]
    assert AccountBalance.get_by_id(a.id).balance == D("1198.02")
    _ledger_ok()


def test_a_late_stop_changes_no_bill_of_this_season_and_bills_the_next_stopped(office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-315", "卫东")
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)
    on(dt.date(2026, 12, 1))
    nxt = seasons.add_season(office["finance"], "2027-2028", "2027-11-15", "2028-03-15")
    set_tariff(office["finance"], nxt.id, "residential", price_per_m2="24.00",
               stopped_share="30%", late_fee_rate="0.05%", late_fee_from="2028-01-01",
               discount_rate="0%", relief_share="0%", relief_max_area="0", relief_cap="0")
    payments.record_payment(office["cashier"], a.id, "1920.00", "cash")
    app = reception.receive(desk, "stop", account=a.account_no, applicant="卫东",
                            phone="13800000015", wanted_from="2026-12-05", docs=STOP_DOCS)
    assert reception.stop_is_late(app).start_year == 2027
    assert app.effective_from == dt.date(2027, 11, 15)
    through(office, app.number, "customer_service")
    assert Adjustment.select().count() == 0  # 2026-2027 stays billed heating
    assert AccountBalance.get_by_id(a.id).balance == D("0.00")
    on(dt.date(2027, 11, 2))
    run_season_billing(office["finance"], nxt.id)
    bill = Bill.get(Bill.account == a.id, Bill.season == nxt.id)
    assert [(x.kind, x.amount) for x in bill.lines] == [("stopped", D("576.00"))]
    assert Adjustment.select().count() == 0
    _ledger_ok()


def _business(office, season_id: int, late_fee_from: str = "2027-01-01") -> None:
    set_tariff(office["finance"], season_id, "business", price_per_m2="30.00",
               stopped_share="30%", late_fee_rate="0.05%", late_fee_from=late_fee_from,
               discount_rate="0%", relief_share="0%", relief_max_area="0", relief_cap="0")


def test_category_change_counts_from_the_next_season_unless_a_manager_approves(office):
    desk, finance = office["reception"], office["finance"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-316", "蒋芳")
    b = home(desk, "YG3-317", "沈阳")
    _business(office, office["season"].id)
    # the season has started and YG3-317 is not billed yet: refused until it is
    on(dt.date(2026, 11, 16))
    early = reception.receive(desk, "category-change", account=b.account_no, applicant="沈阳",
                              phone="13800000017", new_account={"category": "business"})
    reception.move(desk, early.number, "accept")
    reception.move(desk, early.number, "forward")
    assert refusal(reception.move, finance, early.number, "done") == (
        "applications.category_unbilled",
        "2026-2027 采暖季已开始，但户号“YG3-317”尚未开票：须先按原性质开票，再办结性质变更",
        "the 2026-2027 season has started and account \"YG3-317\" is not billed for it yet: "
        "bill it under its old category first, then complete the category change")
    assert Account.get_by_id(b.id).category == "residential"
    run_season_billing(finance, office["season"].id)  # both residential: 1,920.00 each
    on(dt.date(2027, 1, 12))
    apps = {}
    for acc, phone in ((a, "13800000016"), (b, "13800000017")):
        app = (early if acc is b else reception.receive(
            desk, "category-change", account=acc.account_no, applicant=acc.name, phone=phone,
            new_account={"category": "business"}, wanted_from="2027-01-10"))
        if acc is a:
            reception.move(desk, app.number, "accept")
            reception.move(desk, app.number, "forward")
        apps[acc.id] = reception.move(finance, app.number, "done")
    # on record at once; billed so from the next season's first day (none set up yet: the
    # day after this one ends)
    assert [(Account.get_by_id(x.id).category, apps[x.id].effective_from) for x in (a, b)] == [
        ("business", dt.date(2027, 3, 16))] * 2
    # the running season's bill stays residential; the difference from 2027-01-10 (a) and
    # from today 2027-01-12 (b, no date asked) is proposed, not booked:
    # a: 80 × 30.00 × 65/121 = 1,289.256… → 1,289.26 − 1,031.40 = 257.86
    # b: 63 days: 80 × 30.00 × 63/121 = 1,249.59; 80 × 24.00 × 63/121 = 999.67 → 249.92
    proposed = {x.account_id: x for x in Adjustment.select().where(
        Adjustment.status == "proposed")}
    assert [(proposed[x.id].kind, proposed[x.id].amount, proposed[x.id].source,
             proposed[x.id].proposed_by) for x in (a, b)] == [
        ("debit", D("257.86"), "application", "zhao"),
        ("debit", D("249.92"), "application", "zhao")]
    assert proposed[a.id].reason.startswith(
        "2026-2027 用户性质变更 居民→商业，自 2027-01-10 起按天计收")
    assert [AccountBalance.get_by_id(x.id).balance for x in (a, b)] == [D("1920.00")] * 2
    # a manager approves one (finance may not approve its own proposal), rejects the other
    assert refusal(adjustments.approve_adjustment, finance, proposed[a.id].id)[0] == (
        "auth.permission_denied")
    adjustments.approve_adjustment(office["manager"], proposed[a.id].id)
    adjustments.reject_adjustment(office["manager"], proposed[b.id].id, "按规定下季起执行")
    assert [AccountBalance.get_by_id(x.id).balance for x in (a, b)] == [
        D("2177.86"), D("1920.00")]
    # an area re-measured in this season still reprices the bill as residential
    assert recheck.area_change_amount(Bill.get(Bill.account == b.id).id, D("80.00"),
                                      D("70.00"), dt.date(2026, 11, 15)) == D("-240.00")
    # the next season bills both as business: 80 × 30.00 = 2,400.00
    on(dt.date(2027, 10, 20))
    nxt = seasons.add_season(finance, "2027-2028", "2027-11-15", "2028-03-15")
    _business(office, nxt.id, "2028-01-01")
    run_season_billing(finance, nxt.id)
    assert [Bill.get(Bill.account == x.id, Bill.season == nxt.id).total for x in (a, b)] == [
        D("2400.00")] * 2
    _ledger_ok()


def test_a_stop_for_the_seasons_first_day_done_after_the_run_bills_the_whole_season_stopped(
        office):
    desk = office["reception"]
    on(dt.date(2026, 8, 3))
    a = home(desk, "YG3-318", "韩雪")
    on(dt.date(2026, 9, 25))  # by the deadline, for the season's first day
    app = reception.receive(desk, "stop", account=a.account_no, applicant="韩雪",
                            phone="13800000018", wanted_from="2026-11-15", docs=STOP_DOCS)
    on(dt.date(2026, 11, 2))
    run_season_billing(office["finance"], office["season"].id)  # still heating: 1,920.00
    on(dt.date(2026, 11, 5))
    through(office, app.number, "customer_service")
    # 80 × 24 × 30 % = 576.00 for the season: 576.00 − 1,920.00 = −1,344.00
    assert _status_adjustments(a.id) == [("credit", D("-1344.00"), "rule", "approved")]
    assert Adjustment.get(Adjustment.account == a.id).reason == (
        f"2026-2027 状态变更按天计收：开季 2026-11-15 报停（开票时按供热）"
        f"（报停（受理编号 {app.number}））")
    assert AccountBalance.get_by_id(a.id).balance == D("576.00")
    assert status_share.settle(office["finance"], [a.id]) == []
    _ledger_ok()
