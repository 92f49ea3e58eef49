"""The collection reports on A4 portrait: title, the chart(s) drawn as vectors (pdf/charts.py
from heatoffice.reports.charts, the screen's pictures), then the table, continued on further
pages under its header; every page keeps the house margins (layout.MIN_MARGIN_MM)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from heatoffice import glossary
from heatoffice.exports.pdf import charts as pdf_charts
from heatoffice.exports.pdf.layout import (
    A4,
    MM,
    Company,
    Pen,
    Target,
    as_company,
    form_row,
    number_text,
    paper,
    pdf_canvas,
    printed_term,
)
from heatoffice.money import ZERO, format_percent
from heatoffice.reports import charts as ch
from heatoffice.reports import documents as d
from heatoffice.reports.charts import (
    ageing_bars,
    collection_bars,
    collection_curve,
    takings_bars,
)

_X0, _X1 = 15, 195          # mm: the table and charts between these
_FOOT = 22                  # mm from the bottom where tables stop
_FOOTER = 12                # mm from the bottom edge to the footer line
_ROW = 6.0                  # mm
_CHART_H = 70               # mm

Column = tuple[float, str, str]  # width (mm), header, align of the cells


def _pct(rate: Any) -> str:
    return "-" if rate is None else format_percent(rate)


def _name(cut: str | None, key: str, name: str) -> str:
    if cut == "category" and key:
        return printed_term("account_category", key)
    return name or "（无）"


def _cut(cut: str | None) -> str:
    return glossary.label("report_cut", cut, "zh") if cut else "单位"


class _Sheet:
    """Pages of one report: the title block on the first, the table continued under its
    header on the next ones, page numbers on each."""

    def __init__(self, pen: Pen, company: Company, title: str, line: str, printed: str):
        self.pen, self.company, self.title, self.line, self.printed = (pen, company, title,
                                                                       line, printed)
        self.pages = 1

    def head(self) -> float:
        pen = self.pen
        w, h = pen.page_width, pen.page_height
        pen.text(w / 2, h - 20 * MM, self.company.name, 14, "c", bold=True)
        pen.text(w / 2, h - 29 * MM, self.title, 13, "c", bold=True)
        pen.text(_X0 * MM, h - 37 * MM, self.line, 9)
        pen.text(_X1 * MM, h - 37 * MM, self.printed, 8, "r")
        return h - 41 * MM

    def footer(self) -> None:
        # "共 n 页" is not known while drawing; the page's own number is printed.
        self.pen.text(self.pen.page_width / 2, _FOOTER * MM, f"第 {self.pages} 页", 7.5, "c")

    def chart(self, top: float, chart: ch.BarChart | ch.LineChart,
              height: float = _CHART_H) -> float:
        self.pen.flush()
        pdf_charts.draw(self.pen.c, chart, _X0 * MM, top - height * MM, (_X1 - _X0) * MM,
                        height * MM, self.pen.font)
        return top - (height + 4) * MM

    def table(self, top: float, columns: Sequence[Column], rows: Sequence[Sequence[str]],
              bold_last: int = 0) -> float:
        pen = self.pen
        x0 = _X0 * MM
        scale = (_X1 - _X0) / sum(c[0] for c in columns)
        widths = [c[0] * scale * MM for c in columns]

        def header(at: float) -> float:
            return form_row(pen, x0, at, 7 * MM, [(w, c[1], "c") for w, c in
                                                   zip(widths, columns, strict=True)], 8.5,
                            bold=True)

        top = header(top)
        for i, row in enumerate(rows):
            if top - _ROW * MM < _FOOT * MM:
                self.footer()
                pen.new_page()
                self.pages += 1
                top = header(pen.page_height - 20 * MM)
            bold = i >= len(rows) - bold_last
            top = form_row(pen, x0, top, _ROW * MM,
                           [(w, v, c[2]) for w, v, c in zip(widths, row, columns, strict=True)],
                           8.5, bold=bold)
        return top

    def text(self, top: float, lines: Sequence[str]) -> float:
        for line in lines:
            if top - 6 * MM < _FOOT * MM:
                self.footer()
                self.pen.new_page()
                self.pages += 1
                top = self.pen.page_height - 20 * MM
            self.pen.text(_X0 * MM, top - 5 * MM, line, 9)
            top -= 6 * MM
        return top

    def room(self, top: float, need_mm: float) -> float:
        if top - need_mm * MM < _FOOT * MM:
            self.footer()
            self.pen.new_page()
            self.pages += 1
            return self.pen.page_height - 20 * MM
        return top

    def end(self) -> int:
        self.footer()
        self.pen.new_page()  # paints the page's text; the empty page after it is dropped
        return self.pages


def _printed(at: dt.datetime, by: str) -> str:
    return f"制表：{by}　{at:%Y-%m-%d %H:%M}"


# --- the reports ---------------------------------------------------------------------------

def draw_collection(pen: Pen, r: d.CollectionReport, company: Company) -> int:
    s = _Sheet(pen, company, "采暖季收费统计表",
               f"采暖季：{r.season}　截至：{r.on}" + (f"　分组：{_cut(r.cut)}" if r.cut else ""),
               _printed(r.printed_at, r.printed_by))
    top = s.head()
    lines = [f"收费率 {_pct(r.total.rate)}　　应收 {number_text(r.total.sums.receivable)} 元　　"
             f"实收 {number_text(r.total.sums.collected)} 元　　"
             f"清欠率 {_pct(r.recovery.rate)}"
             + (f"　　报停率 {_pct(r.accounts.stopped_share)}" if r.accounts else "")]
    if r.last_season:
        lines.append(f"上季同期（{r.last_season}，截至 {r.last_day}）收费率 {_pct(r.last_rate)}")
    top = s.text(top, lines)
    if r.cut and r.rows:
        top = s.chart(top - 2 * MM, collection_bars(r))
    top = s.chart(top - 2 * MM, collection_curve(r), 60 if r.cut else _CHART_H)
    columns: list[Column] = [(34, _cut(r.cut), "l"), (12, "户数", "r"), (24, "应收(元)", "r"),
                             (24, "实收(元)", "r"), (24, "欠费(元)", "r"),
                             (22, "其中逾期(元)", "r"), (22, "未到期(元)", "r"),
                             (16, "收费率", "r")]

    def row(name: str, g: Any) -> list[str]:
        return [name, str(g.sums.bills), number_text(g.sums.receivable),
                number_text(g.sums.collected), number_text(g.sums.outstanding),
                number_text(g.overdue), number_text(g.not_due), _pct(g.rate)]

    rows = [row(_name(r.cut, g.key, g.name), g) for g in r.rows] if r.cut else []
    top = s.room(top, 20)
    s.table(top, columns, [*rows, row("合计", r.total)], bold_last=1)
    return s.end()


def draw_ageing(pen: Pen, r: d.AgeingReport, company: Company) -> int:
    s = _Sheet(pen, company, "欠费账龄分析表",
               f"截至：{r.on}" + (f"　分组：{_cut(r.cut)}" if r.cut else ""),
               _printed(r.printed_at, r.printed_by))
    top = s.head()
    top = s.text(top, [f"逾期欠费合计 {number_text(r.total.overdue)} 元　　未到期 "
                       f"{number_text(r.total.by_age.get('not_due', ZERO))} 元"])
    top = s.chart(top - 2 * MM, ageing_bars(r), 60)
    ages = list(glossary.codes("arrears_age"))
    columns: list[Column] = [(40, _cut(r.cut), "l"),
                             *[(24, printed_term("arrears_age", a) + "(元)", "r") for a in ages],
                             (26, "逾期合计(元)", "r")]

    def row(name: str, g: Any) -> list[str]:
        return [name, *[number_text(g.by_age.get(a, ZERO)) for a in ages], number_text(g.overdue)]

    rows = [row(_name(r.cut, g.key, g.name), g) for g in r.rows] if r.cut else []
    s.table(s.room(top, 20), columns, [*rows, row("合计", r.total)], bold_last=1)
    return s.end()


def draw_takings(pen: Pen, r: d.TakingsReport, company: Company) -> int:
    s = _Sheet(pen, company, "收款汇总表", f"期间：{r.first} 至 {r.last}　合计："
               f"{number_text(r.total)} 元", _printed(r.printed_at, r.printed_by))
    top = s.chart(s.head() - 2 * MM, takings_bars(r), 60)
    methods = [printed_term("payment_method", m) for m in r.methods]
    columns: list[Column] = [(22, "日期", "c"), *[(24, f"{m}(元)", "r") for m in methods],
                             (12, "笔数", "r"), (12, "红冲", "r"), (26, "合计(元)", "r")]
    rows = [[f"{x.day}", *[number_text(v) for v in x.by_method], str(x.receipts),
             str(x.reversals), number_text(x.total)] for x in r.days]
    sums = ["合计", *[number_text(sum((x.by_method[i] for x in r.days), ZERO))
                      for i in range(len(methods))],
            str(sum(x.receipts for x in r.days)), str(sum(x.reversals for x in r.days)),
            number_text(r.total)]
    top = s.table(s.room(top, 20), columns, [*rows, sums], bold_last=1)
    top = s.room(top - 6 * MM, 20)
    s.table(top, [(60, "收费员", "l"), (30, "笔数", "r"), (40, "实收净额(元)", "r")],
            [[c, str(n), number_text(a)] for c, n, a in r.cashiers])
    return s.end()


def draw_compare(pen: Pen, r: d.CompareReport, company: Company) -> int:
    s = _Sheet(pen, company, "采暖季同期对比表",
               f"{r.season} 截至 {r.on}　对比 {r.last_season or '（无）'}"
               + (f" 截至 {r.last_day}" if r.last_day else ""),
               _printed(r.printed_at, r.printed_by))
    top = s.head()
    top = s.text(top, [f"本季收费率 {_pct(r.total.this.rate)}　　上季同期收费率 "
                       f"{_pct(r.total.last.rate)}"])
    if r.cut and r.rows:
        bars = ch.rate_bars(f"本季按{_cut(r.cut)}收费率",
                            [(_name(r.cut, g.key, g.name), g.this.rate) for g in r.rows],
                            r.total.this.rate, "全公司平均")
        top = s.chart(top - 2 * MM, bars)
    columns: list[Column] = [(36, _cut(r.cut), "l"), (26, "本季应收(元)", "r"),
                             (26, "本季实收(元)", "r"), (18, "本季收费率", "r"),
                             (26, "上季同期实收(元)", "r"), (18, "上季收费率", "r")]

    def row(name: str, g: Any) -> list[str]:
        return [name, number_text(g.this.sums.receivable), number_text(g.this.sums.collected),
                _pct(g.this.rate), number_text(g.last.sums.collected), _pct(g.last.rate)]

    rows = [row(_name(r.cut, g.key, g.name), g) for g in r.rows] if r.cut else []
    s.table(s.room(top, 20), columns, [*rows, row("合计", r.total)], bold_last=1)
    return s.end()


TITLES = {d.CollectionReport: "采暖季收费统计表", d.AgeingReport: "欠费账龄分析表",
          d.TakingsReport: "收款汇总表", d.CompareReport: "采暖季同期对比表"}


def render_report(target: Target, report: Any, *, company: Company | str,
                  size: str = "A4") -> int:
    """One report laid out on A4 (``size="A5"`` prints the same pages smaller); returns the
    number of pages."""
    company = as_company(company)
    draw = {d.CollectionReport: draw_collection, d.AgeingReport: draw_ageing,
            d.TakingsReport: draw_takings, d.CompareReport: draw_compare}[type(report)]
    with pdf_canvas(target, paper(size), title=TITLES[type(report)], author=company,
                    layout=A4) as (_c, pen):
        return int(draw(pen, report, company))  # type: ignore[operator]
