"""Arrears (欠费): overdue accounts filtered and aged by season, totals in SQL, 未到期 apart."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from peewee import JOIN, OP, SQL, Case, Expression, Value, fn

from heatoffice import clock, glossary
from heatoffice import validation as val
from heatoffice.accounts.models import (
    CATEGORIES,
    Account,
    Community,
    Station,
    format_address,
    of_community,
)
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can, require
from heatoffice.billing.due import DueRules, due_rules, open_amount, unpaid
from heatoffice.billing.models import AccountBalance, Bill
from heatoffice.billing.payments import owed
from heatoffice.db.connection import database
from heatoffice.money import ZERO, from_fen
from heatoffice.org.models import ServiceArea
from heatoffice.privacy import mask_phone
from heatoffice.seasons.models import Season, Tariff

# Age of a debt by the oldest season with an overdue bill, relative to the current season;
# "not_due": all the account owes is not yet due.
AGES = glossary.names("arrears_age")
NOT_DUE = "not_due"

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
    owed: Decimal            # AccountBalance.balance: overdue + not_due
    late_fees: Decimal       # accrued as of ``on``, not yet in the balance
    oldest_season: str       # name of the oldest season with an overdue bill ("" if none)
    age: str                 # a key of AGES
    not_due: Decimal = ZERO  # what bills not yet due on ``on`` still owe (within ``owed``)

    @property
    def overdue(self) -> Decimal:
        return self.owed - self.not_due

    def label(self, what: str, lang: str | None = None) -> str:
        """The category, status or age of the row in words."""
        group = {"category": "account_category", "status": "account_status",
                 "age": "arrears_age"}[what]
        return glossary.label(group, getattr(self, what), lang)


@dataclass(frozen=True)
class ArrearsTotals:
    """Over every account listed (not only the page returned), except ``late_fees``.

    ``by_age``: age -> (accounts, overdue amount); its "not_due" entry counts the accounts
    whose whole debt is not yet due and that debt, even when the list leaves them out.
    """

    count: int = 0
    owed: Decimal = ZERO
    late_fees: Decimal = ZERO  # over the rows returned (late fees are computed per account)
    by_age: dict[str, tuple[int, Decimal]] = field(default_factory=dict)
    not_due: Decimal = ZERO    # the part of ``owed`` not yet due

    @property
    def overdue(self) -> Decimal:
        return self.owed - self.not_due


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
        # Newest first on the business_date index: a season billed by ``on`` is found at once.
        if s.start_date <= on or (Bill.select(Bill.id)
                                  .where((Bill.season == s.id) & (Bill.business_date <= on))
                                  .order_by(Bill.business_date.desc()).limit(1)
                                  .first() is not None):
            current = i
    return SeasonFrame(seasons, current)


def _as_date(value: Any) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def _collector_areas(staff_id: int, on: _dt.date) -> Any:
    return ((ServiceArea.staff == staff_id) & (ServiceArea.kind == COLLECTOR_KIND)
            & (ServiceArea.start_date <= on)
            & (ServiceArea.end_date.is_null() | (ServiceArea.end_date >= on)))


def collector_area_names(staff_id: int, on: _dt.date) -> list[str]:
    """The communities and heat stations in this collector's care on ``on``, as named."""
    names: list[str] = []
    for community, station in (
            ServiceArea.select(ServiceArea.community, Station.name)
            .join(Station, JOIN.LEFT_OUTER, on=(ServiceArea.station == Station.id))
            .where(_collector_areas(staff_id, on))
            .order_by(ServiceArea.start_date, ServiceArea.id).tuples()):
        name = community or station
        if name and name not in names:
            names.append(name)
    return names


def collector_accounts(staff_id: int, on: _dt.date) -> Any:
    """The condition "the account lies in this collector's service areas on ``on``"."""
    in_force = _collector_areas(staff_id, on)
    # A service area names its community (text); the accounts refer to the register by key.
    names = (ServiceArea.select(ServiceArea.community)
             .where(in_force & ServiceArea.community.is_null(False)))
    communities = Community.select(Community.id).where(Community.name.in_(names))
    stations = (ServiceArea.select(ServiceArea.station)
                .where(in_force & ServiceArea.station.is_null(False)))
    return Account.community.in_(communities) | Account.station.in_(stations)


def address_order() -> list[Any]:
    """Community, building, unit, room with numbers in natural order ("3" before "10"); the
    query must join the account's Community (``.join_from(Account, Community)``)."""
    order: list[Any] = [Community.name]
    for column in (Account.building, Account.unit, Account.room):
        order += [fn.LENGTH(column), column]
    return order + [Account.account_no, Account.id]


def _oldest_unpaid(rules: DueRules | None) -> Any:
    """Per account (correlated): the start of the oldest season with an overdue bill not
    settled; a bill without a season counts from its business date. Index lookups by
    account: one community costs milliseconds, the whole city (150,000 owing of 500,000)
    about a second."""
    b, s = Bill.alias("ub"), Season.alias("us")
    where = (b.account == AccountBalance.account) & unpaid(b)
    return (b.select(fn.MIN(fn.COALESCE(s.start_date, b.business_date)))
            .join(s, JOIN.LEFT_OUTER, on=(b.season == s.id))
            .where(where & rules.overdue(b) if rules is not None else where))


def not_due_owed(rules: DueRules | None) -> Any:
    """Per account (correlated): what its bills not yet due still owe, in fen (0 if none)."""
    if rules is None:
        return Value(0)
    b = Bill.alias("nb")
    return fn.COALESCE(b.select(fn.SUM(open_amount(b)))
                       .where((b.account == AccountBalance.account) & unpaid(b)
                              & rules.not_due(b)), 0)


def _oldest_of(account_ids: list[int], rules: DueRules | None) -> dict[int, Any]:
    """The oldest overdue season for a page of accounts, in one grouped query."""
    key = fn.MIN(fn.COALESCE(Season.start_date, Bill.business_date)).coerce(False)
    where = Bill.account.in_(account_ids) & unpaid(Bill)
    return dict(Bill.select(Bill.account, key)
                .join(Season, JOIN.LEFT_OUTER, on=(Bill.season == Season.id))
                .where(where & rules.overdue(Bill) if rules is not None else where)
                .group_by(Bill.account).tuples())


def not_due_of(account_ids: list[int], rules: DueRules | None) -> dict[int, int]:
    """What bills not yet due still owe, in fen, for a page of accounts."""
    if rules is None or not account_ids:
        return {}
    return {a: int(fen or 0) for a, fen in (
        Bill.select(Bill.account, fn.SUM(open_amount(Bill)).coerce(False))
        .where(Bill.account.in_(account_ids) & unpaid(Bill) & rules.not_due(Bill))
        .group_by(Bill.account).tuples())}


def _detail_query(*extra: Any) -> Any:
    return (AccountBalance.select(
        Account.id, Account.account_no, Account.name, Community.name, Account.building,
        Account.unit, Account.room, Account.category, Account.phone, Account.heating_area,
        Account.status, AccountBalance.balance, *extra)
        .join(Account, on=(Account.id == AccountBalance.account)).join_from(Account, Community))


def _totals_by_age(where: list[Any], needs_account: bool, oldest: Any, not_due: Any,
                   frame: SeasonFrame) -> dict[str, tuple[int, Decimal, Decimal]]:
    """age -> (accounts, owed, not yet due) over the accounts matching ``where``.

    Grouped by the oldest overdue date (few distinct values: one per season) and by whether
    anything is overdue. Without address filters they read the balances alone, which is what
    a city-wide list needs to be quick.
    """
    inner = AccountBalance.select(AccountBalance.balance.alias("b"), oldest.alias("oldest"),
                                  not_due.alias("n"))
    if needs_account:
        inner = inner.join(Account, on=(Account.id == AccountBalance.account))
    x = inner.where(*where).alias("x")
    overdue = Case(None, [(x.c.b > x.c.n, 1)], 0)
    within = Case(None, [(x.c.n < x.c.b, x.c.n)], x.c.b)
    out: dict[str, tuple[int, Decimal, Decimal]] = {k: (0, ZERO, ZERO) for k in AGES}
    for first, is_overdue, count, owed_fen, not_due_fen in (
            AccountBalance.select(x.c.oldest, overdue, fn.COUNT(SQL("*")),
                                  fn.SUM(x.c.b), fn.SUM(within))
            .from_(x).group_by(SQL("1"), SQL("2")).tuples()):
        key = frame.age(_as_date(first)) if is_overdue else NOT_DUE
        was = out[key]
        out[key] = (was[0] + count, was[1] + from_fen(int(owed_fen or 0)),
                    was[2] + from_fen(int(not_due_fen or 0)))
    return out


def late_fees_possible(on: _dt.date) -> bool:
    """Whether any tariff charges late fees by ``on``; if none does, no row needs working out."""
    return (Tariff.select(Tariff.id)
            .where((Tariff.late_fee_rate > 0) & (Tariff.late_fee_from <= on)).exists())


def _age_condition(oldest: Any, age: str, frame: SeasonFrame) -> Any:
    cur, prev = frame.current_start, frame.previous_start
    if cur is None:  # no season yet: every debt is of "this season"
        return SQL("1 = 1") if age == "current" else SQL("1 = 0")

    # Dates go in as ISO text: SQLite keeps dates as text, PostgreSQL casts the literal.
    def since(day: _dt.date) -> Any:
        return Expression(oldest, OP.GTE, day.isoformat())

    def before(day: _dt.date) -> Any:
        return Expression(oldest, OP.LT, day.isoformat())

    if age == "current":
        return Expression(oldest, OP.IS, None) | since(cur)
    if age == "one":
        return before(cur) & since(prev) if prev is not None else before(cur)
    if prev is None:
        return SQL("1 = 0")  # nothing is older than the season before the first one
    return before(prev)


def arrears_list(actor: Actor, *, community: str | None = None, building: str | None = None,
                 category: str | None = None, collector_staff_id: int | None = None,
                 age: str | None = None, on: _dt.date | None = None,
                 limit: int | None = None, offset: int = 0,
                 late_fees: bool = True, include_not_due: bool = False) -> ArrearsResult:
    """Accounts with an overdue bill on ``on`` (today), by address; with ``include_not_due``
    every account with a balance above zero. Totals cover every matching account (not only
    the page returned).

    ``owed`` is the ledger balance, ``not_due`` the part of it that bills not yet due still
    owe (billing.due: money paid ahead settles the oldest debts first, so it is the newest
    part); ``late_fees`` are those accrued through ``on`` and not yet charged
    (heatoffice.billing.payments.owed), worked out account by account for the rows
    returned: page with ``limit``, or pass ``late_fees=False`` for a city-wide export.
    ``age`` "not_due" lists the accounts that owe only what is not yet due.
    """
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
    rules = due_rules(on)
    oldest = _oldest_unpaid(rules)
    not_due = not_due_owed(rules)
    where = [AccountBalance.balance > 0]
    if community:
        where.append(of_community(community))
    if building:
        where.append(Account.building == str(building).strip())
    if category:
        where.append(Account.category == category)
    if collector_staff_id is not None:
        where.append(collector_accounts(collector_staff_id, on))
    needs_account = len(where) > 1
    overdue = AccountBalance.balance > not_due
    if age == NOT_DUE:
        where.append(~overdue)
    elif age:
        where += [overdue, _age_condition(oldest, age, frame)]
    groups = _totals_by_age(where, needs_account, oldest, not_due, frame)
    listed = [k for k in AGES if age or include_not_due or k != NOT_DUE]
    if not (age or include_not_due):
        where.append(overdue)

    if limit is None:
        # Everything (an export): one query, the oldest season worked out row by row. Rows
        # come straight from the cursor, area and balance converted here: the ORM's per-column
        # work would cost more than the query on a whole city.
        page = []
        firsts: dict[int, Any] = {}
        owed_later: dict[int, int] = {}
        area_of = Account.heating_area.python_value
        for row in database.execute(_detail_query(oldest.alias("oldest"), not_due.alias("n"))
                                    .where(*where).order_by(*address_order())):
            page.append((*row[:9], area_of(row[9]), row[10], from_fen(int(row[11]))))
            firsts[row[0]], owed_later[row[0]] = row[12], int(row[13] or 0)
    else:
        # A page: its ids first (a narrow sort; sorting whole rows of a city costs seconds),
        # then their details, oldest seasons and what is not yet due.
        ids = [i for (i,) in (AccountBalance.select(Account.id)
                              .join(Account, on=(Account.id == AccountBalance.account))
                              .join_from(Account, Community)
                              .where(*where).order_by(*address_order())
                              .limit(limit).offset(offset).tuples())]
        found = {r[0]: r for r in _detail_query().where(Account.id.in_(ids)).tuples()}
        page = [found[i] for i in ids]
        firsts = _oldest_of(ids, rules)
        owed_later = not_due_of(ids, rules)
    show_personal = can(actor, "accounts.view_personal")
    with_fees = late_fees and late_fees_possible(on)
    rows: list[ArrearsRow] = []
    seasons: dict[Any, tuple[str, str]] = {}  # a handful of distinct dates
    for id_, no, name, comm, bld, unit, room, cat, phone, area, status, balance in page:
        raw = firsts.get(id_)
        if raw not in seasons:
            first = _as_date(raw)
            seasons[raw] = (frame.season_name(first), frame.age(first))
        season_name, age_key = seasons[raw]
        later = min(from_fen(owed_later.get(id_, 0)), balance)
        rows.append(ArrearsRow(
            account_id=id_, account_no=no, name=name,
            address=format_address(comm, bld, unit, room), community=comm, building=bld,
            unit=unit, room=room, category=cat,
            phone=phone if show_personal else mask_phone(phone),
            area=area, status=status, owed=balance,
            late_fees=owed(id_, on).late_fees if with_fees else ZERO,
            oldest_season=season_name if later < balance else "",
            age=age_key if later < balance else NOT_DUE, not_due=later))
    totals = ArrearsTotals(
        count=sum(groups[k][0] for k in listed),
        owed=sum((groups[k][1] for k in listed), ZERO),
        late_fees=sum((r.late_fees for r in rows), ZERO),
        by_age={k: (count, owed_ - later) if k != NOT_DUE else (count, later)
                for k, (count, owed_, later) in groups.items()},
        not_due=sum((groups[k][2] for k in listed), ZERO))
    return ArrearsResult(rows, totals)
