"""A report as a table in the glossary's language: summary lines, header, rows, totals; what
the terminal prints (cli/reports.py) and the reports page shows, so that they agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from heatoffice import glossary
from heatoffice.money import format_percent, format_yuan
from heatoffice.reports import documents as d
from heatoffice.reports.charts import group_name


@dataclass(frozen=True)
class Table:
    summary: tuple[str, ...]
    header: list[str]
    rows: list[list[str]]
    totals: list[list[str]]


def pct(rate: Any) -> str:
    return "-" if rate is None else format_percent(rate)


def money(x: Any) -> str:
    return format_yuan(x, symbol=False)


def _w(zh: str, en: str) -> str:
    return glossary.pick(zh, en)


def _head(cut: str | None) -> str:
    return glossary.label("report_cut", cut) if cut else _w("名称", "name")


def report_table(data: Any) -> Table:
    total = _w("合计", "total")
    if isinstance(data, d.CollectionReport):
        summary = [_w(f"{data.season} 采暖季 截至 {data.on}", f"season {data.season} as of "
                                                            f"{data.on}"),
                   f"{_w('收费率', 'collection rate')} {pct(data.total.rate)}",
                   f"{_w('清欠率', 'arrears recovery rate')} {pct(data.recovery.rate)}"]
        if data.accounts is not None:
            summary.append(f"{_w('报停率', 'stopped share')} {pct(data.accounts.stopped_share)}")
        if data.last_season:
            summary.append(f"{_w('上季同期收费率', 'last season, same day')} "
                           f"{pct(data.last_rate)} ({data.last_season} {data.last_day})")
        header = [_head(data.cut), _w("户数", "accounts"), _w("应收", "receivable"),
                  _w("实收", "collected"), _w("欠费", "outstanding"), _w("逾期", "overdue"),
                  _w("未到期", "not yet due"), _w("收费率", "rate")]

        def line(name: str, r: Any) -> list[str]:
            return [name, str(r.sums.bills), money(r.sums.receivable), money(r.sums.collected),
                    money(r.sums.outstanding), money(r.overdue), money(r.not_due), pct(r.rate)]

        rows = [line(group_name(data.cut, r.key, r.name), r) for r in data.rows] \
            if data.cut else []
        return Table(tuple(summary), header, rows, [line(total, data.total)])
    if isinstance(data, d.AgeingReport):
        ages = list(glossary.codes("arrears_age"))
        header = [_head(data.cut), *[glossary.label("arrears_age", a) for a in ages],
                  _w("逾期合计", "overdue")]

        def aline(name: str, r: Any) -> list[str]:
            return [name, *[money(r.by_age.get(a, 0)) for a in ages], money(r.overdue)]

        rows = [aline(group_name(data.cut, r.key, r.name), r) for r in data.rows] \
            if data.cut else []
        return Table((_w(f"截至 {data.on}", f"as of {data.on}"),), header, rows,
                     [aline(total, data.total)])
    if isinstance(data, d.TakingsReport):
        header = [_w("日期", "day"), *[glossary.label("payment_method", m) for m in data.methods],
                  _w("笔数", "receipts"), _w("红冲", "reversals"), total]
        rows = [[x.day.isoformat(), *[money(v) for v in x.by_method], str(x.receipts),
                 str(x.reversals), money(x.total)] for x in data.days]
        sums = [total, *[money(sum((x.by_method[i] for x in data.days), 0))
                         for i in range(len(data.methods))],
                str(sum(x.receipts for x in data.days)),
                str(sum(x.reversals for x in data.days)), money(data.total)]
        cashiers = [f"{c}: {n} / {money(a)}" for c, n, a in data.cashiers]
        return Table((_w(f"{data.first} 至 {data.last}", f"{data.first} to {data.last}"),
                      *cashiers), header, rows, [sums])
    assert isinstance(data, d.CompareReport)
    header = [_head(data.cut), _w("本季应收", "receivable"), _w("本季实收", "collected"),
              _w("本季收费率", "rate"), _w("上季同期实收", "last season collected"),
              _w("上季同期收费率", "last season rate")]

    def cline(name: str, r: Any) -> list[str]:
        return [name, money(r.this.sums.receivable), money(r.this.sums.collected),
                pct(r.this.rate), money(r.last.sums.collected), pct(r.last.rate)]

    rows = [cline(group_name(data.cut, r.key, r.name), r) for r in data.rows] if data.cut else []
    summary = [_w(f"{data.season} 采暖季 截至 {data.on}", f"season {data.season} as of {data.on}")]
    if data.last_season and data.last_day:
        summary.append(_w(f"{data.last_season} 采暖季 截至 {data.last_day}",
                          f"season {data.last_season} as of {data.last_day}"))
    return Table(tuple(summary), header, rows, [cline(total, data.total)])
