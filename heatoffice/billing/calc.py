"""The lines of a season bill from a tariff and an account's facts: pure, exact, no database.

Rules (every number comes from the tariff; none is a constant here):

* Who is billed is the table :data:`BILLABLE`: a heating account pays the full fee; a stopped
  (报停) account pays the tariff's ``stopped_share`` of it; a cut-off (停供, usually for
  non-payment) account also pays the stopped share: it keeps its connection and its place in
  the network like a stopped home, and the unpaid debt is followed up by dunning, not by
  billing it a fee for heat it does not get. Pending and closed accounts get no bill, nor
  does an account with no heating area or one connected after the season's end.
* A heating account connected mid-season (``connected_on`` after the season's first day, on
  or before its last) pays by days: season fee / season days × days supplied, where days =
  end − connected_on + 1 and season days = end − start + 1. The amount is computed exactly
  (integer arithmetic on fen, hundredths of m² and millionths) and rounded once; the line
  also shows ``share`` = days / season days to six places and ``days``, for reading only.
  A stopped or cut-off account connected mid-season pays its stopped share by days too.
* Two-part tariff (``basic_price_per_m2`` set): a heating account's season bill has two
  lines: "basic" = area × basic price, and "metered" = the advance on the heat it will use
  (预收计量热费), area × (price − basic price), both with the same proration by days as the
  single-part line. The advance is computed as the rounded full fee minus the rounded basic
  line, so that basic + metered is exactly the single-part fee (rounding each part on its
  own could differ from it by a fen). After the season :mod:`heatoffice.billing.metering`
  settles the advance against the meter reading (GJ × ``price_per_gj``, 多退少补 or
  多退少不补). A stopped home pays the stopped share of the full ``price_per_m2`` in
  two-part tariffs as well (one "stopped" line, no advance: it uses no metered heat).
* Low-income relief (account.low_income and ``relief_share`` > 0): a negative "relief" line
  of −min(relief_cap, round(min(area, relief_max_area) × price × factor × relief_share)),
  where price and factor are those of the bill's base line: the full price (or the basic
  price in a two-part tariff) with factor 1 for a heating home, × stopped_share for a stopped
  or cut-off home, × days / season days for a mid-season connection. Relief therefore
  follows what the home is actually billed and can never exceed the base line, so a bill's
  total is never negative.
* Every line is rounded half-up to the fen on its own; the total is the sum of the rounded
  lines (:func:`bill_total`).
* Not bill lines: the early-payment discount (it depends on when the money comes, so it is
  applied when a payment is taken), late fees (they accrue after the bill) and the one-time
  connection fee (its own bill of kind "connection").
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from heatoffice.money import RATE_PLACES, ZERO, format_percent

# Status -> the kind of the bill's base line, or None when the status is not billed.
BILLABLE: dict[str, str | None] = {
    "heating": "heat",
    "stopped": "stopped",
    "cut_off": "stopped",
    "pending": None,
    "closed": None,
}

_MILLION = 1_000_000


@dataclass(frozen=True)
class TariffTerms:
    """The numbers of one tariff version, detached from the database."""

    category: str
    price_per_m2: Decimal
    stopped_share: Decimal
    relief_share: Decimal = ZERO
    relief_max_area: Decimal = ZERO
    relief_cap: Decimal = ZERO
    basic_price_per_m2: Decimal | None = None
    price_per_gj: Decimal | None = None
    settlement: str = "both_ways"
    late_fee_rate: Decimal = ZERO
    late_fee_from: _dt.date | None = None
    discount_rate: Decimal = ZERO
    discount_until: _dt.date | None = None
    connection_fee_per_m2: Decimal = ZERO
    tariff_id: int | None = None
    version: int | None = None

    @classmethod
    def from_tariff(cls, tariff: Any) -> TariffTerms:
        """Terms of a :class:`heatoffice.seasons.models.Tariff` row (or anything like it)."""
        names = [f for f in cls.__dataclass_fields__ if f not in ("tariff_id", "version")]
        values = {name: getattr(tariff, name) for name in names}
        return cls(**values, tariff_id=getattr(tariff, "id", None),
                   version=getattr(tariff, "version", None))

    @property
    def two_part(self) -> bool:
        return self.basic_price_per_m2 is not None


@dataclass(frozen=True)
class AccountFacts:
    """What a bill depends on about an account."""

    category: str
    status: str
    area: Decimal
    low_income: bool = False
    connected_on: _dt.date | None = None


def facts_of_bill(category: str, area: Decimal, base_kind: str | None, base_days: int | None,
                  low_income: bool, end: _dt.date) -> AccountFacts:
    """The facts a season bill was issued on, read back from the bill itself: its area, and its
    base line's kind (stopped or heating) and days (a mid-season connection, counted back
    from the season's last day ``end``); only ``low_income`` is the account's current flag."""
    connected = (end - _dt.timedelta(days=base_days - 1)) if base_days else None
    return AccountFacts(category=category,
                        status="stopped" if base_kind == "stopped" else "heating",
                        area=area, low_income=bool(low_income), connected_on=connected)


@dataclass(frozen=True)
class Line:
    """One bill line; ``amount`` is already rounded to the fen."""

    kind: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    share: Decimal | None
    days: int | None
    amount: Decimal


def _scaled(value: Decimal, scale: int, what: str) -> int:
    n = Decimal(value) * scale
    if n != n.to_integral_value():
        raise ValueError(f"{what} {value} has more places than the tariff stores")
    return int(n)


def _half_up(num: int, den: int) -> int:
    """num / den rounded half away from zero, in integers (exact for any size)."""
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return -q if num < 0 else q


@dataclass(frozen=True)
class _Ints:
    price: int        # fen per m²
    basic: int | None
    stopped: int      # millionths
    relief: int
    relief_area: int  # hundredths of m²
    relief_cap: int   # fen


@lru_cache(maxsize=256)
def _ints(terms: TariffTerms) -> _Ints:
    basic = terms.basic_price_per_m2
    if basic is not None and basic > terms.price_per_m2:
        raise ValueError(f"basic price {basic} above the full price {terms.price_per_m2}")
    return _Ints(price=_scaled(terms.price_per_m2, 100, "price_per_m2"),
                 basic=None if basic is None else _scaled(basic, 100, "basic_price_per_m2"),
                 stopped=_scaled(terms.stopped_share, _MILLION, "stopped_share"),
                 relief=_scaled(terms.relief_share, _MILLION, "relief_share"),
                 relief_area=_scaled(terms.relief_max_area, 100, "relief_max_area"),
                 relief_cap=_scaled(terms.relief_cap, 100, "relief_cap"))


def supply_days(connected_on: _dt.date | None, start: _dt.date,
                end: _dt.date) -> tuple[int, int] | None:
    """(days supplied, season days) for a mid-season connection, None for a full season."""
    if connected_on is None or connected_on <= start or connected_on > end:
        return None
    return (end - connected_on).days + 1, (end - start).days + 1


def billable(facts: AccountFacts, start: _dt.date, end: _dt.date) -> bool:
    """Whether the account gets a season bill at all (see :data:`BILLABLE`)."""
    return is_billable(facts.status, facts.area, facts.connected_on, end)


def is_billable(status: str, area: Decimal | int, connected_on: _dt.date | None,
                end: _dt.date) -> bool:
    """:func:`billable` from plain values (``area`` in m² or in hundredths: only its sign
    counts)."""
    return (BILLABLE.get(status) is not None and area > 0
            and (connected_on is None or connected_on <= end))


def from_fen(n: int) -> Decimal:
    """``n`` fen (or hundredths of m²) as a Decimal with two places; the fast path of
    money.from_fen, which the bill run calls for every line."""
    return Decimal(n).scaleb(-2)


def _two(n: int) -> str:
    return f"{n // 100}.{n % 100:02d}"


def _pct(millionths: int) -> str:
    return format_percent(Decimal(millionths).scaleb(-6), RATE_PLACES)


# A line as integers: (kind, description, quantity in hundredths of m², unit price in fen,
# share in millionths or None, days or None, amount in fen).
LineRow = tuple[str, str, int, int, int | None, int | None, int]


def line_rows(terms: TariffTerms, status: str, area: int, low_income: bool,
              connected_on: _dt.date | None, start: _dt.date, end: _dt.date) -> list[LineRow]:
    """The bill's lines in integers, ``area`` in hundredths of m²: what :func:`bill_lines`
    returns, in the form the billing run writes (one implementation for both)."""
    if end < start:
        raise ValueError("season ends before it starts")
    if not is_billable(status, area, connected_on, end):
        return []
    t = _ints(terms)
    stopped = BILLABLE[status] == "stopped"
    days = supply_days(connected_on, start, end)
    day_num, day_den = days if days else (1, 1)

    if stopped:
        kind, price, share = "stopped", t.price, t.stopped
        label = "报停基本热费" if status == "stopped" else "停供期间按报停比例计收"
    elif terms.two_part:
        kind, price, share = "basic", t.basic or 0, _MILLION
        label = "基本热费"
    else:
        kind, price, share = "heat", t.price, _MILLION
        label = "热费"
    if days and not stopped:
        kind = "prorated"
        label = "按天计收" + ("基本热费" if terms.two_part else "热费")
    # fen = hundredths m² × fen/m² × millionths × days / (100 × 10⁶ × season days)
    base = _half_up(area * price * share * day_num, 100 * _MILLION * day_den)
    factors = (f" × {_pct(t.stopped)}" if stopped else "") + (
        f" × {day_num}/{day_den}天" if days else "")
    line_share = t.stopped if stopped else (
        _half_up(day_num * _MILLION, day_den) if days else None)
    line_days = day_num if days else None
    rows: list[LineRow] = [(kind, f"{label} {_two(area)}㎡ × {_two(price)}元/㎡{factors}",
                            area, price, line_share, line_days, base)]
    if terms.two_part and not stopped:
        full = _half_up(area * t.price * day_num, 100 * day_den)
        rest = t.price - price
        rows.append(("metered", f"预收计量热费 {_two(area)}㎡ × {_two(rest)}元/㎡{factors}",
                     area, rest, line_share, line_days, full - base))

    if low_income and t.relief > 0:
        relief_area = min(area, t.relief_area)
        raw = _half_up(relief_area * price * share * day_num * t.relief,
                       100 * _MILLION * day_den * _MILLION)
        relief = min(t.relief_cap, raw, base)
        if relief:
            text = (f"低保减免 {_two(relief_area)}㎡ × {_two(price)}元/㎡{factors}"
                    f" × {_pct(t.relief)}，最高{_two(t.relief_cap)}元")
            rows.append(("relief", text[:128], relief_area, price, t.relief, line_days,
                         -relief))
    return rows


def fee_from(terms: TariffTerms, status: str, area: int, low_income: bool,
             from_day: _dt.date, start: _dt.date, end: _dt.date) -> int:
    """Fen: the season bill's total for ``status`` counting the days from ``from_day`` to the
    season's end, prorated by days exactly as a mid-season connection's bill is (the whole
    season when ``from_day`` is its first day or earlier); ``area`` in hundredths of m²."""
    connected = from_day if from_day > start else None
    return sum(row[-1] for row in line_rows(terms, status, area, low_income, connected,
                                            start, end))


def status_correction(terms: TariffTerms, area: int, low_income: bool,
                      connected_on: _dt.date | None, start: _dt.date, end: _dt.date,
                      changes: list[tuple[_dt.date, str, str]], *, billed: str = "",
                      first: str = "") -> int:
    """Fen owed on top of a season bill issued for the status ``billed``, when the account's
    status on the season's first day was ``first`` (the whole season's fee of the one minus
    that of the other, from the connection if it came later) and for the status changes
    (day, from, to) that took effect inside the season: for each, the fee of the new status
    minus that of the old one for the days from its day (or from the connection, if that
    came later) to the season's end, each side rounded as a bill line. Changes on or before
    the first day, or after the last, count nothing."""
    total = 0
    if billed and first and first != billed:
        since = max(start, connected_on) if connected_on is not None else start
        total += (fee_from(terms, first, area, low_income, since, start, end)
                  - fee_from(terms, billed, area, low_income, since, start, end))
    for day, old, new in changes:
        if not start < day <= end:
            continue
        since = max(day, connected_on) if connected_on is not None else day
        total += (fee_from(terms, new, area, low_income, since, start, end)
                  - fee_from(terms, old, area, low_income, since, start, end))
    return total


def _rate(millionths: int | None) -> Decimal | None:
    return None if millionths is None else Decimal(millionths).scaleb(-6)


def bill_lines(terms: TariffTerms, facts: AccountFacts, start: _dt.date,
               end: _dt.date) -> list[Line]:
    """The lines of ``facts``'s season bill under ``terms`` for the season ``start``..``end``.

    An empty list when the account is not billable. The terms must be those of the
    account's category.
    """
    if facts.category != terms.category:
        raise ValueError(f"tariff of {terms.category!r} for a {facts.category!r} account")
    rows = line_rows(terms, facts.status, _scaled(facts.area, 100, "area"),
                     bool(facts.low_income), facts.connected_on, start, end)
    return [Line(kind=kind, description=text, quantity=from_fen(qty),
                 unit_price=from_fen(price), share=_rate(share), days=days,
                 amount=from_fen(amount))
            for kind, text, qty, price, share, days, amount in rows]


def bill_total(lines: list[Line]) -> Decimal:
    """The bill's total: the sum of its rounded lines."""
    return sum((line.amount for line in lines), ZERO)
