"""对账单: the statement's data (season, date range, opening and closing balance, running
balance), its PDF read back with pdftotext, and ``heatoffice print statement``'s exit codes."""

from __future__ import annotations

import datetime as _dt
import re
import subprocess
from decimal import Decimal

import pytest
from ledger_world import CASHIER, FINANCE, MANAGER, SYSTEM, at, bill, home, season

from heatoffice.billing.account_statement import account_statement, season_period
from heatoffice.billing.adjustments import approve_adjustment, propose_adjustment
from heatoffice.billing.payments import record_payment, reverse_payment
from heatoffice.db.connection import connect, database
from heatoffice.errors import UserError, ValidationErrors
from heatoffice.exports.documents import print_statement

D = Decimal
ADMIN_PW = "secret-admin"


def _ledger() -> tuple:
    """Two seasons of one home: billed 2,052.00 on 2026-10-20, 1,000.00 paid on 11-20,
    500.00 paid and reversed on 12-01 (by finance), a credit of 52.00 on 2027-01-05; the
    next season billed 2,052.00 on 2027-10-20 and 3,000.00 paid on 11-02, which first charges
    the late fee of the first season's 1,000.00: 1,052.00 × 0.05 % × 5 days (1 to 5 January)
    + 1,000.00 × 0.05 % × 301 days (6 January to 2 November) = 2.63 + 150.50 = 153.13."""
    at(_dt.date(2026, 10, 20))
    first, t1 = season("2026-2027")
    second, t2 = season("2027-2028")
    acc = home()
    b = bill(acc, first, t1)
    at(_dt.date(2026, 11, 20))
    record_payment(CASHIER, acc.id, "1000", "cash")
    at(_dt.date(2026, 12, 1))
    wrong = record_payment(CASHIER, acc.id, "500", "wechat")
    at(_dt.date(2026, 12, 1), 15)
    reverse_payment(FINANCE, wrong.receipt_no, "收错户")
    at(_dt.date(2027, 1, 5))
    credit = propose_adjustment(CASHIER, acc.id, "-52", "credit", "面积复核减免", bill_id=b.id)
    approve_adjustment(MANAGER, credit.id)
    at(_dt.date(2027, 10, 20))
    bill(acc, second, t2)
    at(_dt.date(2027, 11, 2))
    record_payment(CASHIER, acc.id, "3000", "card")
    at(_dt.date(2027, 12, 1))
    return acc, first, second


def _lines(s) -> list[tuple]:
    return [(x.day.isoformat(), x.kind, x.debit, x.credit, x.balance) for x in s.lines]


def test_a_season_a_range_and_the_whole_ledger(db):
    acc, first, second = _ledger()
    whole = account_statement(CASHIER, acc.account_no)
    assert (whole.date_from, whole.date_to, whole.opening) == (None, _dt.date(2027, 12, 1),
                                                              D(0))
    assert _lines(whole) == [
        ("2026-10-20", "bill", D("2052.00"), D(0), D("2052.00")),
        ("2026-11-20", "payment", D(0), D("1000.00"), D("1052.00")),
        ("2026-12-01", "payment", D(0), D("500.00"), D("552.00")),
        ("2026-12-01", "reversal", D(0), D("-500.00"), D("1052.00")),
        ("2027-01-05", "adjustment", D(0), D("52.00"), D("1000.00")),
        ("2027-10-20", "bill", D("2052.00"), D(0), D("3052.00")),
        ("2027-11-02", "adjustment", D("153.13"), D(0), D("3205.13")),
        ("2027-11-02", "payment", D(0), D("3000.00"), D("205.13"))]
    assert (whole.debits, whole.credits, whole.closing) == (D("4257.13"), D("4052.00"),
                                                             D("205.13"))
    # A season runs from its bill (issued before the heat came on) to the day before the
    # next season's bill.
    assert season_period(first, acc.id, _dt.date(2027, 12, 1)) == (
        _dt.date(2026, 10, 20), _dt.date(2027, 10, 19))
    s1 = account_statement(CASHIER, acc.id, season="2026-2027")
    assert (s1.season, s1.opening, s1.closing, len(s1.lines)) == ("2026-2027", D(0),
                                                                  D("1000.00"), 5)
    s2 = account_statement(CASHIER, acc.id, season=second.id)
    assert (s2.date_from, s2.date_to) == (_dt.date(2027, 10, 20), _dt.date(2028, 3, 15))
    assert (s2.opening, s2.closing) == (D("1000.00"), D("205.13"))
    assert _lines(s2)[0] == ("2027-10-20", "bill", D("2052.00"), D(0), D("3052.00"))
    # A range: the opening balance is the running balance before its first day.
    r = account_statement(CASHIER, acc.id, date_from="2026-12-01", date_to="2027-01-31")
    assert (r.opening, r.closing) == (D("1052.00"), D("1000.00"))
    assert [x.receipt_no for x in r.lines] == ["2026-000002", "2026-000003", ""]
    assert r.lines[1].reverses == "2026-000002" and r.lines[1].text == "收错户"
    empty = account_statement(CASHIER, acc.id, date_from="2027-02-01", date_to="2027-02-28")
    assert (empty.opening, empty.lines, empty.closing) == (D("1000.00"), (), D("1000.00"))


def test_wrong_requests_are_refused_with_their_field(db):
    acc, _first, _second = _ledger()
    with pytest.raises(UserError) as err:
        account_statement(CASHIER, "NOPE")
    assert err.value.code == "accounts.not_found"
    with pytest.raises(UserError) as err:
        account_statement(CASHIER, acc.id, season="1999-2000")
    assert err.value.code == "seasons.not_found"
    with pytest.raises(ValidationErrors) as errors:
        account_statement(CASHIER, acc.id, date_from="2027-02-30", date_to="tomorrow")
    assert [(e.code, e.field) for e in errors.value.errors] == [
        ("validation.date", "date_from"), ("validation.date", "date_to")]
    with pytest.raises(UserError) as err:
        account_statement(CASHIER, acc.id, date_from="2027-02-01", date_to="2027-01-01")
    assert (err.value.code, err.value.field) == ("validation.date_order", "date_to")
    with pytest.raises(ValidationErrors) as errors:
        account_statement(CASHIER, acc.id, season="2026-2027", date_from="2027-01-01")
    assert [e.code for e in errors.value.errors] == ["billing.statement_period"]


def pdf_lines(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", line).strip() for line in out.splitlines() if line.strip()]


def test_the_pdf_shows_the_running_balance(db, tmp_path):
    acc, _first, _second = _ledger()
    path = tmp_path / "statement.pdf"
    assert print_statement(SYSTEM, path, acc.account_no, season="2026-2027") == 1
    lines = pdf_lines(path)
    assert lines[:2] == ["阳光热力", "用户对账单"]
    assert f"户号：{acc.account_no} 户名：张伟" in lines
    assert "对账期间：2026-2027 采暖季（2026年10月20日 至 2027年10月19日）" in lines
    table = lines[lines.index("日期 摘要 采暖季 凭证号 / 说明 应收(元) 实收(元) 余额(元)") + 1:]
    assert table[:6] == [
        "2026-10-20 期初余额 0.00",
        "2026-10-20 热费 2026-2027 2,052.00 2,052.00",
        "2026-11-20 缴费（现金） 2026-000001 1,000.00 1,052.00",
        "2026-12-01 缴费（微信） 2026-000002 500.00 552.00",
        "2026-12-01 红冲（微信） 2026-000003 冲 2026-000002 收错户 -500.00 1,052.00",
        "2027-01-05 减免/退费 面积复核减免 52.00 1,000.00"]
    assert table[6].replace(" ", "") == "本期合计5笔2,052.001,052.001,000.00"
    assert "期末余额：¥1,000.00（欠费）" in table
    assert lines[-1].startswith("打印时间：2027-12-01 09:00 打印人：")
    assert lines[-1].replace(" ", "").endswith("第1页/共1页")


def test_a_long_statement_continues_on_the_next_page(db, tmp_path):
    at(_dt.date(2026, 10, 20))
    s, t = season("2026-2027")
    acc = home()
    bill(acc, s, t)
    for day in range(60):  # sixty payments of 10.00, a day apart
        at(_dt.date(2026, 11, 1) + _dt.timedelta(days=day))
        record_payment(CASHIER, acc.id, "10", "cash")
    path = tmp_path / "long.pdf"
    assert print_statement(SYSTEM, path, acc.id) == 2
    lines = pdf_lines(path)
    assert lines.count("日期 摘要 采暖季 凭证号 / 说明 应收(元) 实收(元) 余额(元)") == 2
    text = "".join(lines).replace(" ", "")
    assert "第1页/共2页" in text and "第2页/共2页" in text
    assert "2026-12-30 缴费（现金） 2026-000060 10.00 1,452.00" in lines
    assert "本期合计61笔2,052.00600.001,452.00" in text


# --- the command line ----------------------------------------------------------------------

@pytest.fixture
def office(run, url, monkeypatch, cli_env):
    monkeypatch.setenv("HEATOFFICE_PASSWORD", ADMIN_PW)
    assert run("init", "--admin-password", ADMIN_PW)[0] == 0
    connect(url)
    acc, _first, _second = _ledger()
    number = acc.account_no
    database.obj.close()
    return number


def test_print_statement_command(office, run, tmp_path):
    out = tmp_path / "s.pdf"
    status, stdout, stderr = run("print", "statement", office.lower(), "--season", "2026-2027",
                                 "--out", str(out))
    assert (status, stdout, stderr) == (0, f"已生成 {office} 的对账单（1 页）：{out}\n", "")
    assert "本期合计5笔2,052.001,052.001,000.00" in "".join(pdf_lines(out)).replace(" ", "")
    status, stdout, _ = run("print", "statement", office, "--from", "2026-12-01", "--to",
                            "2027-01-31", "--out", str(out))
    assert status == 0
    assert "期初余额1,052.00" in "".join(pdf_lines(out)).replace(" ", "")
    assert run("print", "statement", office, "--out", str(out))[0] == 0


@pytest.mark.parametrize(("args", "status", "message"), [
    (("NOPE", "--out", "x.pdf"), 1, "找不到户号或编号为“NOPE”的用户"),
    (("{no}", "--season", "1999-2000", "--out", "x.pdf"), 1, "找不到采暖季“1999-2000”"),
    (("{no}", "--from", "2027-02-30", "--out", "x.pdf"), 1,
     "开始日期：“2027-02-30”不是日期（年-月-日）"),
    (("{no}", "--from", "2027-02-01", "--to", "2027-01-01", "--out", "x.pdf"), 1,
     "结束日期：结束日期不能早于开始日期"),
    (("{no}", "--out", "x.txt"), 1, "文件“x.txt”应以 .pdf 结尾"),
    (("{no}", "--season", "2026-2027", "--from", "2027-01-01", "--out", "x.pdf"), 2,
     "--season 不能与 --from/--to 同时使用"),
    (("{no}", "--to", "2027-01-01", "--season", "2026-2027", "--out", "x.pdf"), 2,
     "--season 不能与 --from/--to 同时使用"),
    (("{no}",), 2, "--out"),
    (("--out", "x.pdf"), 2, "ACCOUNT_NO"),
])
def test_print_statement_exit_codes(office, run, tmp_path, monkeypatch, args, status, message):
    monkeypatch.chdir(tmp_path)
    got, stdout, stderr = run("print", "statement", *(a.format(no=office) for a in args))
    assert (got, stdout) == (status, "")
    assert message in stderr
    if status == 1:
        assert stderr.count("\n") == 1  # one line
    assert not (tmp_path / "x.pdf").exists()
