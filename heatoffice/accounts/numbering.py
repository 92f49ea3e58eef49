"""Account numbers generated from the address by a configurable pattern."""

from __future__ import annotations

import string

from heatoffice.errors import UserError

PLACEHOLDERS = ("community_code", "building", "unit", "floor", "room")


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that names anything but the known address parts."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        raise UserError("accounts.pattern_field", field="pattern", value=pattern) from None
    for name in names:
        if name not in PLACEHOLDERS:
            raise UserError("accounts.pattern_field", field="pattern", value=name)


def generate(pattern: str, parts: dict[str, object]) -> str:
    """Fill ``pattern`` (e.g. "{community_code}{building:0>2}{room:0>4}") from address parts.

    Every part the pattern names must be present, or the clerk has to type the number.
    """
    check_pattern(pattern)
    values: dict[str, str] = {}
    for _, name, _, _ in string.Formatter().parse(pattern):
        if name is None:
            continue
        value = parts.get(name)
        if value is None or str(value).strip() == "":
            raise UserError("accounts.no_generated", field="account_no")
        values[name] = str(value).strip()
    return pattern.format(**values).upper()
