"""The measurement sheet's PDF from its frozen data alone: blank and completed (pdftotext)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from pdftools import flat, page_count

from heatoffice.exports.pdf.measurement_sheet import render_measurement_sheet
from heatoffice.measurements.calc import DEFAULT_SHARES
from heatoffice.measurements.documents import MeasurementSheet, SheetPart

BLANK = MeasurementSheet(number="", account_no="YG-0101", name="张伟",
                         address="阳光花园1号楼1单元101", community="阳光花园",
                         area_on_record=D("110.00"))
DONE = MeasurementSheet(
    number="CL-2026-000045", account_no="YG-0101", name="张伟",
    address="阳光花园1号楼1单元101", community="阳光花园", area_on_record=D("110.00"),
    measured_on=dt.date(2026, 12, 5), reason="dispute", state="applied", rule_version=2,
    shares=tuple(DEFAULT_SHARES.items()), ceiling_base=D("3.00"), coefficient=D("1"),
    ceiling_height=D("3.30"),
    parts=(SheetPart("卧室", "room", D("4.20"), D("3.50"), D("14.70"), D("1"), D("14.70")),
           SheetPart("阁楼", "loft", None, None, D("10.01"), D("0.5"), D("5.005"))),
    area=D("21.68"), difference=D("-88.32"),
    measurers=(("kefu", "customer_service"), ("shoufei", "fee_section")),
    customer_present=True, customer_signed=True, effective_on=dt.date(2027, 1, 15),
    adjustment_amount=D("-65.45"), adjustment_status="proposed")


def test_the_blank_sheet_has_an_empty_table_and_the_signature_lines(tmp_path):
    out = tmp_path / "blank.pdf"
    assert render_measurement_sheet(out, BLANK, company="阳光热力") == 1
    text = flat(out)
    for word in ("阳光热力", "供热面积测量记录表", "编号：____________", "户号：YG-0101",
                 "户名：张伟", "原登记面积：110.00㎡", "层高：______米", "部位类型长(米)宽(米)",
                 "12", "客服部测量人：__________签字：__________",
                 "收费科测量人：__________签字：__________", "用户在场：是/否（圈选）用户签字：",
                 "复核人签字："):
        assert word in text, word
    assert "测量面积" not in text and "计算规则" not in text
    assert page_count(out) == 1


def test_the_completed_sheet_shows_parts_rules_area_and_difference(tmp_path):
    out = tmp_path / "done.pdf"
    render_measurement_sheet(out, DONE, company="阳光热力")
    text = flat(out)
    for word in ("编号：CL-2026-000045", "测量原因：用户异议", "测量日期：2026年12月5日",
                 "层高：3.30米", "规则版本：第2版", "1卧室房间4.203.5014.70100%14.70",
                 "2阁楼阁楼10.0150%5.005", "计算规则（第2版）：房间100%；封闭采暖阳台100%；"
                 "封闭不采暖阳台50%；开敞阳台0%；阁楼50%", "层高超过3.00米时面积×层高÷3.00",
                 "测量面积：21.68㎡", "面积差：-88.32㎡", "客服部测量人：kefu",
                 "收费科测量人：shoufei", "用户在场：是用户签字", "生效日期：2027年1月15日",
                 "调账-65.45元（待审批）"):
        assert word in text, word
