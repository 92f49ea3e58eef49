"""The application workflow as data: states, moves, who may make them, departments, deadlines."""

from __future__ import annotations

import datetime as _dt

# state -> the states it may move to (heatoffice.transitions refuses every other move)
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"under_review", "accepted", "returned", "rejected", "cancelled"}),
    "under_review": frozenset({"accepted", "returned", "rejected", "cancelled"}),
    "returned": frozenset({"under_review", "accepted", "rejected", "cancelled"}),
    "accepted": frozenset({"forwarded", "cancelled"}),
    # forwarded -> forwarded: a manager reassigns it to another department
    "forwarded": frozenset({"forwarded", "done", "cancelled"}),
    "rejected": frozenset(),
    "done": frozenset(),
    "cancelled": frozenset(),
}
OPEN_STATES = ("received", "under_review", "returned", "accepted", "forwarded")

# the command line's verbs -> (the state they move to, the permission they need)
ACTIONS: dict[str, tuple[str, str]] = {
    "review": ("under_review", "applications.accept"),
    "accept": ("accepted", "applications.accept"),
    "return": ("returned", "applications.accept"),
    "reject": ("rejected", "applications.accept"),
    "forward": ("forwarded", "applications.accept"),
    "done": ("done", "applications.complete"),
    "cancel": ("cancelled", "applications.receive"),
}
# moves that must say why
NEEDS_REASON = frozenset({"rejected", "returned", "cancelled"})

DEPARTMENTS = ("customer_service", "operations", "finance")
# who does the work of each type (customer service measures and seals valves, operations
# connects and opens valves, finance bills and closes)
DEPARTMENT_OF: dict[str, str] = {
    "new-connection": "operations",
    "stop": "customer_service",
    "resume": "operations",
    "transfer": "finance",
    "area-change": "customer_service",
    "category-change": "finance",
    "close": "finance",
    "other": "customer_service",
}
# working days from receipt to done, unless the setting reception_days_<type> says otherwise
DEADLINE_DAYS: dict[str, int] = {
    "new-connection": 15, "stop": 5, "resume": 5, "transfer": 5, "area-change": 10,
    "category-change": 10, "close": 5, "other": 10,
}


def add_working_days(start: _dt.date, days: int) -> _dt.date:
    """The day ``days`` working days (Monday to Friday) after ``start``."""
    day = start
    left = days
    while left > 0:
        day += _dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def overdue(state: str, due_on: _dt.date, today: _dt.date) -> bool:
    """An open application past its deadline."""
    return state in OPEN_STATES and today > due_on
