"""Login users as the user-management page lists them; needs "users.manage"."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from heatoffice import clock
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.auth.permissions import require


@dataclass(frozen=True)
class UserInfo:
    username: str
    display_name: str
    role: str  # a code of the glossary's "role" group
    active: bool
    locked_until: _dt.datetime | None  # only while the lock lasts
    failed_logins: int
    last_login_at: _dt.datetime | None
    created_at: _dt.datetime

    @property
    def locked(self) -> bool:
        return self.locked_until is not None


def _info(user: User, now: _dt.datetime) -> UserInfo:
    locked = user.locked_until if user.locked_until and user.locked_until > now else None
    return UserInfo(username=user.username, display_name=user.display_name, role=user.role,
                    active=bool(user.active), locked_until=locked,
                    failed_logins=user.failed_logins, last_login_at=user.last_login_at,
                    created_at=user.created_at)


def users(actor: Actor) -> tuple[UserInfo, ...]:
    """Every login user by name, disabled ones too."""
    require(actor, "users.manage")
    now = clock.now()
    return tuple(_info(u, now) for u in User.select().order_by(User.username))


def user(actor: Actor, username: str) -> UserInfo | None:
    require(actor, "users.manage")
    found = User.get_or_none(User.username == username)
    return None if found is None else _info(found, clock.now())
