"""The reports as typed data (codes, dates, Decimals; no display text), built by
reports.queries and put into words by exports (Excel, PDF) and the command line."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from heatoffice.reports.figures import Ageing, DayPoint, Recovery, Row, StatusCount, Takings

KINDS = ("collection", "ageing", "takings", "compare")


@dataclass(frozen=True)
class CollectionReport:
    """采暖季收费统计表: a season's receivable, collected and rate on a day, by a cut."""

    season: str
    on: _dt.date
    cut: str | None          # a cuts.CUTS code, None: the company only
    rows: tuple[Row, ...]
    total: Row
    recovery: Recovery       # 清欠 of the whole company
    last_season: str          # "" when there is none
    last_day: _dt.date | None
    last_rate: Decimal | None  # the previous season's rate on the same day
    curve: tuple[DayPoint, ...]       # this season, day by day
    last_curve: tuple[DayPoint, ...]  # the previous season through the same day
    season_start: _dt.date
    last_start: _dt.date | None
    printed_at: _dt.datetime
    printed_by: str
    accounts: StatusCount | None = None  # the company's accounts by status on the day


@dataclass(frozen=True)
class AgeingReport:
    """欠费账龄分析表: what every debt owes on a day by age, by a cut."""

    on: _dt.date
    cut: str | None
    rows: tuple[Ageing, ...]
    total: Ageing
    printed_at: _dt.datetime
    printed_by: str


@dataclass(frozen=True)
class TakingsDay:
    day: _dt.date
    by_method: tuple[Decimal, ...]  # in the order of TakingsReport.methods
    receipts: int
    reversals: int
    total: Decimal


@dataclass(frozen=True)
class TakingsReport:
    """收款日报汇总: payments of a period by day and method (and by cashier)."""

    first: _dt.date
    last: _dt.date
    methods: tuple[str, ...]
    days: tuple[TakingsDay, ...]
    cashiers: tuple[tuple[str, int, Decimal], ...]  # display name, receipts, net amount
    rows: tuple[Takings, ...]
    printed_at: _dt.datetime
    printed_by: str

    @property
    def total(self) -> Decimal:
        return sum((d.total for d in self.days), Decimal(0))


@dataclass(frozen=True)
class CompareRow:
    key: str
    name: str
    this: Row
    last: Row  # the previous season on the same day (empty when the group had no bill)


@dataclass(frozen=True)
class CompareReport:
    """采暖季同期对比: this season against the previous one on the same day, by a cut."""

    season: str
    on: _dt.date
    last_season: str
    last_day: _dt.date | None
    cut: str | None
    rows: tuple[CompareRow, ...]
    total: CompareRow
    printed_at: _dt.datetime
    printed_by: str
