"""收据: the receipt's exact content, the 副本 mark on a reprint, reversals, two per A4."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from pdftools import flat, fonts, page_count, page_size_mm, pages

from heatoffice.billing.documents import Receipt, ReceiptLine
from heatoffice.exports.pdf.layout import Company
from heatoffice.exports.pdf.receipt import remarks, render_receipt, render_receipts, rows

D = Decimal
COMPANY = Company("阳光热力有限公司", "0351-96000")


def receipt(**changes) -> Receipt:
    base = Receipt(
        receipt_no="2026-000123", taken_at=dt.datetime(2026, 11, 20, 14, 32),
        business_date=dt.date(2026, 11, 20), account_no="0101020501", name="张伟",
        address="阳光花园3号楼2单元501", area=D("88.25"), category="residential",
        seasons=("2026-2027",),
        lines=(ReceiptLine("2026-2027", "season", D("1234.50"), D("88.25"), D("24.22")),),
        amount=D("1234.50"), method="cash", cashier="王收费", tendered=D("1300.00"),
        change=D("65.50"))
    return dataclasses.replace(base, **changes)


def test_receipt_shows_company_number_account_and_amount_in_figures_and_capitals(tmp_path):
    out = tmp_path / "r.pdf"
    render_receipt(out, receipt(), company=COMPANY)
    text = flat(out)
    for expected in ("阳光热力有限公司", "收款收据", "No.2026-000123", "收款日期：2026-11-2014:32",
                     "用户类别：居民", "户号0101020501", "户名张伟", "采暖季2026-2027",
                     "地址阳光花园3号楼2单元501", "供热面积88.25㎡",
                     "2026-2027热费88.2524.221,234.50",
                     "合计金额（大写）人民币壹仟贰佰叁拾肆元伍角整¥1,234.50",
                     "收款方式现金实收现金¥1,300.00找零¥65.50",
                     "收款单位（盖章）：阳光热力有限公司", "收款人：王收费",
                     "服务热线0351-96000"):
        assert expected in text, expected
    assert "副本" not in text and "红冲" not in text
    assert page_size_mm(out) == (210, 148)
    assert all(f["emb"] == "yes" for f in fonts(out))


def test_a_reprint_is_marked_as_a_copy(tmp_path):
    out = tmp_path / "copy.pdf"
    render_receipt(out, receipt(copy=True), company=COMPANY)
    text = flat(out)
    assert text.count("副本") == 1 and "No.2026-000123" in text
    assert "¥1,234.50" in text and "壹仟贰佰叁拾肆元伍角整" in text


def test_a_reversal_prints_negative_with_the_original_number_and_reason(tmp_path):
    out = tmp_path / "rev.pdf"
    rev = receipt(receipt_no="2026-000124", amount=D("-1234.50"), tendered=None, change=None,
                  lines=(ReceiptLine("2026-2027", "season", D("-1234.50")),),
                  reverses="2026-000123", reason="金额录入错误")
    render_receipt(out, rev, company=COMPANY)
    text = flat(out)
    assert "收款收据（红冲）" in text and "红冲" in text.replace("收款收据（红冲）", "")
    assert "合计金额（大写）人民币负壹仟贰佰叁拾肆元伍角整-¥1,234.50" in text
    assert "红冲说明冲销原收据No.2026-000123，原因：金额录入错误" in text
    assert "实收现金" not in text


def test_two_receipts_per_a4_sheet(tmp_path):
    out = tmp_path / "a4.pdf"
    batch = [receipt(receipt_no=f"2026-{i:06d}") for i in (1, 2, 3)]
    assert render_receipts(out, batch, company=COMPANY, size="A4") == 3
    assert page_size_mm(out) == (210, 297) and page_count(out) == 2
    first, second = pages(out)
    assert "No.2026-000001" in first and "No.2026-000002" in first
    assert "No.2026-000003" in second and "2026-000001" not in second
    # The top receipt is above the bottom one on the sheet.
    assert first.index("2026-000001") < first.index("2026-000002")


def test_lines_prepaid_money_and_remarks_in_words(tmp_path):
    r = receipt(seasons=("2025-2026", "2026-2027"), area=D("85.50"),
                lines=(ReceiptLine("2025-2026", "late_fee", D("12.00")),
                       ReceiptLine("2025-2026", "season", D("88.00")),
                       ReceiptLine("", "connection", D("2010.96"))),
                discounts=(ReceiptLine("2026-2027", "discount", D("-41.04")),),
                prepaid=D("9.04"), amount=D("2120.00"), tendered=D("2200.00"),
                change=D("80.00"), method="wechat", reversed_by="2026-000009", copy=True)
    assert [(what, amount) for what, _, _, amount in rows(r)] == [
        ("2025-2026 滞纳金", D("12.00")), ("2025-2026 热费", D("88.00")),
        ("配套费", D("2010.96")), ("预存热费", D("9.04"))]
    assert remarks(r) == ["2026-2027 提前缴费优惠 ¥41.04，已在本次结算中减免",
                          "本收据已由 No. 2026-000009 红冲"]
    out = tmp_path / "r.pdf"
    render_receipt(out, r, company=COMPANY)
    text = flat(out)
    for expected in ("采暖季2025-2026、2026-2027", "2025-2026滞纳金12.00", "配套费2,010.96",
                     "预存热费9.04", "收款方式微信",
                     "备注2026-2027提前缴费优惠¥41.04，已在本次结算中减免；"
                     "本收据已由No.2026-000009红冲"):
        assert expected in text, expected
    assert text.count("副本") == 1


def test_nothing_left_over_adds_no_line():
    assert [what for what, *_ in rows(receipt())] == ["2026-2027 热费"]
    assert remarks(receipt()) == []
