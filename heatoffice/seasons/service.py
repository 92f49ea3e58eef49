"""Add heating seasons; read and check their tariffs (billing.tariff_change sets them)."""

from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from heatoffice import clock, config
from heatoffice import validation as val
from heatoffice.accounts.models import CATEGORIES
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.money import parse_money
from heatoffice.seasons.models import SETTLEMENTS, Season, Tariff

_NAME_RE = re.compile(r"([0-9]{4})-([0-9]{4})")
_FIRST_YEAR, _LAST_YEAR = 2000, 2100
# A tariff's dates (late fees from, discount until) lie within a year of its season.
_DATE_SLACK = _dt.timedelta(days=366)
_RATE_PLACES = Decimal("0.000001")


def _season_name(value: Any) -> tuple[str, int]:
    name = val.required(value, "season_name")
    m = _NAME_RE.fullmatch(name)
    if not m or int(m[2]) != int(m[1]) + 1 or not _FIRST_YEAR <= int(m[1]) < _LAST_YEAR:
        raise UserError("seasons.name_format", field="season_name", value=name)
    return name, int(m[1])


def _in_range(day: _dt.date, low: _dt.date, high: _dt.date, field: str) -> _dt.date:
    if not low <= day <= high:
        raise UserError("seasons.date_range", field=field, value=day.isoformat(),
                        min=low.isoformat(), max=high.isoformat())
    return day


def add_season(actor: Actor, name: str, start_date: Any, end_date: Any,
               notes: str = "") -> Season:
    """采暖季 "2026-2027" from ``start_date`` to ``end_date`` (both days heated).

    The name is two consecutive years; the season starts in the first of them and lasts
    at most a year, ending no later than the second.
    """
    require(actor, "seasons.edit")
    v = val.Collector()
    parsed = v.check(_season_name, name)
    start = v.check(val.parse_date, start_date, field="start_date")
    end = v.check(val.parse_date, end_date, field="end_date")
    notes = v.check(val.max_length, (notes or "").strip(), 2000, field="notes") or ""
    if parsed and start:
        year = parsed[1]
        v.check(_in_range, start, _dt.date(year, 1, 1), _dt.date(year, 12, 31), "start_date")
    if start and end:
        if end <= start:
            v.add(UserError("validation.date_order", field="end_date", value=end.isoformat()))
        elif parsed:
            last = min(start + _dt.timedelta(days=365), _dt.date(parsed[1] + 1, 12, 31))
            v.check(_in_range, end, start + _dt.timedelta(days=1), last, "end_date")
    v.raise_if_any()
    assert parsed is not None and start is not None and end is not None
    with database.atomic():
        if Season.select().where(Season.name == parsed[0]).exists():
            raise UserError("seasons.duplicate", field="season_name", value=parsed[0])
        season = Season.create(name=parsed[0], start_date=start, end_date=end,
                               created_at=clock.now(), created_by=actor.username, notes=notes)
        audit.record(actor, "seasons.add", "season", season.id, after=audit.snapshot(season))
    return season


def get_season(name_or_id: int | str) -> Season:
    """A season by its id or its name ("2026-2027")."""
    if isinstance(name_or_id, int):
        season = Season.get_or_none(Season.id == name_or_id)
    else:
        season = Season.get_or_none(Season.name == str(name_or_id).strip())
    if season is None:
        raise UserError("seasons.not_found", value=name_or_id)
    return season


def lock_season(season_id: int) -> Season:
    """The season, locked until the transaction ends (PostgreSQL ``FOR UPDATE``).

    A billing run and a tariff change of the same season take this lock so that neither
    works from a picture the other is changing; SQLite's IMMEDIATE transactions already
    let one writer in at a time.
    """
    query = Season.select().where(Season.id == season_id)
    if is_postgres():
        query = query.for_update()
    season = query.first()
    if season is None:
        raise UserError("seasons.not_found", value=season_id)
    return season


def list_seasons() -> list[Season]:
    """Every season, the latest first."""
    return list(Season.select().order_by(Season.start_date.desc()))


def current_tariff(season_id: int, category: str) -> Tariff | None:
    """The tariff in force: the highest version for the season and category."""
    return (Tariff.select().where(Tariff.season == season_id, Tariff.category == category)
            .order_by(Tariff.version.desc()).first())


def tariff_history(season_id: int, category: str | None = None) -> list[Tariff]:
    """Every version of the season's tariffs, by category then version."""
    q = Tariff.select().where(Tariff.season == season_id)
    if category is not None:
        q = q.where(Tariff.category == category)
    return list(q.order_by(Tariff.category, Tariff.version))


# --- validation of a tariff's numbers ---------------------------------------------------------

def _money(value: Any, field: str, *, positive: bool = False) -> Decimal:
    amount = parse_money(value if value is not None else "", field=field,
                         maximum=config.max_amount())
    if positive and amount <= 0:
        raise UserError("seasons.not_positive", field=field, value=value)
    return amount


def _rate(value: Any, field: str) -> Decimal:
    """A share or rate 0..1 with at most six decimals; "30%" is also understood."""
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, bool) or value is None:
        raise UserError("seasons.rate_format", field=field, value=value)
    if isinstance(value, (Decimal, int)):
        number = Decimal(value)
    else:
        text = val.required(value, field).replace("％", "%")
        percent = text.endswith("%")
        try:
            number = Decimal(text.rstrip("%").strip())
        except InvalidOperation:
            raise UserError("seasons.rate_format", field=field, value=value) from None
        if percent:
            number = number / 100
    if not number.is_finite():
        raise UserError("seasons.rate_format", field=field, value=value)
    if not 0 <= number <= 1:
        raise UserError("seasons.rate_range", field=field, value=value)
    if number != number.quantize(_RATE_PLACES, rounding=ROUND_DOWN):
        raise UserError("seasons.rate_precision", field=field, value=value)
    return number.quantize(_RATE_PLACES)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date(value: Any, field: str, season: Season) -> _dt.date | None:
    if _blank(value):
        return None
    day = val.parse_date(value, field)
    return _in_range(day, season.start_date - _DATE_SLACK, season.end_date + _DATE_SLACK, field)


def clean_tariff(season: Season, data: dict[str, Any]) -> dict[str, Any]:
    """Every number of a tariff form checked at once; each error names its field."""
    v = val.Collector()
    out: dict[str, Any] = {
        "category": v.check(val.choice, data.get("category"), CATEGORIES, field="category"),
        "settlement": v.check(val.choice, data.get("settlement") or "both_ways", SETTLEMENTS,
                              field="settlement"),
        "price_per_m2": v.check(_money, data.get("price_per_m2"), "price_per_m2",
                                positive=True),
        "relief_max_area": v.check(val.area, data.get("relief_max_area") or "0",
                                   field="relief_max_area", min=Decimal("0")),
    }
    for field in ("relief_cap", "connection_fee_per_m2"):
        out[field] = v.check(_money, data.get(field) or "0", field)
    for field in ("basic_price_per_m2", "price_per_gj"):
        raw = data.get(field)
        out[field] = None if _blank(raw) else v.check(_money, raw, field, positive=True)
    for field in ("stopped_share", "late_fee_rate", "discount_rate", "relief_share"):
        out[field] = v.check(_rate, data.get(field), field)
    for field in ("late_fee_from", "discount_until"):
        out[field] = v.check(_date, data.get(field), field, season)
    # A two-part tariff needs both of its prices; a rate needs the date it depends on.
    for a, b in (("basic_price_per_m2", "price_per_gj"), ("price_per_gj", "basic_price_per_m2")):
        if out[a] is not None and _blank(data.get(b)):
            v.add(UserError("validation.required", field=b, value=""))
    # The basic part is a share of the full area price: the rest is the metered advance.
    basic, price = out["basic_price_per_m2"], out["price_per_m2"]
    if basic is not None and price is not None and basic > price:
        v.add(UserError("seasons.basic_above_price", field="basic_price_per_m2",
                        value=str(basic), price=str(price)))
    for rate, day in (("late_fee_rate", "late_fee_from"), ("discount_rate", "discount_until")):
        if out[rate] and _blank(data.get(day)):
            v.add(UserError("validation.required", field=day, value=""))
    if out["relief_share"]:
        for field in ("relief_max_area", "relief_cap"):
            if out[field] is not None and out[field] <= 0:
                v.add(UserError("seasons.relief_incomplete", field=field, value=data.get(field)))
    v.raise_if_any()
    return out
