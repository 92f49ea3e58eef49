"""Times the service desk is told: "YYYY-MM-DD HH:MM" for a call or step that happened earlier
(``--at``), never in the future."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock
from heatoffice.errors import UserError

FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


def parse(value: Any, field: str = "at") -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        return value.replace(microsecond=0)
    text = " ".join(str(value or "").split())
    for fmt in FORMATS:
        try:
            return _dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise UserError("service.bad_time", field=field, value=text)


def when(value: Any, field: str = "at") -> tuple[_dt.datetime, bool]:
    """(the time it happened, whether it was given: recorded later) for ``value`` or now."""
    now = clock.now().replace(microsecond=0)
    if value in (None, ""):
        return now, False
    at = parse(value, field)
    if at > now:
        raise UserError("service.future_time", field=field, value=f"{at:%Y-%m-%d %H:%M}")
    return at, True


def minute(at: _dt.datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M}"
