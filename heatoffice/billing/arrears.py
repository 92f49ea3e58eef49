"""Arrears (欠费) list: accounts that owe, filtered and aged by season, with totals, in SQL."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from peewee import JOIN, SQL, fn

from heatoffice import clock, messages
from heatoffice import validation as val
from heatoffice.accounts.models import CATEGORIES, STATUSES, Account, format_address
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing.models import AccountBalance, Bill
from heatoffice.org.models import ServiceArea
from heatoffice.money import from_fen
from heatoffice.privacy import mask_phone
from heatoffice.seasons.models import Season

ZERO = Decimal("0.00")

# Age of a debt by the oldest season still unpaid, relative to the current season.
AGES: dict[str, tuple[str, str]] = {
    "current": ("本季", "this season"),
    "one": ("上一季", "one season back"),
    "older": ("更早", "older"),
}

# The collector's round is the service areas of this kind (a post code of the org seed).
COLLECTOR_KIND = "collector"


@dataclass(frozen=True)
class ArrearsRow:
    account_id: int
    account_no: str
    name: str
    address: str
    community: str
    building: str
    unit: str
    room: str
    category: str
    phone: str               # masked unless the actor may see personal data
    area: Decimal
    status: str
    owed: Decimal            # AccountBalance.balance
    late_fees: Decimal       # accrued as of ``on``, not yet in the balance
    oldest_season: str       # name of the oldest season with an unpaid bill ("" if none)
    age: str                 # a key of AGES

    def label(self, what: str, lang: str | None = None) -> str:
        """The category, status or age of the row in words."""
        table = {"category": CATEGORIES, "status": STATUSES, "age": AGES}[what]
        key = getattr(self, what)
        idx = 0 if (lang or messages.language()) == "zh" else 1
        return table.get(key, (key, key))[idx]


@dataclass(frozen=True)
class ArrearsTotals:
    count: int = 0
    owed: Decimal = ZERO
    late_fees: Decimal = ZERO  # over the rows returned (late fees are computed per account)
    by_age: dict[str, tuple[int, Decimal]] = field(default_factory=dict)


@dataclass(frozen=True)
class ArrearsResult:
    rows: list[ArrearsRow]
    totals: ArrearsTotals


@dataclass(frozen=True)
class SeasonFrame:
    """The seasons in order and which one is current on a date; turns dates into age keys."""

    seasons: list[Season]
    current: int | None  # index into ``seasons``

    @property
    def current_start(self) -> _dt.date | None:
        return None if self.current is None else self.seasons[self.current].start_date

    @property
    def previous_start(self) -> _dt.date | None:
        if self.current is None or self.current == 0:
            return None
        return self.seasons[self.current - 1].start_date

    def age(self, oldest: _dt.date | None) -> str:
        cur, prev = self.current_start, self.previous_start
        if oldest is None or cur is None or oldest >= cur:
            return "current"
        if prev is None or oldest >= prev:
            return "one"
        return "older"

    def season_name(self, oldest: _dt.date | None) -> str:
        """The season a date belongs to: the last one starting on or before it."""
        if oldest is None:
            return ""
        name = ""
        for s in self.seasons:
            if s.start_date <= oldest:
                name = s.name
        return name


def season_frame(on: _dt.date) -> SeasonFrame:
    """Seasons by start date; the current one is the latest that has started by ``on`` or was
    already billed by then (billing runs in October, before the season starts)."""
    seasons = list(Season.select().order_by(Season.start_date, Season.id))
    current = None
    for i, s in enumerate(seasons):
        if s.start_date <= on or (Bill.select(Bill.id)
                                  .where((Bill.season == s.id) & (Bill.business_date <= on))
                                  .exists()):
            current = i
    return SeasonFrame(seasons, current)


def _as_date(value: Any) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def collector_accounts(staff_id: int, on: _dt.date) -> Any:
    """The condition "the account lies in this collector's service areas on ``on``"."""
    in_force = ((ServiceArea.staff == staff_id) & (ServiceArea.kind == COLLECTOR_KIND)
                & (ServiceArea.start_date <= on)
                & (ServiceArea.end_date.is_null() | (ServiceArea.end_date >= on)))
    communities = (ServiceArea.select(ServiceArea.community)
                   .where(in_force & ServiceArea.community.is_null(False)))
    stations = (ServiceArea.select(ServiceArea.station)
                .where(in_force & ServiceArea.station.is_null(False)))
    return Account.community.in_(communities) | Account.station.in_(stations)


def address_order() -> list[Any]:
    """Community, building, unit, room with numbers in natural order ("3" before "10")."""
    order: list[Any] = [Account.community]
    for column in (Account.building, Account.unit, Account.room):
        order += [fn.LENGTH(column), column]
    return order + [Account.account_no, Account.id]


def _unpaid_subquery() -> Any:
    """Per account, the start of the oldest season with a bill not fully paid (a seasonless
    bill counts from its business date); reads Bill.paid, never the allocations."""
    key = fn.COALESCE(Season.start_date, Bill.business_date)
    return (Bill.select(Bill.account.alias("account_id"), fn.MIN(key).alias("oldest"))
            .join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
            .where(Bill.paid < Bill.total)
            .group_by(Bill.account)
            .alias("unpaid"))


def _age_condition(column: Any, age: str, frame: SeasonFrame) -> Any:
    cur, prev = frame.current_start, frame.previous_start
    if cur is None:  # no season yet: every debt is of "this season"
        return SQL("1 = 1") if age == "current" else SQL("1 = 0")
    # Dates go in as ISO text: SQLite keeps dates as text, PostgreSQL casts the literal.
    if age == "current":
        return column.is_null() | (column >= cur.isoformat())
    if age == "one":
        cond = column < cur.isoformat()
        return cond & (column >= prev.isoformat()) if prev is not None else cond
    if prev is None:
        return SQL("1 = 0")  # nothing is older than the season before the first one
    return column < prev.isoformat()


def _late_fee_function() -> Any:
    """``owed(account_id, on)`` of the payments module, whose ``late_fees`` a row shows."""
    try:
        from heatoffice.billing.payments import owed
    except ImportError:
        return None
    return owed


def arrears_list(actor: Actor, *, community: str | None = None, building: str | None = None,
                 category: str | None = None, collector_staff_id: int | None = None,
                 age: str | None = None, on: _dt.date | None = None,
                 limit: int | None = None, offset: int = 0) -> ArrearsResult:
    """Accounts with a balance above zero, by address; totals cover every matching account
    (not only the page returned); late fees are computed for the rows returned."""
    require(actor, "arrears.view")
    v = val.Collector()
    if category:
        category = v.check(val.choice, category, CATEGORIES, field="category")
    if age:
        age = v.check(val.choice, age, AGES, field="age")
    if on is not None:
        on = v.check(val.parse_date, on, field="on")
    v.raise_if_any()
    on = on or clock.today()
    frame = season_frame(on)
    unpaid = _unpaid_subquery()
    base = (Account.select()
            .join(AccountBalance, on=(AccountBalance.account == Account.id))
            .join(unpaid, JOIN.LEFT_OUTER, on=(unpaid.c.account_id == Account.id))
            .where(AccountBalance.balance > 0))
    if community:
        base = base.where(Account.community == community.strip())
    if building:
        base = base.where(Account.building == str(building).strip())
    if category:
        base = base.where(Account.category == category)
    if collector_staff_id is not None:
        base = base.where(collector_accounts(collector_staff_id, on))
    if age:
        base = base.where(_age_condition(unpaid.c.oldest, age, frame))

    # Few distinct oldest dates (one per season), so grouping by them is cheap at any size.
    by_age: dict[str, tuple[int, Decimal]] = {k: (0, ZERO) for k in AGES}
    grouped = (base.select(unpaid.c.oldest, fn.COUNT(Account.id),
                           fn.SUM(AccountBalance.balance).coerce(False))
               .group_by(unpaid.c.oldest).tuples())
    for oldest, count, fen in grouped:
        key = frame.age(_as_date(oldest))
        before = by_age[key]
        by_age[key] = (before[0] + count, before[1] + from_fen(int(fen or 0)))

    rows_q = (base.select(Account.id, Account.account_no, Account.name, Account.community,
                          Account.building, Account.unit, Account.room, Account.category,
                          Account.phone, Account.heating_area, Account.status,
                          AccountBalance.balance, unpaid.c.oldest)
              .order_by(*address_order()).tuples())
    if limit is not None:
        rows_q = rows_q.limit(limit).offset(offset)
    show_personal = can(actor, "accounts.view_personal")
    owed_fn = _late_fee_function()
    rows: list[ArrearsRow] = []
    for (id_, no, name, comm, bld, unit, room, cat, phone, area, status, balance,
         oldest) in rows_q:
        oldest_date = _as_date(oldest)
        late = owed_fn(id_, on).late_fees if owed_fn is not None else ZERO
        rows.append(ArrearsRow(
            account_id=id_, account_no=no, name=name,
            address=format_address(comm, bld, unit, room), community=comm, building=bld,
            unit=unit, room=room, category=cat,
            phone=phone if show_personal else mask_phone(phone),
            area=area, status=status, owed=balance, late_fees=late,
            oldest_season=frame.season_name(oldest_date), age=frame.age(oldest_date)))
    totals = ArrearsTotals(
        count=sum(c for c, _ in by_age.values()),
        owed=sum((o for _, o in by_age.values()), ZERO),
        late_fees=sum((r.late_fees for r in rows), ZERO),
        by_age=by_age)
    return ArrearsResult(rows, totals)
