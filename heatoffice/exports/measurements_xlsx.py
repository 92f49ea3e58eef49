"""面积测量登记表: the measurements of a date range by community, with their differences, as an
A4-landscape workbook ready to print."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from heatoffice import glossary
from heatoffice import validation as val
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.exports import xlsx
from heatoffice.measurements import queries, service
from heatoffice.money import ZERO

Column = tuple[str, str, str | None, float | None]  # zh, en, number format, width
COLUMNS: list[Column] = [
    ("小区", "Community", None, 14), ("编号", "Number", None, 16),
    ("测量日期", "Measured on", xlsx.DATE, 12), ("户号", "Account no.", None, 14),
    ("户名", "Name", None, 10), ("地址", "Address", None, 26),
    ("原因", "Reason", None, 12), ("状态", "State", None, 8),
    ("原登记面积(㎡)", "Area before (m²)", xlsx.AREA, 13),
    ("测量面积(㎡)", "Measured (m²)", xlsx.AREA, 12),
    ("面积差(㎡)", "Difference (m²)", xlsx.AREA, 11), ("测量人", "Measurers", None, 16),
    ("生效日期", "Effective", xlsx.DATE, 12), ("调账(元)", "Adjustment (yuan)", xlsx.MONEY, 12),
]


def export_measurements(actor: Actor, path: str | os.PathLike[str], date_from: Any,
                        date_to: Any, *, lang: str | None = None) -> int:
    """The register of measurements dated in the range, community by community, with a
    subtotal of the differences per community and the total."""
    require(actor, "measurements.export")
    v = val.Collector()
    first = v.check(val.parse_date, date_from, field="date_from")
    last = v.check(val.parse_date, date_to, field="date_to")
    v.raise_if_any()
    found = sorted(queries.register(actor, date_from=first, date_to=last),
                   key=lambda r: (r.community, r.measured_on, r.number))
    sums: dict[str, tuple[int, Decimal]] = {}

    def rows() -> Iterator[Sequence[Any]]:
        for r in found:
            n, d = sums.get(r.community, (0, ZERO))
            sums[r.community] = (n + 1, d + r.difference)
            yield (r.community, r.number, r.measured_on, r.account_no, r.name, r.address,
                   glossary.label("measurement_reason", r.reason, lang),
                   glossary.label("measurement_state", r.state, lang), r.area_before, r.area,
                   r.difference, r.measurers, r.effective_on, r.adjustment_amount)

    def footer() -> Iterator[Sequence[Any]]:
        blank = (None,) * 7
        for community, (n, d) in sums.items():
            yield (community, glossary.pick(f"小计 {n} 户", f"subtotal {n}", lang),
                   *blank, None, d, None, None, None)
        total = sum((d for _, d in sums.values()), ZERO)
        count = sum(n for n, _ in sums.values())
        yield (glossary.pick("合计", "Total", lang),
               glossary.pick(f"{count} 户", f"{count} measurements", lang),
               *blank, None, total, None, None, None)

    title = glossary.pick("面积测量登记表 ", "Measurements ", lang) + \
        f"{first:%Y%m%d}-{last:%Y%m%d}"
    count = xlsx.write_sheet(path, title, [glossary.pick(c[0], c[1], lang) for c in COLUMNS],
                             rows(), number_formats={i: c[2] for i, c in enumerate(COLUMNS)
                                                     if c[2]},
                             widths=[c[3] for c in COLUMNS], footer=footer(), landscape=True,
                             heading=xlsx.title_lines(
                                 actor, glossary.pick("面积测量登记表", "Measurement register",
                                                      lang),
                                 period=f"{first:%Y-%m-%d} – {last:%Y-%m-%d}", lang=lang),
                             lang=lang)
    service.note_exported(actor, f"{title}: {os.fspath(path)} ({count})")
    return count
