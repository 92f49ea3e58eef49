"""Roles and the named actions each may perform; ``require`` is called inside every service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heatoffice import glossary, manifest
from heatoffice.auth.identity import verify
from heatoffice.errors import PermissionDenied

if TYPE_CHECKING:
    from heatoffice.auth.actor import Actor

# Every action a service checks and every role, with their names in the glossary.
ACTIONS = glossary.names("permission")
ROLES = glossary.names("role")


def _table() -> dict[str, frozenset[str]]:
    """Role -> the actions it may perform, from each area's manifest (action -> roles)."""
    grants = manifest.grants()
    return {role: frozenset(a for a, roles in grants.items() if role in roles) for role in ROLES}


# The whole role table (tests/unit/test_permissions.py spells it out role by role).
ROLE_PERMISSIONS: dict[str, frozenset[str]] = _table()


def allowed(role: str, action: str) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return action in ROLE_PERMISSIONS.get(role, frozenset())


def can(actor: Actor, action: str) -> bool:
    """Whether the actor's role allows ``action``, from the role the actor carries: for what a
    page shows, or a choice inside a service that :func:`require` has already verified (the
    verified role is the carried one). It reads nothing and so refuses nobody."""
    return allowed(actor.role, action)


def require(actor: Actor, action: str) -> None:
    """Raise PermissionDenied unless the actor's user is still what it logged in as (read
    again: ``identity.verify``) and its role allows ``action``."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    verify(actor)
    if not can(actor, action):
        raise PermissionDenied(action)
