"""室温检测 (四查) as pure rules: which homes a check plan proposes first, the floor read from
a room number, below the standard, the refund for a home that stayed too cold, and the
stolen-heat amount of an inspection (area × price × days). No database here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from heatoffice.money import ZERO, round_fen

# Why a home is on the plan, in the order of 四查: low floors and the ends of the network
# first (the two the rule says to check 侧重), then unit customers' inlet devices and homes
# with complaints or known imbalance (经常检查).
REASONS: tuple[str, ...] = ("low_floor", "network_end", "unit_inlet", "complaint", "imbalance")
_TIER = {"low_floor": 0, "network_end": 0, "unit_inlet": 1, "complaint": 2, "imbalance": 2}

_DIGITS = re.compile(r"(\d+)\D*$")


def floor_of(room: str, floor: int | None = None) -> int | None:
    """The floor of a home: the account's own floor when recorded, else read from the room
    number as Chinese buildings number rooms (501 → 5, 1203 → 12, "3-502" → 5, "B0101" → 1);
    a room of one or two digits says nothing about the floor (None)."""
    if floor is not None:
        return floor
    m = _DIGITS.search(room or "")
    if not m:
        return None
    digits = m[1].lstrip("0") or "0"
    if len(m[1]) >= 4 and m[1].startswith("0"):   # 0101: floor 01, room 01
        digits = m[1]
    if len(digits) < 3:
        return None
    return int(digits[:-2]) or None


@dataclass(frozen=True)
class Home:
    """What the plan knows of a home."""

    account_id: int
    account_no: str
    address: str
    station: str            # the station's code ("" when none)
    community_code: str
    building: str
    floor: int | None
    unit_customer: bool     # a non-residential customer: check its inlet device
    complaints: int = 0     # complaints and low-temperature calls this season
    imbalance: bool = False  # an earlier reading below the standard, or marked imbalanced


@dataclass(frozen=True)
class PlanRow:
    home: Home
    reasons: tuple[str, ...] = field(default=())


def _building_number(text: str) -> int:
    m = _DIGITS.search(text or "")
    return int(m[1]) if m else 0


def network_ends(homes: Iterable[Home], marked: Iterable[str] = ()) -> set[tuple[str, str]]:
    """The (community code, building) pairs at the ends of the network: the buildings of the
    communities the setting ``tempcheck_network_ends`` names, else per station the last
    community by code (communities are coded outward along the main) and in it the
    building with the highest number. A home with no station has no network end."""
    marked = {m.strip() for m in marked if m.strip()}
    ends: set[tuple[str, str]] = set()
    last_community: dict[str, str] = {}
    buildings: dict[str, set[str]] = {}
    for h in homes:
        buildings.setdefault(h.community_code, set()).add(h.building)
        if h.community_code in marked:
            ends.add((h.community_code, h.building))
        elif h.station and h.community_code > last_community.get(h.station, ""):
            last_community[h.station] = h.community_code
    if not marked:
        for code in last_community.values():
            last = max(buildings[code], key=lambda b: (_building_number(b), b))
            ends.add((code, last))
    return ends


def reasons_of(home: Home, ends: set[tuple[str, str]], low_floor: int) -> tuple[str, ...]:
    out = []
    if home.floor is not None and home.floor <= low_floor:
        out.append("low_floor")
    if (home.community_code, home.building) in ends:
        out.append("network_end")
    if home.unit_customer:
        out.append("unit_inlet")
    if home.complaints:
        out.append("complaint")
    if home.imbalance:
        out.append("imbalance")
    return tuple(out)


def plan(homes: Sequence[Home], *, low_floor: int = 1, marked_ends: Iterable[str] = (),
         limit: int | None = None) -> list[PlanRow]:
    """The homes to visit, most telling first: low floors and network ends before the
    rest (both together first of all), then inlet devices, then complaints and imbalance;
    more reasons before fewer, then by address. Homes with no reason are not proposed."""
    ends = network_ends(homes, marked_ends)
    rows = [PlanRow(h, reasons_of(h, ends, low_floor)) for h in homes]
    rows = [r for r in rows if r.reasons]
    rows.sort(key=lambda r: (min(_TIER[x] for x in r.reasons), -len(r.reasons),
                             r.home.station, r.home.community_code,
                             _building_number(r.home.building), r.home.floor or 0,
                             r.home.account_no))
    return rows if limit is None else rows[:limit]


def below_standard(celsius: Decimal, standard: Decimal) -> bool:
    """Below the standard (the setting ``room_temp_standard``, 18 °C by default)."""
    return celsius < standard


def degrees_short(celsius: Decimal, standard: Decimal) -> Decimal:
    return max(standard - celsius, ZERO)


def parse_steps(text: str) -> list[tuple[Decimal, Decimal]]:
    """The refund steps setting "1:10,3:20,5:30": from 1 °C short 10 % of the fee of the
    days, from 3 °C 20 %, from 5 °C 30 %; sorted by degrees. ValueError on a bad step."""
    steps = []
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        degrees, _, percent = part.partition(":")
        d, p = Decimal(degrees.strip()), Decimal(percent.strip().rstrip("%"))
        if d <= 0 or not 0 < p <= 100:
            raise ValueError(part)
        steps.append((d, p / 100))
    return sorted(steps)


def refund_share(short: Decimal, steps: Sequence[tuple[Decimal, Decimal]]) -> Decimal:
    """The share of the fee refunded for a home ``short`` degrees below the standard: the
    highest step it reaches (0 below the first step)."""
    share = ZERO
    for degrees, rate in steps:
        if short >= degrees:
            share = rate
    return share


def daily_fee(area: Decimal, price_per_m2: Decimal, season_days: int) -> Decimal:
    """A home's fee for one day (unrounded): area × the season price per m² ÷ season days."""
    return area * price_per_m2 / season_days


def cold_refund(area: Decimal, price_per_m2: Decimal, season_days: int, days: int,
                short: Decimal, steps: Sequence[tuple[Decimal, Decimal]],
                min_days: int = 1) -> Decimal:
    """退费 for a home that stayed ``days`` days ``short`` degrees below the standard:
    daily fee × days × the step's share, rounded half-up to the fen once; nothing for fewer
    than ``min_days`` days. Returned positive; the adjustment is a credit (negative)."""
    if days < min_days or days <= 0:
        return ZERO
    share = refund_share(short, steps)
    return round_fen(daily_fee(area, price_per_m2, season_days) * days * share)


def stolen_heat(area: Decimal, price_per_m2: Decimal, season_days: int, days: int) -> Decimal:
    """补收 for heat taken without paying (偷用私接): area × the price of a day (the season
    price per m² ÷ the season's days) × days, rounded half-up to the fen once."""
    if days <= 0:
        return ZERO
    return round_fen(daily_fee(area, price_per_m2, season_days) * days)
