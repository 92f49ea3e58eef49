"""Organisation queries: the department tree, who holds a post on a date, who serves an account.

Each takes the actor, checks "org.view" and returns plain values, never table rows.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from peewee import ModelSelect

from heatoffice import clock
from heatoffice.accounts.models import Account
from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import require
from heatoffice.errors import UserError
from heatoffice.org.models import Assignment, Department, Post, ServiceArea, Staff


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    code: str
    name: str
    parent_id: int | None
    responsibilities: str
    active: bool


@dataclass(frozen=True)
class PostInfo:
    id: int
    code: str
    name: str
    department: DepartmentInfo
    duties: str
    active: bool

    @property
    def department_id(self) -> int:
        return self.department.id


@dataclass(frozen=True)
class StaffInfo:
    id: int
    staff_no: str
    name: str
    phone: str
    active: bool
    hired_on: _dt.date | None
    notes: str


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    staff: StaffInfo
    department: DepartmentInfo
    post: PostInfo
    start_date: _dt.date
    end_date: _dt.date | None
    note: str

    @property
    def department_id(self) -> int:
        return self.department.id


@dataclass(frozen=True)
class ServiceAreaInfo:
    id: int
    staff: StaffInfo
    kind: str
    community: str | None
    station_id: int | None
    start_date: _dt.date
    end_date: _dt.date | None


def _department(d: Department) -> DepartmentInfo:
    return DepartmentInfo(d.id, d.code, d.name, d.parent_id, d.responsibilities, d.active)


def _post(p: Post) -> PostInfo:
    return PostInfo(p.id, p.code, p.name, _department(p.department), p.duties, p.active)


def _staff(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.staff_no, s.name, s.phone, s.active, s.hired_on, s.notes)


def _assignment(a: Assignment) -> AssignmentInfo:
    return AssignmentInfo(a.id, _staff(a.staff), _department(a.department), _post(a.post),
                          a.start_date, a.end_date, a.note)


def _area(a: ServiceArea) -> ServiceAreaInfo:
    return ServiceAreaInfo(a.id, _staff(a.staff), a.kind, a.community, a.station_id,
                           a.start_date, a.end_date)


def active_on(model: Any, on: _dt.date) -> Any:
    """The condition "in force on ``on``" for a dated row: both ends inclusive, end open if null."""
    return (model.start_date <= on) & (model.end_date.is_null() | (model.end_date >= on))


def list_departments(actor: Actor, *, include_inactive: bool = False,
                     ) -> list[tuple[DepartmentInfo, int]]:
    """Every department with its depth, each followed by its sections (in creation order)."""
    require(actor, "org.view")
    q = Department.select().order_by(Department.id)
    if not include_inactive:
        q = q.where(Department.active)
    rows = [_department(d) for d in q]
    ids = {d.id for d in rows}
    children: dict[int | None, list[DepartmentInfo]] = {}
    for d in rows:
        # A section of a hidden (inactive) department is shown at the top rather than lost.
        children.setdefault(d.parent_id if d.parent_id in ids else None, []).append(d)
    out: list[tuple[DepartmentInfo, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for d in children.get(parent, []):
            out.append((d, depth))
            walk(d.id, depth + 1)

    walk(None, 0)
    return out


def list_posts(actor: Actor, *, department_id: int | None = None,
               include_inactive: bool = False) -> list[PostInfo]:
    require(actor, "org.view")
    q = Post.select(Post, Department).join(Department).order_by(Post.id)
    if department_id is not None:
        q = q.where(Post.department == department_id)
    if not include_inactive:
        q = q.where(Post.active)
    return [_post(p) for p in q]


def list_staff(actor: Actor, text: str = "", *, active_only: bool = True) -> list[StaffInfo]:
    """Staff whose number, name or phone contains ``text``, by staff number."""
    require(actor, "org.view")
    q = Staff.select().order_by(Staff.staff_no)
    text = (text or "").strip()
    if text:
        q = q.where(Staff.staff_no.contains(text) | Staff.name.contains(text)
                    | Staff.phone.contains(text))
    if active_only:
        q = q.where(Staff.active)
    return [_staff(s) for s in q]


def staff_with_areas(actor: Actor, kind: str) -> list[StaffInfo]:
    """Staff who have (or had) a service area of ``kind`` (a collector's round, say), by
    staff number."""
    require(actor, "org.view")
    return [_staff(s) for s in Staff.select()
            .join(ServiceArea, on=(ServiceArea.staff == Staff.id))
            .where(ServiceArea.kind == kind).distinct().order_by(Staff.staff_no)]


def _assignments() -> ModelSelect:
    return (Assignment.select(Assignment, Staff, Post, Department)
            .join(Staff).switch(Assignment).join(Post).switch(Assignment).join(Department))


def current_assignments(actor: Actor, on: _dt.date | None = None) -> list[AssignmentInfo]:
    """Assignments in force on ``on`` (today by default), by department, post and staff no."""
    require(actor, "org.view")
    on = on or clock.today()
    return [_assignment(a) for a in _assignments().where(active_on(Assignment, on))
            .order_by(Department.id, Post.id, Staff.staff_no)]


def assignment_history(actor: Actor, staff_id: int) -> list[AssignmentInfo]:
    """Every assignment of one staff member, oldest first."""
    require(actor, "org.view")
    return [_assignment(a) for a in _assignments().where(Assignment.staff == staff_id)
            .order_by(Assignment.start_date, Assignment.id)]


def staff_on_post(actor: Actor, post_code: str, on: _dt.date | None = None,
                  ) -> list[StaffInfo]:
    """Who holds the post ``post_code`` on ``on`` (today by default)."""
    require(actor, "org.view")
    on = on or clock.today()
    return [_staff(s) for s in Staff.select().join(Assignment).join(Post)
            .where((Post.code == post_code) & active_on(Assignment, on))
            .distinct().order_by(Staff.staff_no)]


def service_areas(actor: Actor, *, staff_id: int | None = None,
                  on: _dt.date | None = None) -> list[ServiceAreaInfo]:
    """Service areas, of one staff member and/or in force on one date."""
    require(actor, "org.view")
    q = ServiceArea.select(ServiceArea, Staff).join(Staff).order_by(ServiceArea.start_date,
                                                                     ServiceArea.id)
    if staff_id is not None:
        q = q.where(ServiceArea.staff == staff_id)
    if on is not None:
        q = q.where(active_on(ServiceArea, on))
    return [_area(a) for a in q]


def responsible_for(actor: Actor, account_id: int, on: _dt.date | None = None,
                    ) -> list[tuple[StaffInfo, str, ServiceAreaInfo]]:
    """Who looks after this account's community or heat station on ``on`` (today by default).

    Only active staff count: someone who has left is nobody's contact any more.
    """
    require(actor, "org.view")
    account = Account.get_or_none(Account.id == account_id)
    if account is None:
        raise UserError("accounts.not_found", value=account_id)
    on = on or clock.today()
    target = ServiceArea.community == account.community.name
    if account.station_id is not None:
        target = target | (ServiceArea.station == account.station_id)
    rows = (ServiceArea.select(ServiceArea, Staff).join(Staff)
            .where(target & active_on(ServiceArea, on) & Staff.active)
            .order_by(ServiceArea.kind, Staff.staff_no, ServiceArea.id))
    return [(info.staff, info.kind, info) for info in map(_area, rows)]
