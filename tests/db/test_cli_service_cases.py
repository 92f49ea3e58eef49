"""The cases' commands in-process on a temp SQLite file: complaint add|handle|escalate|reply|
show|list, print reply, inspection add|conclude|follow-up|close|show|list, tempcheck plan|
record|list|refund; refusals are exit 1 with one line."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from heatoffice import clock

ADMIN_PW = "secret-admin"


@pytest.fixture(autouse=True)
def _office_day(cli_env, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    clock.shift(dt.datetime(2026, 12, 1, 10) - clock.now())


@pytest.fixture
def office(run):
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    for no, room in (("YG-101", "101"), ("YG-501", "501")):
        status, out, err = run("accounts", "add", "--account-no", no, "--name", "张伟",
                               "--community", "阳光花园", "--building", "3", "--room", room,
                               "--area", "110", "--status", "heating")
        assert (status, err) == (0, ""), err
    assert run("season", "add", "2026-2027", "--start", "2026-11-15",
               "--end", "2027-03-15")[0] == 0
    status, _, err = run("season", "tariff", "2026-2027", "--category", "residential",
                         "--price", "24.00", "--stopped-share", "30%")
    assert status == 0, err
    return run


def test_a_written_complaint_from_add_to_the_reply_letter(office, tmp_path):
    run = office
    status, out, err = run("complaint", "add", "--channel", "letter", "--name", "李娜",
                           "--account", "YG-501", "--content", "室温长期不达标",
                           "--at", "2026-12-01 08:30")
    assert (status, err) == (0, "")
    assert out.splitlines() == ["TS-2026-000001", "答复期限：2026-12-09 00:00"]
    status, out, _ = run("complaint", "handle", "TS-2026-000001", "--facts", "末端压差不足",
                         "--view", "要求退费", "--decision", "调节阀门")
    assert (status, out.strip()) == (0, "TS-2026-000001：待答复")
    status, out, _ = run("complaint", "reply", "TS-2026-000001", "--method", "letter",
                         "--text", "已调节完毕，欢迎监督")
    assert (status, out.strip()) == (0, "TS-2026-000001：已办结")
    status, out, _ = run("--lang", "en", "complaint", "show", "TS-2026-000001")
    assert status == 0 and "state: closed" in out and "reply method: by letter" in out
    status, out, _ = run("complaint", "list")
    assert status == 0 and out.startswith("TS-2026-000001  书面  已办结  YG-501  李娜")
    pdf = tmp_path / "reply.pdf"
    status, out, err = run("print", "reply", "TS-2026-000001", "--out", str(pdf))
    assert (status, err) == (0, ""), err
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                             capture_output=True, text=True).stdout)
    assert "投诉答复函" in text and "李娜：" in text and "调节阀门" in text


def test_escalation_and_refusals(office):
    run = office
    assert run("complaint", "add", "--channel", "phone", "--name", "王强",
               "--address", "阳光花园3号楼", "--content", "要求赔偿")[0] == 0
    status, _, err = run("complaint", "escalate", "TS-2026-000001", "--to", "nobody",
                         "--reason", "超出权限")
    assert status == 1 and "nobody" in err
    status, out, _ = run("complaint", "escalate", "TS-2026-000001", "--to", "admin",
                         "--reason", "超出权限")
    assert (status, out.strip()) == (0, "TS-2026-000001：已上报经理")
    status, _, err = run("complaint", "add", "--channel", "phone", "--name", "a",
                         "--content", "b")
    assert status == 1 and err.count("\n") == 1
    status, _, err = run("complaint", "add", "--channel", "fax", "--name", "a",
                         "--content", "b")
    assert status == 2
    status, out, _ = run("complaint", "list", "--open")
    assert "已上报经理" in out


def test_an_inspection_from_add_to_close(office):
    run = office
    status, out, err = run("inspection", "add", "--kind", "theft", "--account", "YG-101",
                           "--findings", "私接旁通管", "--evidence", "照片3张")
    assert (status, out.strip(), err) == (0, "JC-2026-000001", "")
    status, out, _ = run("inspection", "conclude", "JC-2026-000001", "--conclusion",
                         "violation")
    assert (status, out.strip()) == (0, "JC-2026-000001：违章")
    status, _, err = run("inspection", "close", "JC-2026-000001")
    assert status == 1 and "尚无处理结果" in err
    status, out, _ = run("inspection", "follow-up", "JC-2026-000001", "--kind", "adjustment",
                         "--days", "30")
    assert status == 0
    assert out.splitlines()[1] == "已提出调账 #1：654.55 元，待经理审批"
    status, out, _ = run("inspection", "close", "JC-2026-000001")
    assert (status, out.strip()) == (0, "JC-2026-000001：已结案")
    status, out, _ = run("inspection", "show", "JC-2026-000001")
    assert status == 0 and "654.55" in out and "偷用私接" in out
    status, out, _ = run("inspection", "add", "--kind", "patrol", "--address", "一号站",
                         "--findings", "阀门渗水")
    status, out, _ = run("inspection", "list", "--open")
    assert out.strip().endswith("已 0 天未结案") and "JC-2026-000002" in out


def test_temperature_plan_record_and_refund(office):
    run = office
    status, out, _ = run("tempcheck", "plan")
    assert status == 0 and out.splitlines()[0].split()[1] == "YG-101" and "低层" in out
    status, out, err = run("tempcheck", "record", "--account", "YG-501", "--celsius", "16",
                           "--room", "主卧", "--outdoor", "-6", "--instrument", "TM-01",
                           "--at", "2026-11-30 19:00")
    assert (status, err) == (0, "")
    assert out.strip() == "读数 #1：16.0 °C  低于标准 18.0 °C"
    status, out, _ = run("tempcheck", "list", "--cold")
    assert "YG-501" in out and "低于标准" in out
    status, out, _ = run("tempcheck", "refund", "--account", "YG-501", "--from", "2026-11-21",
                         "--to", "2026-11-30")
    assert (status, out.strip()) == (0, "已提出调账 #1：21.82 元，待经理审批")


def test_the_service_export_has_the_cases_sheets(office, tmp_path):
    from openpyxl import load_workbook

    run = office
    assert run("complaint", "add", "--channel", "letter", "--name", "李娜", "--address", "x",
               "--content", "室温低")[0] == 0
    assert run("inspection", "add", "--kind", "seal", "--account", "YG-101",
               "--findings", "贴封")[0] == 0
    assert run("tempcheck", "record", "--account", "YG-501", "--celsius", "16.5",
               "--instrument", "TM-01")[0] == 0
    out = tmp_path / "service.xlsx"
    status, _, err = run("export", "service", "--from", "2026-12-01", "--to", "2026-12-01",
                         "--out", str(out))
    assert (status, err) == (0, ""), err
    book = load_workbook(out, read_only=True)
    names = book.sheetnames
    assert names[-3:] == ["投诉答复", "稽查结果", "室温不达标"], names
    cells = [c for row in book["室温不达标"].iter_rows(values_only=True) for c in row]
    assert "YG-501" in cells and "TM-01" in cells


def test_the_cases_settings_are_the_service_settings(office):
    run = office
    status, out, _ = run("order", "settings")
    assert status == 0 and "room_temp_standard = 18" in out
    assert "cold_refund_steps = 1:10,3:20,5:30" in out
    assert run("order", "settings", "complaint_reply_days", "3")[0] == 0
    status, _, err = run("order", "settings", "cold_refund_steps", "1:10,0:5")
    assert status == 1 and "室温不达标退费档次" in err
    status, out, _ = run("complaint", "add", "--channel", "letter", "--name", "李娜",
                         "--address", "x", "--content", "y")
    assert out.splitlines()[1] == "答复期限：2026-12-05 00:00"


def test_the_service_report_as_pdf(office, tmp_path):
    """``export service --out F.pdf``: the same tables on A4 landscape with their figures."""
    run = office
    for _ in range(2):  # two calls: one dispatched in time, one late
        assert run("call", "add", "--phone", "13800000001", "--contact", "张伟",
                   "--account", "YG-101", "--category", "no-heat", "--content", "暖气不热",
                   "--confirm-readback", "--at", "2026-12-01 08:00")[0] == 0
    for n, minutes in ((1, 3), (2, 12)):
        assert run("order", "new", "--call", f"RX-2026-00000{n}")[0] == 0
        assert run("order", "dispatch", f"WO-2026-00000{n}", "--to", "admin",
                   "--at", f"2026-12-01 08:{minutes:02d}")[0] == 0
    assert run("complaint", "add", "--channel", "letter", "--name", "李娜", "--address", "x",
               "--content", "室温低")[0] == 0
    assert run("inspection", "add", "--kind", "seal", "--account", "YG-101",
               "--findings", "贴封")[0] == 0
    assert run("tempcheck", "record", "--account", "YG-501", "--celsius", "16.5",
               "--instrument", "TM-01")[0] == 0
    out = tmp_path / "service.pdf"
    status, printed, err = run("export", "service", "--from", "2026-12-01", "--to",
                               "2026-12-01", "--out", str(out))
    assert (status, err) == (0, ""), err
    assert printed.startswith("已写出 2 页")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for heading in ("服务报表", "来电按日按类别", "派工用时", "未关闭维修单按人员", "维修单",
                    "投诉答复", "稽查结果", "室温不达标"):
        assert heading in flat, heading
    # dispatch: 2 dispatched, 1 within 10 minutes, 1 late, 50.0 %, average 7.5 min, longest 12
    assert re.search(r"2026-12-01\s+2\s+1\s+1\s+50\.0\s+7\.5\s+12\.0", text), text
    assert "WO-2026-000002" in flat and "TM-01" in flat and "16.5" in flat
    # a wrong suffix is refused before any work
    status, _, err = run("export", "service", "--from", "2026-12-01", "--to", "2026-12-01",
                         "--out", str(tmp_path / "x.csv"))
    assert status == 1 and ".xlsx / .pdf" in err
