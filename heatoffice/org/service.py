"""Departments, posts, staff, dated assignments and service areas: audited edits.

Assignments and service areas live in heatoffice.org.assignments, the queries in
heatoffice.org.queries; both are importable from here too.

Form data come as dicts keyed by the model's fields (``parent_id``, ``department_id`` for the
links). Errors name the field they are about; a record's name is reported as
``department_name``, ``post_name`` or ``staff_name`` so the message reads right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from heatoffice import clock
from heatoffice import validation as val
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.org.assignments import (  # noqa: F401  (part of this service's API)
    add_service_area,
    assign,
    end_assignment,
    end_service_area,
)
from heatoffice.org.common import not_found, optional_id, save_audited, to_date
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


def _unique(model: Any, column: Any, value: Any, field: str, own_id: int | None) -> None:
    q = model.select(model.id).where(column == value)
    if own_id is not None:
        q = q.where(model.id != own_id)
    if q.exists():
        raise UserError("org.duplicate", field=field, value=value)


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
            raise not_found(kind.table, record_id)
        before = audit.snapshot(record)
        current = {f: getattr(record, f) for f in kind.fields}
        current.update({k: data[k] for k in kind.fields if k in data})
        cleaned = kind.clean(current)
        kind.refuse_clashes(cleaned, record.id)
        if record.active and not cleaned["active"]:
            _in_use_refusal(kind.table, record.name, kind.in_use(record))
        for name, value in cleaned.items():
            setattr(record, name, value)
        return save_audited(actor, f"org.update_{kind.table}", kind.table, record, before)


# ---------------------------------------------------------------- departments


def _clean_department(data: dict[str, Any]) -> dict[str, Any]:
    v = val.Collector()
    out = {
        "code": _code(v, data),
        "name": _text(v, data, "name", 64, field="department_name", needed=True),
        "responsibilities": _text(v, data, "responsibilities", 4000),
        "parent_id": v.check(optional_id, data.get("parent_id"), "parent"),
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
            raise not_found("parent", parent_id)
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
        "department_id": v.check(optional_id, data.get("department_id"), "department"),
        "active": bool(data.get("active", True)),
    }
    if out["department_id"] is None and not any(e.field == "department" for e in v.errors):
        v.add(UserError("validation.required", field="department", value=""))
    v.raise_if_any()
    if Department.get_or_none(Department.id == out["department_id"]) is None:
        raise not_found("department", out["department_id"])
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
    out["hired_on"] = v.check(to_date, data.get("hired_on"), "hired_on", optional=True)
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


