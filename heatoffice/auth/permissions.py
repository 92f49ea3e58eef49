"""Roles and the named actions each may perform; ``require`` is called inside every service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heatoffice import glossary
from heatoffice.errors import PermissionDenied

if TYPE_CHECKING:
    from heatoffice.auth.actor import Actor

# Every action a service checks and every role, with their names in the glossary.
ACTIONS = glossary.names("permission")
ROLES = glossary.names("role")

# Seasons and tariffs are printed on every bill, so whoever sees bills sees them too.
_VIEW = {"accounts.view", "org.view", "billing.view", "seasons.view"}
# The fee desk follows the adjustments it proposes and sees the day it closes.
_FEES = {"payments.take", "payments.reverse", "adjustments.view", "adjustments.propose",
         "closing.view", "day.close", "arrears.view", "dunning.record", "recheck.record"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(ACTIONS),
    "manager": frozenset(ACTIONS) - {"users.manage", "system.demo"},
    "reception": frozenset(_VIEW | {"accounts.edit", "accounts.status", "accounts.view_personal"}),
    "cashier": frozenset(_VIEW | _FEES | {"accounts.view_personal"}),
    "finance": frozenset(_VIEW | _FEES | {"accounts.view_personal", "accounts.export",
                                          "audit.view", "system.check", "seasons.edit",
                                          "billing.run", "payments.reverse_any", "month.close",
                                          "billing.export"}),
    "customer_service": frozenset(_VIEW | {"accounts.status", "accounts.view_personal",
                                           "adjustments.view", "adjustments.propose",
                                           "arrears.view", "dunning.record",
                                           "recheck.record"}),
    "operations": frozenset(_VIEW),
    "hotline": frozenset(_VIEW),
    "read_only": frozenset(_VIEW),
}


def allowed(role: str, action: str) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return action in ROLE_PERMISSIONS.get(role, frozenset())


def can(actor: Actor, action: str) -> bool:
    return allowed(actor.role, action)


def require(actor: Actor, action: str) -> None:
    """Raise PermissionDenied unless the actor's role allows ``action``."""
    if not can(actor, action):
        raise PermissionDenied(action)
