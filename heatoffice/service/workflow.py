"""The work order's states as data: the moves, the verbs of the command line and the permission
each needs. new → dispatched → on site → fixed / cannot fix (escalated to a manager) → return
visit → closed; a dispatched order may be dispatched again (another crew), and one that cannot
be fixed goes back to a crew when the manager has decided."""

from __future__ import annotations

TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"dispatched"}),
    "dispatched": frozenset({"dispatched", "on_site"}),
    "on_site": frozenset({"fixed", "unfixable"}),
    "unfixable": frozenset({"dispatched", "visited"}),
    "fixed": frozenset({"visited"}),
    "visited": frozenset({"closed"}),
    "closed": frozenset(),
}
# the command line's verbs -> (the state they move to, the permission they need)
ACTIONS: dict[str, tuple[str, str]] = {
    "dispatch": ("dispatched", "service.dispatch"),
    "onsite": ("on_site", "service.work"),
    "fixed": ("fixed", "service.work"),
    "unfixable": ("unfixable", "service.work"),
    "visit": ("visited", "service.visit"),
    "close": ("closed", "service.visit"),
}
OPEN_STATES = tuple(s for s in TRANSITIONS if s != "closed")
