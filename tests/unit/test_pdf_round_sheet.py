"""收费员走访催缴单: who owes what, the last contact and promise, blank columns for the visit,
exact totals, pages continued and numbered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pdftools import flat, page_count, page_size_mm, pages

from heatoffice.billing.documents import RoundLine, RoundSheet
from heatoffice.errors import UserError
from heatoffice.exports.pdf import pdf_bytes
from heatoffice.exports.pdf.layout import Company
from heatoffice.exports.pdf.round_sheet import page_chunks, render_round_sheet

D = Decimal
COMPANY = Company("阳光热力有限公司")
ON = dt.date(2027, 1, 10)


def _sheet(rows, **kw) -> RoundSheet:
    return RoundSheet("周收费", "S001", ON, tuple(rows), areas=("阳光花园", "幸福小区"),
                      printed=dt.datetime(2027, 1, 10, 8, 5), **kw)


def _three() -> list[RoundLine]:
    return [
        RoundLine("YG-301", "住户301", "阳光花园3号楼301", "138****0000", D("2052.00"),
                  D("10.26"), dt.date(2026, 11, 20), "phone", "答应月底缴费",
                  dt.date(2026, 12, 31)),
        RoundLine("YG-302", "住户302", "阳光花园3号楼302", "", D("648.00"), D("0.00")),
        RoundLine("YG-303", "住户303", "幸福小区1号楼101", "0351-7654321", D("700.00"),
                  D("3.50"), dt.date(2026, 12, 1), "visit", "家中无人", ON),
    ]


def _many(n: int) -> list[RoundLine]:
    return [RoundLine(f"YG{i:06d}", f"住户{i}", f"阳光花园3号楼2单元{i}01", "", D("100.01"),
                      D("0.02")) for i in range(1, n + 1)]


def test_sheet_heads_rows_blank_columns_and_totals(tmp_path):
    out = tmp_path / "round.pdf"
    assert render_round_sheet(out, _sheet(_three()), company=COMPANY) == 1
    text = flat(out)
    for expected in (
            "阳光热力有限公司收费员走访催缴单",
            "收费员：周收费（S001）片区：阳光花园、幸福小区走访日期：2027-01-10欠费3户",
            "欠费情况（截至2027-01-10，滞纳金计至当日）本次走访（现场填写）",
            "序号户号户名地址电话欠费(元)滞纳金(元)上次催缴已承诺日期走访结果承诺日期用户签字",
            # A promise whose day has passed says so; one due today has not passed.
            "1YG-301住户301阳光花园3号楼301138****00002,052.0010.26"
            "2026-11-20电话答应月底缴费2026-12-31已过期2YG-302",
            "2YG-302住户302阳光花园3号楼302648.000.003YG-303",
            "3YG-303住户303幸福小区1号楼1010351-7654321700.003.50"
            "2026-12-01上门家中无人2027-01-10合计",
            # 2,052.00 + 648.00 + 700.00 = 3,400.00; 10.26 + 3.50 = 13.76
            "合计：3户3,400.0013.76应收合计¥3,413.76见到____户，承诺缴费____户，未遇____户",
            "收费员签字：", "收费负责人审核：", "打印时间：2027-01-1008:05", "第1页/共1页"):
        assert expected in text, expected
    assert page_size_mm(out) == (297, 210)


def test_a_long_round_continues_with_numbered_pages_and_totals_at_the_end(tmp_path):
    out = tmp_path / "round.pdf"
    assert page_chunks(40, 210) == [15, 18, 7]
    assert render_round_sheet(out, _sheet(_many(40)), company=COMPANY) == 3
    p1, p2, p3 = pages(out)
    assert p1.startswith("阳光热力有限公司收费员走访催缴单") and "第1页/共3页" in p1
    assert "YG000015" in p1 and "YG000016" not in p1 and "合计" not in p1
    assert p2.startswith("收费员走访催缴单（续）收费员：周收费（S001）走访日期：2027-01-10")
    assert "16YG000016" in p2 and "33YG000033" in p2 and "第2页/共3页" in p2
    assert "34YG000034" in p3 and "40YG000040" in p3 and "第3页/共3页" in p3
    # 40 × 100.01 = 4,000.40; 40 × 0.02 = 0.80
    assert "合计：40户4,000.400.80应收合计¥4,001.20" in p3 and "收费员签字" in p3
    assert "收费员签字" not in p1 + p2
    assert sum(p.count("YG0000") for p in (p1, p2, p3)) == 40


def test_the_totals_never_stand_alone_on_the_last_page():
    first = page_chunks(10_000, 210)[0]
    for n in range(first - 3, first + 4):
        chunks = page_chunks(n, 210)
        assert sum(chunks) == n and chunks[-1] >= 1
    assert page_chunks(0, 210) == [0] and page_chunks(1, 210) == [1]


def test_nobody_owes_still_prints_the_form(tmp_path):
    out = tmp_path / "round.pdf"
    assert render_round_sheet(out, _sheet([]), company="阳光热力有限公司") == 1
    text = flat(out)
    assert "本片区目前没有欠费用户合计：0户0.000.00应收合计¥0.00" in text
    assert page_count(out) == 1


def test_progress_is_reported_and_cancel_writes_nothing(tmp_path):
    seen = []
    data = pdf_bytes(render_round_sheet, _sheet(_many(3)), company=COMPANY,
                     progress=lambda done, total: seen.append((done, total)))
    assert data.startswith(b"%PDF") and seen == [(3, 3)]
    out = tmp_path / "round.pdf"
    with pytest.raises(UserError) as err:
        render_round_sheet(out, _sheet(_many(3)), company=COMPANY,
                           progress=lambda done, total: False)
    assert err.value.code == "cancelled"
    assert not out.exists() and list(tmp_path.iterdir()) == []
