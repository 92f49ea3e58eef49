"""Printed documents from the database (SQLite and PostgreSQL): notices streamed in address
order, receipts with the 副本 rule, dunning notices, recheck sheets, daily and month reports."""

from __future__ import annotations

import datetime as _dt
import re
import subprocess

import pytest
from ledger_world import (
    CASHIER,
    CASHIER2,
    FIELD,
    FINANCE,
    READER,
    SYSTEM,
    D,
    at,
    bill,
    home,
    season,
)
from seats import seat

from heatoffice import clock, config
from heatoffice.accounts import service as accounts
from heatoffice.auth.models import User
from heatoffice.billing import cash_reports, closing, dunning, journals, ledger, payments, recheck
from heatoffice.billing.documents import NoticeLine
from heatoffice.billing.models import ReceiptPrint
from heatoffice.billing.notices import notice_for_account, notices
from heatoffice.errors import PermissionDenied
from heatoffice.exports import documents

DEC5 = _dt.date(2026, 12, 5)


def _text(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def _pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])


@pytest.fixture
def world(db):
    """阳光花园: 张伟, 李娜 (also owes 1,800.00 from 2025-2026), 王芳 (100 m²);
    幸福小区: 赵强. All billed 2026-2027 at 24.00 元/㎡."""
    at(_dt.date(2025, 10, 20))
    config.put("company_name", "阳光热力有限公司")
    config.put("hotline", "0351-96000")
    for username, shown, role in (("cashier1", "王收费", "cashier"),
                                  ("cashier2", "李收费", "cashier"),
                                  ("finance1", "赵财务", "finance")):
        User.create(username=username, display_name=shown, role=role, password_hash="-",
                    created_at=clock.now())
    old, old_t = season("2025-2026")
    at(_dt.date(2026, 10, 20))
    s, t = season("2026-2027")
    a, b, c = home("张伟"), home("李娜"), home("王芳", "100.00")
    d = accounts.open_account(SYSTEM, dict(
        account_no="XF000001", name="赵强", community="幸福小区", building="1", unit="1",
        room="101", heating_area="60.00"), status="heating")
    bill(b, old, old_t, "1800.00", day=_dt.date(2025, 10, 20))
    for x in (a, b, c, d):
        bill(x, s, t)
    yield {"season": s, "homes": (a, b, c, d)}
    assert ledger.verify() == []


def test_notices_in_address_order_with_lines_and_what_is_due(world, tmp_path):
    a, b, c, d = world["homes"]
    s = world["season"]
    at(_dt.date(2026, 11, 2))
    payments.record_payment(CASHIER, a.id, "1000", "cash")
    # Address order: 幸福小区 sorts before 阳光花园.
    found = list(notices(READER, s.id))
    assert [n.account_no for n in found] == ["XF000001", a.account_no, b.account_no,
                                             c.account_no]
    found = found[1:]
    first = found[0]
    assert (first.name, first.address, first.area, first.category, first.season) == (
        "张伟", a.address, D("85.50"), "residential", "2026-2027")
    assert first.lines == (NoticeLine("2026-2027 热费", D("85.50"), D("24.00"), D("2052.00")),)
    assert (first.total, first.paid, first.adjusted, first.previous_arrears,
            first.amount_due) == (D("2052.00"), D("1000.00"), D("0.00"), D("0.00"),
                                  D("1052.00"))
    assert (first.period_start, first.period_end, first.status) == (
        _dt.date(2026, 11, 15), _dt.date(2027, 3, 15), "heating")
    assert (first.due_date, first.late_fee_rate) == (_dt.date(2027, 1, 1), D("0.000500"))
    assert first.issued == _dt.date(2026, 10, 20) and first.hotline == "0351-96000"
    # 李娜 still owes last season's bill: it is printed as 往期欠费.
    assert (found[1].previous_arrears, found[1].amount_due) == (D("1800.00"), D("3852.00"))
    assert found[2].total == D("2400.00")
    # Reading in small batches gives the same notices.
    assert list(notices(READER, s.id, batch=3))[1:] == found
    assert [n.account_no for n in notices(READER, s.id, "幸福小区")] == ["XF000001"]
    assert notice_for_account(READER, b.id, s.id) == found[1]
    assert (journals.count_season_bills(READER, s.id),
            journals.count_season_bills(READER, s.id, "幸福小区")) == (4, 1)

    out = tmp_path / "notices.pdf"
    seen = []
    assert documents.print_notices(READER, out, s.id, "阳光花园",
                                   progress=lambda done, total: seen.append((done, total))) == 3
    assert seen == [(3, 3)] and _pages(out) == 3
    text = _text(out)
    assert text.count("阳光热力有限公司供热费缴费通知单") == 3
    assert "本季已缴-¥1,000.00" in text and "往期欠费¥1,800.00" in text
    assert "应缴金额（大写）壹仟零伍拾贰元整¥1,052.00" in text
    assert "应缴金额（大写）叁仟捌佰伍拾贰元整¥3,852.00" in text
    assert d.account_no not in text


def test_receipt_first_print_is_the_original_then_copies(world, tmp_path):
    a = world["homes"][0]
    at(DEC5, 10)
    p = payments.record_payment(CASHIER, a.id, "1234.50", "cash", tendered="1300")
    first, second = tmp_path / "r1.pdf", tmp_path / "r2.pdf"
    assert documents.print_receipt(CASHIER, first, p.receipt_no) is False
    assert documents.print_receipt(CASHIER, second, p.receipt_no) is True
    assert [r.copy for r in ReceiptPrint.select().order_by(ReceiptPrint.id)] == [False, True]
    text = _text(first)
    for expected in ("阳光热力有限公司", "收款收据", "No.2026-000001", "收款日期：2026-12-0510:00",
                     f"户号{a.account_no}", "户名张伟", "采暖季2026-2027",
                     "供热面积85.50㎡", "2026-2027热费85.5024.001,234.50",
                     "合计金额（大写）人民币壹仟贰佰叁拾肆元伍角整¥1,234.50",
                     "收款方式现金实收现金¥1,300.00找零¥65.50",
                     "缴费后尚欠¥817.50",  # 2,052.00 − 1,234.50
                     "收款人：王收费",
                     "用户类别：居民", "服务热线0351-96000"):
        assert expected in text, expected
    assert "副本" not in text
    assert "副本" in _text(second) and "No.2026-000001" in _text(second)
    with pytest.raises(PermissionDenied):
        documents.print_receipt(READER, tmp_path / "r3.pdf", p.receipt_no)


def test_reversal_receipt(world, tmp_path):
    a = world["homes"][0]
    at(DEC5, 10)
    p = payments.record_payment(CASHIER, a.id, "1234.50", "wechat")
    rev = payments.reverse_payment(CASHIER, p.receipt_no, "金额录入错误")
    out = tmp_path / "rev.pdf"
    documents.print_receipt(CASHIER, out, rev.receipt_no)
    text = _text(out)
    assert "No.2026-000002" in text and "收款收据（红冲）" in text
    assert "合计金额（大写）人民币负壹仟贰佰叁拾肆元伍角整-¥1,234.50" in text
    assert "红冲说明冲销原收据No.2026-000001，原因：金额录入错误" in text
    # The original, printed again now, says it was reversed.
    again = tmp_path / "orig.pdf"
    documents.print_receipt(CASHIER, again, p.receipt_no)
    assert "本收据已由No.2026-000002红冲" in _text(again)


def test_dunning_notices_for_a_community(world, tmp_path):
    a, b, c, _ = world["homes"]
    at(_dt.date(2026, 12, 31))
    payments.record_payment(CASHIER, c.id, "2400", "card")
    at(_dt.date(2027, 1, 11))
    out = tmp_path / "dunning.pdf"
    n = documents.print_dunning(CASHIER, out, community="阳光花园",
                                pay_by=_dt.date(2027, 1, 31))
    assert n == 2 and _pages(out) == 2
    text = _text(out)
    assert "尊敬的张伟用户：" in text and "尊敬的李娜用户：" in text and "王芳" not in text
    assert "2025-2026热费1,800.000.001,800.00" in text
    assert "2026-2027热费2,052.000.002,052.00" in text
    assert "烦请您在方便时于2027年1月31日前办理缴费" in text and "服务热线0351-96000" in text
    # Late fees accrued and not yet charged show apart: 11 days (01-01 to 01-11) at 0.05 %
    # a day on 2,052.00 = 11.29; 李娜 adds 376 days on last season's 1,800.00 = 338.40.
    data = dunning.dunning_notices(CASHIER, community="阳光花园")
    assert [(x.name, x.total, x.late_fees) for x in data] == [
        ("张伟", D("2052.00"), D("11.29")), ("李娜", D("3852.00"), D("349.69"))]
    assert "滞纳金（截至1月11日）11.29合计贰仟零陆拾叁元贰角玖分¥2,063.29" in text
    assert "滞纳金（截至1月11日）349.69" in text


def test_recheck_sheets_per_community_and_for_a_round(world, tmp_path):
    s = world["season"]
    out = tmp_path / "recheck.pdf"
    assert documents.print_recheck_sheets(FIELD, out, s.id) == 2
    text = _text(out)
    assert "复核范围：阳光花园" in text and "复核范围：幸福小区" in text
    assert "本单共3户271.006,504.00" in text and "本单共1户60.001,440.00" in text
    sheets = recheck.recheck_sheets(FIELD, s.id, community="阳光花园")
    assert [(x.community, x.collector, x.season) for x in sheets] == [
        ("阳光花园", None, "2026-2027")]
    assert [(r.name, r.area, r.status, r.amount) for r in sheets[0].rows] == [
        ("张伟", D("85.50"), "heating", D("2052.00")),
        ("李娜", D("85.50"), "heating", D("2052.00")),
        ("王芳", D("100.00"), "heating", D("2400.00"))]
    with pytest.raises(PermissionDenied):
        documents.print_recheck_sheets(READER, tmp_path / "x.pdf", s.id)


def test_round_sheet_of_a_collector(world, tmp_path):
    from heatoffice.org import service as org

    a, b, c, _ = world["homes"]
    staff = org.add_staff(SYSTEM, {"staff_no": "S001", "name": "周收费", "phone": "",
                                   "hired_on": "2020-01-01", "notes": ""})
    station = accounts.add_station(SYSTEM, "HR01", "第一换热站")
    org.add_service_area(SYSTEM, staff.id, "collector", community="阳光花园",
                         start_date="2026-01-01")
    org.add_service_area(SYSTEM, staff.id, "collector", station_id=station.id,
                         start_date="2026-01-01")
    # 幸福小区 was his until the summer: neither its name nor 赵强 is on the sheet.
    org.add_service_area(SYSTEM, staff.id, "collector", community="幸福小区",
                         start_date="2026-01-01", end_date="2026-06-30")
    at(_dt.date(2026, 12, 1))
    payments.record_payment(CASHIER, c.id, "2400", "card")
    dunning.record_contact(CASHIER, b.id, "visit", "家中无人")
    dunning.record_contact(CASHIER, b.id, "phone", "答应月底缴费", promised_date="2026-12-31")
    at(_dt.date(2027, 1, 11))
    out = tmp_path / "round.pdf"
    assert documents.print_round_sheet(CASHIER, staff.id, out) == 2
    text = _text(out)
    assert "收费员：周收费（S001）片区：阳光花园、第一换热站走访日期：2027-01-11欠费2户" in text
    assert "赵强" not in text and "王芳" not in text
    # 11 days of late fees (01-01 to 01-11) at 0.05 % a day: 2,052.00 → 11.29; 李娜 also
    # owes 1,800.00 from 2025-2026 for 376 days: 11.29 + 338.40 = 349.69.
    assert (f"1{a.account_no}张伟阳光花园3号楼2单元{a.room}2,052.0011.29"
            f"2{b.account_no}李娜阳光花园3号楼2单元{b.room}3,852.00349.69"
            "2026-12-01电话答应月底缴费2026-12-31已过期"
            "合计：2户5,904.00360.98应收合计¥6,264.98") in text
    # The last contact is the phone call; the visit before it made no promise. On 12-20 the
    # 2026-2027 bills are not yet due: the round asks 李娜 for 2025-2026's 1,800.00 only.
    sheet = dunning.round_sheet_of(CASHIER, staff.id, on="2026-12-20")
    assert (sheet.collector, sheet.staff_no, sheet.on, sheet.areas) == (
        "周收费", "S001", _dt.date(2026, 12, 20), ("阳光花园", "第一换热站"))
    assert [(r.account_no, r.owed, r.contact_date, r.contact_method, r.contact_result,
             r.promised_date) for r in sheet.rows] == [
        (b.account_no, D("1800.00"), _dt.date(2026, 12, 1), "phone", "答应月底缴费",
         _dt.date(2026, 12, 31))]
    with pytest.raises(PermissionDenied):
        documents.print_round_sheet(READER, staff.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def _day(world):
    a, b, c, _ = world["homes"]
    at(DEC5, 9)
    payments.record_payment(CASHIER, a.id, "2052", "cash", tendered="2100")
    wrong = payments.record_payment(CASHIER, b.id, "300", "cash")
    payments.record_payment(CASHIER, c.id, "1000", "card")
    payments.record_payment(CASHIER2, c.id, "100", "card")
    payments.record_payment(CASHIER, b.id, "500.50", "wechat")
    payments.reverse_payment(CASHIER, wrong.receipt_no, "应为微信")


def test_daily_report(world, tmp_path):
    _day(world)
    at(DEC5, 17)
    closing.close_day(CASHIER, DEC5)
    r = cash_reports.daily_report(READER, "cashier1", DEC5)
    assert (r.cashier, r.receipt_count, r.payment_count, r.reversal_count) == ("王收费", 5, 4, 1)
    assert (r.first_receipt, r.last_receipt) == ("2026-000001", "2026-000006")
    assert [(m.method, m.count, m.amount) for m in r.methods] == [
        ("cash", 3, D("2052.00")), ("card", 1, D("1000.00")), ("wechat", 1, D("500.50"))]
    assert (r.gross_total, r.reversal_total, r.total, r.cash_to_hand_over) == (
        D("3852.50"), D("-300.00"), D("3552.50"), D("2052.00"))
    assert r.closed_at.replace(second=0) == _dt.datetime(2026, 12, 5, 17)
    assert r.closed_by == "王收费"
    assert [(x.receipt_no, x.amount, x.reverses, x.reversed_by) for x in r.receipts] == [
        ("2026-000001", D("2052.00"), "", ""), ("2026-000002", D("300.00"), "", "2026-000006"),
        ("2026-000003", D("1000.00"), "", ""), ("2026-000005", D("500.50"), "", ""),
        ("2026-000006", D("-300.00"), "2026-000002", "")]
    out = tmp_path / "daily.pdf"
    assert documents.print_daily_report(CASHIER, out, business_date=DEC5) == 1
    text = _text(out)
    assert "收费日期：2026-12-05" in text and "收款员：王收费" in text
    assert "状态：已日结（2026-12-0517:00王收费）" in text
    assert "合计（净额）53,552.50" in text
    assert "应交现金：¥2,052.00（大写：贰仟零伍拾贰元整）" in text
    assert "22026-00000209:00" in text and "现金300.00已被2026-000006红冲" in text


def test_month_report(world, tmp_path):
    _day(world)
    at(_dt.date(2026, 12, 7), 10)
    payments.record_payment(CASHIER2, world["homes"][3].id, "1440", "alipay")
    closing.close_day(CASHIER, DEC5)
    r = cash_reports.month_report(READER, "2026-12")
    assert r.methods == ("cash", "card", "wechat", "alipay")
    assert [(x.day, x.receipt_count, list(x.by_method), x.reversal_total, x.total,
             x.open_cashiers) for x in r.days] == [
        (DEC5, 6, [D("2052.00"), D("1100.00"), D("500.50"), D("0.00")], D("-300.00"),
         D("3652.50"), 1),
        (_dt.date(2026, 12, 7), 1, [D("0.00"), D("0.00"), D("0.00"), D("1440.00")], D("0.00"),
         D("1440.00"), 1)]
    assert [(x.cashier, x.receipt_count, x.reversal_count, x.total) for x in r.cashiers] == [
        ("王收费", 5, 1, D("3552.50")), ("李收费", 2, 0, D("1540.00"))]
    assert r.closed_at is None
    out = tmp_path / "month.pdf"
    assert documents.print_month_report(FINANCE, out, "2026-12") == 1
    assert "本月实收净额：¥5,092.50（大写：伍仟零玖拾贰元伍角整）" in _text(out)


def test_the_data_of_every_document_is_read_with_its_permission(world):
    from heatoffice.billing.models import Payment

    s = world["season"]
    a = world["homes"][0]
    at(DEC5, 10)
    payments.record_payment(CASHIER, a.id, "100", "cash")
    nobody = seat("guest", "nobody")
    reads = {
        "billing.view": (lambda: notices(nobody, s.id),
                         lambda: notice_for_account(nobody, a.id, s.id),
                         lambda: payments.receipt_of(nobody, Payment.get()),
                         lambda: cash_reports.daily_report(nobody, "cashier1", DEC5),
                         lambda: cash_reports.month_report(nobody, "2026-12"),
                         lambda: journals.count_season_bills(nobody, s.id),
                         lambda: list(journals.season_ledger(nobody, s.id)),
                         lambda: list(journals.payment_rows(nobody, DEC5, DEC5))),
        "arrears.view": (lambda: dunning.dunning_notices(nobody),
                         lambda: dunning.round_sheet_of(nobody, 1)),
        "recheck.record": (lambda: recheck.recheck_sheets(nobody, s.id),),
    }
    for action, calls in reads.items():
        for call in calls:
            with pytest.raises(PermissionDenied) as err:
                call()
            assert err.value.action == action
