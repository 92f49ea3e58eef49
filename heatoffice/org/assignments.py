"""Who holds which post (任职, 免职) and which areas are in whose care, dated and audited."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from peewee import ModelSelect

from heatoffice import validation as val
from heatoffice.accounts.models import Community, Station
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.org.common import not_found, optional_id, save_audited, to_date
from heatoffice.org.models import Assignment, Department, Post, ServiceArea, Staff


def _lock(query: ModelSelect) -> Any:
    """The row, locked until commit on PostgreSQL (SQLite's IMMEDIATE transaction serialises)."""
    if is_postgres():
        query = query.for_update()
    return query.get_or_none()


def _end_not_before(start: _dt.date, end: _dt.date | None) -> None:
    if end is not None and end < start:
        raise UserError("validation.date_order", field="end_date", start=start, end=end)


# ---------------------------------------------------------------- assignments


def assign(actor: Actor, staff_id: int, post_id: int, start_date: Any, *,
           department_id: int | None = None, note: str = "") -> Assignment:
    """任职: ``staff_id`` holds the post from ``start_date`` on, open-ended; history is kept.

    The same person cannot hold the same post twice on any day (org.post_taken on "post").
    """
    require(actor, "org.assign")
    v = val.Collector()
    start = v.check(to_date, start_date, "start_date")
    note = v.check(val.max_length, str(note or "").strip(), 2000, field="note") or ""
    v.raise_if_any()
    with database.atomic():
        staff = _lock(Staff.select().where(Staff.id == staff_id))
        if staff is None:
            raise not_found("staff", staff_id)
        if not staff.active:
            raise UserError("org.inactive", field="staff", value=staff.name)
        post = Post.get_or_none(Post.id == post_id)
        if post is None:
            raise not_found("post", post_id)
        if not post.active:
            raise UserError("org.inactive", field="post", value=post.name)
        dept_id = post.department_id if department_id is None else department_id
        dept = Department.get_or_none(Department.id == dept_id)
        if dept is None:
            raise not_found("department", dept_id)
        if not dept.active:
            raise UserError("org.inactive", field="department", value=dept.name)
        clash = (Assignment.select()
                 .where((Assignment.staff == staff.id) & (Assignment.post == post.id)
                        & (Assignment.end_date.is_null() | (Assignment.end_date >= start)))
                 .order_by(Assignment.start_date).first())
        if clash is not None:
            raise UserError("org.post_taken", field="post", post=post.name, holder=staff.name,
                            start=max(start, clash.start_date).isoformat())
        row = Assignment.create(staff=staff.id, post=post.id, department=dept.id,
                                start_date=start, note=note)
        audit.record(actor, "org.assign", "assignment", row.id, after=audit.snapshot(row))
    return row


def end_assignment(actor: Actor, assignment_id: int, end_date: Any) -> Assignment:
    """免职: the assignment's last day is ``end_date`` (not before its start; only once)."""
    return _end(actor, Assignment, assignment_id, end_date, "assignment",
                "org.assignment_ended", "org.end_assignment")


# ---------------------------------------------------------------- service areas


def _community_known(name: str) -> bool:
    """Registered: since schema version 2 every account's community is a Community row."""
    return Community.select().where(Community.name == name).exists()


def add_service_area(actor: Actor, staff_id: int, kind: str, *, community: str | None = None,
                     station_id: int | None = None, start_date: Any,
                     end_date: Any = None) -> ServiceArea:
    """Put a community or a heat station (exactly one) in a staff member's care as ``kind``.

    ``kind`` is a post code (collector, operator, inspector, ...). The same person cannot have
    the same area for the same kind twice on any day.
    """
    require(actor, "org.assign")
    v = val.Collector()
    community = (str(community).strip() or None) if community is not None else None
    station = v.check(optional_id, station_id, "station")
    if (community is None) == (station_id is None or str(station_id).strip() == ""):
        v.add(UserError("org.area_target", field="community"))
    start = v.check(to_date, start_date, "start_date")
    end = v.check(to_date, end_date, "end_date", optional=True)
    if start is not None:
        v.check(_end_not_before, start, end)
    codes = {p.code: (p.name, p.name) for p in Post.select().where(Post.active)}
    kind = v.check(val.choice, kind, codes, field="kind") or ""
    v.raise_if_any()
    with database.atomic():
        staff = _lock(Staff.select().where(Staff.id == staff_id))
        if staff is None:
            raise not_found("staff", staff_id)
        if not staff.active:
            raise UserError("org.inactive", field="staff", value=staff.name)
        if community is not None:
            if not _community_known(community):
                raise not_found("community", community)
            target = ServiceArea.community == community
        else:
            if Station.get_or_none(Station.id == station) is None:
                raise not_found("station", station)
            target = ServiceArea.station == station
        far = _dt.date.max
        overlap = (ServiceArea.start_date <= (end or far)) & (
            ServiceArea.end_date.is_null() | (ServiceArea.end_date >= start))
        if ServiceArea.select().where((ServiceArea.staff == staff.id)
                                      & (ServiceArea.kind == kind) & target & overlap).exists():
            raise UserError("org.duplicate", field="community" if community else "station",
                            value=community or station)
        area = ServiceArea.create(staff=staff.id, kind=kind, community=community,
                                  station=station, start_date=start, end_date=end)
        audit.record(actor, "org.add_service_area", "service_area", area.id,
                     after=audit.snapshot(area))
    return area


def end_service_area(actor: Actor, area_id: int, end_date: Any) -> ServiceArea:
    """The area leaves the staff member's care after ``end_date`` (not before its start)."""
    return _end(actor, ServiceArea, area_id, end_date, "service_area",
                "org.service_area_ended", "org.end_service_area")


def _end(actor: Actor, model: Any, row_id: int, end_date: Any, table: str, ended: str,
         action: str) -> Any:
    """Close a dated row (assignment, service area) on ``end_date``: once, not before its
    start, audited."""
    require(actor, "org.assign")
    end = to_date(end_date, "end_date")
    with database.atomic():
        row = _lock(model.select().where(model.id == row_id))
        if row is None:
            raise not_found(table, row_id)
        if row.end_date is not None:
            raise UserError(ended, field="end_date", end=row.end_date.isoformat())
        _end_not_before(row.start_date, end)
        before = audit.snapshot(row)
        row.end_date = end
        return save_audited(actor, action, table, row, before)
