"""Temperatures as clerks type them: with ℃, °C, 度 or nothing, to a tenth of a degree; a bad
one names its field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from heatoffice.errors import UserError
from heatoffice.service.tempchecks import celsius


@pytest.mark.parametrize("typed,value", [
    ("17.5", "17.5"), ("17.5\u2103", "17.5"), (" 17.5 °C ", "17.5"), ("16度", "16.0"),
    ("-8", "-8.0"), (16, "16.0"),
])
def test_a_temperature_is_read_with_or_without_its_unit(typed, value):
    assert celsius(typed, "celsius") == Decimal(value)


@pytest.mark.parametrize("typed", ["", "°C", "abc", "99", "17.5K", "18.05"])
def test_a_bad_temperature_names_its_field(typed):
    with pytest.raises(UserError) as caught:
        celsius(typed, "celsius")
    assert caught.value.field == "celsius"
