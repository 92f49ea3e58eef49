"""The collection reports' PDFs from typed data (no database): every page holds its rates,
labels and totals (pdftotext), a long report continues under its header; the charts' pure
geometry stays inside its box. tests/unit/test_pdf_margins.py measures their margins."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal

import pytest
from pdftools import page_count

from heatoffice.exports.pdf.layout import Company
from heatoffice.exports.pdf.reports import render_report
from heatoffice.reports import charts as ch
from heatoffice.reports.documents import (
    AgeingReport,
    CollectionReport,
    CompareReport,
    CompareRow,
    TakingsDay,
    TakingsReport,
)
from heatoffice.reports.figures import Ageing, DayPoint, Recovery, Row, Sums

D = Decimal
COMPANY = Company("阳光热力有限公司", "0371-96069", "郑州市金水区纬五路12号", "工行", "1702")
ON = dt.date(2026, 12, 15)
AT = dt.datetime(2026, 12, 15, 9, 30)


def _row(i: int) -> Row:
    receivable = D(100_000 + 1_000 * i)
    collected = (receivable * D(30 + i % 50) / 100).quantize(D("0.01"))
    return Row(str(i), f"小区{i:03d}", Sums(receivable, D(0), collected, 40 + i), D(0),
               receivable - collected)


def collection(groups: int = 6) -> CollectionReport:
    rows = tuple(_row(i) for i in range(groups))
    total = Row("", "", sum((r.sums for r in rows), Sums()), D(0),
                sum((r.not_due for r in rows), D(0)))
    start, last_start = dt.date(2026, 11, 15), dt.date(2025, 11, 15)
    curve = tuple(DayPoint(start + dt.timedelta(days=k), D(1000), D(10 * k + 200))
                  for k in range(-20, 31))
    last = tuple(DayPoint(last_start + dt.timedelta(days=k), D(1000), D(9 * k + 180))
                 for k in range(-20, 31))
    return CollectionReport("2026-2027", ON, "community" if groups else None, rows, total,
                            Recovery("", "", D("1800.00"), D("1300.00")), "2025-2026",
                            dt.date(2025, 12, 15), D("0.41"), curve, last, start, last_start,
                            AT, "赵财务")


def ageing() -> AgeingReport:
    rows = tuple(Ageing(str(i), f"换热站{i}", {"current": D(1000 * i), "one": D(500),
                                              "older": D(0), "not_due": D(200)})
                 for i in range(4))
    total = Ageing("", "", {k: sum((r.by_age[k] for r in rows), D(0))
                            for k in ("current", "one", "older", "not_due")})
    return AgeingReport(ON, "station", rows, total, AT, "赵财务")


def takings(days: int = 12) -> TakingsReport:
    ds = tuple(TakingsDay(ON - dt.timedelta(days=days - i), (D(1000 + i), D(200), D(0)), 5, 1,
                          D(1200 + i)) for i in range(days))
    return TakingsReport(ds[0].day, ds[-1].day, ("cash", "wechat", "alipay"), ds,
                         (("王收费", 40, D("9000.00")),), (), AT, "赵财务")


def compare() -> CompareReport:
    rows = tuple(CompareRow(str(i), f"小区{i}", _row(i), _row(i + 3)) for i in range(3))
    total = CompareRow("", "", _row(9), _row(8))
    return CompareReport("2026-2027", ON, "2025-2026", dt.date(2025, 12, 15), "community", rows,
                         total, AT, "赵财务")


REPORTS = {"collection": collection, "collection-long": lambda: collection(90),
           "collection-company": lambda: collection(0), "ageing": ageing,
           "takings": takings, "takings-long": lambda: takings(70), "compare": compare}


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_collection_report_holds_its_rates_and_chart_labels(tmp_path):
    out = tmp_path / "c.pdf"
    render_report(out, collection(), company=COMPANY)
    text = _text(out)
    for expected in ("采暖季收费统计表", "按小区收费率", "全公司平均", "小区000", "小区005",
                     "清欠率 72.22%", "上季同期（2025-2026，截至 2025-12-15）收费率 41%",
                     "累计收费率", "-20天", "2025-2026", "合计", "30%"):
        assert expected in text, expected


def test_long_reports_continue_on_more_pages(tmp_path):
    out = tmp_path / "long.pdf"
    assert render_report(out, collection(90), company=COMPANY) == page_count(out) >= 3
    text = _text(out)
    assert "小区089" in text and text.count("收费率") >= 3  # the header on every page


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_renders(tmp_path, name):
    out = tmp_path / f"{name}.pdf"
    pages = render_report(out, REPORTS[name](), company=COMPANY)
    assert pages == page_count(out)


def test_chart_shapes_stay_inside_their_box():
    for chart in (ch.collection_bars(collection(12)), ch.collection_curve(collection()),
                  ch.takings_bars(takings(70)), ch.ageing_bars(ageing())):
        for w, h in ((510, 200), (300, 170)):
            for s in ch.layout(chart, w, h):
                if isinstance(s, ch.Rect):
                    assert 0 <= s.x and s.x + s.w <= w + 0.01 and 0 <= s.y <= h, s
                elif isinstance(s, ch.Poly):
                    assert all(0 <= x <= w and 0 <= y <= h for x, y in s.points)


def test_bars_are_sorted_and_marked_against_the_average():
    chart = ch.rate_bars("t", [("a", D("0.2")), ("b", D("0.6")), ("c", None), ("d", D("0.4"))],
                         D("0.4"), "平均")
    assert [b.label for b in chart.bars] == ["b", "d", "a"]
    assert [b.text for b in chart.bars] == ["60%", "40%", "20%"]
    assert chart.average_text == "平均 40%" and chart.ticks[-1] == (chart.top, "60%")
    low = [s for s in ch.layout(chart, 400, 200) if isinstance(s, ch.Rect)]
    assert [r.fill for r in low] == [ch.BAR, ch.BAR, ch.LOW]
    assert ch.nice_step(95, 5) == 20 and ch.nice_step(0.37, 5) == 0.1


@pytest.mark.parametrize("days", [0, 1, 3, 5, 12, 40, 151])
def test_the_day_axis_counts_whole_days(days):
    """A short season (a few days in) gets ticks of one day, never 16.2天."""
    pts = [(k, D("0.1") * min(k, 9) / 10) for k in range(days + 1)]
    chart = ch.curve("t", [("2026-2027", pts, ch.BAR)], "天")
    values = [v for v, _ in chart.x_ticks]
    assert all(v == int(v) for v in values), values
    assert all(text == f"{int(v)}天" for v, text in chart.x_ticks)
    assert values[0] == 0 and values[-1] <= max(days, 1) and len(values) >= 2
