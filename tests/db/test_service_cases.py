"""Complaints, inspections and room-temperature checks on SQLite and PostgreSQL: numbers,
escalation and the written reply's deadline, an inspection that cannot close without an
outcome, the stolen heat and the cold-home refund proposed as adjustments in exact yuan, the
temperature plan's order, the refusals with their messages."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.audit.models import AuditEntry
from heatoffice.auth import service as auth
from heatoffice.billing import adjustments, tariff_change
from heatoffice.billing.models import Adjustment
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.seasons import service as seasons
from heatoffice.service import case_queries, complaints, inspections, tempchecks
from heatoffice.service.case_documents import reply_letter_of
from heatoffice.service.case_models import ComplaintStep, InspectionFollowUp

D = Decimal
DAY = _dt.date
KEFU = seat("kefu", "customer_service")
HOTLINE = seat("rexian", "hotline")
OPS = seat("yunxing", "operations")
BOSS = seat("boss", "manager")
READER = seat("reader", "read_only")


def at(moment: _dt.datetime) -> None:
    clock.reset()
    clock.shift(moment - clock.now())


@pytest.fixture
def world(db, system):
    """Season 2026-2027 (2026-11-15 … 2027-03-15, 121 days, 24.00 元/㎡); station S1 with
    communities C01 (rooms 101, 501, 1201) and C02 (the network's end: room 702)."""
    at(_dt.datetime(2026, 11, 1, 9))
    for user, role in (("kefu", "customer_service"), ("rexian", "hotline"),
                       ("yunxing", "operations"), ("boss", "manager"),
                       ("reader", "read_only")):
        auth.create_user(system, user, "secret-pass-1", role)
    station = accounts.add_station(system, "S1", "一号站")
    for name, code in (("阳光花园", "C01"), ("幸福里", "C02")):
        accounts.add_community(system, name, code, station.id)
    homes = {}
    for key, community, building, room in (("low", "阳光花园", "1", "101"),
                                           ("mid", "阳光花园", "1", "501"),
                                           ("high", "阳光花园", "2", "1201"),
                                           ("end", "幸福里", "5", "702")):
        homes[key] = accounts.open_account(system, dict(
            name=f"户主{key}", community=community, building=building, unit="1", room=room,
            heating_area="110", phone="13800000000"), status="heating")
    season = seasons.add_season(system, "2026-2027", DAY(2026, 11, 15), DAY(2027, 3, 15))
    tariff_change.set_tariff(system, season.id, "residential", price_per_m2="24.00",
                             stopped_share="0.30")
    at(_dt.datetime(2026, 12, 1, 15, 30))
    return homes


# -- complaints ---------------------------------------------------------------------------

def test_a_phone_complaint_is_handled_and_closed(world):
    c = complaints.add(HOTLINE, channel="phone", complainant="张伟", phone="13800000001",
                       account=world["mid"].account_no, content="维修工态度差")
    assert c.number == "TS-2026-000001" and c.state == "open" and c.reply_due is None
    assert c.address == world["mid"].address and c.handler == "rexian"
    c = complaints.handle(KEFU, c.number, facts="维修工当日未带配件", view="用户认为推诿",
                          decision="批评教育维修工，次日上门修复")
    assert c.state == "closed" and c.decided_by == "kefu" and c.closed_at is not None
    steps = [(s.action, s.to_state) for s in ComplaintStep.select().order_by(ComplaintStep.id)]
    assert steps == [("add", "open"), ("handle", "closed")]
    assert AuditEntry.select().where(AuditEntry.action.startswith("complaints.")).count() == 2
    with pytest.raises(UserError) as err:
        complaints.handle(KEFU, c.number, facts="x", view="y", decision="z")
    assert err.value.code == "complaints.bad_transition"


def test_a_written_complaint_must_be_answered_by_its_deadline(world):
    c = complaints.add(KEFU, channel="letter", complainant="李娜", address="幸福里5号楼",
                       content="室温长期不达标")
    # received 2026-12-01 15:30, 7 days: due at the end of 12-08
    assert c.reply_due == _dt.datetime(2026, 12, 9, 0, 0)
    at(_dt.datetime(2026, 12, 8, 23, 59, 59))
    assert case_queries.complaints(KEFU, overdue=True) == []
    c = complaints.handle(KEFU, c.number, facts="末端压差不足", view="要求退费",
                          decision="调节阀门，按规定退费")
    assert c.state == "awaiting_reply"  # decided, but the letter still waits for its reply
    at(_dt.datetime(2026, 12, 9, 0, 0))
    [late] = case_queries.complaints(KEFU, overdue=True)
    assert late.number == c.number and late.overdue
    c = complaints.reply(KEFU, c.number, method="letter", text="已于12月9日调节完毕")
    assert c.state == "closed" and c.reply_method == "letter"
    assert case_queries.complaints(KEFU, overdue=True) == []
    letter = reply_letter_of(KEFU, c.number)
    assert (letter.complainant, letter.decision, letter.replied_on) == (
        "李娜", "调节阀门，按规定退费", DAY(2026, 12, 9))
    with pytest.raises(UserError) as err:
        complaints.reply(KEFU, c.number, method="phone", text="again")
    assert err.value.code == "complaints.replied_already"


def test_the_reply_deadline_is_a_setting(world, system):
    from heatoffice.service import settings

    settings.set_setting(system, "complaint_reply_days", "3")
    c = complaints.add(KEFU, channel="letter", complainant="李娜", address="x",
                       content="y")
    assert c.reply_due == _dt.datetime(2026, 12, 5, 0, 0)


def test_beyond_authority_a_complaint_is_escalated_to_a_manager(world):
    c = complaints.add(HOTLINE, channel="visit", complainant="王强", address="阳光花园1号楼",
                       content="要求赔偿漏水损失")
    with pytest.raises(ValidationErrors) as err:
        complaints.escalate(KEFU, c.number, to="kefu", reason="")
    assert {e.code for e in err.value.errors} == {"validation.required",
                                                   "complaints.not_a_manager"}
    c = complaints.escalate(KEFU, c.number, to="boss", reason="赔偿超出权限")
    assert (c.state, c.escalated_to, c.handler) == ("escalated", "boss", "boss")
    with pytest.raises(PermissionDenied):
        complaints.handle(KEFU, c.number, facts="a", view="b", decision="c")
    c = complaints.handle(BOSS, c.number, facts="管道老化", view="要求全额赔偿",
                          decision="按评估赔偿 50%")
    assert c.state == "closed" and c.decided_by == "boss"
    card = case_queries.complaint(READER, c.number)
    assert [s.action for s in card.steps] == ["add", "escalate", "handle"]
    assert "boss" in card.steps[1].note


def test_a_complaint_recorded_later_says_so_and_refusals(world):
    c = complaints.add(HOTLINE, channel="phone", complainant="张伟", address="x", content="y",
                       at="2026-12-01 08:05")
    assert c.received_at == _dt.datetime(2026, 12, 1, 8, 5)
    note = AuditEntry.get(AuditEntry.action == "complaints.add").note
    assert note.startswith("补录：发生于 2026-12-01 08:05")
    with pytest.raises(ValidationErrors) as many:
        complaints.add(HOTLINE, channel="phone", complainant="a", address="x", content="y",
                       at="2026-12-02 08:00")
    assert [e.code for e in many.value.errors] == ["cases.future_moment"]
    with pytest.raises(UserError) as err:
        complaints.add(HOTLINE, channel="phone", complainant="a", content="y")
    assert err.value.code == "complaints.address_needed"
    with pytest.raises(PermissionDenied):
        complaints.add(READER, channel="phone", complainant="a", address="x", content="y")
    with pytest.raises(UserError) as err:
        complaints.handle(KEFU, "TS-2026-000099", facts="a", view="b", decision="c")
    assert err.value.code == "complaints.not_found"


# -- inspections --------------------------------------------------------------------------

def test_heat_theft_is_charged_by_area_price_and_days_for_a_manager(world):
    home = world["end"]
    i = inspections.add(KEFU, kind="theft", account=home.account_no,
                        findings="暖气私接旁通管", evidence="照片 3 张")
    assert i.number == "JC-2026-000001" and i.inspector == "kefu" and i.state == "open"
    i = inspections.conclude(KEFU, i.number, "violation")
    with pytest.raises(ValidationErrors) as err:
        inspections.close(KEFU, i.number)
    assert [e.code for e in err.value.errors] == ["inspections.no_follow_up"]
    f = inspections.follow_up(KEFU, i.number, "adjustment", days="30")
    # 110.00 ㎡ × 24.00 元/㎡ ÷ 121 days × 30 days = 654.5454… → 654.55
    assert (f.amount, f.area, f.days) == (D("654.55"), D("110.00"), 30)
    adj = Adjustment.get_by_id(f.adjustment_id)
    assert (adj.amount, adj.kind, adj.status, adj.source, adj.account_id) == (
        D("654.55"), "debit", "proposed", "inspection", home.id)
    assert i.number in adj.reason
    adjustments.approve_adjustment(BOSS, adj.id)
    inspections.follow_up(KEFU, i.number, "fine", amount="500")
    i = inspections.close(KEFU, i.number)
    assert i.state == "closed" and i.closed_by == "kefu"
    card = case_queries.inspection(READER, i.number)
    assert [(u.kind, u.amount) for u in card.follow_ups] == [
        ("adjustment", D("654.55")), ("fine", D("500.00"))]
    with pytest.raises(UserError) as err:
        inspections.follow_up(KEFU, i.number, "rectify", note="x")
    assert err.value.code == "inspections.closed"


def test_nothing_is_dropped_an_inspection_needs_an_owner_and_an_outcome(world):
    i = inspections.add(KEFU, kind="seal_check", address="阳光花园1号楼1单元101",
                        findings="封条完好")
    with pytest.raises(ValidationErrors) as err:
        inspections.close(KEFU, i.number)
    assert [e.code for e in err.value.errors] == ["inspections.no_conclusion"]
    assert "尚无结论" in err.value.message()
    inspections.conclude(KEFU, i.number, "uncertain")
    with pytest.raises(ValidationErrors):
        inspections.close(KEFU, i.number)
    inspections.conclude(KEFU, i.number, "normal", findings="复查封条完好")
    assert inspections.close(KEFU, i.number).state == "closed"
    with pytest.raises(UserError) as err1:
        inspections.conclude(KEFU, i.number, "normal")
    assert err1.value.code == "inspections.bad_transition"
    with pytest.raises(UserError):
        inspections.follow_up(KEFU, i.number, "adjustment", days="3")
    with pytest.raises(PermissionDenied):
        inspections.add(HOTLINE, kind="patrol", address="x", findings="y")


def test_open_inspections_age_for_the_dashboard(world):
    first = inspections.add(KEFU, kind="patrol", address="一号站", findings="阀门渗水",
                            at="2026-11-28 10:00")
    inspections.add(KEFU, kind="damage", address="二号站", findings="井盖损坏")
    done = inspections.add(KEFU, kind="patrol", address="三号站", findings="正常")
    inspections.conclude(KEFU, done.number, "normal")
    inspections.close(KEFU, done.number)
    at(_dt.datetime(2026, 12, 4, 9))
    rows = case_queries.open_inspections(READER)
    assert [(r.number, r.age_days) for r in rows] == [(first.number, 6),
                                                     ("JC-2026-000002", 3)]
    with pytest.raises(ValidationErrors) as err:
        inspections.follow_up(KEFU, first.number, "adjustment", days="x")
    assert err.value.errors[0].code == "inspections.bad_days"
    with pytest.raises(UserError) as err2:
        inspections.follow_up(KEFU, first.number, "adjustment", days="3")
    assert err2.value.code == "inspections.no_account"
    assert InspectionFollowUp.select().count() == 0


# -- room temperatures --------------------------------------------------------------------

def test_the_plan_puts_low_floors_and_network_ends_first(world):
    complaints.add(HOTLINE, channel="phone", complainant="户主high",
                   account=world["high"].account_no, content="暖气不热")
    rows = tempchecks.plan(OPS)
    assert [(r.home.account_no, r.reasons) for r in rows] == [
        (world["low"].account_no, ("low_floor",)),
        (world["end"].account_no, ("network_end",)),
        (world["high"].account_no, ("complaint",)),
    ]
    assert [r.home.account_no for r in tempchecks.plan(OPS, community="幸福里")] == [
        world["end"].account_no]


def test_a_cold_reading_is_flagged_and_the_refund_proposed(world, system):
    home = world["end"]
    r = tempchecks.record(OPS, home.account_no, "15.5", instrument="TM-01", room="主卧",
                          outdoor="-8", at="2026-12-01 10:00")
    assert (r.tenths, r.standard_tenths, r.outdoor_tenths) == (155, 180, -80)
    tempchecks.record(OPS, home.account_no, "18.0", instrument="TM-01", room="客厅")
    [cold] = case_queries.readings(READER, cold_only=True)
    assert cold.below and cold.celsius == D("15.5") and cold.standard == D("18.0")
    # the plan now knows the imbalance as well as the network's end
    assert tempchecks.plan(OPS)[0].reasons == ("network_end", "imbalance")
    with pytest.raises(PermissionDenied):
        tempchecks.refund(OPS, home.account_no, "2026-11-22", "2026-12-01")
    made = tempchecks.refund(KEFU, home.account_no, "2026-11-22", "2026-12-01")
    # 2.5 °C short: the 1 °C step, 10 %; 110.00 ㎡ × 24.00 ÷ 121 × 10 days × 10 % = 21.82
    assert (made.days, made.short_tenths, made.amount) == (10, 25, D("21.82"))
    adj = Adjustment.get_by_id(made.adjustment_id)
    assert (adj.amount, adj.kind, adj.status, adj.source) == (
        D("-21.82"), "credit", "proposed", "tempcheck")
    with pytest.raises(UserError) as err:
        tempchecks.refund(KEFU, home.account_no, "2026-11-30", "2026-12-01")
    assert err.value.code == "tempchecks.refunded_already"
    with pytest.raises(UserError) as err:
        tempchecks.refund(KEFU, world["low"].account_no, "2026-11-22", "2026-12-01")
    assert err.value.code == "tempchecks.no_cold_reading"
    # a deeper shortfall reaches a higher step: 5 °C, 30 %
    tempchecks.record(OPS, home.account_no, "13", instrument="TM-01", at="2026-11-20 10:00")
    made = tempchecks.refund(KEFU, home.account_no, "2026-11-15", "2026-11-21")
    assert made.amount == D("45.82")  # 21.8181… × 7 × 0.30 = 45.818…


def test_a_reading_is_checked(world):
    with pytest.raises(ValidationErrors) as err:
        tempchecks.record(OPS, "NOPE", "abc", instrument="")
    assert {e.code for e in err.value.errors} == {
        "accounts.not_found", "tempchecks.bad_celsius", "validation.required"}
    with pytest.raises(PermissionDenied):
        tempchecks.record(HOTLINE, world["low"].account_no, "18", instrument="x")


def test_the_check_finds_the_cases_in_order(world):
    from heatoffice.service.case_checks import check_cases

    i = inspections.add(KEFU, kind="theft", account=world["end"].account_no, findings="私接")
    inspections.conclude(KEFU, i.number, "violation")
    inspections.follow_up(KEFU, i.number, "adjustment", days="10")
    inspections.close(KEFU, i.number)
    complaints.add(HOTLINE, channel="letter", complainant="a", address="x", content="y")
    assert check_cases() == (True, "1 complaints, 1 inspections in order")
    from heatoffice.service.case_models import Inspection

    Inspection.update(conclusion="").where(Inspection.number == i.number).execute()
    ok, detail = check_cases()
    assert not ok and detail == f"{i.number}: closed without an owner and an outcome"


def test_the_report_sheets_of_the_cases(world):
    from heatoffice.service.case_reports import case_sheets

    c = complaints.add(KEFU, channel="letter", complainant="李娜", address="x", content="冷",
                       at="2026-12-01 09:00")
    complaints.handle(KEFU, c.number, facts="a", view="b", decision="c")
    at(_dt.datetime(2026, 12, 1, 21, 0))
    complaints.reply(KEFU, c.number, method="phone", text="已答复")
    inspections.add(KEFU, kind="patrol", address="一号站", findings="正常")
    tempchecks.record(OPS, world["end"].account_no, "16.5", instrument="TM-01")
    tempchecks.record(OPS, world["low"].account_no, "19", instrument="TM-01")
    sheets = {s.key: s for s in case_sheets(READER, DAY(2026, 12, 1), DAY(2026, 12, 1))}
    assert list(sheets) == ["complaints", "inspections", "cold_homes"]
    [row] = sheets["complaints"].rows
    assert row[0] == c.number and row[11] == 12.0 and row[12] == ""  # 12 hours, in time
    assert len(sheets["complaints"].columns) == len(row)
    [row] = sheets["inspections"].rows
    assert row[1:4] == ("patrol", "open", "") and row[9] == 0
    [row] = sheets["cold_homes"].rows
    assert row[1] == world["end"].account_no and row[4] == D("16.5") and row[7] == D("1.5")
    assert case_sheets(READER, DAY(2026, 12, 2), DAY(2026, 12, 3))[0].rows == ()


def test_readings_and_trails_are_written_once(world, db):
    from peewee import DatabaseError

    tempchecks.record(OPS, world["end"].account_no, "15", instrument="TM-01")
    complaints.add(HOTLINE, channel="phone", complainant="a", address="x", content="y")
    for sql in ("UPDATE temp_reading SET tenths = 180", "DELETE FROM temp_reading",
                "UPDATE complaint_step SET note = 'x'", "DELETE FROM complaint_step"):
        with pytest.raises(DatabaseError), db.atomic():
            db.execute_sql(sql)


def test_a_hotline_call_about_the_heat_puts_a_home_on_the_plan_and_names_its_complaint(world):
    from heatoffice.service.calls import add_call

    call = add_call(HOTLINE, phone="13800000002", contact="户主mid", category="low-temperature",
                    content="暖气不热", account=world["mid"].account_no,
                    readback_confirmed=True)
    rows = {r.home.account_no: r.reasons for r in tempchecks.plan(OPS)}
    assert rows[world["mid"].account_no] == ("complaint",)
    c = complaints.add(HOTLINE, channel="phone", complainant="户主mid", content="暖气不热",
                       account=world["mid"].account_no, call_number=call.number.lower())
    assert c.call_number == call.number
    assert case_queries.complaint(READER, c.number).call_number == call.number
    with pytest.raises(UserError) as err:
        complaints.add(HOTLINE, channel="phone", complainant="a", address="x", content="y",
                       call_number="RX-2026-000099")
    assert err.value.code == "service.call_not_found"


def test_the_complainants_phone_is_masked_for_roles_without_personal_data(world):
    c = complaints.add(KEFU, channel="phone", complainant="张伟", phone="13812345678",
                       address="x", content="y")
    assert case_queries.complaint(KEFU, c.number).phone == "13812345678"
    masked = case_queries.complaint(READER, c.number).phone
    assert masked != "13812345678" and masked.startswith("138") and masked.endswith("5678")
