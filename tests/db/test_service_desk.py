"""The service desk on SQLite and PostgreSQL: a call is refused without its read-back, numbers
run gap-free per year, an out-of-scope call is logged with the body named, the account is found
by a fragment, the dispatch is suggested from the service areas and its time recorded, the
work order moves only along its states (the reason and the satisfaction required), the check
passes, and the report's sheets count what happened."""

from __future__ import annotations

import datetime as dt

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.check import run_checks
from heatoffice.errors import PermissionDenied, UserError, ValidationErrors
from heatoffice.org import assignments
from heatoffice.org import service as org
from heatoffice.service import calls, orders, queries, settings
from heatoffice.service.models import Call, WorkOrder, WorkOrderStep
from heatoffice.service.report import service_report

HOTLINE = seat("rexian", "hotline")
CREW = seat("jianxiu", "operations")
READER = seat("reader", "read_only")
MANAGER = seat("boss", "manager")


def at(when: dt.datetime) -> None:
    clock.reset()
    clock.shift(when - clock.now())


@pytest.fixture
def desk(db, system):
    at(dt.datetime(2026, 12, 1, 8, 0))
    station = accounts.add_station(system, "R1", "一号换热站")
    accounts.add_community(system, "阳光花园", "YGHY", station_id=station.id)
    accounts.add_community(system, "幸福小区", "XFXQ")
    for no, name, community, room in (("YG-301", "张伟", "阳光花园", "301"),
                                      ("YG-302", "王芳", "阳光花园", "302"),
                                      ("XF-101", "李强", "幸福小区", "101")):
        accounts.open_account(system, {"account_no": no, "name": name, "community": community,
                                       "building": "3", "room": room, "heating_area": "80",
                                       "station_id": station.id if community == "阳光花园"
                                       else None}, status="heating")
    zhao = org.add_staff(system, {"staff_no": "J001", "name": "赵检修"})
    qian = org.add_staff(system, {"staff_no": "Y001", "name": "钱运行"})
    assignments.add_service_area(system, qian.id, "operator", station_id=station.id,
                                 start_date="2026-01-01")
    assignments.add_service_area(system, zhao.id, "maintenance", community="阳光花园",
                                 start_date="2026-01-01")
    auth.create_user(system, "jianxiu", "secret-pass-1", "operations")
    auth.create_user(system, "boss", "secret-pass-1", "manager")
    return db


def _call(**kw):
    data = dict(phone="13800000001", contact="张伟", category="leak-minor",
                content="暖气片接口滴水", account="YG-301", readback_confirmed=True)
    data.update(kw)
    return calls.add_call(HOTLINE, **data)


def test_the_read_back_cannot_be_skipped(desk):
    with pytest.raises(UserError) as err:
        _call(readback_confirmed=False)
    assert err.value.code == "service.readback_needed"
    assert Call.select().count() == 0
    with pytest.raises(PermissionDenied):
        calls.add_call(READER, phone="13800000001", contact="x", category="other",
                       content="x", address="x", readback_confirmed=True)
    first, second = _call(), _call(account="XF-101")
    assert (first.number, second.number) == ("RX-2026-000001", "RX-2026-000002")
    assert first.address == "阳光花园3号楼301" and not first.backdated


def test_calls_are_validated_found_by_fragment_or_address_and_may_be_out_of_scope(desk):
    with pytest.raises(ValidationErrors):
        _call(phone="12", contact="", content="")
    with pytest.raises(UserError) as err:
        _call(account=None)  # a leak needs an address
    assert err.value.code == "service.address_needed"
    assert _call(account="李强").account_id is not None  # a fragment: the one match
    with pytest.raises(UserError) as err:
        _call(account="阳光花园")  # two homes there
    assert err.value.code == "service.account_ambiguous"
    free = _call(account=None, address="幸福小区 8 号楼 2 单元 601")
    assert (free.account_id, free.address) == (None, "幸福小区 8 号楼 2 单元 601")
    gas = _call(account=None, category="consultation", content="燃气报装",
                referred_to="燃气公司 96777")
    assert (gas.in_scope, gas.referred_to) == (False, "燃气公司 96777")
    with pytest.raises(UserError) as err:
        orders.new_order(HOTLINE, gas.number)
    assert err.value.code == "service.out_of_scope_order"


def test_a_call_recorded_later_is_marked_and_must_not_be_in_the_future(desk):
    call = _call(at="2026-12-01 07:40")
    assert call.backdated and call.ended_at == dt.datetime(2026, 12, 1, 7, 40)
    assert call.entered_at - dt.datetime(2026, 12, 1, 8, 0) < dt.timedelta(seconds=30)
    with pytest.raises(ValidationErrors) as err:
        _call(at="2026-12-01 08:30")
    assert [e.code for e in err.value.errors] == ["service.future_time"]


def test_a_work_order_from_dispatch_to_closed(desk):
    call = _call(at="2026-12-01 07:55")
    order = orders.new_order(HOTLINE, call.number)
    assert (order.number, order.severity, order.state) == ("WO-2026-000001", "minor", "new")
    assert order.due_at == dt.datetime(2026, 12, 2)
    assert order.suggested == "赵检修"  # the maintenance man of the community first
    assert not queries.work_orders(HOTLINE, undispatched=True)  # 5 minutes after the call
    assert queries.work_orders(HOTLINE, undispatched=True, now=dt.datetime(
        2026, 12, 1, 8, 6))[0].number == order.number
    with pytest.raises(UserError) as err:
        orders.move(CREW, order.number, "onsite")
    assert err.value.code == "service.bad_transition"
    with pytest.raises(UserError):
        orders.dispatch(HOTLINE, order.number, "nobody")
    orders.dispatch(HOTLINE, order.number, "J001", at="2026-12-01 08:00")  # by staff number
    order = orders.get(order.number)
    assert (order.assignee, order.dispatch_seconds) == ("赵检修", 5 * 60)
    row = queries.order_card(HOTLINE, order.number).order
    assert (row.dispatch_minutes, row.dispatch_late, row.undispatched) == ("5:00", False, False)
    orders.dispatch(HOTLINE, order.number, "jianxiu")  # to another crew: the time stays
    assert orders.get(order.number).dispatch_seconds == 300
    orders.move(CREW, order.number, "onsite")
    with pytest.raises(UserError) as err:
        orders.move(CREW, order.number, "unfixable")
    assert err.value.code == "service.reason_needed"
    with pytest.raises(UserError) as err:
        orders.move(CREW, order.number, "unfixable", note="需停热换阀", to="jianxiu")
    assert err.value.code == "service.not_manager"
    orders.move(CREW, order.number, "unfixable", note="需停热换阀", to="boss")
    assert orders.get(order.number).escalated_to == "boss"
    orders.dispatch(MANAGER, order.number, "赵检修")
    orders.move(CREW, order.number, "onsite")
    orders.move(CREW, order.number, "fixed", note="换阀", advice="勿关回水阀")
    with pytest.raises(PermissionDenied):
        orders.move(CREW, order.number, "visit", satisfied=True)
    with pytest.raises(UserError) as err:
        orders.move(HOTLINE, order.number, "visit")
    assert err.value.code == "service.satisfied_needed"
    orders.move(HOTLINE, order.number, "visit", satisfied=False, note="嫌慢")
    orders.move(HOTLINE, order.number, "close")
    card = queries.order_card(HOTLINE, order.number)
    assert [s.to_state for s in card.steps] == [
        "new", "dispatched", "dispatched", "on_site", "unfixable", "dispatched", "on_site",
        "fixed", "visited", "closed"]
    assert (card.work_note, card.heat_advice, card.satisfied) == ("换阀", "勿关回水阀", False)
    assert [r for r in run_checks() if not r.ok] == []
    with pytest.raises(Exception, match="written once"):
        WorkOrderStep.update(note="x").execute()


def test_an_undispatched_order_is_flagged_the_moment_the_limit_passes(desk):
    call = _call(category="no-heat")
    order = orders.new_order(HOTLINE, call.number)
    assert order.due_at == call.received_at + dt.timedelta(hours=24)
    ended = call.ended_at
    assert not queries.work_orders(HOTLINE, now=ended + dt.timedelta(minutes=9, seconds=59),
                                   undispatched=True)
    flagged = queries.work_orders(HOTLINE, now=ended + dt.timedelta(minutes=10, seconds=1),
                                  undispatched=True)
    assert [(r.number, r.account_no) for r in flagged] == [(order.number, "YG-301")]
    assert queries.recent_calls(HOTLINE)[0].account_no == "YG-301"
    settings.set_setting(MANAGER, "service_dispatch_minutes", "15")
    assert not queries.work_orders(HOTLINE, now=ended + dt.timedelta(minutes=10, seconds=1),
                                   undispatched=True)
    settings.set_setting(MANAGER, "service_deadline_hours", '{"no-heat": 12}')
    assert orders.new_order(HOTLINE, call.number).due_at == call.received_at + dt.timedelta(
        hours=12)
    with pytest.raises(UserError):
        settings.set_setting(MANAGER, "service_dispatch_minutes", "0")


def test_a_major_leak_is_flagged_each_hour(desk):
    call = _call(category="leak-major", content="楼道主管爆裂")
    order = orders.new_order(HOTLINE, call.number)
    assert (order.severity, order.due_at) == ("major", call.received_at)
    orders.dispatch(HOTLINE, order.number, "jianxiu")
    later = call.received_at + dt.timedelta(hours=2, minutes=5)
    row = queries.work_orders(HOTLINE, now=later, overdue=True)[0]
    assert (row.number, row.alarms) == (order.number, 2)


def test_the_report_counts_calls_dispatch_times_and_open_orders(desk):
    a = _call(at="2026-12-01 07:00")
    b = _call(at="2026-12-01 07:30", category="no-heat")
    _call(account=None, category="consultation", content="问价", referred_to="物价局")
    wa, wb = orders.new_order(HOTLINE, a.number), orders.new_order(HOTLINE, b.number)
    orders.dispatch(HOTLINE, wa.number, "jianxiu", at="2026-12-01 07:09")  # 9 minutes
    orders.dispatch(HOTLINE, wb.number, "J001", at="2026-12-01 07:45")  # 15 minutes
    report = service_report(MANAGER, dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    sheets = {s.key: s for s in report.sheets}
    by_day = sheets["calls_by_day"].rows
    assert by_day[0][0] == dt.date(2026, 12, 1) and by_day[0][-1] == 3 and by_day[0][-2] == 1
    times = sheets["dispatch_times"].rows[-1]
    assert times[1:5] == (2, 1, 1, 50)
    crews = {r[0]: r[1:] for r in sheets["open_by_crew"].rows}
    assert crews["jianxiu"][0] == 1 and crews["赵检修"][0] == 1
    assert [r[0] for r in sheets["work_orders"].rows] == [wa.number, wb.number]
    assert WorkOrder.select().count() == 2


def test_several_settings_at_once_all_or_nothing(db):
    """The settings dialog's service: every bad value named, nothing written unless all are
    good; then each change audited once, an unchanged value not at all."""
    from heatoffice.audit.models import AuditEntry

    def set_rows() -> list[tuple[str, str]]:
        return [(e.record_id, e.actor) for e in AuditEntry.select()
                .where(AuditEntry.action == "settings.set").order_by(AuditEntry.id)]

    bad = {"service_dispatch_minutes": "0", "complaint_reply_days": "5",
           "room_temp_standard": "abc",
           "service_deadline_hours": {"no-heat": "12", "noise": "x", "other": "721"}}
    with pytest.raises(ValidationErrors) as caught:
        settings.set_settings(MANAGER, bad)
    named = {(e.field, e.message("zh")) for e in caught.value.errors}
    assert named == {
        ("service_dispatch_minutes", "派工时限（分钟）：“0”不正确，应在 1 至 1440 之间"),
        ("room_temp_standard", "室温标准（°C）：“abc”不正确，应在 10 至 30 之间"),
        ("service_deadline_hours.noise",
         "噪音的处理时限（小时）：“x”不正确，应为 1 至 720 的整数"),
        ("service_deadline_hours.other",
         "其他的处理时限（小时）：“721”不正确，应为 1 至 720 的整数")}
    assert set_rows() == []
    assert settings.get("complaint_reply_days") == "7"
    assert settings.deadline_hours()["no-heat"] == 24
    good = {"service_dispatch_minutes": "12", "complaint_reply_days": "7",
            "service_deadline_hours": {"no-heat": "12", "noise": "48"}}
    assert settings.set_settings(MANAGER, good)["service_dispatch_minutes"] == "12"
    assert set_rows() == [("service_dispatch_minutes", "boss"),
                          ("service_deadline_hours", "boss")]
    assert settings.deadline_hours() == {"no-heat": 12, "low-temperature": 72, "noise": 48,
                                         "billing": 72, "consultation": 72, "complaint": 72,
                                         "other": 72}
    # the command line's JSON is checked the same way; only managers may change settings
    with pytest.raises(ValidationErrors):
        settings.set_setting(MANAGER, "service_deadline_hours", '{"no-heat": 0}')
    with pytest.raises(UserError):
        settings.set_setting(MANAGER, "service_deadline_hours", '[1, 2]')
    with pytest.raises(PermissionDenied):
        settings.set_settings(HOTLINE, {"service_dispatch_minutes": "15"})
