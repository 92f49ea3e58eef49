"""Reads of the reports area: the reports as typed data and the home dashboard, each checking
its permission. The pages, the command line and the exports read through here."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from decimal import Decimal

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.auth.actor import Actor
from heatoffice.auth.names import display_names
from heatoffice.auth.permissions import can, require
from heatoffice.billing.closing import month_bounds, month_key, open_days
from heatoffice.billing.models import PAYMENT_METHODS, Adjustment
from heatoffice.errors import UserError
from heatoffice.money import ZERO
from heatoffice.reception import workflow
from heatoffice.reception.models import Application
from heatoffice.reports import figures, snapshots
from heatoffice.reports.charts import group_name
from heatoffice.reports.cuts import CUTS
from heatoffice.reports.desk_tiles import PAGES as DESK_PAGES
from heatoffice.reports.desk_tiles import desk_tiles
from heatoffice.reports.documents import (
    AgeingReport,
    CollectionReport,
    CompareReport,
    CompareRow,
    TakingsDay,
    TakingsReport,
)
from heatoffice.reports.figures import Ageing, Row
from heatoffice.seasons.models import Season


def season(name_or_id: str | int) -> Season:
    """A season by name or id; UserError seasons.not_found otherwise."""
    found = (Season.get_or_none(Season.id == name_or_id) if isinstance(name_or_id, int)
             else Season.get_or_none(Season.name == str(name_or_id).strip()))
    if found is None:
        raise UserError("seasons.not_found", field="season", value=name_or_id)
    return found


def current_season(on: _dt.date) -> Season | None:
    """The season of ``on``: the latest one started by then (else the first to come)."""
    started = (Season.select().where(Season.start_date <= on)
               .order_by(Season.start_date.desc()).first())
    return started or Season.select().order_by(Season.start_date).first()


def season_names(actor: Actor) -> list[str]:
    """Every season's name, newest first."""
    require(actor, "reports.view")
    return [n for (n,) in Season.select(Season.name).order_by(Season.start_date.desc()).tuples()]


def current_season_name(actor: Actor, on: _dt.date) -> str:
    require(actor, "dashboard.view")
    found = current_season(on)
    return "" if found is None else found.name


def _cut(cut: str | None) -> str | None:
    if cut in (None, ""):
        return None
    v = val.Collector()
    checked = v.check(val.choice, cut, {c: (c, c) for c in CUTS}, field="by")
    v.raise_if_any()
    return str(checked)


def collection_report(actor: Actor, season_name: str | int, on: _dt.date | None = None,
                      cut: str | None = None) -> CollectionReport:
    """采暖季收费统计表 of ``season`` on ``on`` (today) by ``cut``."""
    require(actor, "reports.view")
    s, cut = season(season_name), _cut(cut)
    on = on or clock.today()
    rows = figures.collection(s, on, cut)
    total = figures.total(rows)
    back = figures.same_day_last_season(s, on)
    last_rate: Decimal | None = None
    last_curve: tuple[figures.DayPoint, ...] = ()
    if back is not None:
        [last] = figures.collection(back[0], back[1])
        last_rate = last.rate
        last_curve = tuple(figures.collection_by_day(back[0], back[1]))
    return CollectionReport(
        season=s.name, on=on, cut=cut, rows=tuple(rows), total=total,
        recovery=figures.recovery(s, on)[0],
        last_season=back[0].name if back else "", last_day=back[1] if back else None,
        last_rate=last_rate, curve=tuple(figures.collection_by_day(s, on)),
        last_curve=last_curve, season_start=figures.as_date(s.start_date),
        last_start=figures.as_date(back[0].start_date) if back else None,
        printed_at=clock.now(), printed_by=actor.display_name or actor.username,
        accounts=figures.accounts_by_status(on)[0])


def ageing_report(actor: Actor, on: _dt.date | None = None,
                  cut: str | None = None) -> AgeingReport:
    """欠费账龄分析表 on ``on`` (today) by ``cut``."""
    require(actor, "reports.view")
    cut = _cut(cut)
    on = on or clock.today()
    rows = figures.ageing(on, cut)
    total = Ageing("", "", {a: sum((r.by_age[a] for r in rows), ZERO)
                            for a in (rows[0].by_age if rows else {})})
    return AgeingReport(on, cut, tuple(rows), total, clock.now(),
                        actor.display_name or actor.username)


def takings_report(actor: Actor, first: _dt.date, last: _dt.date,
                   cut: str | None = None) -> TakingsReport:
    """Payments from ``first`` through ``last`` by day and method, and by cashier."""
    require(actor, "reports.view")
    if last < first:
        raise UserError("reports.bad_period", field="to", first=first.isoformat(),
                        last=last.isoformat())
    rows = figures.takings(first, last, _cut(cut))
    used = {t.method for t in rows}
    methods = tuple(m for m in PAYMENT_METHODS if m in used) or ("cash",)
    per_day: dict[_dt.date, list[Decimal | int]] = {}
    cashiers: dict[str, list[Decimal | int]] = {}
    for t in rows:
        d = per_day.setdefault(t.day, [ZERO] * len(methods) + [0, 0])
        d[methods.index(t.method)] += t.amount
        d[-2] += t.receipts
        d[-1] += t.reversals
        c = cashiers.setdefault(t.cashier, [0, ZERO])
        c[0] += t.receipts
        c[1] += t.amount
    days = tuple(TakingsDay(day, tuple(Decimal(x) for x in v[:len(methods)]), int(v[-2]),
                            int(v[-1]), sum((Decimal(x) for x in v[:len(methods)]), ZERO))
                 for day, v in sorted(per_day.items()))
    names = display_names(cashiers)
    by_cashier = tuple((names[c], int(v[0]), Decimal(v[1])) for c, v in sorted(cashiers.items()))
    return TakingsReport(first, last, methods, days, by_cashier, tuple(rows), clock.now(),
                         actor.display_name or actor.username)


def compare_report(actor: Actor, season_name: str | int, on: _dt.date | None = None,
                   cut: str | None = None) -> CompareReport:
    """This season against the previous one on the same day, by ``cut``."""
    require(actor, "reports.view")
    s, cut = season(season_name), _cut(cut)
    on = on or clock.today()
    this = {r.key: r for r in figures.collection(s, on, cut)}
    back = figures.same_day_last_season(s, on)
    last = {r.key: r for r in figures.collection(back[0], back[1], cut)} if back else {}
    rows = tuple(CompareRow(k, (this.get(k) or last[k]).name, this.get(k, Row(k, "")),
                            last.get(k, Row(k, "")))
                 for k in sorted(set(this) | set(last),
                                 key=lambda k: (k == "", (this.get(k) or last[k]).name, k)))
    total = CompareRow("", "", figures.total(this.values()), figures.total(last.values()))
    return CompareReport(s.name, on, back[0].name if back else "", back[1] if back else None,
                         cut, rows, total, clock.now(), actor.display_name or actor.username)


# --- the home dashboard -------------------------------------------------------------

@dataclass(frozen=True)
class Tile:
    """One figure of the dashboard: ``kind`` money | percent | count; ``page`` the page key
    its list is on (clicking the tile opens it), "" for none."""

    key: str
    value: Decimal | int | None
    kind: str
    page: str = ""


@dataclass(frozen=True)
class Dashboard:
    role: str
    today: _dt.date
    season: str
    tiles: tuple[Tile, ...]
    methods: tuple[tuple[str, Decimal], ...] = ()     # today's takings by method
    weakest: tuple[tuple[str, Decimal | None], ...] = ()   # communities, lowest rate first
    weakest_stations: tuple[tuple[str, Decimal | None], ...] = ()
    # The figures that read the season or the month (LATER_TILES, the weakest places) are
    # still to come: the page shows the rest at once and fills these in from
    # later_figures() off the GUI thread.
    pending: bool = False


@dataclass(frozen=True)
class LaterFigures:
    """The home page's figures that read many rows: the season (one pass over its bills by
    place) and the month's takings and open days."""

    tiles: dict[str, Decimal | int | None]
    weakest: tuple[tuple[str, Decimal | None], ...] = ()
    weakest_stations: tuple[tuple[str, Decimal | None], ...] = ()


LATER_TILES = ("season_rate", "collected", "last_season_rate", "month_to_date", "open_days")
LATER_KINDS = {"season_rate": "percent", "collected": "money", "last_season_rate": "percent",
               "month_to_date": "money", "open_days": "count"}
LATER_PAGES = {"season_rate": "reports", "collected": "reports", "last_season_rate": "reports",
               "month_to_date": "closing", "open_days": "closing"}
WEAKEST = 5


# What each role's home shows; a role not named gets the finance view if it may read
# reports, else its applications.
ROLE_VIEWS = {"cashier": "cashier", "finance": "finance", "manager": "manager",
              "admin": "manager", "reception": "reception", "hotline": "service",
              "operations": "service", "customer_service": "service"}


def view_of(actor: Actor) -> str:
    found = ROLE_VIEWS.get(actor.role)
    if found:
        return found
    return "finance" if can(actor, "reports.view") else "reception"


def dashboard(actor: Actor, today: _dt.date | None = None) -> Dashboard:
    """The figures of ``actor``'s home page, all of them (docs/architecture.md, "Reports")."""
    quick = home_page(actor, today)
    if not quick.pending:
        return quick
    return with_later(quick, later_figures(actor, quick.today))


def with_later(page: Dashboard, figures_: LaterFigures) -> Dashboard:
    """The home page with its later figures filled in."""
    tiles = tuple(Tile(t.key, figures_.tiles.get(t.key), t.kind, t.page)
                  if t.key in LATER_TILES else t for t in page.tiles
                  if t.key != "last_season_rate" or "last_season_rate" in figures_.tiles)
    return replace(page, tiles=tiles, weakest=figures_.weakest,
                   weakest_stations=figures_.weakest_stations, pending=False)


def home_page(actor: Actor, today: _dt.date | None = None) -> Dashboard:
    """What the home page shows at once: what a few index lookups read (today's takings,
    adjustments and applications waiting); the season's and the month's figures are
    placeholders (``pending``) until :func:`later_figures` has read them."""
    require(actor, "dashboard.view")
    today = today or clock.today()
    view = view_of(actor)
    s = current_season(today)
    tiles: list[Tile] = []
    methods: tuple[tuple[str, Decimal], ...] = ()
    pending = False
    if view == "cashier":
        mine = [t for t in figures.takings(today, today) if t.cashier == actor.username]
        per: dict[str, Decimal] = {}
        for t in mine:
            per[t.method] = per.get(t.method, ZERO) + t.amount
        methods = tuple((m, per[m]) for m in PAYMENT_METHODS if m in per)
        tiles += [Tile("takings_today", sum(per.values(), ZERO), "money", "closing"),
                  Tile("receipts_today", sum(t.receipts for t in mine), "count", "closing"),
                  Tile("reversals_today", sum(t.reversals for t in mine), "count", "closing")]
    if view in ("finance", "manager") and can(actor, "reports.view"):
        pending = True
        tiles += [Tile(key, None, LATER_KINDS[key], LATER_PAGES[key]) for key in LATER_TILES]
        if view == "manager":
            pending_adjustments = (Adjustment.select()
                                   .where(Adjustment.status == "proposed").count())
            tiles.append(Tile("pending_adjustments", pending_adjustments, "count",
                              "adjustments"))
            late = (Application.select()
                    .where(Application.state.in_(workflow.OPEN_STATES)
                           & (Application.due_on < today)).count())
            tiles.append(Tile("overdue_applications", late, "count", "reception"))
            tiles += [Tile(key, n, "count", DESK_PAGES[key])
                      for key, n in desk_tiles(actor, today, calls=False)]
    if view == "reception":
        received = Application.select().where(Application.received_on == today).count()
        waiting = (Application.select()
                   .where(Application.state.in_(("received", "under_review", "returned")))
                   .count())
        tiles += [Tile("applications_today", received, "count", "reception"),
                  Tile("reception_queue", waiting, "count", "reception")]
    if view == "service":
        tiles += [Tile(key, n, "count", DESK_PAGES[key])
                  for key, n in desk_tiles(actor, today, calls=True)]
    return Dashboard(view, today, s.name if s is not None else "", tuple(tiles), methods,
                     pending=pending)


def later_figures(actor: Actor, today: _dt.date) -> LaterFigures:
    """The home page's slower part: the month's takings and the cashiers' days not closed;
    the season's rate and what was collected (one pass by place, rolled up), the same day
    last season, and for a manager the weakest five communities and heat stations."""
    require(actor, "reports.view")
    first, _ = month_bounds(month_key(today))
    tiles: dict[str, Decimal | int | None] = {
        "month_to_date": figures.takings_total(first, today),
        "open_days": len(open_days(month_key(today)))}
    s = current_season(today)
    if s is None:
        return LaterFigures(tiles)
    # The season by place from its snapshot and what the ledger took since (reports.snapshots):
    # equal to figures.collection_by_place, without a pass over the season's bills.
    places = snapshots.rows_by_place(s, today)
    [row] = figures.roll_up(places, None, today)
    tiles.update(season_rate=row.rate, collected=row.sums.collected)
    back = figures.same_day_last_season(s, today)
    if back is not None:
        [last] = figures.roll_up(snapshots.rows_by_place(back[0], back[1]), None, back[1])
        tiles["last_season_rate"] = last.rate
    if view_of(actor) != "manager":
        return LaterFigures(tiles)

    def low(cut: str) -> tuple[tuple[str, Decimal | None], ...]:
        rows = [r for r in figures.roll_up(places, cut, today) if r.sums.receivable]
        rows.sort(key=lambda r: (r.rate if r.rate is not None else Decimal(0), r.name))
        return tuple((group_name(cut, r.key, r.name), r.rate) for r in rows[:WEAKEST])

    return LaterFigures(tiles, low("community"), low("station"))


def _snapshot_seasons(today: _dt.date) -> list[Season]:
    """The seasons the home page reads by snapshot: today's and the one before it (the same
    day last season)."""
    s = current_season(today)
    if s is None:
        return []
    back = figures.previous_season(s)
    return [s] if back is None else [s, back]


def snapshot_stale(actor: Actor, today: _dt.date) -> bool:
    """Whether the season of ``today`` or the one before has no snapshot made today (the home
    page then makes them in the background: :func:`refresh_snapshot`)."""
    require(actor, "dashboard.view")
    return can(actor, "reports.view") and any(snapshots.stale(s, today)
                                              for s in _snapshot_seasons(today))


def refresh_snapshot(actor: Actor, today: _dt.date) -> None:
    """New snapshots of the season of ``today`` and the one before where stale (a cache: one
    pass over a season's ledger; the figures are exact with an older one too, the delta is
    only longer)."""
    require(actor, "reports.view")
    for s in _snapshot_seasons(today):
        if snapshots.stale(s, today):
            snapshots.make(s)
