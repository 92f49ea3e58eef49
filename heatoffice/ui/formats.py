"""How numbers, dates and times are shown in every table and form: one place for all."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from heatoffice.money import RATE_PLACES, format_percent, format_yuan


class Yuan(Decimal):
    """An amount of money, shown as ¥1,234.50 (-¥48.00) in tables and labels."""


def yuan(value: Decimal | int | str | None) -> Yuan | None:
    """``value`` marked as money for display; None stays None (an empty cell)."""
    return None if value is None else Yuan(value)


def money(value: Decimal | int | None) -> str:
    """The text of an amount of money: ¥ and two decimals."""
    return "" if value is None else format_yuan(Decimal(value))


def rate(value: Decimal | None) -> str:
    """A tariff rate or share as the exact percent ("30%", "0.05%"); None is empty."""
    return "" if value is None else format_percent(value, RATE_PLACES)


def display(value: Any) -> str:
    """The text of a table cell."""
    if value is None:
        return ""
    if isinstance(value, Yuan):
        return format_yuan(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, _dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal, float)) and not isinstance(value, bool)


def edit_text(value: Any) -> str:
    """The text put in an input box for editing (no thousands separators)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)
