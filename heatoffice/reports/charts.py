"""The reports' charts as pure data and pure geometry, drawn the same on paper and on screen.

A chart (``BarChart``, ``LineChart``) is built from a report; ``layout(chart, width,
height)`` turns it into primitives (rectangles, lines, polylines, texts) in points with the
origin at the bottom left. exports/pdf/charts.py paints them with reportlab's graphics (vector
shapes in the PDF) and ui/chart_widget.py with QPainter (y flipped), so the printed report
and the screen show the same picture. No display text is made here beyond figures and the
labels the caller passes.

Money and rates stay Decimal: a bar's printed figure is formatted from its Decimal. Only
geometry is a float (a bar's height, a point's position, as the drawing libraries take it)
and the axis ticks, which are round steps (1, 2 or 5 × 10ⁿ) of that geometry; nothing
computed in floats is summed or shown as an amount of the ledger.
"""

from __future__ import annotations

import datetime as _dt
import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from heatoffice import glossary
from heatoffice.money import format_percent, format_yuan
from heatoffice.reports.documents import AgeingReport, CollectionReport, TakingsReport

Color = tuple[float, float, float]
BAR: Color = (0.27, 0.45, 0.70)
LOW: Color = (0.80, 0.33, 0.25)     # a bar under the average
AVERAGE: Color = (0.85, 0.15, 0.15)
THIS: Color = (0.27, 0.45, 0.70)
LAST: Color = (0.60, 0.60, 0.60)
GRID: Color = (0.85, 0.85, 0.85)
INK: Color = (0.1, 0.1, 0.1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as printed above the bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]  # value axis: (value, label)
    top: float                            # the axis' highest value
    average: float | None = None          # a line across (the company's rate)
    average_text: str = ""
    mark_below_average: bool = False


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[float, float], ...]
    color: Color


@dataclass(frozen=True)
class LineChart:
    title: str
    series: tuple[Series, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) giving about ``count`` intervals over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def value_ticks(top: float, kind: str, count: int = 5) -> tuple[float, tuple[tuple[float, str],
                                                                         ...]]:
    """The axis' top and its ticks from 0: percents for "rate", yuan otherwise."""
    if kind == "rate":
        top = min(1.0, max(top, 0.0001))
    step = nice_step(top or 1.0, count)
    last = math.ceil((top or 1.0) / step - 1e-9) * step
    ticks = []
    v = 0.0
    while v <= last + step / 1000:
        text = (format_percent(Decimal(str(round(v, 6)))) if kind == "rate"
                else _yuan_tick(v))
        ticks.append((v, text))
        v += step
    return last, tuple(ticks)


def _yuan_tick(v: float) -> str:
    if v >= 10_000:
        return f"{v / 10_000:g}万"
    return f"{v:g}"


def rate_bars(title: str, groups: list[tuple[str, Decimal | None]], average: Decimal | None,
              average_label: str) -> BarChart:
    """Collection rate by group: bars sorted from the highest rate, the company's average
    across them, the groups below it marked."""
    shown = sorted(((n, r) for n, r in groups if r is not None),
                   key=lambda g: (-g[1], g[0]))
    bars = tuple(Bar(n, float(r), format_percent(r)) for n, r in shown if r is not None)
    top, ticks = value_ticks(max([b.value for b in bars] + [float(average or 0)]), "rate")
    return BarChart(title, bars, ticks, top, None if average is None else float(average),
                    f"{average_label} {format_percent(average)}" if average is not None else "",
                    mark_below_average=True)


def money_bars(title: str, groups: list[tuple[str, Decimal]]) -> BarChart:
    """Amounts by group (takings per day, arrears by age), in the order given."""
    bars = tuple(Bar(n, float(v), format_yuan(v, symbol=False)) for n, v in groups)
    top, ticks = value_ticks(max([b.value for b in bars] + [0.0]), "money")
    return BarChart(title, bars, ticks, top)


def curve(title: str, series: list[tuple[str, list[tuple[int, Decimal | None]], Color]],
          x_label: str) -> LineChart:
    """Cumulative collection rate against days from the season's start, one line a season."""
    lines = tuple(Series(name, tuple((float(x), float(y)) for x, y in pts if y is not None),
                         color) for name, pts, color in series)
    xs = [x for s in lines for x, _ in s.points] or [0.0, 1.0]
    lo, hi = min(xs), max(xs)
    if hi <= lo:
        hi = lo + 1
    # days are whole: a short season gets a step of one day, never 0.2 of one
    step = max(1, round(nice_step(hi - lo, 6)))
    first = math.floor(lo / step) * step
    x_ticks = []
    v = first
    while v <= hi:
        x_ticks.append((float(v), f"{v}{x_label}"))
        v += step
    top, y_ticks = value_ticks(max([y for s in lines for _, y in s.points] + [0.0]), "rate")
    return LineChart(title, lines, tuple(x_ticks), y_ticks, (first, max(hi, x_ticks[-1][0])),
                     (0.0, top))


def day_points(points: list[tuple[_dt.date, Decimal | None]], start: _dt.date
               ) -> list[tuple[int, Decimal | None]]:
    return [((day - start).days, rate) for day, rate in points]


# --- geometry ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Color


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: Color
    width: float = 0.5
    dashed: bool = False


@dataclass(frozen=True)
class Poly:
    points: tuple[tuple[float, float], ...]
    color: Color
    width: float = 1.5


@dataclass(frozen=True)
class Text:
    x: float
    y: float       # the baseline
    text: str
    size: float
    anchor: str = "start"  # start | middle | end
    color: Color = INK
    angle: float = 0.0


Shape = Rect | Line | Poly | Text


def text_width(text: str, size: float) -> float:
    """An estimate of a text's width in points (CJK a full em, others about half)."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.62 for c in text)


TITLE = 10.0
SMALL = 7.0


def layout(chart: BarChart | LineChart, width: float, height: float) -> list[Shape]:
    """The chart drawn into ``width`` × ``height`` points, origin bottom left."""
    if isinstance(chart, BarChart):
        return _bars(chart, width, height)
    return _lines(chart, width, height)


def _frame(title: str, y_ticks: tuple[tuple[float, str], ...], width: float, height: float,
           bottom_room: float) -> tuple[list[Shape], float, float, float, float]:
    shapes: list[Shape] = [Text(width / 2, height - TITLE, title, TITLE, "middle")]
    left = max([text_width(t, SMALL) for _, t in y_ticks] + [10]) + 8
    x0, y0 = left, bottom_room
    x1, y1 = width - 6, height - TITLE - 10
    return shapes, x0, y0, x1, y1


def _bars(chart: BarChart, width: float, height: float) -> list[Shape]:
    n = max(len(chart.bars), 1)
    longest = max([text_width(b.label, SMALL) for b in chart.bars] + [0])
    slot_guess = (width - 40) / n
    rotate = longest > slot_guess - 2
    bottom = (min(longest, 80) * 0.72 + 10) if rotate else SMALL + 8
    shapes, x0, y0, x1, y1 = _frame(chart.title, chart.ticks, width, height, bottom)
    top = chart.top or 1.0

    def y_of(v: float) -> float:
        return y0 + (y1 - y0) * max(min(v / top, 1.0), 0.0)

    for v, label in chart.ticks:
        y = y_of(v)
        shapes.append(Line(x0, y, x1, y, GRID, 0.4))
        shapes.append(Text(x0 - 3, y - SMALL * 0.35, label, SMALL, "end"))
    shapes.append(Line(x0, y0, x1, y0, INK, 0.6))
    slot = (x1 - x0) / n
    bar_w = min(slot * 0.62, 48.0)  # a few bars stay bars, not walls
    for i, b in enumerate(chart.bars):
        cx = x0 + slot * (i + 0.5)
        below = (chart.mark_below_average and chart.average is not None
                 and b.value < chart.average)
        y = y_of(b.value)
        shapes.append(Rect(cx - bar_w / 2, y0, bar_w, y - y0, LOW if below else BAR))
        if slot >= text_width(b.text, SMALL - 1) + 1:
            shapes.append(Text(cx, y + 2, b.text, SMALL - 1, "middle"))
        if rotate:
            shapes.append(Text(cx + SMALL * 0.35, y0 - 4, b.label, SMALL, "end", angle=45.0))
        else:
            shapes.append(Text(cx, y0 - SMALL - 3, b.label, SMALL, "middle"))
    if chart.average is not None:
        y = y_of(chart.average)
        shapes.append(Line(x0, y, x1, y, AVERAGE, 1.0, dashed=True))
        shapes.append(Text(x1, y + 2, chart.average_text, SMALL, "end", AVERAGE))
    return shapes


def _lines(chart: LineChart, width: float, height: float) -> list[Shape]:
    shapes, x0, y0, x1, y1 = _frame(chart.title, chart.y_ticks, width, height, SMALL + 20)
    (xa, xb), (ya, yb) = chart.x_range, chart.y_range
    xb = xb if xb > xa else xa + 1
    yb = yb if yb > ya else ya + 1

    def at(x: float, y: float) -> tuple[float, float]:
        y = min(max(y, ya), yb)  # a rate below nought (reversals first) sits on the axis
        return (x0 + (x1 - x0) * (x - xa) / (xb - xa), y0 + (y1 - y0) * (y - ya) / (yb - ya))

    for v, label in chart.y_ticks:
        _, y = at(xa, v)
        shapes.append(Line(x0, y, x1, y, GRID, 0.4))
        shapes.append(Text(x0 - 3, y - SMALL * 0.35, label, SMALL, "end"))
    for v, label in chart.x_ticks:
        x, _ = at(v, ya)
        shapes.append(Line(x, y0, x, y0 - 3, INK, 0.5))
        shapes.append(Text(x, y0 - SMALL - 4, label, SMALL, "middle"))
    shapes.append(Line(x0, y0, x1, y0, INK, 0.6))
    shapes.append(Line(x0, y0, x0, y1, INK, 0.6))
    legend_x = x0 + 6
    for s in chart.series:
        if len(s.points) > 1:
            shapes.append(Poly(tuple(at(x, y) for x, y in s.points), s.color))
        elif s.points:
            x, y = at(*s.points[0])
            shapes.append(Rect(x - 1.5, y - 1.5, 3, 3, s.color))
        shapes.append(Line(legend_x, y1 - 6, legend_x + 14, y1 - 6, s.color, 2))
        shapes.append(Text(legend_x + 17, y1 - 6 - SMALL * 0.35, s.name, SMALL))
        legend_x += 17 + text_width(s.name, SMALL) + 12
    return shapes


def group_name(cut: str | None, key: str, name: str, lang: str | None = None) -> str:
    """A group of a cut in words: categories by the glossary, "" as "(none)"."""
    if cut == "category" and key:
        return glossary.label("account_category", key, lang)
    return name or glossary.pick("（无）", "(none)", lang)


# --- the charts of the reports (paper and screen) -----------------------------------------

def collection_bars(r: CollectionReport, lang: str | None = "zh") -> BarChart:
    what = glossary.label("report_cut", r.cut, lang) if r.cut else ""
    return rate_bars(glossary.pick(f"按{what}收费率", f"Collection rate by {what}", lang),
                     [(group_name(r.cut, g.key, g.name, lang), g.rate) for g in r.rows],
                     r.total.rate, glossary.pick("全公司平均", "company average", lang))


def collection_curve(r: CollectionReport, lang: str | None = "zh") -> LineChart:
    series = [(r.season, day_points([(p.day, p.rate) for p in r.curve], r.season_start),
               THIS)]
    if r.last_season and r.last_start is not None:
        series.append((r.last_season, day_points([(p.day, p.rate) for p in r.last_curve],
                                                 r.last_start), LAST))
    return curve(glossary.pick("累计收费率（距采暖季开始天数）",
                               "Cumulative collection rate (days from the season's start)",
                               lang), series, glossary.pick("天", "d", lang))


def takings_bars(r: TakingsReport, lang: str | None = "zh") -> BarChart:
    return money_bars(glossary.pick("每日收款（元）", "Takings per day (yuan)", lang),
                      [(f"{x.day:%m-%d}", x.total) for x in r.days])


def ageing_bars(r: AgeingReport, lang: str | None = "zh") -> BarChart:
    return money_bars(glossary.pick("欠费账龄（元）", "Arrears by age (yuan)", lang),
                      [(glossary.label("arrears_age", a, lang), v)
                       for a, v in r.total.by_age.items()])


