"""Departments, posts, staff, dated assignments and service areas: audited edits.

The queries live in heatoffice.org.queries and are importable from here too.

Form data come as dicts keyed by the model's fields (``parent_id``, ``department_id`` for the
links). Errors name the field they are about; a record's name is reported as
``department_name``, ``post_name`` or ``staff_name`` so the message reads right.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import ModelSelect

from heatoffice import clock, messages
from heatoffice import validation as val
from heatoffice.accounts.models import Community, Station
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database, is_postgres
from heatoffice.errors import UserError
from heatoffice.org.models import Assignment, Department, Post, ServiceArea, Staff
from heatoffice.org.queries import (  # noqa: F401  (queries are part of this service's API)
    active_on,
    assignment_history,
    current_assignments,
    list_departments,
    list_posts,
    list_staff,
    responsible_for,
    service_areas,
    staff_on_post,
)

_CODE_RE = re.compile(r"[a-z0-9_]+")


# ---------------------------------------------------------------- helpers


def _not_found(field: str, value: Any) -> UserError:
    return UserError("org.not_found", field=field, kind=messages.field_label(field), value=value)


def _text(v: val.Collector, data: dict, key: str, limit: int, *, field: str | None = None,
          needed: bool = False) -> str:
    field = field or key
    raw = data.get(key)
    text = "" if raw is None else str(raw).strip()
    if needed:
        text = v.check(val.required, text, field=field) or ""
    return v.check(val.max_length, text, limit, field=field) or ""


def _code(v: val.Collector, data: dict) -> str:
    code = _text(v, data, "code", 32, needed=True).lower()
    if code and not _CODE_RE.fullmatch(code):
        v.add(UserError("org.code_format", field="code", value=code))
    return code


def _id(value: Any, field: str) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _not_found(field, value) from None


def _date(value: Any, field: str, *, optional: bool = False) -> _dt.date | None:
    if optional and (value is None or str(value).strip() == ""):
        return None
    return val.parse_date(value, field)


def _end_not_before(start: _dt.date, end: _dt.date | None) -> None:
    if end is not None and end < start:
        raise UserError("validation.date_order", field="end_date", start=start, end=end)


def _unique(model: Any, column: Any, value: Any, field: str, own_id: int | None) -> None:
    q = model.select(model.id).where(column == value)
    if own_id is not None:
        q = q.where(model.id != own_id)
    if q.exists():
        raise UserError("org.duplicate", field=field, value=value)


def _lock(query: ModelSelect) -> Any:
    """The row, locked until commit on PostgreSQL (SQLite's IMMEDIATE transaction serialises)."""
    if is_postgres():
        query = query.for_update()
    return query.get_or_none()


def _save(actor: Actor, action: str, table: str, record: Any, before: dict | None) -> Any:
    """Write ``record`` and its audit row unless nothing changed; inside database.atomic()."""
    after = audit.snapshot(record)
    if before is not None and after == before:
        return record
    record.save()
    audit.record(actor, action, table, record.id, before=before, after=audit.snapshot(record))
    return record


def _in_use_refusal(field: str, value: str, count: int) -> None:
    if count:
        raise UserError("org.in_use", field=field, value=value, count=count)


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class _Kind:
    """How one kind of record is cleaned (into ``fields``), checked and counted when in use."""

    model: Any
    table: str
    fields: tuple[str, ...]
    clean: Callable[[dict[str, Any]], dict[str, Any]]
    unique: tuple[tuple[Any, str], ...]  # (column, the field its error names)
    in_use: Callable[[Any], int]  # what deactivating the record would leave orphaned
    check: Callable[[dict[str, Any], int | None], None] | None = None  # own id None: adding

    def refuse_clashes(self, cleaned: dict[str, Any], own_id: int | None) -> None:
        for column, field in self.unique:
            _unique(self.model, column, cleaned[column.name], field, own_id)
        if self.check is not None:
            self.check(cleaned, own_id)


def _add(actor: Actor, kind: _Kind, data: dict[str, Any]) -> Any:
    require(actor, "org.edit")
    cleaned = kind.clean(data)
    with database.atomic():
        kind.refuse_clashes(cleaned, None)
        record = kind.model.create(**cleaned)
        audit.record(actor, f"org.add_{kind.table}", kind.table, record.id,
                     after=audit.snapshot(record))
    return record


def _update(actor: Actor, kind: _Kind, record_id: int, data: dict[str, Any]) -> Any:
    """Only the fields given in ``data`` change; a record in use cannot be deactivated."""
    require(actor, "org.edit")
    with database.atomic():
        record = kind.model.get_or_none(kind.model.id == record_id)
        if record is None:
            raise _not_found(kind.table, record_id)
        before = audit.snapshot(record)
        current = {f: getattr(record, f) for f in kind.fields}
        current.update({k: data[k] for k in kind.fields if k in data})
        cleaned = kind.clean(current)
        kind.refuse_clashes(cleaned, record.id)
        if record.active and not cleaned["active"]:
            _in_use_refusal(kind.table, record.name, kind.in_use(record))
        for name, value in cleaned.items():
            setattr(record, name, value)
        return _save(actor, f"org.update_{kind.table}", kind.table, record, before)


# ---------------------------------------------------------------- departments


def _clean_department(data: dict[str, Any]) -> dict[str, Any]:
    v = val.Collector()
    out = {
        "code": _code(v, data),
        "name": _text(v, data, "name", 64, field="department_name", needed=True),
        "responsibilities": _text(v, data, "responsibilities", 4000),
        "parent_id": v.check(_id, data.get("parent_id"), "parent"),
        "active": bool(data.get("active", True)),
    }
    v.raise_if_any()
    return out


def _check_parent(parent_id: int | None, own_id: int | None) -> None:
    if parent_id is None:
        return
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None and current not in seen:
        if current == own_id:
            raise UserError("org.parent_cycle", field="parent", value=parent_id)
        seen.add(current)
        row = Department.get_or_none(Department.id == current)
        if row is None:
            raise _not_found("parent", parent_id)
        current = row.parent_id


def _department_in_use(dept: Department) -> int:
    on = clock.today()
    return (Department.select().where((Department.parent == dept.id) & Department.active).count()
            + Post.select().where((Post.department == dept.id) & Post.active).count()
            + Assignment.select().where((Assignment.department == dept.id)
                                        & active_on(Assignment, on)).count())


_DEPARTMENT = _Kind(Department, "department",
                    ("code", "name", "parent_id", "responsibilities", "active"),
                    _clean_department,
                    ((Department.code, "code"), (Department.name, "department_name")),
                    _department_in_use,
                    lambda cleaned, own_id: _check_parent(cleaned["parent_id"], own_id))


def add_department(actor: Actor, data: dict[str, Any]) -> Department:
    """A department or section; ``parent_id`` makes it a section of another department."""
    return _add(actor, _DEPARTMENT, data)


def update_department(actor: Actor, department_id: int, data: dict[str, Any]) -> Department:
    """Change the fields given in ``data``; a department in use cannot be deactivated."""
    return _update(actor, _DEPARTMENT, department_id, data)


# ---------------------------------------------------------------- posts


def _clean_post(data: dict[str, Any]) -> dict[str, Any]:
    v = val.Collector()
    out = {
        "code": _code(v, data),
        "name": _text(v, data, "name", 64, field="post_name", needed=True),
        "duties": _text(v, data, "duties", 4000),
        "department_id": v.check(_id, data.get("department_id"), "department"),
        "active": bool(data.get("active", True)),
    }
    if out["department_id"] is None and not any(e.field == "department" for e in v.errors):
        v.add(UserError("validation.required", field="department", value=""))
    v.raise_if_any()
    if Department.get_or_none(Department.id == out["department_id"]) is None:
        raise _not_found("department", out["department_id"])
    return out


def _post_in_use(post: Post) -> int:
    return Assignment.select().where(
        (Assignment.post == post.id) & active_on(Assignment, clock.today())).count()


_POST = _Kind(Post, "post", ("code", "name", "duties", "department_id", "active"),
              _clean_post, ((Post.code, "code"),), _post_in_use)


def add_post(actor: Actor, data: dict[str, Any]) -> Post:
    """A post (岗位) in a department; its ``code`` is also the kind of a service area."""
    return _add(actor, _POST, data)


def update_post(actor: Actor, post_id: int, data: dict[str, Any]) -> Post:
    """Change the fields given in ``data``; a post someone holds today cannot be deactivated."""
    return _update(actor, _POST, post_id, data)


# ---------------------------------------------------------------- staff


def _clean_staff(data: dict[str, Any]) -> dict[str, Any]:
    v = val.Collector()
    out = {
        "staff_no": _text(v, data, "staff_no", 32, needed=True).upper(),
        "name": _text(v, data, "name", 64, field="staff_name", needed=True),
        "notes": _text(v, data, "notes", 2000),
        "active": bool(data.get("active", True)),
    }
    raw_phone = str(data.get("phone") or "").strip()
    out["phone"] = (v.check(val.phone, raw_phone, field="phone") or "") if raw_phone else ""
    out["hired_on"] = v.check(_date, data.get("hired_on"), "hired_on", optional=True)
    v.raise_if_any()
    return out


def _staff_in_use(staff: Staff) -> int:
    on = clock.today()
    return (Assignment.select().where((Assignment.staff == staff.id)
                                      & active_on(Assignment, on)).count()
            + ServiceArea.select().where((ServiceArea.staff == staff.id)
                                         & active_on(ServiceArea, on)).count())


_STAFF = _Kind(Staff, "staff", ("staff_no", "name", "phone", "hired_on", "notes", "active"),
               _clean_staff, ((Staff.staff_no, "staff_no"),), _staff_in_use)


def add_staff(actor: Actor, data: dict[str, Any]) -> Staff:
    """A staff member: ``staff_no`` (工号) unique, ``name`` required, ``phone`` validated."""
    return _add(actor, _STAFF, data)


def update_staff(actor: Actor, staff_id: int, data: dict[str, Any]) -> Staff:
    """Change the fields given; end someone's assignments and areas before deactivating them."""
    return _update(actor, _STAFF, staff_id, data)


# ---------------------------------------------------------------- assignments


def assign(actor: Actor, staff_id: int, post_id: int, start_date: Any, *,
           department_id: int | None = None, note: str = "") -> Assignment:
    """任职: ``staff_id`` holds the post from ``start_date`` on, open-ended; history is kept.

    The same person cannot hold the same post twice on any day (org.post_taken on "post").
    """
    require(actor, "org.assign")
    v = val.Collector()
    start = v.check(_date, start_date, "start_date")
    note = v.check(val.max_length, str(note or "").strip(), 2000, field="note") or ""
    v.raise_if_any()
    with database.atomic():
        staff = _lock(Staff.select().where(Staff.id == staff_id))
        if staff is None:
            raise _not_found("staff", staff_id)
        if not staff.active:
            raise UserError("org.inactive", field="staff", value=staff.name)
        post = Post.get_or_none(Post.id == post_id)
        if post is None:
            raise _not_found("post", post_id)
        if not post.active:
            raise UserError("org.inactive", field="post", value=post.name)
        dept_id = post.department_id if department_id is None else department_id
        dept = Department.get_or_none(Department.id == dept_id)
        if dept is None:
            raise _not_found("department", dept_id)
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
    require(actor, "org.assign")
    end = _date(end_date, "end_date")
    with database.atomic():
        row = _lock(Assignment.select().where(Assignment.id == assignment_id))
        if row is None:
            raise _not_found("assignment", assignment_id)
        if row.end_date is not None:
            raise UserError("org.assignment_ended", field="end_date", end=row.end_date.isoformat())
        _end_not_before(row.start_date, end)
        before = audit.snapshot(row)
        row.end_date = end
        return _save(actor, "org.end_assignment", "assignment", row, before)


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
    station = v.check(_id, station_id, "station")
    if (community is None) == (station_id is None or str(station_id).strip() == ""):
        v.add(UserError("org.area_target", field="community"))
    start = v.check(_date, start_date, "start_date")
    end = v.check(_date, end_date, "end_date", optional=True)
    if start is not None:
        v.check(_end_not_before, start, end)
    codes = {p.code: (p.name, p.name) for p in Post.select().where(Post.active)}
    kind = v.check(val.choice, kind, codes, field="kind")
    v.raise_if_any()
    with database.atomic():
        staff = _lock(Staff.select().where(Staff.id == staff_id))
        if staff is None:
            raise _not_found("staff", staff_id)
        if not staff.active:
            raise UserError("org.inactive", field="staff", value=staff.name)
        if community is not None:
            if not _community_known(community):
                raise _not_found("community", community)
            target = ServiceArea.community == community
        else:
            if Station.get_or_none(Station.id == station) is None:
                raise _not_found("station", station)
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
    require(actor, "org.assign")
    end = _date(end_date, "end_date")
    with database.atomic():
        area = _lock(ServiceArea.select().where(ServiceArea.id == area_id))
        if area is None:
            raise _not_found("service_area", area_id)
        if area.end_date is not None:
            raise UserError("org.service_area_ended", field="end_date",
                            end=area.end_date.isoformat())
        _end_not_before(area.start_date, end)
        before = audit.snapshot(area)
        area.end_date = end
        return _save(actor, "org.end_service_area", "service_area", area, before)
