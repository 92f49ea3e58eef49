"""The service report (part 7 of issue 11) as typed data: one ``Sheet`` per table, values as
codes, dates and numbers, and the names of its columns in both languages.
``report.service_report`` puts together the calls' and work orders' sheets
(``order_reports.order_sheets``) and then the cases' (``case_reports.case_sheets``);
``heatoffice.exports.service_report`` writes them (``heatoffice export service``: Excel by
``exports.service_xlsx``, PDF by ``exports.pdf.service_report``) and the service report page
shows them; ``cell_text`` is how a value reads on the screen and on paper."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from heatoffice import glossary
from heatoffice.auth.names import display_names


@dataclass(frozen=True)
class Column:
    zh: str
    en: str
    width: int = 12
    group: str = ""  # a glossary group: the value is a code shown by its name


@dataclass(frozen=True)
class Sheet:
    """One table of the report: its key (unique), title, columns and rows."""

    key: str
    title_zh: str
    title_en: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ServiceReport:
    start: _dt.date
    end: _dt.date
    sheets: tuple[Sheet, ...]


def with_names(rows: list[tuple], *places: int) -> tuple[tuple, ...]:
    """``rows`` with the logins at ``places`` (a handler, an inspector, a crew) printed by
    their display names, all read in one query (auth.names)."""
    names = display_names(r[i] for r in rows for i in places if r[i])
    return tuple(tuple(names.get(v, v) if i in places and v else v for i, v in enumerate(r))
                 for r in rows)


def cell_text(column: Column, value: Any, lang: str | None = None) -> str:
    """``value`` of ``column`` as the screen and the PDF show it: a code by its name, a time to
    the minute, a day as YYYY-MM-DD, yes or nothing for a flag, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return glossary.pick("是", "yes", lang) if value else ""
    if column.group and isinstance(value, str):
        return glossary.label(column.group, value, lang) if value else ""
    if isinstance(value, _dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def is_figure(value: Any) -> bool:
    """A count or an amount (set right-aligned)."""
    return isinstance(value, int | Decimal) and not isinstance(value, bool)
