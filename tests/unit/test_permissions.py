"""The role table, role by role: what each desk may and may not do.

The table is assembled from the areas' manifests (each action lists its roles); EXPECTED
spells it out literally, so moving a grant between manifests cannot change who may do what
unnoticed."""

from __future__ import annotations

import pytest

from heatoffice.auth.permissions import ACTIONS, ROLE_PERMISSIONS, ROLES, allowed
from heatoffice.errors import PermissionDenied

# Every action there is, written out.
ALL = {"accounts.view", "accounts.edit", "accounts.status", "accounts.view_personal",
       "accounts.export", "org.view", "org.edit", "org.assign", "users.manage", "audit.view",
       "settings.edit", "system.check", "system.demo", "billing.view", "seasons.view",
       "seasons.edit", "tariffs.change_billed", "billing.run", "payments.take",
       "payments.reverse", "payments.reverse_any", "adjustments.view", "adjustments.propose",
       "adjustments.approve", "closing.view", "day.close", "month.close", "arrears.view",
       "dunning.record", "recheck.record", "billing.export", "measurements.view",
       "measurements.record", "measurements.review", "measurements.apply",
       "measurements.rules", "measurements.export", "applications.view",
       "applications.receive", "applications.accept", "applications.complete",
       "applications.reassign", "applications.exception", "applications.checklists",
       "backups.make", "backups.restore",
       "imports.use", "imports.accounts", "imports.balances", "imports.payments",
       "service.view", "service.calls", "service.dispatch", "service.work", "service.visit",
       "service.export", "complaints.view", "complaints.record", "complaints.escalated",
       "inspections.view", "inspections.record", "tempchecks.view", "tempchecks.record",
       "tempchecks.refund", "dashboard.view", "reports.view", "reports.export"}
VIEW = {"accounts.view", "org.view", "billing.view", "seasons.view", "measurements.view",
        "applications.view", "service.view", "complaints.view", "inspections.view",
        "tempchecks.view", "dashboard.view"}
# the hotline takes calls, dispatches, visits back and closes; operations dispatch and work
# the orders; customer service does all of it
CALLS = {"service.calls", "service.dispatch", "service.visit", "service.export"}
FEES = {"payments.take", "payments.reverse", "adjustments.view", "adjustments.propose",
        "closing.view", "day.close", "arrears.view", "dunning.record", "recheck.record"}
EXPECTED = {
    "admin": ALL,
    # a manager receives and reassigns applications, records arrears exceptions; only
    # reception accepts and only the department completes
    "manager": ALL - {"users.manage", "system.demo", "applications.accept",
                      "applications.complete", "applications.checklists", "backups.make",
                      "backups.restore"},
    "reception": VIEW | {"accounts.edit", "accounts.status", "accounts.view_personal",
                         "applications.receive", "applications.accept", "imports.use",
                         "imports.accounts", "complaints.record"},
    "cashier": VIEW | FEES | {"accounts.view_personal", "measurements.record", "imports.use",
                              "imports.payments"},
    "finance": VIEW | FEES | {"accounts.view_personal", "accounts.export", "audit.view",
                              "system.check", "seasons.edit", "billing.run",
                              "payments.reverse_any", "month.close", "billing.export",
                              "measurements.record", "measurements.review",
                              "measurements.apply", "measurements.export",
                              "applications.complete", "imports.use", "imports.balances",
                              "imports.payments", "reports.view", "reports.export"},
    "customer_service": VIEW | {"accounts.status", "accounts.view_personal",
                                "adjustments.view", "adjustments.propose", "arrears.view",
                                "dunning.record", "recheck.record", "measurements.record",
                                "measurements.review", "measurements.export",
                                "applications.complete"} | CALLS | {"service.work"}
    | {"complaints.record", "inspections.record", "tempchecks.record", "tempchecks.refund"},
    "operations": VIEW | {"applications.complete", "service.dispatch", "service.work",
                          "service.export", "tempchecks.record"},
    "hotline": VIEW | CALLS | {"complaints.record"},
    "read_only": VIEW,
}


def test_every_role_is_listed():
    assert set(ROLES) == set(EXPECTED) == set(ROLE_PERMISSIONS)


def test_the_assembled_table_is_exactly_the_expected_one():
    assert set(ACTIONS) == ALL
    assert ROLE_PERMISSIONS == {role: frozenset(actions) for role, actions in EXPECTED.items()}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_role_permissions(role):
    for action in ACTIONS:
        assert allowed(role, action) == (action in EXPECTED[role]), (role, action)


def test_a_refusal_names_the_action():
    # require itself reads the user: tests/db/test_identities.py
    err = PermissionDenied("accounts.edit")
    assert "开户、修改用户档案" in err.message("zh")
    assert "open and edit accounts" in err.message("en")


def test_unknown_action_is_a_bug():
    with pytest.raises(KeyError):
        allowed("admin", "accounts.teleport")
