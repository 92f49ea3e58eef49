"""The joint rule: which side a measurer measures for, from the role or the staff's department."""

from __future__ import annotations

from heatoffice import clock
from heatoffice.auth.models import User
from heatoffice.errors import UserError
from heatoffice.org.models import Assignment, Department

CUSTOMER_SERVICE = "customer_service"
FEE_SECTION = "fee_section"
SIDES = (CUSTOMER_SERVICE, FEE_SECTION)
_ROLES = {"customer_service": CUSTOMER_SERVICE, "cashier": FEE_SECTION,
          "finance": FEE_SECTION}
_DEPARTMENTS = {"customer_service": CUSTOMER_SERVICE, "fee_collection": FEE_SECTION,
                "finance": FEE_SECTION}


def _department_side(staff_id: int) -> str | None:
    today = clock.today()
    for dept in (Department.select().join(Assignment)
                 .where((Assignment.staff == staff_id) & (Assignment.start_date <= today)
                        & (Assignment.end_date.is_null() | (Assignment.end_date >= today)))):
        while dept is not None:  # a section counts for its department
            if dept.code in _DEPARTMENTS:
                return _DEPARTMENTS[dept.code]
            dept = dept.parent
    return None


def side_of(username: str) -> str | None:
    """customer_service, fee_section, or None for a user who measures for neither."""
    user = User.get_or_none(User.username == username)
    if user is None:
        raise UserError("measurements.no_user", field="measurers", value=username)
    if user.role in _ROLES:
        return _ROLES[user.role]
    return _department_side(user.staff_id) if user.staff_id else None


def measurer_sides(usernames: list[str]) -> list[tuple[str, str]]:
    """(username, side) of each measurer, refused unless both sides are there."""
    names = list(dict.fromkeys(u.strip() for u in usernames if u and u.strip()))
    sides = [(u, side_of(u)) for u in names]
    for u, side in sides:
        if side is None:
            raise UserError("measurements.not_a_measurer", field="measurers", value=u)
    if {s for _, s in sides} != set(SIDES):
        raise UserError("measurements.joint_rule", field="measurers", value="、".join(names))
    return [(u, s) for u, s in sides if s is not None]
