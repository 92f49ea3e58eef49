"""The current local time and date, in one place so tests can move the clock."""

from __future__ import annotations

import datetime as _dt

_offset = _dt.timedelta(0)


def now() -> _dt.datetime:
    """Local wall-clock time to the second (stored as such: the office works in one zone)."""
    return (_dt.datetime.now() + _offset).replace(microsecond=0)


def today() -> _dt.date:
    return now().date()


def shift(delta: _dt.timedelta) -> None:
    """Move the clock (tests only: lockout expiry, deadlines)."""
    global _offset
    _offset += delta


def reset() -> None:
    global _offset
    _offset = _dt.timedelta(0)
