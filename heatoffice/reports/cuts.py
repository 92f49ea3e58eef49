"""The cuts of a figure (分组): by community, building, heat station, category or collector.

A cut is a few account columns grouped in SQL and a name for each group, so that every
figure is cut the same way and every cut sums to its total: an account is in exactly one
group of each cut (no station, no collector: a group of its own, key "").
A collector's group is the collector (staff) whose service area of kind ``collector``
(billing.arrears.COLLECTOR_KIND) names the account's community on the day, else its heat
station; two collectors for one place: the area recorded first.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from heatoffice.accounts.models import Account, Community, Station
from heatoffice.billing.arrears import COLLECTOR_KIND
from heatoffice.org.models import ServiceArea, Staff

CUTS = ("community", "building", "station", "category", "collector")
NONE = ""  # the key of "no station" / "no collector"


def columns(cut: str | None) -> list[Any]:
    """The account columns grouped for ``cut`` (none for the total)."""
    if cut is None:
        return []
    return {"community": [Account.community], "building": [Account.community, Account.building],
            "station": [Account.station], "category": [Account.category],
            "collector": [Account.community, Account.station]}[cut]


@dataclass(frozen=True)
class Namer:
    """Turns the grouped columns of a cut into (key, name); categories stay codes (the
    reader names them with glossary.label)."""

    cut: str | None
    communities: dict[int, str]
    stations: dict[int, str]
    collectors: dict[tuple[str, Any], tuple[str, str]]  # ("c", name) / ("s", id) -> staff

    def __call__(self, raw: tuple[Any, ...]) -> tuple[str, str]:
        cut = self.cut
        if cut is None:
            return NONE, ""
        if cut == "community":
            return str(raw[0]), self.communities.get(raw[0], str(raw[0]))
        if cut == "building":
            name = self.communities.get(raw[0], str(raw[0]))
            return f"{raw[0]}/{raw[1]}", f"{name} {raw[1]}" if raw[1] else name
        if cut == "station":
            return ((NONE, "") if raw[0] is None
                    else (str(raw[0]), self.stations.get(raw[0], str(raw[0]))))
        if cut == "category":
            return str(raw[0]), str(raw[0])
        community = self.communities.get(raw[0], "")
        found = self.collectors.get(("c", community)) or self.collectors.get(("s", raw[1]))
        return found or (NONE, "")


def namer(cut: str | None, on: _dt.date) -> Namer:
    communities: dict[int, str] = {}
    stations: dict[int, str] = {}
    collectors: dict[tuple[str, Any], tuple[str, str]] = {}
    if cut in ("community", "building", "collector"):
        communities = dict(Community.select(Community.id, Community.name).tuples())
    if cut == "station":
        stations = dict(Station.select(Station.id, Station.name).tuples())
    if cut == "collector":
        for community, station, staff_id, name in (
                ServiceArea.select(ServiceArea.community, ServiceArea.station, Staff.id,
                                   Staff.name)
                .join(Staff, on=(ServiceArea.staff == Staff.id))
                .where((ServiceArea.kind == COLLECTOR_KIND) & (ServiceArea.start_date <= on)
                       & (ServiceArea.end_date.is_null() | (ServiceArea.end_date >= on)))
                .order_by(ServiceArea.start_date, ServiceArea.id).tuples()):
            place = ("c", community) if community else ("s", station)
            collectors.setdefault(place, (str(staff_id), name))
    return Namer(cut, communities, stations, collectors)
