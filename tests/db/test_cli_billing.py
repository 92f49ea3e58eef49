"""The fee ledger's commands run in-process on a temp SQLite file (and once on PostgreSQL):
season, bill, pay, reverse, close-day, print and export, with exact yuan amounts."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from seats import SETUP

from heatoffice import clock
from heatoffice.db.connection import connect, database

ADMIN_PW = "secret-admin"
DEC5 = dt.date(2026, 12, 5)
TARIFF = ["--category", "residential", "--price", "24.00", "--stopped-share", "30%",
          "--late-fee-rate", "0.05%", "--late-fee-from", "2027-01-01", "--discount-rate", "2%",
          "--discount-until", "2026-11-30", "--relief-share", "50%", "--relief-max-area", "60",
          "--relief-cap", "600", "--connection-fee", "45"]


@pytest.fixture(autouse=True)
def _office_day(cli_env, monkeypatch):
    """The admin's password in the environment; url and run: tests/db/conftest.py."""
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    # The office's day: after the early-payment discount, before late fees.
    clock.shift(dt.datetime.combine(DEC5, dt.time(10)) - clock.now())


def _homes(url: str) -> dict[str, int]:
    """Three homes of 阳光花园 opened through the account service: heating 85.50 m², stopped
    90.00 m², low-income 75.00 m²; returns their ids by account number."""
    from heatoffice.accounts import service

    system = SETUP
    connect(url)
    ids = {}
    for no, area, status, low_income in (("YG-301", "85.50", "heating", False),
                                         ("YG-302", "90.00", "stopped", False),
                                         ("YG-303", "75.00", "heating", True)):
        ids[no] = service.open_account(system, dict(
            account_no=no, name="住户" + no[-3:], community="阳光花园", building="3",
            room=no[-3:], heating_area=area, low_income=low_income), status=status).id
    database.obj.close()
    return ids


def _user(url: str, name: str, role: str) -> None:
    from heatoffice.auth import service

    connect(url)
    service.create_user(SETUP, name, f"{name}-pw-123", role)
    database.obj.close()


@pytest.fixture
def billed(run, url):
    """init, three homes, the 2026-2027 season with its tariff, billed."""
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    ids = _homes(url)
    assert run("season", "add", "2026-2027", "--start", "2026-11-15", "--end", "2027-03-15",
               )[:2] == (0, "已新增采暖季 2026-2027：2026-11-15 至 2027-03-15\n")
    assert run("season", "tariff", "2026-2027", *TARIFF)[:2] == (
        0, "已设置 2026-2027 居民 热价（第 1 版）\n")
    status, out, err = run("bill", "2026-2027")
    # 85.50 × 24.00 = 2,052.00; 90.00 × 24.00 × 30 % = 648.00;
    # 75.00 × 24.00 = 1,800.00 less relief 60.00 × 24.00 × 50 % = 720.00 capped at 600.00
    # = 1,200.00; together 2,052.00 + 648.00 + 1,200.00 = 3,900.00
    assert (status, out) == (0, "2026-2027 开票 3 户，合计 ¥3,900.00；不开票 0 户\n")
    assert err.splitlines()[-1] == "开票：3/3"
    return ids


def _pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"],
                          capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", done.stdout)


def _sheet(path) -> list[tuple]:
    """The sheet's table: its header row, data and totals, without the title rows above
    (one cell each: company, report, filters, who printed it)."""
    wb = load_workbook(path, read_only=True)
    rows = [tuple(c.value for c in r) for r in wb.active.iter_rows()]
    wb.close()
    head = next(i for i, r in enumerate(rows) if len(r) > 1)
    assert rows[0] == ("阳光热力",) or rows[0] == ("Sunshine",), rows[0]
    return rows[head:]


def test_a_day_at_the_window_from_billing_to_check(billed, run, url, tmp_path):
    status, out, err = run("season", "show", "2026-2027")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "采暖季 2026-2027：2026-11-15 至 2027-03-15，共 121 天"
    assert lines[1] == "居民（第 1 版，admin 于 2026-12-05 10:00 设置）"
    assert lines[2:15] == [
        "  面积热价（元/㎡）：24.00", "  基本热价（元/㎡）：-", "  计量热价（元/GJ）：-",
        "  计量结算方式：both_ways（多退少补）", "  报停收费比例：30%", "  滞纳金日费率：0.05%",
        "  滞纳金起算日：2027-01-01", "  提前缴费优惠比例：2%", "  优惠截止日：2026-11-30",
        "  低保减免比例：50%", "  减免面积上限（㎡）：60.00", "  减免金额上限（元）：600.00",
        "  配套费（元/㎡）：45.00"]
    assert lines[15:] == ["单位：未设置热价", "商业：未设置热价"]

    # 住户301 pays his 2,052.00 in cash with 2,100.00: change 48.00; the receipt prints at once.
    first = tmp_path / "first.pdf"
    status, out, err = run("pay", "YG-301", "2052.00", "--method", "cash", "--tendered",
                           "2100", "--receipt-out", str(first))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "收据号：2026-000001", "收款：¥2,052.00（现金）  户号 YG-301 住户301",
        "找零：¥48.00（实收 ¥2,100.00）", "余额：¥0.00", f"收据已打印到 {first}"]
    text = _pdf_text(first)
    assert "2026-000001" in text and "2,052.00" in text and "贰仟零伍拾贰元整" in text
    assert "副本" not in text

    # Printed again it is a copy.
    again = tmp_path / "again.pdf"
    status, out, _ = run("print", "receipt", "2026-000001", "--out", str(again))
    assert (status, out) == (0, f"已打印收据 2026-000001（副本）：{again}\n")
    text = _pdf_text(again)
    assert "2026-000001" in text and "2,052.00" in text and "副本" in text

    # 住户302 pays 648.00 by WeChat, but it was the wrong account's money: reversed at once.
    status, out, _ = run("pay", "YG-302", "648", "--method", "wechat")
    assert status == 0
    assert out.splitlines() == ["收据号：2026-000002", "收款：¥648.00（微信）  户号 YG-302 住户302",
                                "余额：¥0.00"]
    status, out, _ = run("reverse", "2026-000002", "--reason", "收错户")
    assert (status, out) == (0, "红冲收据号：2026-000003（冲销 2026-000002，金额 -¥648.00）\n")

    # The day is closed: cash 2,052.00; WeChat 648.00 − 648.00 = 0.00; net 2,052.00.
    status, out, _ = run("close-day")
    assert status == 0
    assert out.splitlines() == [
        "已日结：admin 2026-12-05", "收据 3 张：2026-000001 至 2026-000003",
        "现金：¥2,052.00", "微信：¥0.00", "其中红冲 1 笔：-¥648.00", "合计：¥2,052.00",
        "应交现金：¥2,052.00"]
    # ... and takes no more payments, naming the closed day.
    status, out, err = run("pay", "YG-302", "648", "--method", "wechat")
    assert (status, out) == (1, "")
    assert err == "admin 的 2026-12-05 已日结，不能再记入该日；更正请记入未日结的日期\n"

    # The season ledger: one row per bill; the totals equal the bills.
    ledger_file = tmp_path / "ledger.xlsx"
    status, out, _ = run("export", "ledger", "--season", "2026-2027", "--out", str(ledger_file))
    assert (status, out) == (0, f"已导出 3 行到 {ledger_file}\n")
    rows = _sheet(ledger_file)
    assert rows[0][:11] == ("户号", "户名", "小区", "地址", "类别", "状态", "计费面积(㎡)",
                            "应收(元)", "调整(元)", "实收(元)", "欠费(元)")
    assert [r[:1] + r[6:11] for r in rows[1:4]] == [
        ("YG-301", 85.5, 2052, 0, 2052, 0),
        ("YG-302", 90, 648, 0, 0, 648),
        ("YG-303", 75, 1200, 0, 0, 1200)]
    assert rows[4][0] == "合计" and rows[4][7:11] == (3900, 0, 2052, 1848)

    status, out, _ = run("check")
    assert status == 0, out
    assert "[OK] ledger: 3 accounts: billed + adjusted − paid = balance" in out.splitlines()

    connect(url)
    from heatoffice.billing.models import AccountBalance, Payment

    assert [(p.receipt_no, p.amount, p.cashier) for p in Payment.select().order_by(Payment.id)] \
        == [("2026-000001", D("2052.00"), "admin"), ("2026-000002", D("648.00"), "admin"),
            ("2026-000003", D("-648.00"), "admin")]
    assert {a: AccountBalance.get_by_id(i).balance for a, i in billed.items()} == {
        "YG-301": D("0.00"), "YG-302": D("648.00"), "YG-303": D("1200.00")}


def test_documents_and_reports(billed, run, tmp_path):
    assert run("pay", "YG-303", "500", "--method", "alipay", "--reference",
               "2026120522001404561234567890")[0] == 0
    notices = tmp_path / "notices.pdf"
    status, out, err = run("print", "notice", "--season", "2026-2027", "--community", "阳光花园",
                           "--out", str(notices))
    assert (status, out) == (0, f"已生成 3 份缴费通知单：{notices}\n")
    assert err.splitlines()[-1] == "生成 PDF：3/3"
    text = _pdf_text(notices)
    assert all(no in text for no in ("YG-301", "YG-302", "YG-303"))
    assert "2,052.00" in text and "648.00" in text and "-600.00" in text

    one = tmp_path / "one.pdf"
    status, out, _ = run("print", "notice", "--season", "2026-2027", "--account", "yg-302",
                         "--out", str(one))
    assert (status, out) == (0, f"已生成 1 份缴费通知单：{one}\n")
    text = _pdf_text(one)
    assert "YG-302" in text and "YG-301" not in text

    # Everybody owes except nobody: 301 and 302 owe all, 303 owes 1,200.00 − 500.00 = 700.00;
    # but nothing is due before 2027-01-01, so no dunning letter goes out on 12-05.
    dunning = tmp_path / "dunning.pdf"
    status, out, _ = run("print", "dunning", "--account", "YG-303", "--out", str(dunning))
    assert (status, out) == (0, f"已生成 0 份催缴通知单：{dunning}\n")
    clock.shift(dt.timedelta(days=28))  # 2027-01-02: overdue
    status, out, _ = run("print", "dunning", "--account", "YG-303", "--out", str(dunning))
    clock.shift(-dt.timedelta(days=28))
    assert (status, out) == (0, f"已生成 1 份催缴通知单：{dunning}\n")
    assert "700.00" in _pdf_text(dunning) and "2027年1月2日" in _pdf_text(dunning)

    sheets = tmp_path / "recheck.pdf"
    status, out, _ = run("print", "recheck", "--season", "2026-2027", "--community", "阳光花园",
                         "--out", str(sheets))
    assert (status, out) == (0, f"已生成 1 页：{sheets}\n")
    assert all(no in _pdf_text(sheets) for no in ("YG-301", "YG-302", "YG-303"))

    daily = tmp_path / "daily.pdf"
    status, out, _ = run("print", "daily", "--date", "2026-12-05", "--out", str(daily))
    assert (status, out) == (0, f"已生成 1 页：{daily}\n")
    text = _pdf_text(daily)
    assert "2026-000001" in text and "500.00" in text

    # The arrears are what is overdue: nothing yet; what is owed is shown apart.
    arrears = tmp_path / "arrears.xlsx"
    status, out, _ = run("export", "arrears", "--community", "阳光花园", "--out", str(arrears))
    assert (status, out) == (0, f"已导出 0 行到 {arrears}\n")
    rows = _sheet(arrears)
    assert rows[1][:2] == ("合计", "0 户") and rows[2][:2] == ("另有未到期", "3 户")
    assert rows[2][8] == 3400  # 2,052.00 + 648.00 + 700.00
    status, out, _ = run("export", "arrears", "--community", "阳光花园", "--include-not-due",
                         "--out", str(arrears))
    assert (status, out) == (0, f"已导出 3 行到 {arrears}\n")
    rows = _sheet(arrears)
    assert rows[0][7:9] == ("逾期欠费(元)", "未到期(元)")
    assert [(r[0], r[7], r[8]) for r in rows[1:4]] == [
        ("YG-301", 0, 2052), ("YG-302", 0, 648), ("YG-303", 0, 700)]
    assert rows[4][0] == "合计" and rows[4][7:9] == (0, 3400)

    journal = tmp_path / "payments.xlsx"
    status, out, _ = run("--lang", "en", "export", "payments", "--from", "2026-12-01", "--to",
                         "2026-12-31", "--out", str(journal))
    assert (status, out) == (0, f"exported 1 rows to {journal}\n")
    rows = _sheet(journal)
    assert rows[0][:2] == ("Receipt no.", "Business date")
    assert rows[0][6:9] == ("Method", "Collected by", "Transaction reference")
    assert (rows[1][0], rows[1][3], rows[1][6], rows[1][7], rows[1][8], rows[1][9]) == (
        "2026-000001", "YG-303", "Alipay", None, "2026120522001404561234567890", 500)

    day_sheet = tmp_path / "daily.xlsx"
    status, out, _ = run("export", "daily", "--out", str(day_sheet))
    assert (status, out) == (0, f"已导出 1 行到 {day_sheet}\n")
    assert _sheet(day_sheet)[1][1] == "2026-000001"


def test_english_output(billed, run):
    status, out, _ = run("--lang", "en", "pay", "YG-301", "1000", "--method", "card")
    assert status == 0
    assert out.splitlines() == ["receipt: 2026-000001",
                                "paid: ¥1,000.00 (bank card)  account YG-301 住户301",
                                "balance: ¥1,052.00"]
    status, out, _ = run("--lang", "en", "close-day", "--date", "2026-12-05")
    assert out.splitlines() == [
        "day closed: admin 2026-12-05", "1 receipts: 2026-000001 to 2026-000001",
        "bank card: ¥1,000.00", "total: ¥1,000.00", "cash to hand over: ¥0.00"]


BAD_INPUT = [
    (["season", "add", "2026", "--start", "2026-11-15", "--end", "2027-03-15"],
     "采暖季名称：“2026”应为相邻两年，如 2026-2027"),
    (["season", "add", "2027-2028", "--start", "2027-11-15", "--end", "2028-02-30"],
     "结束日期：“2028-02-30”不是日期（年-月-日）"),
    (["season", "tariff", "2026-2027", "--category", "residential", "--price", "abc",
      "--stopped-share", "30%"], "面积热价（元/㎡）：“abc”不是金额"),
    (["season", "tariff", "2026-2027", "--category", "residential", "--price", "24",
      "--stopped-share", "130%"], "报停收费比例：比例应在 0 到 1（0%–100%）之间（130%）"),
    (["season", "show", "2030-2031"], "找不到采暖季“2030-2031”"),
    (["bill", "2030-2031"], "找不到采暖季“2030-2031”"),
    (["pay", "YG-301", "12.345", "--method", "cash"], "金额：“12.345”最多两位小数（到分）"),
    (["pay", "YG-301", "100", "--method", "bitcoin"],
     "方式：“bitcoin”不是可选值（现金、银行卡、微信、支付宝、转账）"),
    (["pay", "YG-301", "100", "--method", "cash", "--tendered", "50"],
     "实收现金：实收现金 50.00 元少于应收 100.00 元"),
    (["pay", "NOPE", "100", "--method", "cash"], "找不到户号或编号为“NOPE”的用户"),
    (["pay", "YG-301", "100", "--method", "cash", "--receipt-out", "r.txt"],
     "文件“r.txt”应以 .pdf 结尾"),
    (["reverse", "2026-999999", "--reason", "x"], "收据号：找不到收据“2026-999999”"),
    (["reverse", "2026-999999", "--reason", " "], "原因：必须填写"),
    (["close-day", "--date", "2026-13-01"], "营业日期：“2026-13-01”不是日期（年-月-日）"),
    (["close-month", "2026-1"], "月份：“2026-1”不是月份（年-月，如 2026-11）"),
    (["print", "notice", "--season", "2026-2027", "--account", "YG-999", "--out", "n.pdf"],
     "找不到户号或编号为“YG-999”的用户"),
    (["print", "recheck", "--season", "2026-2027", "--collector", "X9", "--out", "r.pdf"],
     "找不到员工“X9”"),
    (["export", "ledger", "--season", "2026-2027", "--out", "ledger.csv"],
     "文件“ledger.csv”应以 .xlsx 结尾"),
    (["export", "payments", "--from", "yesterday", "--to", "2026-12-05", "--out", "p.xlsx"],
     "开始日期：“yesterday”不是日期（年-月-日）"),
    (["export", "arrears", "--age", "ancient", "--out", "a.xlsx"],
     "欠费账龄：“ancient”不是可选值（本季、上一季、更早、未到期）"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT,
                         ids=[f"{i}-{'-'.join(a[:2])}" for i, (a, _) in enumerate(BAD_INPUT)])
def test_bad_input_is_exit_1_naming_the_field(billed, run, tmp_path, monkeypatch, args,
                                              message):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(*args)
    assert (status, out, err.strip()) == (1, "", message)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))


def test_print_notice_of_an_account_without_a_bill(billed, run, url, tmp_path):
    from heatoffice.accounts import service

    connect(url)
    service.open_account(SETUP, dict(account_no="YG-401", name="新户",
                                              community="阳光花园", heating_area="60"))
    database.obj.close()
    status, _, err = run("print", "notice", "--season", "2026-2027", "--account", "YG-401",
                         "--out", str(tmp_path / "n.pdf"))
    assert (status, err.strip()) == (1, "用户：用户 YG-401 没有 2026-2027 采暖季的账单")


def test_roles_are_checked_by_the_services(billed, run, url, tmp_path, monkeypatch):
    _user(url, "wang", "cashier")
    _user(url, "reader", "read_only")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "wang-pw-123")
    status, _, err = run("--user", "wang", "bill", "2026-2027")
    assert (status, err.strip()) == (1, "无权执行此操作：采暖季开票")
    status, _, err = run("--user", "wang", "season", "add", "2027-2028", "--start",
                         "2027-11-15", "--end", "2028-03-15")
    assert (status, err.strip()) == (1, "无权执行此操作：设置采暖季与热价")
    status, out, _ = run("--user", "wang", "pay", "YG-301", "100", "--method", "cash")
    assert status == 0 and out.startswith("收据号：2026-000001\n")
    status, _, err = run("--user", "wang", "close-month", "2026-11")
    assert (status, err.strip()) == (1, "无权执行此操作：月结")
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "reader-pw-123")
    status, _, err = run("--user", "reader", "export", "ledger", "--season", "2026-2027",
                         "--out", str(tmp_path / "l.xlsx"))
    assert (status, err.strip()) == (1, "无权执行此操作：导出台账报表")
    status, _, err = run("--user", "reader", "reverse", "2026-000001", "--reason", "x")
    assert (status, err.strip()) == (1, "无权执行此操作：当日红冲本人收据")
    assert not (tmp_path / "l.xlsx").exists()


def test_close_month_after_the_month(billed, run):
    assert run("pay", "YG-301", "2052", "--method", "transfer")[0] == 0
    status, _, err = run("close-month", "2026-12")
    assert (status, err.strip()) == (1, "月份：2026-12 尚未结束，不能月结")
    clock.shift(dt.timedelta(days=30))  # 2027-01-04
    status, _, err = run("close-month", "2026-12")
    assert status == 1
    assert err.strip() == "2026-12 还有 1 个收费日未日结：admin 2026-12-05；请先日结"
    assert run("close-day", "--date", "2026-12-05")[0] == 0
    status, out, _ = run("close-month", "2026-12")
    assert (status, out.splitlines()) == (0, ["已月结：2026-12", "转账：¥2,052.00",
                                              "合计：¥2,052.00"])


def test_usage_errors_are_exit_2(billed, run):
    for args in (["print", "bogus", "--out", "x.pdf"], ["export", "bogus"], ["season"],
                 ["season", "bogus"], ["print"], ["export"], ["bill"],
                 ["pay", "YG-301", "100"],  # --method is required
                 ["reverse", "2026-000001"],  # --reason is required
                 ["print", "notice", "--season", "2026-2027", "--community", "阳光花园",
                  "--account", "YG-301", "--out", "x.pdf"],
                 ["print", "receipt", "--out", "x.pdf"],
                 ["print", "notice", "--season", "2026-2027", "--size", "B5", "--out", "x.pdf"],
                 ["export", "payments", "--from", "2026-12-01", "--out", "p.xlsx"]):
        status, out, err = run(*args)
        assert (status, out) == (2, ""), args
        assert err.startswith("用法：heatoffice"), args


def test_help_of_each_billing_command(run):
    commands = [["season", "add"], ["season", "show"], ["season", "tariff"], ["bill"], ["pay"],
                ["reverse"], ["close-day"], ["close-month"], ["print"], ["export"]]
    commands += [["print", k] for k in ("notice", "receipt", "dunning", "recheck", "daily",
                                        "month")]
    commands += [["export", k] for k in ("ledger", "arrears", "payments", "daily", "month")]
    for args in commands:
        for lang in ("zh", "en"):
            status, out, _ = run("--lang", lang, *args, "--help")
            usage = "用法：" if lang == "zh" else "usage: "
            assert status == 0 and out.startswith(usage + "heatoffice " + " ".join(args)), args
    status, out, _ = run("pay", "--help")
    assert "收款方式：cash（现金）" in out and "HEATOFFICE_PASSWORD" in out
    status, out, _ = run("--lang", "en", "season", "tariff", "--help")
    assert "--stopped-share S" in out and "e.g. 0.3 or 30%" in out


def _empty_pg(url: str) -> None:
    """The shared test database emptied (triggers off, so the write-once guards let it)."""
    db = connect(url)
    tables = [t for t in db.get_tables() if t != "schema_version"]
    db.execute_sql("SET session_replication_role = replica")
    try:
        for table in tables:
            db.execute_sql(f'DELETE FROM "{table}"')
    finally:
        db.execute_sql("SET session_replication_role = DEFAULT")
    db.close()


def test_season_bill_pay_and_check_on_postgresql(run, pg_url):
    _empty_pg(pg_url)
    assert run("init", "--admin-password", ADMIN_PW, db=pg_url)[0] == 0
    _homes(pg_url)
    assert run("season", "add", "2026-2027", "--start", "2026-11-15", "--end", "2027-03-15",
               db=pg_url)[0] == 0
    assert run("season", "tariff", "2026-2027", *TARIFF, db=pg_url)[0] == 0
    status, out, _ = run("bill", "2026-2027", db=pg_url)
    assert (status, out) == (0, "2026-2027 开票 3 户，合计 ¥3,900.00；不开票 0 户\n")
    # Billing again bills nobody twice.
    status, out, _ = run("bill", "2026-2027", db=pg_url)
    assert (status, out) == (0, "2026-2027 开票 0 户，合计 ¥0.00；不开票 0 户\n")
    status, out, _ = run("pay", "YG-303", "1200.00", "--method", "cash", "--tendered", "1200",
                         db=pg_url)
    assert status == 0
    assert out.splitlines()[0] == "收据号：2026-000001"
    assert out.splitlines()[2:] == ["找零：¥0.00（实收 ¥1,200.00）", "余额：¥0.00"]
    status, out, _ = run("check", db=pg_url)
    assert status == 0, out
    assert "[OK] ledger: 3 accounts: billed + adjusted − paid = balance" in out.splitlines()


def test_connection_fee_from_the_command_line(billed, run, url):
    # the tariff sets ¥45 a m²: 85.50 m² × 45.00 = 3,847.50, once in the account's life
    status, out, _ = run("bill", "2026-2027", "--connection", "YG-301")
    assert status == 0 and out.startswith("YG-301 配套费 ¥3,847.50")
    status, _, err = run("bill", "2026-2027", "--connection", "YG-301")
    assert status == 1 and "已收取过配套费" in err


def test_print_a_collectors_round_sheet(billed, run, url, tmp_path, monkeypatch):
    from heatoffice.billing import dunning
    from heatoffice.org import service as org

    assert run("pay", "YG-303", "500", "--method", "cash")[0] == 0
    system = SETUP
    connect(url)
    staff = org.add_staff(system, {"staff_no": "S001", "name": "周收费", "phone": "",
                                   "hired_on": "2020-01-01", "notes": ""})
    org.add_service_area(system, staff.id, "collector", community="阳光花园",
                         start_date="2026-01-01")
    dunning.record_contact(system, billed["YG-302"], "phone", "答应月底缴费",
                           promised_date="2026-12-31")
    database.obj.close()
    _user(url, "reader", "read_only")

    # Late fees run from 2027-01-01 at 0.05 % a day; 2027-01-10 is the tenth day:
    # 2,052.00 × 0.0005 × 10 = 10.26, 648.00 → 3.24, 700.00 → 3.50; together 17.00.
    sheet = tmp_path / "round.pdf"
    status, out, err = run("print", "round", "--collector", "s001", "--date", "2027-01-10",
                           "--out", str(sheet))
    assert (status, out) == (0, f"已生成走访催缴单，欠费 3 户：{sheet}\n")
    assert err.splitlines()[-1] == "生成 PDF：3/3"
    text = _pdf_text(sheet)
    for expected in (
            "收费员：周收费（S001）片区：阳光花园走访日期：2027-01-10欠费3户",
            "1YG-301住户301阳光花园3号楼3012,052.0010.26",
            "2YG-302住户302阳光花园3号楼302648.003.242026-12-05电话答应月底缴费"
            "2026-12-31已过期",
            "3YG-303住户303阳光花园3号楼303700.003.50合计",
            # 2,052.00 + 648.00 + 700.00 = 3,400.00; with the late fees 3,417.00
            "合计：3户3,400.0017.00应收合计¥3,417.00", "第1页/共1页"):
        assert expected in text, expected

    # Today (2026-12-05), before late fees, in English.
    today = tmp_path / "today.pdf"
    status, out, _ = run("--lang", "en", "print", "round", "--collector", "S001", "--out",
                         str(today))
    assert (status, out) == (0, f"round sheet of 0 accounts that owe: {today}\n")
    assert "本片区目前没有欠费用户" in _pdf_text(today)  # nothing is due before 2027-01-01

    for args, message in (
            (["--collector", "X9"], "找不到员工“X9”"),
            (["--collector", "S001", "--date", "2027-02-30"],
             "日期：“2027-02-30”不是日期（年-月-日）")):
        status, out, err = run("print", "round", *args, "--out", str(tmp_path / "bad.pdf"))
        assert (status, out, err.strip()) == (1, "", message)
    monkeypatch.setenv("HEATOFFICE_PASSWORD", "reader-pw-123")
    status, _, err = run("--user", "reader", "print", "round", "--collector", "S001", "--out",
                         str(tmp_path / "bad.pdf"))
    assert (status, err.strip()) == (1, "无权执行此操作：查看欠费")
    assert not (tmp_path / "bad.pdf").exists()
    for lang in ("zh", "en"):
        status, out, _ = run("--lang", lang, "print", "round", "--help")
        usage = "用法：" if lang == "zh" else "usage: "
        assert status == 0 and out.startswith(usage + "heatoffice print round")
    assert "--collector STAFF_NO" in out and "late fees as of it" in out


def test_meter_readings_and_the_metered_settlement(run, url):
    from heatoffice.accounts import service

    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    connect(url)
    service.open_account(SETUP, dict(account_no="DW-1", name="阳光小学",
                                              community="阳光花园", heating_area="100",
                                              category="institution"), status="heating")
    database.obj.close()
    assert run("season", "add", "2026-2027", "--start", "2026-11-15", "--end",
               "2027-03-15")[0] == 0
    assert run("season", "tariff", "2026-2027", "--category", "institution", "--price",
               "24.00", "--stopped-share", "30%", "--basic-price", "9.60", "--price-per-gj",
               "30")[0] == 0
    # basic 100 × 9.60 = 960.00 + metered advance 100 × 14.40 = 1,440.00
    assert run("bill", "2026-2027")[1] == "2026-2027 开票 1 户，合计 ¥2,400.00；不开票 0 户\n"
    status, _, err = run("meter", "2026-2027", "DW-1", "--start", "100", "--end", "99")
    assert (status, err.strip()) == (1, "结束读数（GJ）：结束读数 99.00 GJ 小于起始读数 100.00 GJ")
    status, out, _ = run("meter", "2026-2027", "dw-1", "--start", "100", "--end", "152",
                         "--date", "2026-12-01")
    assert (status, out) == (
        0, "已录入 DW-1 2026-2027 热表读数：100.00 → 152.00 GJ，用热 52.00 GJ\n")
    # 52.00 GJ × 30.00 = 1,560.00 − 1,440.00: 多退少补 charges 120.00 more
    status, out, _ = run("settle", "2026-2027")
    assert (status, out) == (0, "2026-2027 计量热费结算 1 户，调账 1 笔，合计 ¥120.00\n")
    status, out, _ = run("--lang", "en", "settle", "2026-2027")
    assert (status, out) == (0, "2026-2027: metered heat settled for 0 accounts, "
                                "0 adjustments, total ¥0.00\n")
    status, _, err = run("meter", "2026-2027", "DW-1", "--start", "100", "--end", "150")
    assert status == 1 and "已结算" in err
    status, out, _ = run("check")
    assert status == 0 and "[OK] ledger: 1 accounts" in out
    for args in (["meter"], ["settle"]):
        for lang in ("zh", "en"):
            status, out, _ = run("--lang", lang, *args, "--help")
            usage = "用法：" if lang == "zh" else "usage: "
            assert status == 0 and out.startswith(usage + "heatoffice " + args[0])
