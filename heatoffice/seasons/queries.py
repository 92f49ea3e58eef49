"""Season and tariff reads for the pages: plain values, each call checked against
"seasons.view"."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.seasons import service
from heatoffice.seasons.models import Season, Tariff


@dataclass(frozen=True)
class SeasonInfo:
    id: int
    name: str
    start_date: _dt.date
    end_date: _dt.date
    notes: str


@dataclass(frozen=True)
class TariffInfo:
    """One version of a category's tariff; rates are shares (0.30 = 30 %)."""

    id: int
    season_id: int
    category: str
    version: int
    price_per_m2: Decimal
    basic_price_per_m2: Decimal | None
    price_per_gj: Decimal | None
    settlement: str
    stopped_share: Decimal
    late_fee_rate: Decimal
    late_fee_from: _dt.date | None
    discount_rate: Decimal
    discount_until: _dt.date | None
    relief_share: Decimal
    relief_max_area: Decimal
    relief_cap: Decimal
    connection_fee_per_m2: Decimal
    created_at: _dt.datetime
    created_by: str
    reason: str


def _season(s: Season) -> SeasonInfo:
    return SeasonInfo(s.id, s.name, s.start_date, s.end_date, s.notes)


def _tariff(t: Tariff) -> TariffInfo:
    return TariffInfo(
        id=t.id, season_id=t.season_id, category=t.category, version=t.version,
        price_per_m2=t.price_per_m2, basic_price_per_m2=t.basic_price_per_m2,
        price_per_gj=t.price_per_gj, settlement=t.settlement, stopped_share=t.stopped_share,
        late_fee_rate=t.late_fee_rate, late_fee_from=t.late_fee_from,
        discount_rate=t.discount_rate, discount_until=t.discount_until,
        relief_share=t.relief_share, relief_max_area=t.relief_max_area,
        relief_cap=t.relief_cap, connection_fee_per_m2=t.connection_fee_per_m2,
        created_at=t.created_at, created_by=t.created_by, reason=t.reason)


def seasons(actor: Actor) -> list[SeasonInfo]:
    """Every season, the latest first."""
    require(actor, "seasons.view")
    return [_season(s) for s in service.list_seasons()]


def season(actor: Actor, name_or_id: int | str) -> SeasonInfo:
    """A season by its id or its name; UserError seasons.not_found otherwise."""
    require(actor, "seasons.view")
    return _season(service.get_season(name_or_id))


def tariff_history(actor: Actor, season_id: int) -> list[TariffInfo]:
    """Every version of the season's tariffs, by category then version."""
    require(actor, "seasons.view")
    return [_tariff(t) for t in service.tariff_history(season_id)]


def current_tariff(actor: Actor, season_id: int, category: str) -> TariffInfo | None:
    """The version in force for the category, or None before the first."""
    require(actor, "seasons.view")
    tariff = service.current_tariff(season_id, category)
    return _tariff(tariff) if tariff is not None else None
