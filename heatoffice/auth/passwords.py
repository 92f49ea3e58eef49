"""Password hashing with argon2id (about 130 ms a login on the office machine), and the rules
a new password must meet: at least MIN_LENGTH characters, not a common password."""

from __future__ import annotations

from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from heatoffice.errors import UserError

_hasher = PasswordHasher()
_dummy: str | None = None

MIN_LENGTH = 10
# The passwords README and the demo print, known to anyone who read them: set only on a demo
# database (heatoffice.auth.service checks it). Each meets the rules above.
DEMO_ADMIN_PASSWORD = "demo-admin-1"
DEMO_PASSWORD = "demo-user-1"
PUBLISHED = frozenset({DEMO_ADMIN_PASSWORD, DEMO_PASSWORD})
COMMON_FILE = "common-passwords.txt"  # package data beside this module (setup.cfg)


def use_fast_hashing() -> None:
    """Cheap parameters for the test suite only; never call this in the program."""
    global _hasher, _dummy
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    _dummy = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify_nobody(password: str) -> bool:
    """Check ``password`` against a hash nobody's password matches, with the same parameters
    as a real one: a login for an unknown user name costs as much time as for a known one, so
    the time taken does not tell which names exist. Always False."""
    global _dummy
    if _dummy is None:
        _dummy = _hasher.hash("no user has this password: " + MIN_LENGTH * "x")
    verify_password(_dummy, password)
    return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-case."""
    text = resources.files("heatoffice.auth").joinpath(COMMON_FILE).read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def check_strength(password: str | None, field: str = "password") -> str:
    """``password`` when it has MIN_LENGTH characters or more and is not a common one."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        raise UserError("auth.weak_password", field=field, min=MIN_LENGTH)
    if password.lower() in common_passwords():
        raise UserError("auth.common_password", field=field)
    return password
