"""The reception and account commands in-process on a temp SQLite file: application new,
docs, the workflow's verbs, show and list; accounts add, edit, status and show; refusals are
exit 1 with one line naming the rule, usage errors exit 2."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from heatoffice import clock

ADMIN_PW = "secret-admin"


@pytest.fixture(autouse=True)
def _office_day(cli_env, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    # Thursday 2026-09-10: before the stop deadline of the 2026-2027 season
    clock.shift(dt.datetime(2026, 9, 10, 10) - clock.now())


@pytest.fixture
def office(run):
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    status, out, err = run("accounts", "add", "--account-no", "YG-301", "--name", "张伟",
                           "--community", "阳光花园", "--building", "3", "--room", "301",
                           "--area", "85.50", "--status", "heating")
    assert (status, out.strip(), err) == (0, "YG-301", "")
    return run


def test_accounts_edit_status_and_show(office):
    run = office
    assert run("accounts", "edit", "YG-301", "--phone", "13800000001")[0] == 0
    status, out, _ = run("accounts", "status", "YG-301", "stopped", "--reason", "空置",
                         "--from", "2026-11-15")
    assert (status, out.strip()) == (0, "YG-301：报停")
    status, out, _ = run("--lang", "en", "accounts", "show", "YG-301")
    assert status == 0
    assert "account number: YG-301" in out
    assert "phone: 13800000001" in out and "status: stopped" in out
    assert "balance: 0.00" in out and "last payments: none" in out
    status, _, err = run("accounts", "status", "YG-301", "pending", "--reason", "x")
    assert status == 1 and err.count("\n") == 1 and "报停" in err


def test_a_stop_application_from_the_desk_to_done(office):
    run = office
    status, out, err = run("application", "new", "stop", "--account", "YG-301",
                           "--applicant", "张伟", "--phone", "13800000001",
                           "--from", "2026-11-15", "--doc", "owner-id:original")
    assert (status, out.strip(), err) == (0, "SL-2026-000001", "")
    status, _, err = run("application", "accept", "SL-2026-000001")
    assert status == 1
    assert err == "缺少必需材料，不能受理：房产证或购房合同、上季缴费收据\n"
    status, out, _ = run("application", "docs", "SL-2026-000001",
                         "--doc", "property-proof:copy", "--doc", "last-receipt:original:kept")
    assert status == 0 and "缺少" not in out
    # a second stop of the same account
    status, _, err = run("--lang", "en", "application", "new", "stop", "--account", "YG-301",
                         "--applicant", "张伟", "--phone", "13800000001")
    assert (status, err) == (1, "the account has an open stop heating application "
                                "SL-2026-000001: one open application per account and type\n")
    for verb in ("review", "accept", "forward"):
        assert run("application", verb, "SL-2026-000001")[0] == 0
    status, out, _ = run("application", "done", "SL-2026-000001")
    assert (status, out.strip()) == (0, "SL-2026-000001：已办结")
    status, out, _ = run("application", "show", "SL-2026-000001")
    assert status == 0
    assert "办理状态: 已办结" in out and "上季缴费收据 原件 留存归档" in out
    status, out, _ = run("application", "list", "--state", "done", "--type", "stop")
    assert status == 0 and out.startswith("SL-2026-000001  报停  已办结  YG-301")
    assert run("accounts", "show", "YG-301")[1].count("状态: 报停") == 1


def test_usage_errors_exit_2(office):
    run = office
    assert run("application", "new", "teleport", "--applicant", "x", "--phone", "1")[0] == 2
    assert run("application", "forward", "SL-2026-000001", "--to", "kitchen")[0] == 2
    status, _, err = run("application", "show", "SL-2026-000099")
    assert status == 1 and "SL-2026-000099" in err


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_the_receipt_lists_documents_received_and_returned(office, tmp_path):
    run = office
    run("application", "new", "transfer", "--account", "YG-301", "--applicant", "周新",
        "--phone", "13900000005", "--doc", "owner-id:original", "--doc",
        "new-owner-id:original:returned", "--doc", "transfer-contract:copy")
    receipt = tmp_path / "receipt.pdf"
    status, out, _ = run("print", "acceptance", "SL-2026-000001", "--out", str(receipt))
    assert status == 0 and str(receipt) in out
    text = _pdf_text(receipt)
    assert "业务受理回执" in text and "SL-2026-000001" in text and "过户" in text
    assert "系统管理员" in text  # the clerk by the name staff know, not the login "admin"
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "1 户主身份证 原件 是 已退还" in lines
    assert "2 新户主身份证 原件 是 已退还" in lines
    assert "3 过户合同 复印件 是 留存归档" in lines
    assert any(line.startswith("尚缺材料：房产证或购房合同") for line in lines)
    # 2026-09-10 (Thursday) + 5 working days = 2026-09-17; finance does transfers
    assert "本申请将转交财务科办理，预计 2026年9月17日 前办结。" in text.replace("\n", "")
    slip = tmp_path / "slip.pdf"
    assert run("print", "handover", "SL-2026-000001", "--out", str(slip))[0] == 0
    slip_text = _pdf_text(slip)
    assert "新户主身份证" in slip_text and "过户合同" not in slip_text
    review = tmp_path / "review.pdf"
    assert run("print", "review", "SL-2026-000001", "--out", str(review))[0] == 0
    assert "已接收" in _pdf_text(review) and "系统管理员" in _pdf_text(review)


def test_the_application_register(office, tmp_path):
    run = office
    run("application", "new", "other", "--account", "YG-301", "--applicant", "=张伟",
        "--phone", "13800000001")
    out = tmp_path / "register.xlsx"
    status, printed, _ = run("export", "applications", "--from", "2026-09-01", "--to",
                             "2026-09-30", "--out", str(out))
    assert status == 0 and "1" in printed
    ws = load_workbook(out).active
    assert ws["A1"].value == "业务受理登记簿"
    assert ws["A2"].value == "接收日期 2026-09-01 至 2026-09-30，共 1 件"
    assert [c.value for c in ws[3]][:3] == ["受理编号", "类别", "状态"]
    row = [c.value for c in ws[4]]
    assert row[:5] == ["SL-2026-000001", "其他", "已接收", "YG-301", "'=张伟"]
    assert ws.print_title_rows == "$1:$3" and ws.page_setup.orientation == "landscape"
    assert run("export", "applications", "--from", "2026-10-01", "--to", "2026-10-31",
               "--out", str(out))[0] == 0
    assert load_workbook(out).active.max_row == 3


def test_an_admin_edits_a_types_checklist(office, monkeypatch):
    run = office
    status, out, _ = run("application", "checklist", "resume")
    assert (status, out) == (0, "owner-id  户主身份证\n")
    status, out, err = run("application", "checklist", "resume", "--doc", "owner-id",
                           "--doc", "heat-card", "--label", "heat-card=供热证/heating card")
    assert (status, out, err) == (0, "owner-id  户主身份证\nheat-card  供热证\n", "")
    status, out, _ = run("--lang", "en", "application", "checklist", "resume")
    assert out == "owner-id  owner's ID\nheat-card  heating card\n"
    # a key nobody named is refused, naming the field; nothing changes
    status, _, err = run("application", "checklist", "resume", "--doc", "owner-id",
                         "--doc", "no-such")
    assert status == 1 and err.count("\n") == 1 and "no-such" in err
    assert run("application", "checklist", "resume")[1] == (
        "owner-id  户主身份证\nheat-card  供热证\n")
    # the new document is asked for: a resume without it is not accepted
    run("accounts", "status", "YG-301", "stopped", "--reason", "空置")
    status, out, _ = run("application", "new", "resume", "--account", "YG-301",
                         "--applicant", "张伟", "--phone", "13800000001",
                         "--doc", "owner-id:original")
    status, _, err = run("application", "accept", out.strip())
    assert (status, err) == (1, "缺少必需材料，不能受理：供热证\n")
