"""The calls' and work orders' sheets of the service report (part 7): calls per day and
category, dispatch times (the share within the limit), open and overdue work orders by crew
(as at ``now``), and the period's work orders one per line. The work orders' rows come in
from ``queries.work_orders`` (``queries.service_report`` reads them), so this module does not
import the queries that read it."""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from heatoffice import glossary
from heatoffice.service import deadlines
from heatoffice.service.models import Call, WorkOrder
from heatoffice.service.reports import Column, Sheet, with_names


def _bounds(start: _dt.date, end: _dt.date) -> tuple[_dt.datetime, _dt.datetime]:
    return (_dt.datetime.combine(start, _dt.time()),
            _dt.datetime.combine(end + _dt.timedelta(days=1), _dt.time()))


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def calls_by_day(start: _dt.date, end: _dt.date) -> Sheet:
    low, high = _bounds(start, end)
    counts: Counter[tuple[_dt.date, str]] = Counter()
    out_of_scope: Counter[_dt.date] = Counter()
    for at, category, in_scope in (Call.select(Call.received_at, Call.category, Call.in_scope)
                                   .where((Call.received_at >= low) & (Call.received_at < high))
                                   .tuples()):
        counts[(at.date(), category)] += 1
        if not in_scope:
            out_of_scope[at.date()] += 1
    categories = glossary.codes("call_category")
    columns = (Column("日期", "Day", 12),
               *(Column(*glossary.names("call_category")[c], width=9) for c in categories),
               Column("不属本公司", "Out of scope", 10), Column("合计", "Total", 8))
    rows = []
    day = start
    while day <= end:
        per = [counts[(day, c)] for c in categories]
        if any(per):
            rows.append((day, *per, out_of_scope[day], sum(per)))
        day += _dt.timedelta(days=1)
    totals = [sum(counts[(d, c)] for d in {k[0] for k in counts}) for c in categories]
    rows.append((glossary.pick("合计", "Total"), *totals, sum(out_of_scope.values()),
                 sum(totals)))
    return Sheet("calls_by_day", "来电按日按类别", "Calls by day and category", columns,
                 tuple(rows))


def dispatch_times(start: _dt.date, end: _dt.date, minutes: int) -> Sheet:
    low, high = _bounds(start, end)
    days: dict[_dt.date, list[int]] = defaultdict(list)
    for at, seconds in (WorkOrder.select(Call.received_at, WorkOrder.dispatch_seconds)
                        .join(Call)
                        .where((Call.received_at >= low) & (Call.received_at < high)
                               & WorkOrder.dispatch_seconds.is_null(False)).tuples()):
        days[at.date()].append(int(seconds))
    columns = (Column("日期", "Day", 12), Column("已派工", "Dispatched", 9),
               Column(f"{minutes} 分钟内", f"Within {minutes} min", 11),
               Column("超时", "Late", 8), Column("及时率 %", "Share in time %", 11),
               Column("平均用时（分）", "Average (min)", 12),
               Column("最长用时（分）", "Longest (min)", 12))

    def line(label: object, secs: list[int]) -> tuple[object, ...]:
        within = sum(1 for s in secs if not deadlines.dispatch_late(s, minutes))
        average = (Decimal(sum(secs)) / 60 / len(secs)).quantize(Decimal("0.1")) if secs \
            else None
        longest = (Decimal(max(secs)) / 60).quantize(Decimal("0.1")) if secs else None
        return (label, len(secs), within, len(secs) - within, _share(within, len(secs)),
                average, longest)

    rows = [line(day, days[day]) for day in sorted(days)]
    rows.append(line(glossary.pick("合计", "Total"), [s for v in days.values() for s in v]))
    return Sheet("dispatch_times", "派工用时", "Dispatch times", columns, tuple(rows))


def open_by_crew(open_rows: Sequence[Any], now: _dt.datetime) -> Sheet:
    """``open_rows``: the open work orders as at ``now`` (queries.OrderRow)."""
    rows_by: dict[str, list[Any]] = defaultdict(list)
    for r in open_rows:
        rows_by[r.assignee].append(r)
    columns = (Column("维修人员", "Crew", 14), Column("未关闭", "Open", 8),
               Column("未修复", "Not fixed", 9), Column("已超期", "Overdue", 8),
               Column("超时未派工", "Not dispatched in time", 12),
               Column("大漏抢修中", "Major leaks open", 11))
    unassigned = glossary.pick("（未派工）", "(not dispatched)")
    rows: list[tuple[object, ...]] = []
    sums = [0] * 5
    for crew in sorted(rows_by, key=lambda k: (k == "", k)):
        rs = rows_by[crew]
        figures = [len(rs), sum(1 for r in rs if r.state in deadlines.UNRESOLVED),
                   sum(1 for r in rs if r.overdue), sum(1 for r in rs if r.undispatched),
                   sum(1 for r in rs if r.severity == "major"
                       and r.state in deadlines.UNRESOLVED)]
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        rows.append((crew or unassigned, *figures))
    rows = [*with_names(rows, 0), (glossary.pick("合计", "Total"), *sums)]
    title = f"{now:%Y-%m-%d %H:%M}"
    return Sheet("open_by_crew", f"未关闭维修单按人员（{title}）",
                 f"Open work orders by crew ({title})", columns, tuple(rows))


def orders_of(all_rows: Sequence[Any], start: _dt.date, end: _dt.date) -> Sheet:
    """``all_rows``: every work order (queries.OrderRow), those reported in the period kept."""
    low, high = _bounds(start, end)
    columns = (Column("维修单号", "Work order", 16), Column("来电编号", "Call", 16),
               Column("类别", "Category", 9, "call_category"),
               Column("紧急程度", "Severity", 12, "work_order_severity"),
               Column("状态", "State", 9, "work_order_state"), Column("户号", "Account", 12),
               Column("地址", "Address", 24), Column("维修人员", "Crew", 10),
               Column("来电时间", "Reported", 16), Column("处理时限", "Due", 16),
               Column("派工用时（分:秒）", "Dispatch (m:ss)", 10),
               Column("派工超时", "Dispatched late", 8), Column("超期", "Overdue", 7))
    rows = [(r.number, r.call_number, r.category, r.severity, r.state, r.account_no, r.address,
             r.assignee, r.reported_at, r.due_at, r.dispatch_minutes,
             r.dispatch_late or r.undispatched, r.overdue)
            for r in all_rows if low <= r.reported_at < high]
    rows.sort(key=lambda r: r[0])
    return Sheet("work_orders", "维修单", "Work orders", columns, with_names(rows, 7))


def order_sheets(start: _dt.date, end: _dt.date, now: _dt.datetime, minutes: int,
                 open_rows: Sequence[Any], all_rows: Sequence[Any]) -> list[Sheet]:
    """The four sheets; ``minutes`` the dispatch limit, the rows as ``open_by_crew`` and
    ``orders_of`` take them."""
    return [calls_by_day(start, end), dispatch_times(start, end, minutes),
            open_by_crew(open_rows, now), orders_of(all_rows, start, end)]
