"""Log in (with lockout after repeated failures), and manage users and their roles."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from heatoffice import clock, config
from heatoffice.audit import service as audit
from heatoffice.auth.actor import Actor
from heatoffice.auth.identity import system_work
from heatoffice.auth.models import User
from heatoffice.auth.passwords import (
    MIN_LENGTH,
    PUBLISHED,
    check_strength,
    hash_password,
    needs_rehash,
    verify_nobody,
    verify_password,
)
from heatoffice.auth.permissions import ROLES, require
from heatoffice.db.connection import database, is_read_only
from heatoffice.errors import UserError
from heatoffice.validation import Collector, required

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 10
MIN_PASSWORD = MIN_LENGTH


def actor_for(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=user.role,
                 display_name=user.display_name or user.username)


def _check_password(password: str) -> str:
    """At least MIN_PASSWORD characters, not a common password, and not one of the demo's
    published passwords unless this is a demo database (heatoffice.config.is_demo)."""
    check_strength(password)
    if password in PUBLISHED and not config.is_demo():
        raise UserError("auth.published_password", field="password")
    return password


def needs_admin() -> bool:
    """True on a new database: the first start must set the admin password."""
    return not User.select().where(User.role == "admin", User.active == True).exists()  # noqa: E712


def create_first_admin(password: str, username: str = "admin") -> User:
    """Make the first administrator; refused once any admin exists. The program itself
    creates them (``system_work("init")``): nobody could log in yet."""
    if not needs_admin():
        raise UserError("auth.duplicate_user", field="username", value=username)
    with system_work("init") as system:
        return create_user(system, username, password, "admin", display_name="系统管理员")


def create_user(actor: Actor, username: str, password: str, role: str, *,
                display_name: str = "", staff_id: int | None = None) -> User:
    require(actor, "users.manage")
    v = Collector()
    username = v.check(required, username, field="username") or ""
    v.check(_check_password, password)
    if role not in ROLES:
        v.add(UserError("auth.unknown_role", field="role", value=role))
    v.raise_if_any()
    with database.atomic():
        if User.select().where(User.username == username).exists():
            raise UserError("auth.duplicate_user", field="username", value=username)
        user = User.create(username=username, display_name=display_name or username,
                           staff=staff_id, role=role, password_hash=hash_password(password),
                           created_at=clock.now())
        audit.record(actor, "users.create", "user", user.id, after=audit.snapshot(user))
    return user


def _get(username: str) -> User:
    user = User.get_or_none(User.username == username)
    if user is None:
        raise UserError("auth.user_not_found", value=username)
    return user


def set_password(actor: Actor, username: str, password: str) -> None:
    """An admin resets anyone's password (which also unlocks the user); every user may set
    their own (the desk's change-password dialog uses :func:`change_password`)."""
    if actor.username != username:
        require(actor, "users.manage")
    _check_password(password)
    with database.atomic():
        user = _get(username)
        User.update(password_hash=hash_password(password), failed_logins=0,
                    locked_until=None).where(User.id == user.id).execute()
        audit.record(actor, "users.password", "user", user.id, note="password changed")


def change_password(actor: Actor, current: str, new: str) -> None:
    """One's own password, after typing the current one: a desk left logged in does not let
    a passer-by take the login over."""
    v = Collector()
    with database.atomic():
        user = _get(actor.username)
        if not verify_password(user.password_hash, current or ""):
            v.add(UserError("auth.wrong_current_password", field="current_password"))
        v.check(_check_password, new)
        if new and new == current:
            v.add(UserError("auth.same_password", field="password"))
        v.raise_if_any()
        User.update(password_hash=hash_password(new)).where(User.id == user.id).execute()
        audit.record(actor, "users.password", "user", user.id, note="own password changed")


def _other_admins(user: User) -> int:
    return (User.select().where(User.role == "admin", User.active == True,  # noqa: E712
                                User.id != user.id).count())


def _keep_an_admin(user: User, *, role: str, active: bool) -> None:
    """Refuse the change that would leave no active administrator: nobody could then manage
    users or reset a forgotten password."""
    still_admin = role == "admin" and active
    if user.role == "admin" and user.active and not still_admin and not _other_admins(user):
        raise UserError("auth.last_admin", field="role" if role != "admin" else "active",
                        value=user.username)


def set_role(actor: Actor, username: str, role: str) -> None:
    if role not in ROLES:
        raise UserError("auth.unknown_role", field="role", value=role)
    with database.atomic():
        require(actor, "users.manage")  # inside: the actor is read before their own change
        user = _get(username)
        _keep_an_admin(user, role=role, active=user.active)
        before = audit.snapshot(user)
        user.role = role
        # the audit row first: the database refuses a role change without it just before
        audit.record(actor, "users.role", "user", user.id, before=before,
                     after=audit.snapshot(user))
        user.save(only=[User.role])


def set_active(actor: Actor, username: str, active: bool) -> None:
    with database.atomic():
        require(actor, "users.manage")  # inside: the actor is read before their own change
        user = _get(username)
        _keep_an_admin(user, role=user.role, active=active)
        before = audit.snapshot(user)
        user.active = active
        user.save()
        audit.record(actor, "users.active", "user", user.id, before=before,
                     after=audit.snapshot(user))


def unlock(actor: Actor, username: str) -> None:
    """Lift a lock from failed logins before its ten minutes are over (and clear the count)."""
    require(actor, "users.manage")
    with database.atomic():
        user = _get(username)
        before = audit.snapshot(user)
        User.update(failed_logins=0, locked_until=None).where(User.id == user.id).execute()
        audit.record(actor, "users.unlock", "user", user.id, before=before,
                     after=audit.snapshot(_get(username)))


def _login_read_only(username: str, password: str) -> Actor:
    """Login on a database opened read-only: the same checks, nothing written (no failure
    count, no last login, no audit row), so reading commands still work."""
    user = User.get_or_none(User.username == username)
    if user is None:
        verify_nobody(password)
        raise UserError("auth.bad_login")
    if user.locked_until is not None and user.locked_until > clock.now():
        raise UserError("auth.locked", until=user.locked_until.strftime("%H:%M:%S"))
    if not user.active:
        raise UserError("auth.inactive", value=username)
    if not verify_password(user.password_hash, password):
        raise UserError("auth.bad_login")
    return actor_for(user)


def login(username: str, password: str, *, write: bool = True) -> Actor:
    """Check a password; five failures in a row lock the user for ten minutes. A wrong
    password of a known user says how many tries are left before the lock. On a database
    opened read-only nothing is written (:func:`_login_read_only`), nor when ``write`` is
    False (``heatoffice check`` on a schema it does not migrate)."""
    if is_read_only() or not write:
        return _login_read_only(username, password)
    now = clock.now()
    failure: UserError | None = None
    with database.atomic():
        user = User.get_or_none(User.username == username)
        who = Actor(user_id=user.id if user else None, username=username or "?", role="")
        if user is None:
            verify_nobody(password)  # as long as a known name's check: names stay unknown
            audit.record(who, "auth.login_failed", "user", username, note="unknown user",
                         login_row=True)
            failure = UserError("auth.bad_login")
        elif user.locked_until is not None and user.locked_until > now:
            verify_nobody(password)  # the same time whatever the answer
            audit.record(who, "auth.login_failed", "user", user.id, note="locked",
                         login_row=True)
            failure = UserError("auth.locked", until=user.locked_until.strftime("%H:%M:%S"))
        elif not user.active:
            verify_nobody(password)
            audit.record(who, "auth.login_failed", "user", user.id, note="inactive",
                         login_row=True)
            failure = UserError("auth.inactive", value=username)
        elif not verify_password(user.password_hash, password):
            failed = user.failed_logins + 1
            locked = (now + _dt.timedelta(minutes=LOCK_MINUTES)
                      if failed >= MAX_FAILED_LOGINS else None)
            User.update(failed_logins=0 if locked else failed,
                        locked_until=locked).where(User.id == user.id).execute()
            audit.record(who, "auth.locked" if locked else "auth.login_failed", "user", user.id,
                         note=f"failed {failed}", login_row=True)
            failure = (UserError("auth.locked", until=locked.strftime("%H:%M:%S")) if locked
                       else UserError("auth.bad_login_left", left=MAX_FAILED_LOGINS - failed,
                                      minutes=LOCK_MINUTES))
        else:
            fields: dict[Any, Any] = {User.failed_logins: 0, User.locked_until: None,
                                      User.last_login_at: now}
            if needs_rehash(user.password_hash):
                fields[User.password_hash] = hash_password(password)
            User.update(fields).where(User.id == user.id).execute()
            actor = actor_for(user)
            audit.record(actor, "auth.login", "user", user.id)
    if failure is not None:
        raise failure
    return actor


def log_out(actor: Actor) -> None:
    """The desk's user leaves (log out, switch user): the audit log says who sat there when.
    A user disabled or given another role meanwhile still logs out (that is what they are
    asked to do)."""
    with database.atomic():
        audit.record(actor, "auth.logout", "user", actor.user_id, login_row=True)


def list_users(actor: Actor) -> list[User]:
    require(actor, "users.manage")
    return list(User.select().order_by(User.username))
