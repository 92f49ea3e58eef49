"""The role table, role by role: what each desk may and may not do."""

from __future__ import annotations

import pytest

from heatoffice.auth.actor import Actor
from heatoffice.auth.permissions import ACTIONS, ROLE_PERMISSIONS, ROLES, allowed, require
from heatoffice.errors import PermissionDenied

VIEW = {"accounts.view", "org.view", "billing.view", "seasons.view"}
FEES = {"payments.take", "payments.reverse", "adjustments.view", "adjustments.propose",
        "closing.view", "day.close", "arrears.view", "dunning.record", "recheck.record"}
EXPECTED = {
    "admin": set(ACTIONS),
    "manager": set(ACTIONS) - {"users.manage", "system.demo"},
    "reception": VIEW | {"accounts.edit", "accounts.status", "accounts.view_personal"},
    "cashier": VIEW | FEES | {"accounts.view_personal"},
    "finance": VIEW | FEES | {"accounts.view_personal", "accounts.export", "audit.view",
                              "system.check", "seasons.edit", "billing.run",
                              "payments.reverse_any", "month.close", "billing.export"},
    "customer_service": VIEW | {"accounts.status", "accounts.view_personal",
                                "adjustments.view", "adjustments.propose", "arrears.view",
                                "dunning.record", "recheck.record"},
    "operations": VIEW,
    "hotline": VIEW,
    "read_only": VIEW,
}


def test_every_role_is_listed():
    assert set(ROLES) == set(EXPECTED) == set(ROLE_PERMISSIONS)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_role_permissions(role):
    for action in ACTIONS:
        assert allowed(role, action) == (action in EXPECTED[role]), (role, action)


def test_require_names_the_action():
    with pytest.raises(PermissionDenied) as err:
        require(Actor(None, "x", "read_only"), "accounts.edit")
    assert "开户、修改用户档案" in err.value.message("zh")
    assert "open and edit accounts" in err.value.message("en")


def test_unknown_action_is_a_bug():
    with pytest.raises(KeyError):
        allowed("admin", "accounts.teleport")
