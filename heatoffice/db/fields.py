"""Money as integer fen and area as integer hundredths of m², both read back as Decimal."""

from __future__ import annotations

from decimal import Context, Decimal

from peewee import BigIntegerField

_HUNDRED = Decimal(100)
_WIDE = Context(prec=40)  # scaleb keeps every digit of a coefficient this long


class _HundredthsField(BigIntegerField):
    """Stores a Decimal with two places as an exact integer count of hundredths."""

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"{self.name}: float is not allowed, use Decimal")
        d = Decimal(value) if not isinstance(value, Decimal) else value
        scaled = d * _HUNDRED
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{self.name}: {value} has more than two decimals")
        return int(scaled)

    def python_value(self, value):
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-2, _WIDE)  # exact, with two places


class MoneyField(_HundredthsField):
    """Yuan as Decimal in Python, integer fen in the database (exact SUM everywhere)."""


class AreaField(_HundredthsField):
    """Square metres as Decimal in Python, integer hundredths of m² in the database."""


class RateField(BigIntegerField):
    """A rate or share as Decimal (0.3 = 30%, 0.0005 a day), stored as integer millionths."""

    _SCALE = Decimal(1_000_000)
    _PLACES = Decimal("0.000001")

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"{self.name}: float is not allowed, use Decimal")
        scaled = Decimal(value) * self._SCALE
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{self.name}: {value} has more than six decimals")
        return int(scaled)

    def python_value(self, value):
        if value is None:
            return None
        return (Decimal(int(value)) / self._SCALE).quantize(self._PLACES)
