"""The acting user, read again on every service call: a session is worth only what its user
still is.

``verify(actor)`` is called by ``permissions.require`` (every service and read checks a
permission first) and by ``audit.record``/``audit.statement`` (every write's audit row, inside
the write's transaction). It reads the user's name, role and active flag by primary key and refuses
(``SessionRefused``, a ``PermissionDenied``):
- an actor with no login user behind it (made up in code, its user deleted, or an id that
  is another user's);
- a user disabled since they logged in;
- a user whose role is no longer the one they logged in with (demoted or promoted: the rights
  of an open window are the login's, so any change asks for a new login).
Inside a transaction the answer is kept for that transaction only, so a write that checks
its permission and then audits many rows reads the user once; nothing is kept across
transactions or calls outside one. Measured: docs/architecture.md, "Identities".

The program's own actor exists only inside :func:`system_work`, for the few jobs no user can
do because none exists yet or none is asked for (``SYSTEM_WORK``).
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from typing import Any

from heatoffice import glossary
from heatoffice.auth.actor import Actor
from heatoffice.auth.models import User
from heatoffice.db.connection import database
from heatoffice.errors import PermissionDenied, UserError

# What the program does as itself, each where no user can be asked:
SYSTEM_WORK = (
    "init",  # heatoffice init: the first admin of a new database, the backup record of init
    "seed",  # a new database's preloaded organisation (org/seed.py)
    "demo",  # marking a new database, still without an admin, as a demo before its admin
)

_system_work: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "heatoffice_system_work", default=None)


class SessionRefused(PermissionDenied):
    """The actor's user is gone, disabled or has another role: nothing more may be done
    with it (the desk offers to log out)."""

    def __init__(self, code: str, **params: Any) -> None:
        UserError.__init__(self, code, **params)
        self.action = ""


@contextlib.contextmanager
def system_work(reason: str) -> Iterator[Actor]:
    """The program itself as the actor (audited as "system", full rights) for one of
    ``SYSTEM_WORK``; refused by :func:`verify` once the block is left."""
    if reason not in SYSTEM_WORK:
        raise ValueError(f"no system work {reason!r}")
    token = _system_work.set(reason)
    try:
        yield Actor._system()
    finally:
        _system_work.reset(token)


def _role_term(role: str) -> object:
    return glossary.term("role", role) if glossary.has("role", role) else role


class _Seen(threading.local):
    """The last user verified inside a transaction of this thread: (transaction, id, name,
    role)."""

    last: tuple[object, int, str, str] | None = None


_seen = _Seen()


def _transaction() -> object | None:
    db = database.obj
    if db is None:
        return None
    transactions = db._state.transactions
    return transactions[0] if transactions else None


_queries: dict[str, str] = {}  # by the database's parameter mark


def _query() -> str:
    mark = database.param
    found = _queries.get(mark)
    if found is None:
        meta = User._meta
        found = _queries[mark] = (
            f'SELECT "{meta.fields["username"].column_name}", '
            f'"{meta.fields["role"].column_name}", '
            f'"{meta.fields["active"].column_name}" FROM "{meta.table_name}" '
            f'WHERE "{meta.primary_key.column_name}" = {mark}')
    return found


def verify(actor: Actor) -> None:
    """Refuse ``actor`` unless its user exists, is active and still has the role it logged in
    with (see the module's text); the system actor only inside :func:`system_work`."""
    if actor.is_system:
        if _system_work.get() is None:
            raise SessionRefused("auth.system_outside")
        return
    if actor.user_id is None:
        raise SessionRefused("auth.no_user", user=actor.username)
    role = actor.session_role
    tx = _transaction()
    last = _seen.last
    if tx is not None and last is not None and last[0] is tx \
            and last[1:] == (actor.user_id, actor.username, role):
        return
    row = database.execute_sql(_query(), (actor.user_id,)).fetchone()
    if row is None or row[0] != actor.username:  # no such user, or another one by that id
        raise SessionRefused("auth.no_user", user=actor.username)
    _name, now_role, active = row
    if not active:
        raise SessionRefused("auth.user_disabled", user=actor.username)
    if now_role != role:
        raise SessionRefused("auth.role_changed", user=actor.username, was=_role_term(role),
                             now=_role_term(now_role))
    if tx is not None:
        _seen.last = (tx, actor.user_id, actor.username, role)
