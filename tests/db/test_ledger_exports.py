"""Excel exports of the fee ledger on SQLite and PostgreSQL: season ledger, arrears,
payments journal, daily and month reports, read back with openpyxl."""

from __future__ import annotations

import datetime as _dt
import re

import pytest
from ledger_world import (
    CASHIER,
    CASHIER2,
    FINANCE,
    MANAGER,
    SYSTEM,
    at,
    bill,
    home,
    season,
)
from openpyxl import load_workbook

from heatoffice import clock, config, glossary
from heatoffice.accounts import service as accounts
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.models import User
from heatoffice.billing import adjustments, closing, ledger, payments
from heatoffice.errors import PermissionDenied, UserError
from heatoffice.exports import ledger_xlsx, xlsx

DEC5 = _dt.date(2026, 12, 5)


@pytest.fixture
def world(db):
    at(_dt.date(2025, 10, 20))
    config.put("company_name", "阳光热力有限公司")
    User.create(username="cashier1", display_name="王收费", role="cashier", password_hash="-",
                created_at=clock.now())
    old, old_t = season("2025-2026")
    at(_dt.date(2026, 10, 20))
    s, t = season("2026-2027")
    a, b = home("张伟"), home("=HYPERLINK(\"http://x\")")
    c = home("王芳", "100.00")
    d = accounts.open_account(SYSTEM, dict(
        account_no="XF000001", name="赵强", community="幸福小区", building="1", unit="1",
        room="101", heating_area="60.00"), status="heating")
    bill(b, old, old_t, "1800.00", day=_dt.date(2025, 10, 20))
    bills = {x.id: bill(x, s, t) for x in (a, b, c, d)}
    yield {"season": s, "homes": (a, b, c, d), "bills": bills}
    assert ledger.verify() == []


def _sheet(path):
    wb = load_workbook(path)
    return wb.active


def _values(ws):
    """The table of the sheet (its header, data and totals) without the title rows above."""
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    return rows[_head(ws) - 1:]


def _head(ws) -> int:
    """The row number of the table's header: the first row with more than one value."""
    return next(i for i, row in enumerate(ws.iter_rows(values_only=True), 1)
                if sum(v is not None for v in row) > 1)


def _heading(ws) -> list[str]:
    return [ws.cell(i, 1).value for i in range(1, _head(ws))]


def _printed(line: str, who: str = "赵财务") -> bool:
    return re.fullmatch(rf"打印人：{who}\u3000\u3000打印时间：\d{{4}}-\d\d-\d\d \d\d:\d\d",
                        line) is not None


def test_season_ledger(world, tmp_path):
    a, b, c, d = world["homes"]
    s = world["season"]
    at(_dt.date(2026, 11, 20))
    payments.record_payment(CASHIER, a.id, "1000", "cash")
    adj = adjustments.propose_adjustment(CASHIER, c.id, "-100", "credit", "室温不达标退费",
                                         bill_id=world["bills"][c.id].id)
    adjustments.approve_adjustment(MANAGER, adj.id)
    out = tmp_path / "ledger.xlsx"
    seen = []
    n = ledger_xlsx.export_season_ledger(FINANCE, out, s.id,
                                         progress=lambda done, total: seen.append((done, total)))
    assert n == 4 and seen == [(4, 4)]
    ws = _sheet(out)
    assert ws.title == "台账 2026-2027"
    # Title rows: company, report, filters and period, who printed it and when.
    heading = _heading(ws)
    assert heading[:3] == ["阳光热力有限公司", "采暖季台账",
                           "筛选条件：采暖季：2026-2027\u3000\u3000期间：2026-11-15 至 2027-03-15"]
    assert len(heading) == 4 and _printed(heading[3])
    # Printing: wide, so landscape; one page wide; the header on every page; page numbers.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$5:$5" and ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    rows = _values(ws)
    assert rows[0] == ("户号", "户名", "小区", "地址", "类别", "状态", "计费面积(㎡)", "应收(元)",
                       "调整(元)", "实收(元)", "欠费(元)", "开票日期")
    assert rows[1:5] == [
        ("XF000001", "赵强", "幸福小区", "幸福小区1号楼1单元101", "居民", "供热", 60, 1440, 0, 0,
         1440, _dt.datetime(2026, 10, 20)),
        (a.account_no, "张伟", "阳光花园", a.address, "居民", "供热", 85.5, 2052, 0, 1000, 1052,
         _dt.datetime(2026, 10, 20)),
        (b.account_no, "=HYPERLINK(\"http://x\")", "阳光花园", b.address, "居民", "供热", 85.5,
         2052, 0, 0, 2052, _dt.datetime(2026, 10, 20)),
        (c.account_no, "王芳", "阳光花园", c.address, "居民", "供热", 100, 2400, -100, 0, 2300,
         _dt.datetime(2026, 10, 20)),
    ]
    # Totals follow the data, bold, outside the autofilter.
    assert rows[5] == ("合计", None, None, None, None, None, None, 7944, -100, 1000, 6844, None)
    assert ws["A10"].font.b is True and ws.auto_filter.ref == "A5:L9"
    assert ws.freeze_panes == "A6"
    # A name that looks like a formula stays text.
    assert ws["B8"].data_type == "s" and ws["B8"].quotePrefix is True
    assert [ws.cell(6, col).number_format for col in (7, 8, 12)] == [
        "0.00", "#,##0.00", "yyyy-mm-dd"]
    # Every address shows whole: the column is as wide as the longest (within its cap).
    assert ws.column_dimensions["D"].width >= max(xlsx.display_width(r[3]) for r in rows[1:5])
    entry = AuditEntry.select().where(AuditEntry.action == "billing.export").get()
    assert entry.actor == "finance1" and "台账 2026-2027" in entry.note and "(4)" in entry.note
    # Paging by account number skips accounts without a bill and repeats nothing.
    accounts.open_account(SYSTEM, dict(account_no="XZ000001", name="待开通", community="新区",
                                       building="1", unit="1", room="1", heating_area="50"))
    whole = list(ledger_xlsx.ledger_rows(FINANCE, s.id))
    assert [r[0] for r in whole] == ["XF000001", a.account_no, b.account_no, c.account_no]
    assert list(ledger_xlsx.ledger_rows(FINANCE, s.id, batch=1)) == whole
    assert list(ledger_xlsx.ledger_rows(FINANCE, s.id, batch=2)) == whole
    one = tmp_path / "one.xlsx"
    assert ledger_xlsx.export_season_ledger(FINANCE, one, s.id, "幸福小区") == 1
    assert _sheet(one).title == "台账 2026-2027 幸福小区"
    with pytest.raises(PermissionDenied):
        ledger_xlsx.export_season_ledger(CASHIER, tmp_path / "no.xlsx", s.id)


def test_arrears_export(world, tmp_path):
    at(_dt.date(2026, 12, 20))
    a, b, c, d = world["homes"]
    payments.record_payment(CASHIER, c.id, "2400", "card")
    out = tmp_path / "arrears.xlsx"
    # On 12-20 the 2026-2027 bills are not yet due (late fees from 2027-01-01): only 李娜's
    # 2025-2026 bill is overdue; 张伟 owes only what is not yet due and is counted apart.
    assert ledger_xlsx.export_arrears(FINANCE, out, community="阳光花园") == 1
    ws = _sheet(out)
    rows = _values(ws)
    assert ws.title == "欠费清单"
    heading = _heading(ws)
    assert heading[:3] == ["阳光热力有限公司", "欠费清单（逾期）",
                           "筛选条件：小区：阳光花园；未到期：不列入\u3000\u3000"
                           "期间：截至 2026-12-20"]
    assert _printed(heading[3])
    assert rows[0][:11] == ("户号", "户名", "地址", "类别", "电话", "供热面积(㎡)", "状态",
                            "逾期欠费(元)", "未到期(元)", "滞纳金(元)", "合计(元)")
    # Last season's 1,800.00 has accrued 354 days of late fees at 0.05 %: 318.60.
    assert [r[:1] + r[7:13] for r in rows[1:2]] == [
        (b.account_no, 1800, 2052, 318.6, 4170.6, "2025-2026", "上一季")]
    assert rows[2] == ("合计", "1 户", None, None, None, None, None, 1800, 2052, 318.6, 4170.6,
                       None, None)
    assert rows[3] == ("另有未到期", "1 户", None, None, None, None, None, None, 2052, None, None,
                       None, None)
    assert ws.auto_filter.ref == "A5:M6" and ws.page_setup.orientation == "landscape"
    every = tmp_path / "every.xlsx"
    assert ledger_xlsx.export_arrears(FINANCE, every, community="阳光花园",
                                      include_not_due=True) == 2
    rows = _values(_sheet(every))
    assert [r[:1] + r[7:9] + r[11:13] for r in rows[1:3]] == [
        (a.account_no, 0, 2052, None, "未到期"), (b.account_no, 1800, 2052, "2025-2026", "上一季")]
    assert rows[3][7:9] == (1800, 4104)


def test_payments_journal(world, tmp_path):
    a, b, c, d = world["homes"]
    at(DEC5, 9)
    payments.record_payment(CASHIER, a.id, "2052", "cash", tendered="2100")
    wrong = payments.record_payment(CASHIER, b.id, "300", "cash")
    payments.reverse_payment(CASHIER, wrong.receipt_no, "应为微信")
    at(_dt.date(2026, 12, 7), 10)
    payments.record_payment(CASHIER2, d.id, "1440", "alipay", reference="2026120722001")
    out = tmp_path / "pay.xlsx"
    assert ledger_xlsx.export_payments(FINANCE, out, "2026-12-01", "2026-12-06") == 3
    ws = _sheet(out)
    # The clock runs on during a test: times are compared to the minute.
    rows = [tuple(v.replace(second=0) if isinstance(v, _dt.datetime) else v for v in row)
            for row in _values(ws)]
    assert ws.title == "收款流水 20261201-20261206"
    assert _heading(ws)[:3] == ["阳光热力有限公司", "收款流水", "期间：2026-12-01 至 2026-12-06"]
    assert rows[0][6:9] == ("收款方式", "代收来源", "交易流水号")
    assert rows[1] == ("2026-000001", _dt.datetime(2026, 12, 5), _dt.datetime(2026, 12, 5, 9),
                       a.account_no, "张伟", a.address, "现金", None, None, 2052, 2100, 48,
                       "cashier1", None, None)
    assert rows[3][:10] == ("2026-000003", _dt.datetime(2026, 12, 5),
                            _dt.datetime(2026, 12, 5, 9), b.account_no, b.name, b.address,
                            "现金", None, None, -300)
    assert rows[3][13:] == ("2026-000002", "应为微信")
    assert rows[4] == ("合计", None, None, "3 笔", None, None, None, None, None, 2052, None, None,
                       None, None, None)
    assert ws.cell(6, 10).number_format == "#,##0.00" and ws.cell(6, 3).number_format == (
        "yyyy-mm-dd hh:mm:ss")
    # The timestamp column is wide enough for its 19 characters.
    assert ws.column_dimensions["C"].width >= 19 + 2
    only = tmp_path / "only.xlsx"
    assert ledger_xlsx.export_payments(FINANCE, only, "2026-12-01", "2026-12-31",
                                       cashier="cashier2") == 1
    ws = _sheet(only)
    assert _heading(ws)[2] == ("筛选条件：收款员：cashier2\u3000\u3000"
                               "期间：2026-12-01 至 2026-12-31")
    assert _values(ws)[1][6:10] == ("支付宝", None, "2026120722001", 1440)
    with pytest.raises(UserError) as err:
        ledger_xlsx.export_payments(FINANCE, tmp_path / "x.xlsx", "12/01", "2026-12-31")
    assert err.value.field == "date_from"


def test_daily_and_month_report_sheets(world, tmp_path):
    a, b, c, d = world["homes"]
    at(DEC5, 9)
    payments.record_payment(CASHIER, a.id, "2052", "cash", tendered="2100")
    wrong = payments.record_payment(CASHIER, b.id, "300", "cash")
    payments.record_payment(CASHIER, c.id, "1000", "card")
    payments.reverse_payment(CASHIER, wrong.receipt_no, "应为微信")
    at(DEC5, 17)
    closing.close_day(CASHIER, DEC5)
    out = tmp_path / "daily.xlsx"
    assert ledger_xlsx.export_daily_report(FINANCE, out, "cashier1", "2026-12-05") == 4
    ws = _sheet(out)
    rows = [tuple(v.replace(second=0) if isinstance(v, _dt.datetime) else v for v in row)
            for row in _values(ws)]
    assert ws.title == "收费日报 2026-12-05 王收费"
    assert _heading(ws)[:3] == ["阳光热力有限公司", "收费日报",
                                "筛选条件：收款员：王收费\u3000\u3000期间：2026-12-05"]
    assert rows[1] == (1, "2026-000001", _dt.datetime(2026, 12, 5, 9), a.account_no, "张伟",
                       "现金", 2052, None)
    assert rows[2][6:] == (300, "已被 2026-000004 红冲")
    assert rows[4][6:] == (-300, "红冲 2026-000002")
    # The totals by method are a table of their own, under a header row.
    assert rows[5:7] == [(None,) * 8,
                         (None, "收款方式", None, "笔数", None, None, "金额(元)", None)]
    assert ws.cell(_head(ws) + 6, 2).fill.fgColor.rgb == "00DDEBF7"
    assert rows[7:] == [(None, "现金", None, "3 笔", None, None, 2052, None),
                        (None, "银行卡", None, "1 笔", None, None, 1000, None),
                        (None, "合计（净额）", None, "4 张", None, None, 3052, "红冲 1 笔 -300.00"),
                        (None, "应交现金", None, None, None, None, 2052, None)]
    month = tmp_path / "month.xlsx"
    assert ledger_xlsx.export_month_report(FINANCE, month, "2026-12") == 1
    ws = _sheet(month)
    rows = _values(ws)
    assert _heading(ws)[:3] == ["阳光热力有限公司", "收费月报", "期间：2026-12"]
    assert rows[0] == ("日期", "张数", "现金(元)", "银行卡(元)", "红冲(元)", "合计(元)",
                       "未日结收款员")
    assert rows[1] == (_dt.datetime(2026, 12, 5), 4, 2052, 1000, -300, 3052, None)
    assert rows[2] == ("合计", 4, 2052, 1000, -300, 3052, None)
    # The cashiers' table has its own header (it had none).
    assert rows[3:] == [(None,) * 7,
                        ("收款员", "收据张数", None, None, None, "实收净额(元)", "其中红冲(张)"),
                        ("王收费", 4, None, None, None, 3052, 1)]
    assert ws.page_setup.orientation == "portrait" and ws.print_title_rows == "$5:$5"


def test_daily_and_month_report_sheets_follow_the_language(world, tmp_path):
    """In English the sheets name the payment methods in English too (the PDFs stay Chinese)."""
    a, b, c, d = world["homes"]
    at(DEC5, 9)
    payments.record_payment(CASHIER, a.id, "2052", "cash", tendered="2100")
    payments.record_payment(CASHIER, c.id, "1000", "card")
    glossary.set_language("en")
    try:
        daily, month = tmp_path / "daily.xlsx", tmp_path / "month.xlsx"
        ledger_xlsx.export_daily_report(FINANCE, daily, "cashier1", "2026-12-05")
        ledger_xlsx.export_month_report(FINANCE, month, "2026-12")
    finally:
        glossary.set_language("zh")
    rows = _values(_sheet(daily))
    assert rows[0][5] == "Method"
    assert [r[5] for r in rows[1:3]] == ["cash", "bank card"]
    assert rows[4:7] == [(None, "Method", None, "Receipts", None, None, "Amount (yuan)", None),
                         (None, "cash", None, "1", None, None, 2052, None),
                         (None, "bank card", None, "1", None, None, 1000, None)]
    assert _heading(_sheet(daily))[2] == "Filters: Cashier: 王收费    Period: 2026-12-05"
    rows = _values(_sheet(month))
    assert rows[0] == ("Date", "Receipts", "Cash (yuan)", "Bank card (yuan)", "Reversals (yuan)",
                       "Total (yuan)", "Cashiers not closed")
    # An explicit language wins over the setting.
    ledger_xlsx.export_month_report(FINANCE, month, "2026-12", lang="en")
    assert _values(_sheet(month))[0][2] == "Cash (yuan)"
