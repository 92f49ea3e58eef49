"""The service desk on the home page: the open work orders, those past their deadline or not
dispatched in time, written complaints waiting past their reply deadline and the open
inspections (五不放过: each ages on the manager's and the desk's home page until closed).

Counts of open records only (a few hundred at most), read when the page opens."""

from __future__ import annotations

import datetime as _dt

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import can
from heatoffice.service import case_queries
from heatoffice.service import queries as service_queries

# tile key → the page its list is on
PAGES = {"calls_today": "hotline", "open_orders": "work_orders",
         "overdue_orders": "work_orders", "undispatched_orders": "work_orders",
         "overdue_replies": "service_cases", "open_inspections": "service_cases"}


def desk_tiles(actor: Actor, today: _dt.date, *, calls: bool) -> list[tuple[str, int]]:
    """(tile key, count) for what the actor may see; ``calls``: the day's calls too (the
    desk's own page; a manager sees what is late)."""
    tiles: list[tuple[str, int]] = []
    if can(actor, "service.view"):
        if calls:
            tiles.append(("calls_today", service_queries.day_figures(actor, today).calls))
        orders = service_queries.work_orders(actor)
        if calls:
            tiles.append(("open_orders", len(orders)))
        tiles += [("overdue_orders", sum(1 for o in orders if o.overdue)),
                  ("undispatched_orders", sum(1 for o in orders if o.undispatched))]
    if can(actor, "complaints.view"):
        tiles.append(("overdue_replies", case_queries.overdue_replies(actor)))
    if can(actor, "inspections.view"):
        tiles.append(("open_inspections", case_queries.open_inspection_count(actor)))
    return tiles
