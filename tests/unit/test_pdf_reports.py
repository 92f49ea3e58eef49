"""收费日报 and 月报 on A4: totals by method, receipts, reversals, cash, pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pdftools import flat, page_count, page_size_mm, pages

from heatoffice.billing.documents import (
    CashierTotal,
    DailyReport,
    MethodTotal,
    MonthDay,
    MonthReport,
    ReportReceipt,
)
from heatoffice.exports.pdf.daily_report import note, render_daily_report, render_month_report
from heatoffice.exports.pdf.layout import Company

D = Decimal
COMPANY = Company("阳光热力有限公司")
T0 = dt.datetime(2026, 12, 5, 9, 0)


def daily(receipts: int = 4, closed: bool = True) -> DailyReport:
    recs = [ReportReceipt("2026-000001", T0, "YG000101", "张伟", "cash", D("2052.00")),
            ReportReceipt("2026-000002", T0 + dt.timedelta(minutes=5), "YG000102", "李娜",
                          "cash", D("300.00"), reversed_by="2026-000004"),
            ReportReceipt("2026-000003", T0 + dt.timedelta(minutes=9), "YG000103", "王芳",
                          "card", D("1000.00")),
            ReportReceipt("2026-000004", T0 + dt.timedelta(minutes=30), "YG000102", "李娜",
                          "cash", D("-300.00"), reverses="2026-000002")]
    recs += [ReportReceipt(f"2026-{i:06d}", T0 + dt.timedelta(hours=1, minutes=i), "YG000104",
                           "赵强", "wechat", D("1.00")) for i in range(5, receipts + 1)]
    extra = D(max(0, receipts - 4))
    return DailyReport(
        business_date=dt.date(2026, 12, 5), cashier="王收费",
        methods=(MethodTotal("cash", 3, D("2052.00")), MethodTotal("card", 1, D("1000.00")),
                 MethodTotal("wechat", receipts - 4, extra)),
        receipts=tuple(recs), receipt_count=receipts, payment_count=receipts - 1, reversal_count=1,
        first_receipt="2026-000001", last_receipt=recs[-1].receipt_no,
        gross_total=D("3352.00") + extra, reversal_total=D("-300.00"),
        total=D("3052.00") + extra, cash_to_hand_over=D("2052.00"),
        closed_at=dt.datetime(2026, 12, 5, 17, 30) if closed else None,
        closed_by="王收费" if closed else "", printed_at=dt.datetime(2026, 12, 5, 17, 35))


def test_daily_report_content(tmp_path):
    out = tmp_path / "d.pdf"
    assert render_daily_report(out, daily(), company=COMPANY) == 1
    text = flat(out)
    for expected in ("阳光热力有限公司", "收费日报", "收费日期：2026-12-05", "收款员：王收费",
                     "状态：已日结（2026-12-0517:30王收费）", "收款方式笔数金额(元)",
                     "现金32,052.00", "银行卡11,000.00", "微信00.00", "合计（净额）43,052.00",
                     "开具收据4张（No.2026-000001至No.2026-000004），其中收款3笔¥3,352.00，"
                     "红冲1笔-¥300.00。",
                     "实收净额：¥3,052.00（大写：叁仟零伍拾贰元整）",
                     "应交现金：¥2,052.00（大写：贰仟零伍拾贰元整）",
                     "12026-00000109:00YG000101张伟现金2,052.00",
                     "22026-00000209:05YG000102李娜现金300.00已被2026-000004红冲",
                     "42026-00000409:30YG000102李娜现金-300.00红冲2026-000002",
                     "收款员：", "复核：", "财务负责人：", "打印时间：2026-12-0517:35",
                     "第1页/共1页"):
        assert expected in text, expected
    assert page_size_mm(out) == (210, 297)


def test_the_note_names_the_reversal_or_what_it_reversed():
    assert [note(r) for r in daily().receipts] == ["", "已被 2026-000004 红冲", "",
                                                    "红冲 2026-000002"]


def test_an_open_day_is_a_draft_and_an_empty_day_says_so(tmp_path):
    out = tmp_path / "d.pdf"
    empty = DailyReport(dt.date(2026, 12, 6), "王收费", [], [], 0, 0, 0, "", "", D("0.00"),
                        D("0.00"), D("0.00"), D("0.00"))
    render_daily_report(out, empty, company=COMPANY)
    text = flat(out)
    assert "状态：未日结（草稿）" in text and "开具收据0张（无）" in text
    assert "当日没有收款" in text and "应交现金：¥0.00（大写：零元整）" in text


def test_a_long_day_continues_over_pages(tmp_path):
    out = tmp_path / "d.pdf"
    pages_drawn = render_daily_report(out, daily(receipts=90), company=COMPANY)
    assert pages_drawn == page_count(out) == 3
    texts = pages(out)
    assert "第1页/共3页" in texts[0] and "第3页/共3页" in texts[2]
    assert "收费日报2026-12-05王收费（续）" in texts[1]
    joined = "".join(texts)
    assert all(joined.count(f"2026-{i:06d}") >= 1 for i in range(1, 91))
    assert "财务负责人" in texts[2] and "财务负责人" not in texts[0]


def test_month_report(tmp_path):
    out = tmp_path / "m.pdf"
    days = [MonthDay(dt.date(2026, 12, 5), 5, [D("2052.00"), D("1100.00")], D("-300.00"),
                     D("3152.00")),
            MonthDay(dt.date(2026, 12, 6), 1, [D("0.00"), D("500.50")], D("0.00"),
                     D("500.50"), open_cashiers=1)]
    report = MonthReport("2026-12", ("cash", "card"), days,
                         [CashierTotal("王收费", 4, 1, D("3052.00")),
                          CashierTotal("李收费", 2, 0, D("600.50"))],
                         closed_at=None, printed_at=dt.datetime(2027, 1, 1, 9, 0))
    assert render_month_report(out, report, company=COMPANY) == 1
    text = flat(out)
    for expected in ("阳光热力有限公司", "收费月报", "月份：2026-12", "状态：未月结（草稿）",
                     "日期张数现金(元)银行卡(元)红冲(元)合计(元)",
                     "12-0552,052.001,100.00-300.003,152.00", "12-06*10.00500.500.00500.50",
                     "合计62,052.001,600.50-300.003,652.50",
                     "本月实收净额：¥3,652.50（大写：叁仟陆佰伍拾贰元伍角整）",
                     "*当日尚有收款员未日结", "按收款员汇总", "王收费413,052.00",
                     "李收费20600.50", "制表：", "第1页/共1页"):
        assert expected in text, expected
