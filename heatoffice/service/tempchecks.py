"""室温检测 (四查): the check plan (which homes first), readings (room, °C, time, outdoor °C,
instrument) flagged below the standard, and the refund proposed for a home that stayed too
cold (steps by degrees short, over days; a credit adjustment waiting for a manager)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from typing import Any

from peewee import JOIN, fn

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.accounts.models import Account, Community, Station
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.billing.adjustments import propose_adjustment
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.seasons.models import Season, Tariff
from heatoffice.service import settings as service_settings
from heatoffice.service import tempcheck_rules as rules
from heatoffice.service.case_common import account_of, backdated_note, moment
from heatoffice.service.case_models import Complaint, TempReading, TempRefund
from heatoffice.service.models import Call

TENTH = Decimal("0.1")
# statuses whose homes are heated and so checked
CHECKED = ("heating",)
# the hotline's call categories that tell of a cold home
COLD_CALLS = ("no-heat", "low-temperature", "complaint")


def standard() -> Decimal:
    return service_settings.get_decimal("room_temp_standard")


def refund_steps() -> list[tuple[Decimal, Decimal]]:
    try:
        return rules.parse_steps(service_settings.get("cold_refund_steps"))
    except (ValueError, InvalidOperation):
        return rules.parse_steps(service_settings.DEFAULTS["cold_refund_steps"])


def celsius(value: Any, field: str, low: int = -50, high: int = 60) -> Decimal:
    """A temperature to a tenth of a degree ("17.5", "17.5°C", "-8")."""
    text = str(value if value is not None else "").strip()
    for unit in ("\u2103", "°C", "度"):  # ℃ as typed, °C as shown
        text = text.removesuffix(unit).strip()
    if not text:
        raise UserError("validation.required", field=field, value=text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise UserError("tempchecks.bad_celsius", field=field, value=str(value)) from None
    if not number.is_finite() or number != number.quantize(TENTH) \
            or not low <= number <= high:
        raise UserError("tempchecks.bad_celsius", field=field, value=str(value))
    return number.quantize(TENTH)


def tenths(value: Decimal) -> int:
    return int(value * 10)


def from_tenths(n: int | None) -> Decimal | None:
    return None if n is None else (Decimal(n) * TENTH).quantize(TENTH)


def record(actor: Actor, account: Any, value: Any, *, instrument: str, room: str = "",
           outdoor: Any = None, at: Any = None, note: str = "") -> TempReading:
    """登记室温: one reading; below the standard in force (stored with it) is flagged."""
    require(actor, "tempchecks.record")
    v = val.Collector()
    target = v.check(account_of, account)
    if target is None and not v.errors:
        v.add(UserError("validation.required", field="account", value=""))
    reading = v.check(celsius, value, "celsius")
    outside = v.check(celsius, outdoor, "outdoor_celsius") if outdoor not in (None, "") \
        else None
    instrument = v.check(val.required, (instrument or "").strip(), field="instrument") or ""
    when = v.check(moment, at, "measured_at")
    v.raise_if_any()
    assert target is not None and reading is not None and when is not None
    with database.atomic():
        r = TempReading.create(
            account=target.id, room=val.max_length((room or "").strip(), 32, "room"),
            tenths=tenths(reading), outdoor_tenths=None if outside is None else tenths(outside),
            standard_tenths=tenths(standard()), measured_at=when[0], instrument=instrument,
            entered_at=clock.now(), by=actor.username, note=(note or "").strip())
        audit.record(actor, "tempchecks.record", "temp_reading", r.id,
                     after=audit.snapshot(r), note=backdated_note(*when))
    return r


def season_price(account: Account, day: _dt.date) -> tuple[Decimal, int]:
    """(price per m² of the whole season, the season's days) for the account's category in
    the season of ``day`` (the latest started by then)."""
    season = (Season.select().where(Season.start_date <= day)
              .order_by(Season.start_date.desc()).first())
    if season is None:
        raise UserError("tempchecks.no_season", field="season", value=day.isoformat())
    tariff = (Tariff.select().where((Tariff.season == season.id)
                                    & (Tariff.category == account.category))
              .order_by(Tariff.version.desc()).first())
    if tariff is None:
        raise UserError("tempchecks.no_tariff", field="season", value=season.name)
    return tariff.price_per_m2, (season.end_date - season.start_date).days + 1


def plan_homes(*, station: str = "", community: str = "",
               season_start: _dt.datetime | None = None) -> list[rules.Home]:
    """The heated homes of a station or community as the plan sees them."""
    q = (Account.select(Account, Community, Station)
         .join_from(Account, Community)
         .join_from(Community, Station, on=(Community.station == Station.id),
                    join_type=JOIN.LEFT_OUTER)
         .where(Account.status.in_(CHECKED)))
    if station:
        q = q.where(Station.code == station)
    if community:
        q = q.where(Community.name == community)
    since = season_start or _dt.datetime.combine(clock.today() - _dt.timedelta(days=180),
                                                 _dt.time())
    complained = _counts(Complaint, Complaint.received_at, since)
    # hotline calls about the heat count as complaints of the home
    for account_id, n in _counts(Call, Call.received_at, since,
                                 Call.category.in_(COLD_CALLS)).items():
        complained[account_id] = complained.get(account_id, 0) + n
    cold = {r.account_id for r in TempReading.select(TempReading.account).where(
        (TempReading.tenths < TempReading.standard_tenths)
        & (TempReading.measured_at >= since))}
    homes = []
    for a in q:
        st = a.community.station
        homes.append(rules.Home(
            a.id, a.account_no, a.address, st.code if st else "", a.community.code,
            a.building, rules.floor_of(a.room, a.floor), a.category != "residential",
            complained.get(a.id, 0), a.id in cold))
    return homes


def _counts(model, moment_field, since: _dt.datetime, *more: Any) -> dict[int, int]:
    """Records per account since ``since`` (and meeting ``more``)."""
    rows = (model.select(model.account, fn.COUNT(model.id))
            .where(model.account.is_null(False) & (moment_field >= since), *more)
            .group_by(model.account).tuples())
    return {a: n for a, n in rows}


def plan(actor: Actor, *, station: str = "", community: str = "",
         limit: int | None = None) -> list[rules.PlanRow]:
    """检测计划: the homes to visit first (四查), with why each is on it."""
    require(actor, "tempchecks.view")
    ends = [c.strip() for c in service_settings.get("tempcheck_network_ends").split(",")]
    return rules.plan(plan_homes(station=station, community=community),
                      low_floor=service_settings.get_int("tempcheck_low_floor"),
                      marked_ends=ends, limit=limit)


def refund(actor: Actor, account: Any, date_from: Any, date_to: Any, *,
           short: Any = None) -> TempRefund:
    """退费: a home that stayed below the standard from ``date_from`` to ``date_to`` (both
    included) gets the refund step of its degrees short (by default the deepest shortfall
    its readings of those days show) over those days, proposed as a credit adjustment for a
    manager's approval. The same days are not refunded twice."""
    require(actor, "tempchecks.refund")
    v = val.Collector()
    target = v.check(account_of, account)
    if target is None and not v.errors:
        v.add(UserError("validation.required", field="account", value=""))
    start = v.check(val.parse_date, date_from, "date_from")
    end = v.check(val.parse_date, date_to, "date_to")
    given = v.check(celsius, short, "degrees_short", 0, 40) if short not in (None, "") \
        else None
    v.raise_if_any()
    assert target is not None and start is not None and end is not None
    if end < start:
        raise UserError("tempchecks.bad_period", field="date_to", value=end.isoformat())
    if end > clock.today():
        raise UserError("cases.future_moment", field="date_to", value=end.isoformat())
    with database.atomic():
        overlap = TempRefund.get_or_none(
            (TempRefund.account == target.id) & (TempRefund.date_from <= end)
            & (TempRefund.date_to >= start))
        if overlap is not None:
            raise UserError("tempchecks.refunded_already", field="date_from",
                            value=f"{overlap.date_from}～{overlap.date_to}")
        readings = list(TempReading.select().where(
            (TempReading.account == target.id)
            & (TempReading.measured_at >= _dt.datetime.combine(start, _dt.time()))
            & (TempReading.measured_at < _dt.datetime.combine(end + _dt.timedelta(days=1),
                                                              _dt.time()))))
        # how far below its standard each cold reading was
        cold = [(Decimal(r.standard_tenths - r.tenths) * TENTH).quantize(TENTH)
                for r in readings if r.tenths < r.standard_tenths]
        if not cold:
            raise UserError("tempchecks.no_cold_reading", field="account",
                            value=target.account_no)
        degrees = given if given is not None else max(cold)
        days = (end - start).days + 1
        price, season_days = season_price(target, start)
        amount = rules.cold_refund(target.heating_area, price, season_days, days, degrees,
                                   refund_steps(),
                                   service_settings.get_int("cold_refund_min_days"))
        if not amount:
            raise UserError("tempchecks.no_refund", field="degrees_short", value=str(degrees))
        reason = (f"室温不达标退费：{start}～{end} 共 {days} 天，低于标准 {degrees} °C，"
                  f"{target.heating_area} ㎡ × {price} 元/㎡ ÷ {season_days} 天 × "
                  f"{rules.refund_share(degrees, refund_steps()) * 100:.0f}%")
        adj = propose_adjustment(actor, target.id, -amount, "credit", reason,
                                 source="tempcheck")
        r = TempRefund.create(account=target.id, date_from=start, date_to=end, days=days,
                              short_tenths=tenths(degrees), amount=amount,
                              adjustment_id=adj.id, at=clock.now(), by=actor.username)
        audit.record(actor, "tempchecks.refund", "temp_refund", r.id,
                     after=audit.snapshot(r), note=reason)
    return r
