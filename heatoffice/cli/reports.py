"""``report collection|ageing|takings|compare``: the collection reports, printed as a table
or written to ``--out F.xlsx`` / ``F.pdf`` (the suffix picks the format)."""

from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path
from typing import Any

import heatoffice.cli.common as common
from heatoffice.cli.common import Commands, parse_day
from heatoffice.errors import UserError

TEXT: common.Table = {
    "report_group": ("收费统计报表：屏幕表格，或 --out 写出 Excel（.xlsx）或 PDF（.pdf）",
                     "collection reports: a table on the screen, or --out an Excel (.xlsx) "
                     "or PDF (.pdf) file"),
    "collection": ("采暖季收费统计表：应收、实收、欠费、收费率，可分组",
                   "season collection report: receivable, collected, outstanding, rate, cut "
                   "by --by"),
    "ageing": ("欠费账龄分析表：本季、上一季、更早、未到期", "arrears ageing: this season, one "
                                                       "season back, older, not yet due"),
    "takings": ("收款汇总表：按日、按收款方式、按收费员", "takings by day, method and cashier"),
    "compare": ("采暖季同期对比：本季与上季同一天", "season comparison: this season and the "
                                                 "last on the same day"),
    "season": ("采暖季名称，如 2026-2027（默认当前采暖季）",
               "season name, e.g. 2026-2027 (default: the current season)"),
    "as_of": ("统计截至日期（默认今天）", "as of this day (default today)"),
    "from": ("开始日期（收款汇总）", "first day (takings)"),
    "to": ("结束日期（收款汇总）", "last day (takings)"),
    "by": ("分组：community（小区）、building（楼栋）、station（换热站）、category（用户性质）、"
           "collector（收费员片区）", "cut by community, building, station, category or "
                                  "collector"),
    "out": ("输出文件：.xlsx 或 .pdf（不给则在屏幕上显示）",
            "output file: .xlsx or .pdf (none: print the table)"),
    "written": ("已写出 {path}", "written: {path}"),
}

t = common.texts(TEXT)

SUFFIXES = (".xlsx", ".pdf")


def register(commands: Commands) -> None:
    sub = common.group(commands.top, "report", t("report_group"), "KIND")
    for kind in ("collection", "ageing", "takings", "compare"):
        p = common.command(sub, kind, t(kind), cmd_report)
        p.set_defaults(kind=kind)
        p.add_argument("--season", metavar="S", help=t("season"))
        p.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help=t("as_of"))
        p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=t("from"))
        p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=t("to"))
        p.add_argument("--by", choices=("community", "building", "station", "category",
                                        "collector"), help=t("by"))
        p.add_argument("--out", metavar="F.xlsx|F.pdf", help=t("out"))


def _suffix(path: str | None) -> str | None:
    if path is None:
        return None
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError("exports.bad_suffix", value=path, suffix=" / ".join(SUFFIXES))
    return suffix


def build(actor: Any, args: argparse.Namespace) -> Any:
    """The report the arguments ask for, as typed data (heatoffice.reports.documents)."""
    from heatoffice import clock
    from heatoffice.reports import queries

    on = parse_day(args.as_of, "as_of") or clock.today()
    if args.kind == "takings":
        first = parse_day(args.date_from, "from") or (on if args.as_of else None)
        last = parse_day(args.date_to, "to") or (on if args.as_of or first else None)
        if first is None or last is None:
            raise UserError("reports.period_required", field="from")
        return queries.takings_report(actor, first, last, args.by)
    if args.kind == "ageing":
        return queries.ageing_report(actor, on, args.by)
    season = args.season
    if not season:
        found = queries.current_season(on)
        if found is None:
            raise UserError("seasons.not_found", field="season", value="")
        season = found.name
    if args.kind == "collection":
        return queries.collection_report(actor, season, on, args.by)
    return queries.compare_report(actor, season, on, args.by)


def cmd_report(args: argparse.Namespace) -> int:
    suffix = _suffix(args.out)
    actor = common.session(args)
    data = build(actor, args)
    if suffix is None:
        for line in table_lines(data):
            print(line)
        return common.DONE
    from heatoffice.exports import reports as exports

    exports.write_report(actor, data, args.out)
    print(t("written", path=args.out))
    return common.DONE


# -- the table on the terminal ---------------------------------------------------------------

def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def grid(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell (CJK characters count two); numbers right."""
    sizes = [max(width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = []
    for row in [header, *rows]:
        out.append("  ".join(_pad(c, sizes[i], i > 0)
                             for i, c in enumerate(row)).rstrip())
    return out


def table_lines(data: Any) -> list[str]:
    """The report as the terminal shows it: its summary lines, then its table."""
    from heatoffice.reports.tables import report_table

    table = report_table(data)
    return [*table.summary, "", *grid(table.header, [*table.rows, *table.totals])]
