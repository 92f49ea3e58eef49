"""The company's deadlines for calls and work orders, pure (no database, no clock).

- 接完电话应在十分钟内下达处理调度单: a work order is dispatched within ``minutes`` (a setting,
  10) of the call's end; a dispatch later than that (10 minutes 1 second) is late, one at
  exactly 10 minutes or sooner is not; an order still undispatched is flagged the moment the
  limit passes.
- 大漏连夜抢，小漏不过夜: a major leak is due at once and worked until fixed; it is overdue
  once it has been open a full hour and flagged again each further hour (``alarms``). A minor
  leak is due by 24:00 of the day it was reported (00:00 of the next day): overdue from then.
- Other faults: due ``hours`` after the call, per category (a setting).

An order is unresolved until it is fixed (a "cannot fix" goes to a manager and stays
unresolved); a resolved order was late when it was fixed at or after its due time.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping

HOUR = _dt.timedelta(hours=1)
DEFAULT_HOURS = 72
# states in which the repair is not done yet (the deadline is running)
UNRESOLVED = frozenset({"new", "dispatched", "on_site", "unfixable"})
OPEN = frozenset({"new", "dispatched", "on_site", "unfixable", "fixed", "visited"})


def severity_of(category: str) -> str:
    """The severity a work order of a call's category takes unless told otherwise."""
    return {"leak-major": "major", "leak-minor": "minor"}.get(category, "normal")


def due_at(severity: str, category: str, reported_at: _dt.datetime,
           hours: Mapping[str, int] | None = None) -> _dt.datetime:
    """When the order must be fixed: at once (major), 24:00 of the day reported (minor), or
    ``hours[category]`` hours after the call."""
    if severity == "major":
        return reported_at
    if severity == "minor":
        return _dt.datetime.combine(reported_at.date() + _dt.timedelta(days=1), _dt.time())
    return reported_at + _dt.timedelta(hours=int((hours or {}).get(category, DEFAULT_HOURS)))


def overdue(severity: str, state: str, due: _dt.datetime, now: _dt.datetime,
            finished_at: _dt.datetime | None = None) -> bool:
    """Past its deadline: unresolved at ``now`` (a major leak: open a full hour or more), or
    fixed only at or after it."""
    if state not in UNRESOLVED:
        return finished_at is not None and finished_at >= _limit(severity, due)
    return now >= _limit(severity, due)


def _limit(severity: str, due: _dt.datetime) -> _dt.datetime:
    return due + HOUR if severity == "major" else due


def alarms(severity: str, state: str, reported_at: _dt.datetime, now: _dt.datetime) -> int:
    """How many full hours an unresolved major leak has been open (0 otherwise): it is flagged
    again each hour."""
    if severity != "major" or state not in UNRESOLVED or now < reported_at:
        return 0
    return int((now - reported_at) // HOUR)


def dispatch_seconds(call_ended: _dt.datetime, dispatched: _dt.datetime) -> int:
    """Whole seconds from the call's end to the dispatch (never negative)."""
    return max(0, int((dispatched - call_ended).total_seconds()))


def dispatch_late(seconds: int, minutes: int) -> bool:
    """A dispatch after more than ``minutes`` minutes: 10:01 is late, 10:00 and 9:59 are not."""
    return seconds > minutes * 60


def undispatched(state: str, call_ended: _dt.datetime, now: _dt.datetime, minutes: int) -> bool:
    """A new order still not dispatched more than ``minutes`` after the call's end."""
    return state == "new" and dispatch_late(dispatch_seconds(call_ended, now), minutes)


def next_change(severity: str, state: str, reported_at: _dt.datetime, call_ended: _dt.datetime,
                due: _dt.datetime, now: _dt.datetime, minutes: int) -> _dt.datetime | None:
    """The next moment a flag of this order changes by time alone (a screen's timer wakes
    then): the dispatch limit passing, the deadline passing, a major leak's next hour."""
    moments = []
    if state == "new":
        moments.append(call_ended + _dt.timedelta(minutes=minutes, seconds=1))
    if state in UNRESOLVED:
        moments.append(_limit(severity, due))
        if severity == "major":
            moments.append(reported_at + HOUR * (alarms(severity, state, reported_at, now) + 1))
    later = [m for m in moments if m > now]
    return min(later) if later else None


def shown(at: _dt.datetime) -> str:
    """A deadline as the company says it: midnight is 24:00 of the day before (小漏不过夜:
    a minor leak reported at 23:50 is due "2026-12-01 24:00")."""
    if at.time() == _dt.time():
        return f"{at.date() - _dt.timedelta(days=1):%Y-%m-%d} 24:00"
    return f"{at:%Y-%m-%d %H:%M}"
