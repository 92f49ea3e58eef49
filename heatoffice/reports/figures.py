"""The fee ledger's figures, each defined once, as of any day and cut any way (cuts.py).

Every money figure is a sum over the ledger's own entries, read in SQL (no cache):

- receivable (应收) of a season on day D: its heating bills (kind ``season``) issued by D plus
  the approved adjustments on those bills that entered the ledger by D (late fees, credits,
  discounts, tariff changes). Connection fees and opening balances are no season's heating fee.
- collected (实收) of a season on day D: the allocations to those bills and to their
  adjustments of the payments dated by D; a reversal's negative allocations mirror its
  original's, so it is net of reversals. Money not allocated (prepaid credit) is collected
  for no season yet.
- collection rate (收费率) = collected ÷ receivable.
- outstanding = receivable − collected, split by billing.due's rules of D into overdue
  (逾期) and not yet due (未到期).
- arrears recovery (清欠) of a season: the earlier debts (earlier seasons' heating bills and
  the opening balances) outstanding when its collection year began (the day after the
  previous season's end), and what was collected on them since; rate = recovered ÷ that.
- ageing (账龄): overdue money outstanding on D by the age of its debt
  (billing.arrears.debt_start and SeasonFrame.age: this season, one season back, older);
  not yet due apart. The arrears list ages accounts by their oldest debt; this ages money.
- takings (收款): payments by business day, method and cashier, reversals included
  (negative): what the cash reports (billing.cash_reports) show for a day or a month.
- accounts by status on D: the status history's last change by D (today: Account.status);
  stopped share (报停率) = stopped ÷ (heating + stopped).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from peewee import JOIN, SQL, Case, Value, fn

from heatoffice import clock
from heatoffice.accounts.models import Account, AccountStatusChange
from heatoffice.billing.arrears import AGES, NOT_DUE, debt_start, season_frame
from heatoffice.billing.due import due_rules
from heatoffice.billing.models import Adjustment, Allocation, Bill, Payment
from heatoffice.money import ZERO, from_fen
from heatoffice.reports import cuts
from heatoffice.seasons.models import Season

ONE_DAY = _dt.timedelta(days=1)
STATUSES = ("pending", "heating", "stopped", "cut_off", "closed")


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole, or None when there is nothing to divide by."""
    return None if not whole else part / whole


@dataclass(frozen=True)
class Sums:
    """Ledger sums over a set of bills, in yuan."""

    billed: Decimal = ZERO
    adjusted: Decimal = ZERO
    collected: Decimal = ZERO
    bills: int = 0

    @property
    def receivable(self) -> Decimal:
        return self.billed + self.adjusted

    @property
    def outstanding(self) -> Decimal:
        return self.receivable - self.collected

    @property
    def rate(self) -> Decimal | None:
        return ratio(self.collected, self.receivable)

    def __add__(self, other: Sums) -> Sums:
        return Sums(self.billed + other.billed, self.adjusted + other.adjusted,
                    self.collected + other.collected, self.bills + other.bills)


def as_date(value: Any) -> _dt.date:
    return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(str(value)[:10])


def _ordinals(n: int) -> list[Any]:
    return [SQL(str(i + 1)) for i in range(n)]


def paid_is_current(on: _dt.date) -> bool:
    """Whether every payment is dated by ``on``: then a bill's running ``paid`` total (kept
    equal to its allocations, ``heatoffice check``) is what was collected on it by ``on``.
    One lookup on the business-date index."""
    return not Payment.select(Payment.id).where(Payment.business_date > on).exists()


def ledger_sums(scope: Any, on: _dt.date, cut: str | None = None,
                extra: Iterable[Any] = (), *, paid_from: _dt.date | None = None,
                paid_to: _dt.date | None = None, season_join: bool = False,
                columns: list[Any] | None = None) -> dict[tuple[Any, ...], list[int]]:
    """Fen sums of the bills meeting ``scope`` issued by ``on``, grouped by the cut's columns
    (or ``columns``) and ``extra`` expressions on Bill (and Season with ``season_join``):
    key -> [billed, adjusted, collected, bills]. Collected counts payments dated from
    ``paid_from`` through ``paid_to`` (default ``on``): the allocations, or the bills' running
    ``paid`` totals when no payment is dated later (the same figure, one pass fewer)."""
    keys = [*(cuts.columns(cut) if columns is None else columns), *extra]
    n = len(keys)
    bills = scope & (Bill.business_date <= on)
    paid = Payment.business_date <= (paid_to or on)
    if paid_from is not None:
        paid &= Payment.business_date >= paid_from
    current = paid_from is None and (paid_to is None or paid_to >= on) and paid_is_current(on)
    adjusted = (Adjustment.status == "approved") & (Adjustment.business_date <= on)
    out: dict[tuple[Any, ...], list[int]] = {}

    def add(query: Any, *slots: int) -> None:
        if season_join:
            query = query.join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
        for row in query.group_by(*_ordinals(n)).tuples() if n else query.tuples():
            sums = out.setdefault(tuple(row[:n]), [0, 0, 0, 0])
            for i, slot in enumerate(slots):
                sums[slot] += int(row[n + i] or 0)

    figures = [fn.SUM(Bill.total), fn.COUNT(Bill.id)]
    add(Bill.select(*keys, *figures, *([fn.SUM(Bill.paid)] if current else []))
        .join(Account, on=(Bill.account == Account.id)).where(bills),
        0, 3, *([2] if current else []))
    add(Adjustment.select(*keys, fn.SUM(Adjustment.amount))
        .join(Bill, on=(Adjustment.bill == Bill.id))
        .join(Account, on=(Bill.account == Account.id)).where(bills & adjusted), 1)
    if not current:
        add(Allocation.select(*keys, fn.SUM(Allocation.amount))
            .join(Payment, on=(Allocation.payment == Payment.id))
            .join(Bill, on=(Allocation.bill == Bill.id))
            .join(Account, on=(Bill.account == Account.id)).where(bills & paid), 2)
    add(Allocation.select(*keys, fn.SUM(Allocation.amount))
        .join(Payment, on=(Allocation.payment == Payment.id))
        .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
        .join(Bill, on=(Adjustment.bill == Bill.id))
        .join(Account, on=(Bill.account == Account.id)).where(bills & paid & adjusted), 2)
    return out


def _sums(fen: list[int]) -> Sums:
    return Sums(from_fen(fen[0]), from_fen(fen[1]), from_fen(fen[2]), fen[3])


def season_bills(season: Season) -> Any:
    """The bills whose money is a season's receivable: its heating bills."""
    return (Bill.season == season.id) & (Bill.kind == "season")


def earlier_bills(season: Season) -> Any:
    """The debts older than a season: earlier seasons' heating bills, opening balances."""
    earlier = Season.select(Season.id).where(Season.start_date < season.start_date)
    return (((Bill.kind == "season") & Bill.season.in_(earlier))
            | (Bill.kind == "opening"))


def previous_season(season: Season) -> Season | None:
    return (Season.select().where(Season.start_date < season.start_date)
            .order_by(Season.start_date.desc()).first())


def year_start(season: Season) -> _dt.date | None:
    """The first day of a season's collection year: the day after the previous season's
    end (None for the first season: every day counts)."""
    before = previous_season(season)
    return None if before is None else as_date(before.end_date) + ONE_DAY


def same_day_last_season(season: Season, on: _dt.date) -> tuple[Season, _dt.date] | None:
    """The previous season and the day as far from its start as ``on`` is from this one's."""
    before = previous_season(season)
    if before is None:
        return None
    return before, on - (as_date(season.start_date) - as_date(before.start_date))


def _not_due_flag(on: _dt.date) -> Any:
    rules = due_rules(on)
    return Value(0) if rules is None else Case(None, [(rules.not_due(Bill), 1)], 0)


# --- the figures ------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One group of a cut (key "" and name "" for the total)."""

    key: str
    name: str
    sums: Sums = field(default_factory=Sums)
    overdue: Decimal = ZERO   # outstanding on bills overdue on the day
    not_due: Decimal = ZERO   # outstanding on bills not yet due on the day

    @property
    def rate(self) -> Decimal | None:
        return self.sums.rate


def _rows(raw: dict[tuple[Any, ...], list[int]], cut: str | None, on: _dt.date,
          split: Callable[[tuple[Any, ...]], Any]) -> dict[tuple[str, str], dict[Any, Sums]]:
    """Raw groups named by the cut: (key, name) -> {split(the rest of the group): Sums}."""
    name = cuts.namer(cut, on)
    n = len(cuts.columns(cut))
    out: dict[tuple[str, str], dict[Any, Sums]] = {}
    for group, fen in raw.items():
        rest = split(group[n:])
        parts = out.setdefault(name(group[:n]), {})
        parts[rest] = parts.get(rest, Sums()) + _sums(fen)
    return out


def collection(season: Season, on: _dt.date, cut: str | None = None) -> list[Row]:
    """Receivable, collected, rate, overdue and not yet due of ``season`` on ``on``, one row
    per group of ``cut`` (one row, key "", without a cut), ordered by name."""
    raw = ledger_sums(season_bills(season), on, cut, [_not_due_flag(on)])
    rows = []
    for (key, shown), parts in _rows(raw, cut, on, lambda rest: int(rest[0])).items():
        total = sum(parts.values(), Sums())
        rows.append(Row(key, shown, total, parts.get(0, Sums()).outstanding,
                        parts.get(1, Sums()).outstanding))
    if not rows and cut is None:
        rows.append(Row("", ""))
    return sorted(rows, key=lambda r: (r.key == "", r.name, r.key))


PLACE = [Account.community, Account.station]


def collection_by_place(season: Season, on: _dt.date) -> dict[tuple[Any, ...], Row]:
    """:func:`collection` by (community id, station id) in one pass: what the dashboard rolls
    up into the company, its communities and its stations (:func:`roll_up`)."""
    raw = ledger_sums(season_bills(season), on, None, [_not_due_flag(on)], columns=PLACE)
    parts: dict[tuple[Any, ...], dict[int, Sums]] = {}
    for group, fen in raw.items():
        slot = parts.setdefault(group[:2], {})
        slot[int(group[2])] = slot.get(int(group[2]), Sums()) + _sums(fen)
    return {place: Row("", "", sum(p.values(), Sums()), p.get(0, Sums()).outstanding,
                       p.get(1, Sums()).outstanding) for place, p in parts.items()}


def roll_up(places: dict[tuple[Any, ...], Row], cut: str | None, on: _dt.date) -> list[Row]:
    """Rows by place added up by ``cut`` (None, "community", "station" or "collector"):
    the rows :func:`collection` gives for that cut."""
    if cut not in (None, "community", "station", "collector"):
        raise ValueError(cut)
    name = cuts.namer(cut, on)
    groups: dict[tuple[str, str], list[Row]] = {}
    for (community, station), row in places.items():
        raw = {None: (), "community": (community,), "station": (station,),
               "collector": (community, station)}[cut]
        groups.setdefault(name(raw), []).append(row)
    rows = [Row(key, shown, t.sums, t.overdue, t.not_due)
            for (key, shown), members in groups.items() for t in [total(members)]]
    if not rows and cut is None:
        rows.append(Row("", ""))
    return sorted(rows, key=lambda r: (r.key == "", r.name, r.key))


def total(rows: Iterable[Row]) -> Row:
    """The rows of a cut added up: equal to the figure without a cut."""
    rows = list(rows)
    return Row("", "", sum((r.sums for r in rows), Sums()), sum((r.overdue for r in rows), ZERO),
               sum((r.not_due for r in rows), ZERO))


@dataclass(frozen=True)
class Recovery:
    """清欠: earlier debts outstanding at the start of the collection year, and recovered."""

    key: str
    name: str
    base: Decimal
    recovered: Decimal

    @property
    def rate(self) -> Decimal | None:
        return ratio(self.recovered, self.base)


def recovery(season: Season, on: _dt.date, cut: str | None = None) -> list[Recovery]:
    """Arrears recovery of ``season`` on ``on`` by ``cut`` (module docstring)."""
    start = year_start(season)
    scope = earlier_bills(season)
    now = _rows(ledger_sums(scope, on, cut), cut, on, lambda rest: ())
    before: dict[tuple[str, str], dict[Any, Sums]] = {}
    if start is not None:
        before = _rows(ledger_sums(scope, on, cut, paid_to=min(on, start - ONE_DAY)), cut, on,
                       lambda rest: ())
    out = []
    for (key, shown), parts in now.items():
        sums = parts[()]
        paid_before = before.get((key, shown), {}).get((), Sums()).collected
        out.append(Recovery(key, shown, sums.receivable - paid_before,
                            sums.collected - paid_before))
    if not out and cut is None:
        out.append(Recovery("", "", ZERO, ZERO))
    return sorted(out, key=lambda r: (r.key == "", r.name, r.key))


@dataclass(frozen=True)
class Ageing:
    key: str
    name: str
    by_age: dict[str, Decimal]  # arrears_age code -> overdue outstanding ("not_due" apart)

    @property
    def overdue(self) -> Decimal:
        return sum((v for k, v in self.by_age.items() if k != NOT_DUE), ZERO)


def ageing(on: _dt.date, cut: str | None = None) -> list[Ageing]:
    """What every debt still owes on ``on`` by age (module docstring)."""
    frame = season_frame(on)
    raw = ledger_sums(Bill.id.is_null(False), on, cut,
                      [debt_start(Bill, Season), _not_due_flag(on)], season_join=True)

    def age(rest: tuple[Any, ...]) -> str:
        start = None if rest[0] is None else as_date(rest[0])
        return NOT_DUE if rest[1] else frame.age(start)

    out = []
    for (key, shown), parts in _rows(raw, cut, on, age).items():
        out.append(Ageing(key, shown, {a: parts.get(a, Sums()).outstanding
                                             for a in AGES}))
    if not out and cut is None:
        out.append(Ageing("", "", {a: ZERO for a in AGES}))
    return sorted(out, key=lambda r: (r.key == "", r.name, r.key))


@dataclass(frozen=True)
class DayPoint:
    day: _dt.date
    receivable: Decimal  # cumulative through the day
    collected: Decimal

    @property
    def rate(self) -> Decimal | None:
        return ratio(self.collected, self.receivable)


def later(a: Any, b: Any) -> Any:
    """The later of two days, in SQL (the day from which an entry counts)."""
    return Case(None, [(a > b, a)], b)


_later = later


def collection_by_day(season: Season, on: _dt.date) -> list[DayPoint]:
    """The season's collection rate day by day through ``on`` (each point is
    :func:`collection` of that day): an entry counts from the later of its day and its bill's."""
    scope = season_bills(season) & (Bill.business_date <= on)
    approved = (Adjustment.status == "approved") & (Adjustment.business_date <= on)
    per_day: dict[_dt.date, list[int]] = {}

    def add(query: Any, slot: int) -> None:
        for day, fen in query.group_by(SQL("1")).tuples():
            per_day.setdefault(as_date(day), [0, 0])[slot] += int(fen or 0)

    add(Bill.select(Bill.business_date, fn.SUM(Bill.total)).where(scope), 0)
    add(Adjustment.select(_later(Adjustment.business_date, Bill.business_date),
                          fn.SUM(Adjustment.amount))
        .join(Bill, on=(Adjustment.bill == Bill.id)).where(scope & approved), 0)
    paid = Payment.business_date <= on
    add(Allocation.select(_later(Payment.business_date, Bill.business_date),
                          fn.SUM(Allocation.amount))
        .join(Payment, on=(Allocation.payment == Payment.id))
        .join(Bill, on=(Allocation.bill == Bill.id)).where(scope & paid), 1)
    add(Allocation.select(_later(Payment.business_date,
                                 _later(Adjustment.business_date, Bill.business_date)),
                          fn.SUM(Allocation.amount))
        .join(Payment, on=(Allocation.payment == Payment.id))
        .join(Adjustment, on=(Allocation.adjustment == Adjustment.id))
        .join(Bill, on=(Adjustment.bill == Bill.id)).where(scope & paid & approved), 1)
    points = []
    receivable = collected = 0
    for day in sorted(per_day):
        receivable += per_day[day][0]
        collected += per_day[day][1]
        points.append(DayPoint(day, from_fen(receivable), from_fen(collected)))
    return points


@dataclass(frozen=True)
class Takings:
    day: _dt.date
    method: str
    cashier: str
    key: str       # the cut's group ("" without a cut)
    name: str
    receipts: int  # payments taken (reversals not counted)
    reversals: int
    amount: Decimal  # net of reversals


def takings(first: _dt.date, last: _dt.date, cut: str | None = None) -> list[Takings]:
    """Payments dated ``first`` through ``last`` by day, method, cashier (and cut)."""
    keys = cuts.columns(cut)
    n = len(keys)
    taken = Case(None, [(Payment.amount > 0, 1)], 0)
    reversal = Case(None, [(Payment.amount < 0, 1)], 0)
    query = (Payment.select(*keys, Payment.business_date, Payment.method, Payment.cashier,
                            fn.SUM(taken), fn.SUM(reversal), fn.SUM(Payment.amount))
             .join(Account, on=(Payment.account == Account.id))
             .where((Payment.business_date >= first) & (Payment.business_date <= last))
             .group_by(*_ordinals(n + 3)))
    name = cuts.namer(cut, last)
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for row in query.tuples():
        key, shown = name(tuple(row[:n]))
        day, method, cashier = as_date(row[n]), row[n + 1], row[n + 2]
        slot = merged.setdefault((day, method, cashier, key), [shown, 0, 0, 0])
        slot[1] += int(row[n + 3] or 0)
        slot[2] += int(row[n + 4] or 0)
        slot[3] += int(row[n + 5] or 0)
    return [Takings(day, method, cashier, key, v[0], v[1], v[2], from_fen(v[3]))
            for (day, method, cashier, key), v in sorted(merged.items())]


def takings_total(first: _dt.date, last: _dt.date) -> Decimal:
    """The sum of :func:`takings` from ``first`` through ``last``, in one SUM."""
    fen = (Payment.select(fn.SUM(Payment.amount))
           .where((Payment.business_date >= first) & (Payment.business_date <= last)).scalar())
    return from_fen(int(fen or 0))


@dataclass(frozen=True)
class StatusCount:
    key: str
    name: str
    counts: dict[str, int]

    @property
    def stopped_share(self) -> Decimal | None:
        """报停率: stopped homes among those connected (heating or stopped)."""
        stopped = self.counts.get("stopped", 0)
        return ratio(Decimal(stopped), Decimal(stopped + self.counts.get("heating", 0)))


def accounts_by_status(on: _dt.date | None = None, cut: str | None = None) -> list[StatusCount]:
    """Accounts by status on ``on`` (default today) by ``cut``."""
    on = on or clock.today()
    keys = cuts.columns(cut)
    n = len(keys)
    if on >= clock.today():
        query = (Account.select(*keys, Account.status, fn.COUNT(Account.id))
                 .group_by(*_ordinals(n + 1)))
    else:
        c2 = AccountStatusChange.alias("c2")
        last = (c2.select(fn.MAX(c2.id))
                .where((c2.account == AccountStatusChange.account)
                       & (c2.at < _dt.datetime.combine(on + ONE_DAY, _dt.time()))))
        query = (AccountStatusChange.select(*keys, AccountStatusChange.to_status,
                                            fn.COUNT(AccountStatusChange.id))
                 .join(Account, on=(AccountStatusChange.account == Account.id))
                 .where(AccountStatusChange.id == last).group_by(*_ordinals(n + 1)))
    name = cuts.namer(cut, on)
    merged: dict[str, tuple[str, dict[str, int]]] = {}
    for row in query.tuples():
        key, shown = name(tuple(row[:n]))
        counts = merged.setdefault(key, (shown, {s: 0 for s in STATUSES}))[1]
        counts[row[n]] = counts.get(row[n], 0) + int(row[n + 1])
    out = [StatusCount(key, shown, counts) for key, (shown, counts) in merged.items()]
    if not out and cut is None:
        out.append(StatusCount("", "", {s: 0 for s in STATUSES}))
    return sorted(out, key=lambda r: (r.key == "", r.name, r.key))
