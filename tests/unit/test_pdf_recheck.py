"""现场复核单: the bill's facts printed, blank columns to fill on site, pages numbered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pdftools import flat, page_size_mm, pages

from heatoffice.billing.documents import RecheckLine, RecheckSheet
from heatoffice.exports.pdf.layout import Company
from heatoffice.exports.pdf.recheck_sheet import render_recheck_sheets, scope

D = Decimal
COMPANY = Company("阳光热力有限公司")


def _rows(n: int) -> list[RecheckLine]:
    return [RecheckLine(f"YG{i:06d}", f"住户{i}", f"阳光花园3号楼2单元{i}01", D("85.50"),
                        "heating" if i % 2 else "stopped", D("2052.00") if i % 2 else D("615.60"))
            for i in range(1, n + 1)]


def test_sheet_heads_rows_and_blank_columns(tmp_path):
    out = tmp_path / "r.pdf"
    sheet = RecheckSheet("2026-2027", _rows(3), "阳光花园", printed=dt.date(2026, 12, 1))
    assert render_recheck_sheets(out, [sheet], company=COMPANY) == 1
    text = flat(out)
    for expected in ("阳光热力有限公司", "现场复核单", "复核范围：阳光花园", "采暖季：2026-2027",
                     "复核人：____________", "账单信息", "现场复核（现场填写）",
                     "序号户号户名地址计费面积(㎡)状态应收金额(元)实测面积(㎡)现场状态用户签字备注",
                     "1YG000001住户1阳光花园3号楼2单元10185.50供热2,052.00",
                     "2YG000002住户2阳光花园3号楼2单元20185.50报停615.60",
                     "本单共3户256.504,719.60现场差异户数：______户",
                     "复核人签字：", "用户签字", "打印日期：2026-12-01", "第1页/共1页"):
        assert expected in text, expected
    assert page_size_mm(out) == (297, 210)


def test_a_long_sheet_continues_with_numbered_pages(tmp_path):
    out = tmp_path / "r.pdf"
    sheets = [RecheckSheet("2026-2027", _rows(20), "阳光花园", collector="王强"),
              RecheckSheet("2026-2027", _rows(2), "幸福小区")]
    assert render_recheck_sheets(out, sheets, company=COMPANY) == 3
    p1, p2, p3 = pages(out)
    assert "第1页/共2页" in p1 and "YG000001" in p1 and "YG000020" not in p1
    assert "第2页/共2页" in p2 and "YG000020" in p2 and "本单共20户" in p2
    assert "复核人：王强" in p1 and "复核人：王强" in p2
    assert "复核范围：阳光花园，收费员王强的片区" in p1
    assert "复核范围：幸福小区" in p3 and "第1页/共1页" in p3 and "本单共2户" in p3
    # Every row printed once across the pages.
    assert sum(t.count("YG0000") for t in (p1, p2)) == 20


def test_nothing_to_recheck_still_prints_an_empty_form(tmp_path):
    out = tmp_path / "r.pdf"
    assert render_recheck_sheets(out, [], company=COMPANY) == 1
    assert "本单共0户" in flat(out)


def test_the_scope_is_the_community_or_the_collectors_round():
    assert [scope(RecheckSheet("2026-2027", (), *args)) for args in (
        ("阳光花园",), ("阳光花园", "王强"), ("", "王强"), ("", ""))] == [
        "阳光花园", "阳光花园，收费员 王强 的片区", "收费员 王强 的片区", "收费员  的片区"]
