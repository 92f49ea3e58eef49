"""Login users for tests: ``seat("cashier1", "cashier")`` is an Actor whose user is made in the
test's database the first time the program reads its ``user_id``.

The program refuses an actor with no login user (heatoffice.auth.identity.verify), so a test
acts as a real user like a desk does. A seat's user is made directly in the ``user`` table
(no audit row, a password nobody can log in with) with the seat's role; a test that demotes
or disables it sees the program refuse the seat as it would refuse a desk's session.
"""

from __future__ import annotations

from typing import Any

from heatoffice.auth.actor import Actor

UNUSABLE_PASSWORD = "!"  # no hash verifies against it


class Seat(Actor):
    """An Actor (frozen dataclass) whose ``user_id`` is looked up, or made, in the database
    open now, by user name."""

    @property  # type: ignore[override]
    def user_id(self) -> int | None:
        from heatoffice import clock
        from heatoffice.auth.models import User
        from heatoffice.db.connection import database

        if database.obj is None or database.obj.is_closed():
            return None
        found = User.get_or_none(User.username == self.username)
        if found is None:
            found = User.create(username=self.username, display_name=self.display_name
                                or self.username, role=self.session_role,
                                password_hash=UNUSABLE_PASSWORD, created_at=clock.now())
        return found.id

    @user_id.setter
    def user_id(self, value: Any) -> None:  # the dataclass's __init__ sets it: looked up instead
        pass


def seat(username: str, role: str, display_name: str = "") -> Actor:
    """A test's login user ``username`` with ``role`` (see the module's text)."""
    return Seat(None, username, role, display_name)


# What tests set up as (stations, accounts, seasons, staff) where no particular desk matters:
# an administrator, "setup", where the program would have had its first admin.
SETUP = seat("setup", "admin", "系统")
