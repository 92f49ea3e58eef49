"""The service report (part 7 of issue 11) as typed data: one ``Sheet`` per table, values as
codes, dates and numbers, and the names of its columns in both languages.
``report.service_report`` puts together the calls' and work orders' sheets
(``order_reports.order_sheets``) and then the cases' (``case_reports.case_sheets``);
``heatoffice.exports.service_xlsx`` writes them (``heatoffice export service``)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any


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
