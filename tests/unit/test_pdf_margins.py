"""Every document fits the paper: on A4 and on A5, every page keeps at least 8 mm of white
on every side, measured from the text's bounding boxes (pdftotext -bbox) and from the ink of
the rendered page (rules, boxes and the dashed cut too). Full pages are measured: a long
batch, a long day, a sheet that continues, a company with a long address and bank account."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from decimal import Decimal

import pytest
import test_measurement_sheet as measurement_data
import test_pdf_collection_reports as collection_data
import test_pdf_dunning as dunning_data
import test_pdf_notice as notice_data
import test_pdf_receipt as receipt_data
import test_pdf_recheck as recheck_data
import test_pdf_reply_letter as reply_data
import test_pdf_reports as report_data
import test_pdf_round_sheet as round_data
from pdftools import ink_margins, page_count, page_size_mm, text_boxes, text_margins

from heatoffice.billing.documents import (
    AccountStatement,
    CashierTotal,
    MonthDay,
    MonthReport,
    NoticeLine,
    ReceiptLine,
    RecheckSheet,
    StatementLine,
)
from heatoffice.exports.pdf import application
from heatoffice.exports.pdf.daily_report import render_daily_report, render_month_report
from heatoffice.exports.pdf.dunning import render_dunning_notices
from heatoffice.exports.pdf.layout import MIN_MARGIN_MM, Company
from heatoffice.exports.pdf.measurement_sheet import render_measurement_sheet
from heatoffice.exports.pdf.notice import render_notices
from heatoffice.exports.pdf.receipt import render_receipts
from heatoffice.exports.pdf.recheck_sheet import render_recheck_sheets
from heatoffice.exports.pdf.reply_letter import render_reply_letter
from heatoffice.exports.pdf.reports import render_report
from heatoffice.exports.pdf.round_sheet import render_round_sheet
from heatoffice.exports.pdf.service_report import render_service_report
from heatoffice.exports.pdf.statement import render_statement
from heatoffice.reception.documents import (
    AcceptanceReceipt,
    DocumentLine,
    HandoverSlip,
    Heading,
    ReviewForm,
    StepLine,
)
from heatoffice.service.reports import Column, ServiceReport, Sheet

D = Decimal
COMPANY = Company("阳光热力有限公司", "0371-96069", "郑州市金水区纬五路12号阳光大厦一层营业厅",
                  "中国工商银行郑州金水支行", "1702 0210 0920 0123 456")


def _notices():
    many = tuple(NoticeLine(f"明细{i}", D("10.00"), D("24.00"), D("240.00")) for i in range(9))
    return [notice_data.notice(), notice_data.notice(lines=many, paid=D("100.00"),
                                                     adjusted=D("-20.00"))]


def _receipts():
    wechat = receipt_data.receipt(method="wechat", tendered=None, change=None,
                                  reference="4200001234202611201234567890",
                                  balance_after=D("902.92"))
    long = receipt_data.receipt(
        lines=tuple(ReceiptLine("2026-2027", "season", D("10.00"), D("1.00"), D("10.00"))
                    for _ in range(7)), prepaid=D("5.00"), reverses="2026-000001",
        reason="金额录入错误", amount=D("-75.00"), reversed_by="",
        discounts=(ReceiptLine("2026-2027", "discount", D("-41.04")),),
        balance_after=D("-5.00"))
    return [receipt_data.receipt(balance_after=D("0.00")), wechat, long]


def _dunning():
    return [dunning_data.dunning(not_due=D("2400.00"), collector="王收费",
                                 collector_phone="13800000000"),
            dunning_data.dunning(items=dunning_data.dunning().items * 3)]


def _month():
    days = [MonthDay(dt.date(2026, 12, d), 5, [D("2052.00"), D("1100.00"), D("3.00")],
                     D("-300.00"), D("2855.00"), open_cashiers=d % 2) for d in range(1, 32)]
    cashiers = [CashierTotal(f"收费员{i}", 40, 1, D("3052.00")) for i in range(8)]
    return MonthReport("2026-12", ("cash", "card", "wechat"), days, cashiers,
                       printed_at=dt.datetime(2027, 1, 1, 9, 0))


def _recheck():
    return [RecheckSheet("2026-2027", recheck_data._rows(30), "阳光花园", collector="王强",
                         printed=dt.date(2026, 12, 1))]


def _statement():
    day = dt.date(2026, 10, 20)
    lines = [StatementLine(day + dt.timedelta(days=i), "payment", "wechat", "2026-2027",
                           f"2026-{i:06d}", "", "", D("0.00"), D("10.00"), D(2052 - 10 * i))
             for i in range(1, 80)]
    return AccountStatement("YG000101", "张伟", "阳光花园3号楼2单元501", "residential",
                            "heating", D("85.50"), day, dt.date(2027, 3, 15), D("2052.00"),
                            lines, "2026-2027", dt.datetime(2027, 3, 16, 9), "王收费",
                            "0371-96069")


# Reception's forms at their fullest: every document kind, a long request and address, the
# whole trail of a returned, reassigned application with a manager's exception.
_HEAD = Heading("SL-2026-000123", "transfer", "YG000101", "张伟",
                "阳光花园小区东区3号楼2单元501室（原幸福里老城区散户合并后新编门牌）", "周新",
                "13900000005", "agent", dt.date(2026, 9, 7), "liu",
                "原户主张伟将房屋出售给周新，申请办理供热过户，并同时申请核对供热面积及缴费记录，"
                "委托代理人持授权委托书办理")
_DOCS = tuple(DocumentLine(k, n, f, d) for k, n, f, d in (
    ("owner-id", "户主身份证", "original", "returned"),
    ("new-owner-id", "新户主身份证", "original", "returned"),
    ("property-proof", "房产证或购房合同", "copy", "kept"),
    ("transfer-contract", "过户合同", "copy", "kept"),
    ("attorney", "授权委托书", "original", "kept"),
    ("last-receipt", "上季缴费收据", "original", "returned"),
    ("other", "其他材料（户口本、结婚证复印件）", "copy", "kept")))
_STEPS = tuple(StepLine(state, dept, dt.datetime(2026, 9, 7 + i, 9, 30), who, why)
               for i, (state, dept, who, why) in enumerate((
                   ("received", "", "liu", ""),
                   ("under_review", "", "liu", ""),
                   ("returned", "", "liu", "缺过户合同原件，请补齐后再来办理，材料清单已当面告知"),
                   ("under_review", "", "liu", ""),
                   ("accepted", "", "liu", ""),
                   ("forwarded", "finance", "liu", ""),
                   ("forwarded", "customer_service", "sun", "经理改派：需先复核面积"),
                   ("done", "customer_service", "chen", ""))))
_RECEPTION = {
    "acceptance": AcceptanceReceipt(_HEAD, _DOCS, ("过户合同原件", "新房产证"), "finance",
                                    dt.date(2026, 9, 14), dt.date(2026, 9, 10), 2027,
                                    "0371-96069", dt.date(2026, 9, 7)),
    "review": ReviewForm(_HEAD, "done", _DOCS, _STEPS, "sun", "承诺年底前缴清欠费",
                         dt.date(2026, 9, 16)),
    "handover": HandoverSlip(_HEAD, tuple(d for d in _DOCS if d.disposition == "returned"),
                             dt.date(2026, 9, 16)),
}


def _reception(name: str):
    return lambda out, size: application.render(out, _RECEPTION[name], company=COMPANY,
                                                size=size)


def _service_report() -> ServiceReport:
    """Every table of the service report, the work orders' long enough to continue."""
    cols = tuple(Column(f"列{i}", f"c{i}", w) for i, w in enumerate((16, 16, 9, 12, 24, 10)))
    orders = tuple((f"WO-2026-{n:06d}", f"RX-2026-{n:06d}", "不热", "一般",
                    "阳光花园3号楼一单元1201室" * 2, Decimal("12.5")) for n in range(1, 80))
    small = tuple((dt.date(2026, 12, d), d, d * 2, None, "admin", Decimal("50.0"))
                  for d in range(1, 8))
    return ServiceReport(dt.date(2026, 12, 1), dt.date(2026, 12, 31), (
        Sheet("calls_by_day", "来电按日按类别", "Calls", cols, small),
        Sheet("work_orders", "维修单", "Work orders", cols, orders),
        Sheet("cold_homes", "室温不达标", "Cold homes", cols, ())))


def _report(make, out, size):
    render_report(out, make(), company=COMPANY, size=size)


DOCUMENTS = {
    "notice": lambda out, size: render_notices(out, _notices(), company=COMPANY, size=size),
    "receipt": lambda out, size: render_receipts(out, _receipts(), company=COMPANY, size=size),
    "dunning": lambda out, size: render_dunning_notices(out, _dunning(), company=COMPANY,
                                                        size=size),
    "recheck": lambda out, size: render_recheck_sheets(out, _recheck(), company=COMPANY,
                                                       size=size),
    "round": lambda out, size: render_round_sheet(
        out, round_data._sheet(round_data._three() + round_data._many(40)), company=COMPANY,
        size=size),
    "daily": lambda out, size: render_daily_report(out, report_data.daily(receipts=70),
                                                   company=COMPANY, size=size),
    "month": lambda out, size: render_month_report(out, _month(), company=COMPANY, size=size),
    "statement": lambda out, size: render_statement(out, _statement(), company=COMPANY,
                                                    size=size),
    "acceptance": _reception("acceptance"),
    "review": _reception("review"),
    "handover": _reception("handover"),
    "measurement": lambda out, size: render_measurement_sheet(
        out, measurement_data.DONE, company=COMPANY, size=size),
    "measurement-blank": lambda out, size: render_measurement_sheet(
        out, measurement_data.BLANK, company=COMPANY, size=size),
    # a complaint's reply letter long enough to continue on a second page
    "reply": lambda out, size: render_reply_letter(out, reply_data.letter(
        facts="经核实，" + "该楼位于管网末端，压差不足，" * 60), company=COMPANY, size=size),
    # the service report: A4 landscape, its tables continued
    "service": lambda out, size: render_service_report(
        out, _service_report(), company=COMPANY, printed_by="张敏",
        printed_at=dt.datetime(2026, 12, 31, 17), size=size),
    # the collection reports (heatoffice.reports): charts, long tables continued
    **{f"report-{name}": functools.partial(_report, make)
       for name, make in collection_data.REPORTS.items()},
}
PAPER = {  # the paper of each size, (width, height) in mm
    "A4": {"receipt": (210, 297), "recheck": (297, 210), "round": (297, 210),
           "service": (297, 210)},
    "A5": {"receipt": (210, 148), "recheck": (210, 148), "round": (210, 148),
           "service": (210, 148)},
}


@pytest.mark.parametrize("size", ["A4", "A5"])
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_page_keeps_eight_millimetres_of_white(tmp_path, name, size):
    out = tmp_path / f"{name}-{size}.pdf"
    DOCUMENTS[name](out, size)
    default = (210, 297) if size == "A4" else (148, 210)
    assert page_size_mm(out) == PAPER[size].get(name, default)
    texts, inks = text_margins(out), ink_margins(out)
    assert len(texts) == len(inks) == page_count(out)
    for page, (text, ink) in enumerate(zip(texts, inks, strict=True), 1):
        for side, by_text, by_ink in zip(("left", "top", "right", "bottom"), text, ink,
                                         strict=True):
            assert by_text >= MIN_MARGIN_MM, (name, size, page, side, round(by_text, 1))
            assert by_ink >= MIN_MARGIN_MM, (name, size, page, side, round(by_ink, 1))


def test_long_documents_really_run_over_several_pages(tmp_path):
    """The margins above are measured on full pages, not on one short page each."""
    counts = {}
    for name in ("recheck", "round", "daily", "statement", "review", "service"):
        out = tmp_path / f"{name}.pdf"
        DOCUMENTS[name](out, "A4")
        counts[name] = page_count(out)
    # the review form's long trail moves its signature blocks to a second page
    assert counts == {"recheck": 3, "round": 3, "daily": 3, "statement": 3, "review": 2,
                      "service": 4}


def test_the_notice_stub_is_well_clear_of_the_bottom_edge(tmp_path):
    """The tear-off stub was printed 1.9 mm from the bottom of A5 (2.4 mm on A4)."""
    for size, least in (("A5", 11), ("A4", 15)):
        out = tmp_path / f"n-{size}.pdf"
        render_notices(out, [notice_data.notice()], company=COMPANY, size=size)
        [(_w, height, words)] = text_boxes(out)
        stub = [w for w in words if w[0].startswith("收款人")]
        assert stub and height - stub[0][4] >= least, size


def test_a_company_without_address_or_bank_prints_without_empty_labels(tmp_path):
    out = tmp_path / "n.pdf"
    bare = dataclasses.replace(COMPANY, address="", bank_name="", bank_account="")
    render_notices(out, [notice_data.notice()], company=bare)
    words = "".join(w[0] for w in text_boxes(out)[0][2])
    assert "开户银行" not in words and "账号" not in words
    assert "服务电话：0371-96069" in words
