"""The heating area of a measurement from its parts and an area-rule version: pure and exact.

Rules (every number comes from the rule version; the defaults are :data:`DEFAULT_RULES`):

* Each part is length × width (exact in Decimal) or an area measured directly, counted at its
  kind's share: room 100 %, enclosed heated balcony 100 %, enclosed unheated balcony 50 %,
  open balcony 0 %, loft 50 %, stairwell inside the home 100 %, other 100 %.
* A ceiling above ``ceiling_base`` (3.00 m) scales the whole area by height ÷ 3.00.
* Instead of the parts, the area may be the certificate's usable area × ``coefficient``
  (the "certificate" basis); the ceiling rule scales it the same way.
* Nothing is rounded until the end: the area is rounded half-up to 0.01 m² once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
KINDS = ("room", "balcony-heated", "balcony-unheated", "balcony-open", "loft", "stairwell",
         "other")
BASES = ("parts", "certificate")


@dataclass(frozen=True)
class AreaRules:
    """One version of the area rules: each kind's share (1 = 100 %), the ceiling height above
    which the area is scaled, and the certificate basis's coefficient."""

    version: int
    shares: dict[str, Decimal] = field(hash=False)
    ceiling_base: Decimal = Decimal("3.00")
    coefficient: Decimal = Decimal("1.00")

    def share(self, kind: str) -> Decimal:
        if kind not in self.shares:
            raise ValueError(f"unknown part kind {kind!r}")
        return self.shares[kind]


DEFAULT_SHARES: dict[str, Decimal] = {
    "room": Decimal("1"), "balcony-heated": Decimal("1"), "balcony-unheated": Decimal("0.5"),
    "balcony-open": Decimal("0"), "loft": Decimal("0.5"), "stairwell": Decimal("1"),
    "other": Decimal("1"),
}
DEFAULT_RULES = AreaRules(version=1, shares=DEFAULT_SHARES)


@dataclass(frozen=True)
class Part:
    """A measured part: ``length`` × ``width`` in metres, or ``area`` in m² measured directly."""

    name: str
    kind: str = "room"
    length: Decimal | None = None
    width: Decimal | None = None
    area: Decimal | None = None

    def gross(self) -> Decimal:
        """The part's own area, exact (no rounding)."""
        if self.area is not None:
            return Decimal(self.area)
        if self.length is None or self.width is None:
            raise ValueError(f"part {self.name!r} needs a length and a width or an area")
        return Decimal(self.length) * Decimal(self.width)


def tidy(value: Decimal) -> Decimal:
    """An exact value without trailing zeros past the second place (14.7000 → 14.70,
    5.005 stays)."""
    d = Decimal(value).normalize()
    return d.quantize(CENT) if d.as_tuple().exponent > -2 else d  # type: ignore[operator]


def ceiling_factor(rules: AreaRules, height: Decimal | None) -> Fraction:
    """height ÷ ceiling_base above the base, else 1 (exact)."""
    if height is None or Decimal(height) <= rules.ceiling_base:
        return Fraction(1)
    return Fraction(Decimal(height)) / Fraction(rules.ceiling_base)


def counted(rules: AreaRules, part: Part) -> Decimal:
    """The part's area at its kind's share, exact."""
    return part.gross() * rules.share(part.kind)


def _round(value: Fraction) -> Decimal:
    """Half-up (away from zero) to 0.01, from an exact fraction."""
    hundredths = value * 100
    q, r = divmod(abs(hundredths.numerator), hundredths.denominator)
    if 2 * r >= hundredths.denominator:
        q += 1
    return (Decimal(-q if hundredths < 0 else q) * CENT).quantize(CENT, ROUND_HALF_UP)


def area_of(rules: AreaRules, parts: list[Part] | tuple[Part, ...], *,
            height: Decimal | None = None, basis: str = "parts",
            usable_area: Decimal | None = None) -> Decimal:
    """The heating area in m², rounded half-up to 0.01 once, at the end."""
    if basis == "certificate":
        if usable_area is None:
            raise ValueError("the certificate basis needs the usable area")
        raw = Fraction(Decimal(usable_area)) * Fraction(rules.coefficient)
    elif basis == "parts":
        raw = sum((Fraction(counted(rules, p)) for p in parts), Fraction(0))
    else:
        raise ValueError(f"unknown basis {basis!r}")
    return _round(raw * ceiling_factor(rules, height))
