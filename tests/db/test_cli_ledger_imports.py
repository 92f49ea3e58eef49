"""`heatoffice import balances|payments FILE` on a temp SQLite file: messy sheets (title rows,
other column names, full-width digits), the report with its reconciliation, exit codes 0, 1
and 2, the same file twice adding nothing, --valid-only, --dry-run, --rejects, and `check`
clean after every import."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from seats import SETUP

from heatoffice import clock
from heatoffice.db.connection import connect, database

ADMIN_PW = "secret-admin"
JAN12 = dt.date(2027, 1, 12)


@pytest.fixture(autouse=True)
def _office_day(cli_env, monkeypatch):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    clock.shift(dt.datetime.combine(JAN12, dt.time(10)) - clock.now())


@pytest.fixture
def office(run, url):
    """init and two homes of 阳光花园 (YG-301 张伟 3-2-301, YG-302 李娜 3-2-302)."""
    from heatoffice.accounts import service

    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    connect(url)
    for no, name in (("YG-301", "张伟"), ("YG-302", "李娜")):
        service.open_account(SETUP, dict(
            account_no=no, name=name, community="阳光花园", building="3", unit="2",
            room=no[-3:], heating_area="85.50"), status="heating")
    database.obj.close()
    return url


def _xlsx(path, title: str, header: list[str], rows: list[list]) -> str:
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    ws.append(["合计", None, None])
    wb.save(path)
    return str(path)


def _check_clean(run) -> None:
    status, out, _ = run("check")
    assert status == 0, out


def test_payment_batch_from_a_bank_file(office, run, tmp_path):
    path = _xlsx(tmp_path / "bank.xlsx", "工商银行代收明细 2027年1月",
                 ["用户编号", "实收金额", "交易日期", "渠道", "交易流水号", "户名", "地址"],
                 [["ＹＧ－３０１", "1000.00", dt.datetime(2027, 1, 11), "银行卡", "B0001",
                   "张伟", ""],
                  ["YG-302", 500, "2027-01-11", "", "B0002", "李娜", ""],
                  ["YG-9", "80", "2027-01-11", "", "B0003", "李娜", "阳光花园3-2-302"]])
    status, out, err = run("import", "payments", path, "--source", "工商银行")
    assert status == 1
    assert out.splitlines() == [
        "读取：4 行", "跳过：1 行（空行、合计行、重复的表头）", "导入：0 行", "拒绝：1 行",
        "对账：文件合计 1580.00 元，导入 0.00 元，未导入 1580.00 元",
        "第 6 行\t用户编号\t户号：户号“YG-9”不存在；按户名和地址可能是 YG-302"
        "（请核对后改正文件，不会自动入账）"]
    status, out, err = run("import", "payments", path, "--source", "工商银行", "--valid-only",
                           "--rejects", str(tmp_path / "rejects.xlsx"))
    assert status == 1
    assert out.splitlines()[2:5] == ["导入：2 行", "拒绝：1 行",
                                     "对账：文件合计 1580.00 元，导入 1500.00 元，未导入 80.00 元"]
    rejects = [tuple(r) for r in load_workbook(tmp_path / "rejects.xlsx").active
               .iter_rows(values_only=True)]
    assert any("YG-9" in r for r in rejects)
    _check_clean(run)
    # the same file again: nothing added, every row a duplicate
    status, out, err = run("import", "payments", path, "--source", "工商银行", "--valid-only")
    assert status == 1
    assert out.splitlines()[2:4] == ["导入：0 行", "拒绝：3 行"]
    assert "工商银行 流水号“B0001”已导入（收据 2027-000001），不再重复入账" in out
    status, out, err = run("export", "payments", "--from", "2027-01-11", "--to", "2027-01-11",
                           "--out", str(tmp_path / "journal.xlsx"))
    assert status == 0, err
    cells = [c for r in load_workbook(tmp_path / "journal.xlsx").active
             .iter_rows(values_only=True) for c in r]
    assert "工商银行" in cells and "B0001" in cells and "B0002" in cells
    _check_clean(run)


def test_a_clean_batch_exits_0_and_a_dry_run_writes_nothing(office, run, tmp_path):
    path = _xlsx(tmp_path / "wx.xlsx", "微信代收", ["户号", "金额", "日期", "方式", "流水号"],
                 [["YG-301", "12.50", "2027-01-12", "微信", "WX1"]])
    status, out, _ = run("import", "payments", path, "--source", "微信代收", "--dry-run")
    assert (status, out.splitlines()[2]) == (0, "导入：0 行（只检查；可导入 1 行）")
    status, out, _ = run("import", "payments", path, "--source", "微信代收")
    assert (status, out.splitlines()[2]) == (0, "导入：1 行")
    _check_clean(run)


def test_opening_balances_from_the_old_system(office, run, tmp_path):
    path = _xlsx(tmp_path / "old.xlsx", "旧系统欠费（截至2026-10-31）",
                 ["户号", "年度", "欠费金额", "滞纳金"],
                 [["YG-301", "2024-2025", "800", "40"], ["YG-302", "2025-2026", "1,200.50", None],
                  ["YG-302", "2025-2026", "5", None]])
    status, out, _ = run("import", "balances", path)
    assert status == 1
    assert out.splitlines()[2:7] == [
        "导入：0 行", "拒绝：2 行", "对账：文件合计 2005.50 元，导入 0.00 元，未导入 2005.50 元",
        "滞纳金：文件合计 40.00 元，导入 0.00 元",
        "第 5 行\t年度\t采暖季：户号 YG-302 的 2025-2026 期初欠费在文件中重复"
        "（第 5、6 行）"]
    status, out, _ = run("import", "balances", path, "--valid-only")
    assert status == 1
    assert out.splitlines()[2:6] == [
        "导入：1 行", "拒绝：2 行", "对账：文件合计 2005.50 元，导入 800.00 元，未导入 1205.50 元",
        "滞纳金：文件合计 40.00 元，导入 40.00 元"]
    _check_clean(run)
    _in_the_ledger(office)
    status, out, _ = run("import", "balances", path, "--valid-only")
    assert out.splitlines()[2] == "导入：0 行"
    _check_clean(run)


def _in_the_ledger(url: str) -> None:
    from heatoffice.accounts.models import Account
    from heatoffice.billing.statement import ledger_entries

    connect(url)
    try:
        account = Account.get(Account.account_no == "YG-301")
        assert [(e.kind, e.code, e.season, str(e.debit)) for e in ledger_entries(account.id)] == [
            ("bill", "opening", "2024-2025", "800.00"), ("adjustment", "late_fee", "", "40.00")]
    finally:
        database.obj.close()


def test_wrong_usage_exits_2(office, run, tmp_path):
    assert run("import", "payments")[0] == 2
    assert run("import", "nothing", "x.xlsx")[0] == 2
