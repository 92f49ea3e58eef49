"""The collection reports as print-ready workbooks: title rows, one row per group, the totals
and rates as formulas (SUM, a quotient) that Excel and LibreOffice recompute from the rows,
A4 print setup with the header row on every page (exports/xlsx.py)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.exports import xlsx
from heatoffice.exports.xlsx import Formula
from heatoffice.reports import documents as d

Column = tuple[str, str, str | None, float | None]  # zh, en, number format, widest (chars)


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(i + 1))


def cut_heading(cut: str | None, lang: str | None) -> str:
    return glossary.label("report_cut", cut, lang) if cut else glossary.pick("单位", "Company",
                                                                             lang)


def group_name(cut: str | None, key: str, name: str, lang: str | None) -> str:
    if cut == "category" and key:
        return glossary.label("account_category", key, lang)
    return name or glossary.pick("（无）", "(none)", lang)


def _write(path: str | os.PathLike[str], title: str, heading: list[str],
           columns: Sequence[Column], rows: list[Sequence[Any]], footer: list[Sequence[Any]],
           *, lang: str | None) -> int:
    return xlsx.write_sheet(path, title, [glossary.pick(c[0], c[1], lang) for c in columns],
                            rows, number_formats={i: c[2] for i, c in enumerate(columns) if c[2]},
                            widths=[c[3] for c in columns], footer=footer, heading=heading,
                            lang=lang)


def _rate(num: int, den: int, row: int) -> Formula:
    return Formula(f'=IF({_col(den)}{row}=0,"",{_col(num)}{row}/{_col(den)}{row})')


def _sums(first: int, last: int, columns: Sequence[int], width: int, row: int,
          label: str) -> list[Any]:
    out: list[Any] = [label] + [None] * (width - 1)
    for c in columns:
        out[c] = (Formula(f"=SUM({_col(c)}{first}:{_col(c)}{last})") if last >= first
                  else 0)
    return out


COLLECTION: list[Column] = [
    ("", "", None, 28), ("户数", "Accounts", None, 8),
    ("应收(元)", "Receivable (yuan)", xlsx.MONEY, 16),
    ("实收(元)", "Collected (yuan)", xlsx.MONEY, 16),
    ("欠费(元)", "Outstanding (yuan)", xlsx.MONEY, 16),
    ("其中逾期(元)", "Overdue (yuan)", xlsx.MONEY, 16),
    ("其中未到期(元)", "Not yet due (yuan)", xlsx.MONEY, 16),
    ("收费率", "Collection rate", xlsx.PERCENT, 10),
]


def collection_xlsx(actor: Actor, r: d.CollectionReport, path: str | os.PathLike[str], *,
                    lang: str | None = None) -> int:
    columns = list(COLLECTION)
    head = cut_heading(r.cut, lang)
    columns[0] = (head, head, None, 28)
    pick = glossary.pick
    title = pick("采暖季收费统计表", "Season collection report", lang)
    heading = xlsx.title_lines(
        actor, title, filters=[(pick("采暖季", "Season", lang), r.season),
                               (pick("分组", "Cut by", lang), head if r.cut else "")],
        period=pick(f"截至 {r.on}", f"as of {r.on}", lang), lang=lang)
    first = len(heading) + 2  # the first data row, under the header
    groups = list(r.rows) if r.cut else []
    rows: list[Sequence[Any]] = []
    for i, g in enumerate(groups):
        n = first + i
        rows.append([group_name(r.cut, g.key, g.name, lang), g.sums.bills, g.sums.receivable,
                     g.sums.collected, Formula(f"=C{n}-D{n}"), g.overdue, g.not_due,
                     _rate(3, 2, n)])
    if not groups:  # the company in one row
        t = r.total
        rows.append([glossary.pick("全公司", "Company", lang), t.sums.bills, t.sums.receivable,
                     t.sums.collected, Formula(f"=C{first}-D{first}"), t.overdue, t.not_due,
                     _rate(3, 2, first)])
    last = first + len(rows) - 1
    total_row = last + 1
    total = _sums(first, last, [1, 2, 3, 4, 5, 6], 8, total_row,
                  glossary.pick("合计", "Total", lang))
    total[7] = _rate(3, 2, total_row)
    footer: list[Sequence[Any]] = [total, (),
                                   (pick("清欠率", "Arrears recovery rate", lang),
                                    None, r.recovery.base, r.recovery.recovered, None, None, None,
                                    _rate(3, 2, total_row + 2))]
    if r.last_season:
        footer.append((pick(f"上季同期收费率（{r.last_season}，截至 {r.last_day}）",
                            f"Last season's rate ({r.last_season}, as of {r.last_day})", lang),
                       None, None, None, None, None, None, r.last_rate))
    return _write(path, title, heading, columns, rows, footer, lang=lang)


def ageing_xlsx(actor: Actor, r: d.AgeingReport, path: str | os.PathLike[str], *,
                lang: str | None = None) -> int:
    ages = glossary.codes("arrears_age")
    head = cut_heading(r.cut, lang)
    columns: list[Column] = [(head, head, None, 28)]
    for a in ages:
        zh, en = glossary.names("arrears_age")[a]
        columns.append((f"{zh}(元)", f"{en} (yuan)", xlsx.MONEY, 16))
    columns.append(("逾期合计(元)", "Overdue total (yuan)", xlsx.MONEY, 16))
    title = glossary.pick("欠费账龄分析表", "Arrears ageing report", lang)
    heading = xlsx.title_lines(
        actor, title, filters=[(glossary.pick("分组", "Cut by", lang), head if r.cut else "")],
        period=glossary.pick(f"截至 {r.on}", f"as of {r.on}", lang), lang=lang)
    first = len(heading) + 2
    groups = list(r.rows) if r.cut else [r.total]
    rows: list[Sequence[Any]] = []
    overdue_cols = [i + 1 for i, a in enumerate(ages) if a != "not_due"]
    for i, g in enumerate(groups):
        n = first + i
        rows.append([group_name(r.cut, g.key, g.name, lang) if r.cut
                     else glossary.pick("全公司", "Company", lang),
                     *[g.by_age.get(a, 0) for a in ages],
                     Formula("=" + "+".join(f"{_col(c)}{n}" for c in overdue_cols))])
    last = first + len(rows) - 1
    total = _sums(first, last, list(range(1, len(ages) + 2)), len(ages) + 2, last + 1,
                  glossary.pick("合计", "Total", lang))
    return _write(path, title, heading, columns, rows, [total], lang=lang)


def takings_xlsx(actor: Actor, r: d.TakingsReport, path: str | os.PathLike[str], *,
                 lang: str | None = None) -> int:
    columns: list[Column] = [("日期", "Day", xlsx.DATE, 12)]
    for m in r.methods:
        zh, en = glossary.names("payment_method").get(m, (m, m))
        columns.append((f"{zh}(元)", f"{en} (yuan)", xlsx.MONEY, 14))
    columns += [("笔数", "Receipts", None, 8), ("红冲", "Reversals", None, 8),
                ("合计(元)", "Total (yuan)", xlsx.MONEY, 16)]
    k = len(r.methods)
    title = glossary.pick("收款汇总表", "Takings by day and method", lang)
    heading = xlsx.title_lines(actor, title, period=f"{r.first} – {r.last}", lang=lang)
    first = len(heading) + 2
    rows: list[Sequence[Any]] = []
    for i, day in enumerate(r.days):
        n = first + i
        rows.append([day.day, *day.by_method, day.receipts, day.reversals,
                     Formula(f"=SUM(B{n}:{_col(k)}{n})")])
    last = first + len(rows) - 1
    footer: list[Sequence[Any]] = [_sums(first, last, list(range(1, k + 4)), k + 4, last + 1,
                                         glossary.pick("合计", "Total", lang))]
    footer += [(), xlsx.HeaderRow((glossary.pick("收费员", "Cashier", lang),
                                   glossary.pick("笔数", "Receipts", lang),
                                   glossary.pick("实收净额(元)", "Net total (yuan)", lang)))]
    for name, count, amount in r.cashiers:
        footer.append((name, count, amount))
    return _write(path, title, heading, columns, rows, footer, lang=lang)


def compare_xlsx(actor: Actor, r: d.CompareReport, path: str | os.PathLike[str], *,
                 lang: str | None = None) -> int:
    pick = glossary.pick
    head = cut_heading(r.cut, lang)
    columns: list[Column] = [
        (head, head, None, 28),
        ("本季应收(元)", "This season receivable (yuan)", xlsx.MONEY, 16),
        ("本季实收(元)", "This season collected (yuan)", xlsx.MONEY, 16),
        ("本季收费率", "This season rate", xlsx.PERCENT, 10),
        ("上季同期应收(元)", "Last season receivable (yuan)", xlsx.MONEY, 16),
        ("上季同期实收(元)", "Last season collected (yuan)", xlsx.MONEY, 16),
        ("上季同期收费率", "Last season rate", xlsx.PERCENT, 10),
        ("增减(百分点)", "Change (points)", "0.00", 10),
    ]
    title = pick("采暖季同期对比表", "Season comparison", lang)
    period = pick(f"{r.season} 截至 {r.on}；{r.last_season} 截至 {r.last_day}",
                  f"{r.season} as of {r.on}; {r.last_season} as of {r.last_day}", lang)
    heading = xlsx.title_lines(actor, title, period=period, lang=lang)
    first = len(heading) + 2
    groups = list(r.rows) if r.cut else [r.total]
    rows: list[Sequence[Any]] = []
    for i, g in enumerate(groups):
        n = first + i
        rows.append([group_name(r.cut, g.key, g.name, lang) if r.cut
                     else pick("全公司", "Company", lang),
                     g.this.sums.receivable, g.this.sums.collected, _rate(2, 1, n),
                     g.last.sums.receivable, g.last.sums.collected, _rate(5, 4, n),
                     Formula(f'=IF(OR(D{n}="",G{n}=""),"",(D{n}-G{n})*100)')])
    last = first + len(rows) - 1
    n = last + 1
    total = _sums(first, last, [1, 2, 4, 5], 8, n, pick("合计", "Total", lang))
    total[3], total[6] = _rate(2, 1, n), _rate(5, 4, n)
    total[7] = Formula(f'=IF(OR(D{n}="",G{n}=""),"",(D{n}-G{n})*100)')
    return _write(path, title, heading, columns, rows, [total], lang=lang)
