"""The hotline and work-order commands in-process on a temp SQLite file: call add (refused
without the read-back), order new, dispatch, the steps, list and show with their flags, --at
audited as recorded later, and export service."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from heatoffice import clock

ADMIN_PW = "secret-admin"


@pytest.fixture(autouse=True)
def _office_day(cli_env, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    clock.shift(dt.datetime(2026, 12, 1, 9, 0) - clock.now())


@pytest.fixture
def office(run):
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    status, out, err = run("accounts", "add", "--account-no", "YG-301", "--name", "张伟",
                           "--community", "阳光花园", "--building", "3", "--room", "301",
                           "--area", "85.50", "--status", "heating")
    assert (status, out.strip(), err) == (0, "YG-301", "")
    return run


CALL = ("call", "add", "--phone", "13800000001", "--contact", "张伟", "--account", "YG-301",
        "--category", "leak-minor", "--content", "卫生间暖气片接口滴水")


def test_a_call_is_refused_without_the_read_back(office):
    run = office
    status, out, err = run(*CALL)
    assert (status, out) == (1, "")
    assert err == "请先向来电人复述单位、联系人、地址和报修内容并确认无误，才能保存来电\n"
    status, out, err = run(*CALL, "--confirm-readback")
    assert (status, out, err) == (0, "RX-2026-000001\n", "")


def test_a_minor_leak_from_call_to_closed(office):
    run = office
    assert run(*CALL, "--confirm-readback", "--at", "2026-12-01 09:00")[1] == "RX-2026-000001\n"
    status, out, _ = run("order", "new", "--call", "RX-2026-000001")
    assert (status, out) == (0, "WO-2026-000001\n")
    assert run("order", "list", "--undispatched")[1] == "没有符合条件的维修单\n"
    clock.shift(dt.datetime(2026, 12, 1, 9, 10, 2) - clock.now())
    status, out, _ = run("order", "list", "--undispatched")
    assert "WO-2026-000001" in out and "超时未派工" in out
    clock.shift(dt.datetime(2026, 12, 1, 9, 12) - clock.now())
    status, out, _ = run("order", "dispatch", "WO-2026-000001", "--to", "admin",
                         "--at", "2026-12-01 09:11")
    assert out == "WO-2026-000001：已派工\n派工超时：11:00（规定 10 分钟内）\n"
    status, out, _ = run("order", "show", "WO-2026-000001")
    assert "处理时限: 2026-12-01 24:00" in out and "超期: 否" in out
    assert "派工用时（分:秒）: 11:00（超时）" in out
    assert run("order", "fixed", "WO-2026-000001")[0] == 1  # not on site yet
    assert run("order", "onsite", "WO-2026-000001")[1] == "WO-2026-000001：已到场\n"
    assert run("order", "fixed", "WO-2026-000001", "--note", "更换垫片",
               "--advice", "勿自行放水")[0] == 0
    status, _, err = run("order", "visit", "WO-2026-000001")
    assert status == 1 and "是否满意" in err
    assert run("order", "visit", "WO-2026-000001", "--satisfied", "yes",
               "--note", "已不漏")[1] == "WO-2026-000001：已回访\n"
    assert run("order", "close", "WO-2026-000001")[1] == "WO-2026-000001：已关闭\n"
    status, out, _ = run("--lang", "en", "order", "show", "WO-2026-000001")
    assert "state: closed" in out and "work note: 更换垫片" in out
    assert "satisfied: yes" in out and "overdue: no" in out


def test_overdue_at_midnight_and_a_step_recorded_later(office):
    run = office
    clock.shift(dt.datetime(2026, 12, 1, 23, 55) - clock.now())
    assert run(*CALL, "--confirm-readback", "--at", "2026-12-01 23:50")[0] == 0
    assert run("order", "new", "--call", "RX-2026-000001")[0] == 0
    assert run("order", "dispatch", "WO-2026-000001", "--to", "admin",
               "--at", "2026-12-01 23:54")[0] == 0
    assert run("order", "list", "--overdue")[1] == "没有符合条件的维修单\n"
    clock.shift(dt.datetime(2026, 12, 2, 0, 0) - clock.now())
    out = run("order", "list", "--overdue")[1]
    assert out.startswith("WO-2026-000001") and "已超期" in out
    status, out, _ = run("order", "show", "WO-2026-000001")
    assert "派工用时（分:秒）: 4:00\n" in out and "超期: 是" in out
    assert "2026-12-01 23:54  已派工  admin（2026-12-01 23:55 补录）" in out
    # the audit log says it was recorded later
    status, out, _ = run("order", "onsite", "WO-2026-000001", "--at", "2026-12-02 00:20")
    assert status == 1  # 00:20 has not come yet
    from heatoffice.audit.models import AuditEntry

    notes = [e.note for e in AuditEntry.select().where(AuditEntry.action.startswith("service."))
             .order_by(AuditEntry.id)]
    assert notes[0] == "RX-2026-000001（补录：2026-12-01 23:50）"
    assert notes[2] == "WO-2026-000001 已派工（补录：2026-12-01 23:54）"


def test_out_of_scope_calls_and_the_export(office, tmp_path):
    run = office
    status, out, _ = run("call", "add", "--phone", "0311-5551234", "--contact", "李先生",
                         "--category", "consultation", "--content", "问燃气报装",
                         "--referred-to", "燃气公司 96777", "--confirm-readback")
    assert (status, out) == (0, "RX-2026-000001\n")
    status, _, err = run("order", "new", "--call", "RX-2026-000001")
    assert status == 1 and "不属本公司范围" in err
    assert run(*CALL, "--confirm-readback")[0] == 0
    assert run("order", "new", "--call", "RX-2026-000002")[0] == 0
    assert run("order", "dispatch", "WO-2026-000001", "--to", "admin")[0] == 0
    out_file = tmp_path / "service.xlsx"
    status, out, _ = run("export", "service", "--from", "2026-12-01", "--to", "2026-12-01",
                         "--out", str(out_file))
    assert status == 0 and out.startswith("已导出")
    wb = load_workbook(out_file)
    assert len(wb.sheetnames) >= 3


def test_the_service_settings(office):
    run = office
    status, out, _ = run("order", "settings")
    assert status == 0 and "service_dispatch_minutes = 10" in out
    status, out, _ = run("order", "settings", "service_dispatch_minutes", "15")
    assert status == 0 and "service_dispatch_minutes = 15" in out
    assert run("order", "settings", "service_dispatch_minutes", "abc")[0] == 1
    assert run("order", "settings", "no_such_key", "1")[0] == 1
