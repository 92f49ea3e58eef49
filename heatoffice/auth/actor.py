"""Who is doing something: passed to every service so it can check permission and audit.

An actor is a login user as the session knows them: the user's id, name and role when they
logged in. It is not trusted as carried: ``heatoffice.auth.identity.verify`` (called by
``require`` and by ``audit.record``) reads the user again on every service call and refuses
an actor whose user is gone, disabled or has another role now. Two actors are not login
sessions, each made in one place only (tests/unit/test_identity_sources.py enforces where):
- the program itself, :func:`heatoffice.auth.identity.system_work` (setting a new database
  up: its first admin, the preloaded organisation, init's backup record, marking a demo);
- a user with the rights an approved application gives (:meth:`Actor.elevated`, only in
  ``reception/effects.py``), verified as the user they are.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

# The key of the program's own actor: only heatoffice.auth.identity.system_work hands out an
# actor holding it, and only inside its ``with`` block does verify accept it.
_SYSTEM_KEY = object()


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str
    display_name: str = ""
    # the role the user logged in with, when ``role`` is one an application granted
    login_role: str = ""
    _key: object = field(default=None, repr=False, compare=False)

    @property
    def is_system(self) -> bool:
        """The program itself (see :func:`heatoffice.auth.identity.system_work`)."""
        return self._key is _SYSTEM_KEY

    @property
    def session_role(self) -> str:
        """The role the user must still have for this actor to act: the login's."""
        return self.login_role or self.role

    def elevated(self, role: str) -> Actor:
        """This user with the rights of ``role`` for work an approval already allowed (an
        application's effects); still verified as the user with their own role."""
        return dataclasses.replace(self, role=role, login_role=self.session_role)

    @classmethod
    def _system(cls) -> Actor:
        return cls(user_id=None, username="system", role="admin", display_name="系统",
                   _key=_SYSTEM_KEY)
